"""Helpers to read the built site: which pages it has, and what they link to."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# Folders of the build that hold assets, not pages.
NOT_PAGES = {"assets", "search", "en"}
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def leaving(requests: list[str], origin: str) -> list[str]:
    """The requests that went anywhere but the site itself."""
    return [url for url in requests if not url.startswith((origin, *LOCAL_SCHEMES))]


def page_paths(language_root: Path) -> set[str]:
    """HTML pages of one language edition, relative to its root (404 page excluded)."""
    found = set()
    for path in language_root.rglob("*.html"):
        relative = path.relative_to(language_root)
        if relative.parts[0] in NOT_PAGES or relative.as_posix() == "404.html":
            continue
        found.add(relative.as_posix())
    return found


class _Collector(HTMLParser):
    """Collects tag attributes and the nav links of Material's primary sidebar."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of a document with its attributes."""
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def html_lang(html: str) -> str:
    """The lang attribute of the <html> element."""
    return next(attributes.get("lang", "") for tag, attributes in tags(html) if tag == "html")
