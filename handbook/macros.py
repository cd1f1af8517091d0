"""Macros and variables available to every page (mkdocs-macros ``define_env``).

Only wiring lives here; text comes from strings.yml and the data files, markup from templates/.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url

from handbook.checklists import Checklist, checklist, checklists
from handbook.errors import HandbookError
from handbook.glossary import terms
from handbook.render import fragment, render
from handbook.strings import strings

# Browser storage is shared by every handbook opened from the same origin (all of file://, for
# one): the prefix keeps this handbook's ticks apart from others'.
STORAGE_PREFIX = "crisis-handbook"


def _language(env: Any) -> str:
    # Each language is its own build, so the theme language is the page language.
    return str(env.conf["theme"]["language"])


def _url_from_page(env: Any, target: str) -> str:
    """Link from the page being rendered to another page of the same language."""
    return get_relative_url(target, env.page.url)


@functools.cache
def _page_title(docs_dir: str, page: str) -> str:
    """The H1 of a Markdown page in this language (what the reader sees as its title)."""
    path = Path(docs_dir) / page
    if not path.is_file():
        raise HandbookError(f"{path}: page not found (linked from a checklist item)")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise HandbookError(f"{path}: no '# ' title line")


def _company(env: Any) -> str:
    return str(env.conf["site_name"])


def _checklist_html(env: Any, found: Checklist, *, sheet: bool) -> Any:
    language = _language(env)
    docs_dir = env.conf["docs_dir"]
    links = {
        item.id: {
            "url": _url_from_page(env, item.page.removesuffix(".md") + ".html"),
            "title": _page_title(docs_dir, item.page),
        }
        for item in found.items
    }
    return fragment(
        "checklist.html",
        checklist=found,
        language=language,
        t=strings(language),
        links=links,
        sheet=sheet,
        company=_company(env),
        storage_key=f"{STORAGE_PREFIX}:{language}:{found.slug}",
    )


def define_env(env: Any) -> None:
    """Register the handbook's variables and macros with mkdocs-macros."""
    env.variables["build_date"] = datetime.date.today().isoformat()

    @env.macro
    def contacts_box() -> str:
        """The company's contacts box, shown at the top of crisis pages."""
        return render(
            "contacts_box.html",
            t=strings(_language(env)),
            contacts_url=_url_from_page(env, "contacts.html"),
        )

    @env.macro
    def glossary_table() -> str:
        """The glossary as a table: Japanese, English, and the meaning in the page language."""
        language = _language(env)
        return render("glossary_table.html", t=strings(language), terms=terms(), language=language)

    def checklist_macro(slug: str) -> str:
        """One checklist, with ticks kept in the browser."""
        return f"\n\n{_checklist_html(env, checklist(slug), sheet=False)}\n\n"

    env.macro(checklist_macro, "checklist")

    @env.macro
    def checklist_links() -> str:
        """A list of every checklist page, with when each is used."""
        language = _language(env)
        return "\n".join(
            f"- [{found.title(language)}]({found.slug}.md) — {found.when(language)}"
            for found in checklists()
        )

    @env.macro
    def print_pack() -> str:
        """Every checklist of this language: a cover, then one sheet per checklist."""
        return render(
            "print_pack.html",
            language=_language(env),
            checklists=checklists(),
            company=_company(env),
            sheets=[_checklist_html(env, found, sheet=True) for found in checklists()],
        )


def on_post_page_macros(env: Any) -> None:
    """Give the technical terms of the glossary a hover explanation on every page."""
    language = _language(env)
    definitions = [
        f"*[{term.term(language)}]: {term.note(language)}" for term in terms() if term.tooltip
    ]
    env.markdown += "\n\n" + "\n".join(definitions) + "\n"
