"""Section anchors: the same id for the same section in both languages.

A link to a section (``start-here.html#do-this-now``) then survives the language switch and edits
to a heading's wording. English headings get their id from their text (the ``toc`` extension's own
slug). Japanese headings name the English id with attr_list (``## 今すぐやること { #do-this-now }``,
spaced because ``{#`` opens a Jinja comment), because the slug of a Japanese heading is only a
counter (``_1``, ``_2``) that shifts with every edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

HEADING = re.compile(r"^(#{2,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
EXPLICIT = re.compile(r"\{[^{}]*#([\w-]+)[^{}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# What Markdown would turn into markup, left out of a heading's text before it is slugged.
MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")


@dataclass(frozen=True)
class Heading:
    line: int
    text: str
    anchor: str
    explicit: bool


def headings(markdown: str, first_line: int = 1) -> list[Heading]:
    """The section headings (level 2 and below) of a page body, with the id each will get."""
    found: list[Heading] = []
    ids: set[str] = set()
    fenced = False
    for number, line in enumerate(markdown.splitlines(), start=first_line):
        if FENCE.match(line):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if not match:
            continue
        text = match.group(2)
        explicit = EXPLICIT.search(text)
        if explicit:
            anchor = explicit.group(1)
            text = text[:explicit.start()].rstrip()
        else:
            anchor = unique(slugify(MARKUP.sub(r"\1", text), "-"), ids)
        ids.add(anchor)
        found.append(Heading(number, text, anchor, bool(explicit)))
    return found
