"""MkDocs hooks (``hooks:`` in mkdocs.yml): build-speed settings for the theme's templates."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from handbook.render import bytecode_cache


def on_env(env: Environment, **kwargs: Any) -> Environment:
    """Keep Material's compiled templates between builds (checked against their source)."""
    env.bytecode_cache = bytecode_cache()
    return env
