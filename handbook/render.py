"""HTML fragments for pages, rendered from Jinja templates with autoescaping."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
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


# Characters that HTML or Markdown would read as markup inside running text, as entities.
INERT = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~:"}


def inline(value: str) -> str:
    """A profile value for running Markdown text: one line, HTML-escaped and inert as Markdown."""
    return " ".join(value.split()).translate(INERT)
