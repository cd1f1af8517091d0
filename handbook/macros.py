"""Macros and variables available to every page (mkdocs-macros ``define_env``).

Only wiring lives here; text comes from strings.yml and markup from templates/.
"""

from __future__ import annotations

import datetime
from typing import Any

from mkdocs.utils import get_relative_url

from handbook.glossary import terms
from handbook.render import render
from handbook.strings import strings


def _language(env: Any) -> str:
    # Each language is its own build, so the theme language is the page language.
    return str(env.conf["theme"]["language"])


def _url_from_page(env: Any, target: str) -> str:
    """Link from the page being rendered to another page of the same language."""
    return get_relative_url(target, env.page.url)


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


def on_post_page_macros(env: Any) -> None:
    """Give the technical terms of the glossary a hover explanation on every page."""
    language = _language(env)
    definitions = [
        f"*[{term.term(language)}]: {term.note(language)}" for term in terms() if term.tooltip
    ]
    env.markdown += "\n\n" + "\n".join(definitions) + "\n"
