"""Every link and anchor inside the built site resolves, in both languages."""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.sitepages import tags

ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}
NOT_FILES = ("mailto:", "tel:", "data:", "javascript:", "blob:")


@functools.cache
def _ids(path: Path) -> frozenset[str]:
    return frozenset(a["id"] for _, a in tags(path.read_text(encoding="utf-8")) if "id" in a)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = []
    # 404.html links relative to its own folder too; <base> (overrides/404.html) keeps them right
    # when it is served for a missing address deeper down.
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        for tag, attributes in tags(page.read_text(encoding="utf-8")):
            target = attributes.get(ATTRIBUTES.get(tag, ""), "")
            if not target or target.startswith(NOT_FILES):
                continue
            parts = urlsplit(target)
            assert not parts.scheme and not parts.netloc, f"{page}: outside link {target}"
            assert not parts.path.startswith("/"), f"{page}: root-relative link {target} breaks file://"
            file = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{page.relative_to(site)} → {target} (no file)")
            elif parts.fragment and file.suffix == ".html" and unquote(parts.fragment) not in _ids(file):
                broken.append(f"{page.relative_to(site)} → {target} (no anchor)")
    assert broken == []


def test_language_menu_links_resolve_to_the_same_page(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(("assets/", "en/assets/")) or relative.endswith("404.html"):
            continue
        links = {a["hreflang"]: a["href"] for t, a in tags(page.read_text(encoding="utf-8"))
                 if t == "a" and "md-select__link" in a.get("class", "")}
        path = relative.removeprefix("en/")
        for language, href in links.items():
            target = posixpath.normpath(posixpath.join(posixpath.dirname(relative), href))
            assert target == (path if language == "ja" else "en/" + path), (relative, href)
