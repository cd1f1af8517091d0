"""Compiled Jinja templates kept between builds; also an MkDocs hook (``hooks:`` in mkdocs.yml).

Compiling templates (Material's and ours) is a large share of a build's time, so every Jinja
environment of the build keeps its compiled templates in Jinja's bytecode cache, in a private
folder (mode 0700) of the user's temporary folder:

- Jinja checks each entry against its template's source, so an edited template is compiled afresh;
- the file names carry the Jinja version and the environment's settings (autoescaping among
  them), so code compiled under other settings is never reused;
- a cache that cannot be read or written only means compiling again, never a failed build.

MkDocs loads this file by its path, without the handbook package on ``sys.path``: it imports
nothing from the handbook.
"""

from __future__ import annotations

import functools
import hashlib
import tempfile
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

SAMPLE_NAMES = ("page.html", "page.xml", "letter.txt", "template")


class TolerantBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, treating a missing, full or vanished folder as a cache miss."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _describe(value: Any) -> str:
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


def settings_tag(environment: Environment) -> str:
    """A short hash of everything in an environment that changes the compiled code."""
    autoescape = environment.autoescape
    settings = [
        jinja2.__version__,
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        sorted(environment.extensions), _describe(environment.finalize),
        [autoescape(name) if callable(autoescape) else autoescape for name in SAMPLE_NAMES],
    ]
    return hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]


@functools.cache
def _cache(tag: str, folder: str) -> TolerantBytecodeCache | None:
    """One cache per settings and temporary folder (Jinja reads $TMPDIR when the cache is made)."""
    try:
        return TolerantBytecodeCache(pattern=f"__handbook_{tag}_%s.cache")
    except (OSError, RuntimeError):  # no usable temporary folder: compile every time
        return None


def cache_compiled_templates(environment: Environment) -> Environment:
    """Give an environment the shared cache (unless the temporary folder cannot hold it)."""
    environment.bytecode_cache = _cache(settings_tag(environment), tempfile.gettempdir())
    return environment


def on_env(env: Environment, **kwargs: Any) -> Environment:
    """MkDocs hook: Material's templates use the cache too."""
    return cache_compiled_templates(env)
