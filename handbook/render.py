"""HTML fragments for pages, rendered from Jinja templates with autoescaping."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")


@functools.cache
def bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between builds, in a private folder of the user's temporary folder.

    Compiling templates (Material's and ours) is a large share of a build's time. Jinja checks
    each entry against its template's source, so an edited template is compiled afresh; when
    the folder cannot be used, templates are simply compiled every time.
    """
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache(),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def fragment(template: str, **values: Any) -> Markup:
    """Render one template; every value is escaped unless it is already Markup."""
    return Markup(_environment().get_template(template).render(**values).strip())


def render(template: str, **values: Any) -> str:
    """Render a template as a block for a Markdown page."""
    # Blank lines around the fragment keep Markdown from wrapping it in a paragraph.
    return f"\n\n{fragment(template, **values)}\n\n"
