"""Macros and variables available to every page (mkdocs-macros ``define_env``).

Only wiring lives here; text comes from strings.yml and the data files, markup from templates/,
company data from the profile (handbook.profile). Every value from the profile reaches a page
through an autoescaping template, or through ``inline()`` for running text.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from handbook.checklists import Checklist, checklist, checklists
from handbook.errors import HandbookError
from handbook.glossary import terms
from handbook.letters import is_replaced, letter, letters, render_letter
from handbook.profile import Profile, load_profile, profile_dir
from handbook.quizzes import quiz
from handbook.review import review_settings, reviewed_on
from handbook.render import fragment, render
from handbook.strings import strings

# Browser storage is shared by every handbook opened from the same origin (all of file://, for
# one): the prefix keeps this handbook's ticks apart from other handbooks'.
STORAGE_PREFIX = "crisis-handbook"
LETTER_FILES = "templates/files"
PLACEHOLDER = re.compile(r"【[^【】\n]+】|\[[A-Z0-9][A-Z0-9 ,.'/&()-]*\]")
# Characters that HTML or Markdown would read as markup inside running text, as entities.
INERT = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~:"}


def _language(env: Any) -> str:
    # Each language is its own build, so the theme language is the page language.
    return str(env.conf["theme"]["language"])


def _url_from_page(env: Any, target: str) -> str:
    """Link from the page being rendered to another page (or file) of the same language."""
    return get_relative_url(target, env.page.url)


def inline(value: str) -> str:
    """A profile value for running Markdown text: HTML-escaped and inert as Markdown."""
    return value.translate(INERT)


def marked(text: str) -> Markup:
    """Escaped letter text with the incident placeholders highlighted."""
    parts: list[Markup] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(Markup('<mark class="placeholder">{}</mark>').format(match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


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


class Handbook:
    """What the macros of one build need: the language, the profile and the texts."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.language = _language(env)
        self.t = strings(self.language)
        self.profile_dir = profile_dir()
        self.profile: Profile = load_profile(self.profile_dir)
        self.today = datetime.date.today()
        self.company = self.profile.company.name(self.language)

    @property
    def stale(self) -> bool:
        return self.profile.contacts_stale(self.today)

    def calls(self) -> list[dict[str, str]]:
        """The escalation chain, in order, with everything needed to call each person."""
        calls = []
        for step in self.profile.escalation:
            person = self.profile.person(step.person)
            calls.append({
                "name": person.name(self.language),
                "title": person.title(self.language),
                "role": self.t[f"role_{person.role}"],
                "phone": person.phone,
                "tel": person.tel,
                "email": str(person.email),
                "within": self.t["contacts_within"].format(minutes=step.within_minutes),
            })
        return calls

    def storage_key(self, slug: str) -> str:
        company = hashlib.sha256(self.profile.company.name.ja.encode("utf-8")).hexdigest()[:8]
        return f"{STORAGE_PREFIX}:{company}:{self.language}:{slug}"

    def links(self, items: Any) -> dict[str, dict[str, str]]:
        """For each item (anything with .id and .page): a link to its page, and the page title."""
        return {
            item.id: {
                "url": _url_from_page(self.env, item.page.removesuffix(".md") + ".html"),
                "title": _page_title(self.env.conf["docs_dir"], item.page),
            }
            for item in items
        }

    def checklist_html(self, found: Checklist, *, sheet: bool) -> Markup:
        links = self.links(found.items)
        return fragment("checklist.html", checklist=found, language=self.language, t=self.t,
                        links=links, sheet=sheet, company=self.company,
                        storage_key=self.storage_key(found.slug))

    def letter_file(self, name: str) -> str:
        return f"{name}.{self.language}.txt"

    @functools.cache  # noqa: B019 - one Handbook per build; the page and the download share it
    def letter_text(self, name: str) -> str:
        """A letter template filled in, in this build's language."""
        return render_letter(self.profile, self.profile_dir, name, self.language)


def define_env(env: Any) -> None:
    """Register the handbook's variables and macros with mkdocs-macros."""
    handbook = Handbook(env)
    env.variables["build_date"] = handbook.today.isoformat()
    # For the theme templates (overrides/main.html): the sample notice and the private switch.
    env.conf["extra"]["handbook"] = {
        "sample": handbook.profile.sample,
        "sample_notice": handbook.t["sample_notice"],
        "private": handbook.profile.deployment.private,
        "review_owner": handbook.t["review_owner"],
        "review_date": handbook.t["review_date"],
        "review_stale": handbook.t["review_stale"],
    }
    env.handbook = handbook  # for on_post_build

    @env.macro
    def company_name() -> str:
        """The company's name in the page language, safe for running text."""
        return inline(handbook.company)

    @env.macro
    def contacts_box() -> str:
        """The company's escalation contacts, shown at the top of crisis pages."""
        return render("contacts_box.html", t=handbook.t, company=handbook.company,
                      calls=handbook.calls(), stale=handbook.stale,
                      open=env.page.url in ("crisis/start-here.html", "contacts.html"),
                      confirmed=handbook.profile.contacts.last_confirmed.isoformat(),
                      contacts_url=_url_from_page(env, "contacts.html"))

    @env.macro
    def escalation_table() -> str:
        """Everyone in the escalation chain, in calling order, with phone and e-mail."""
        return render("escalation_table.html", t=handbook.t, calls=handbook.calls(),
                      stale=handbook.stale,
                      confirmed=handbook.profile.contacts.last_confirmed.isoformat())

    @env.macro
    def liaison_rules() -> str:
        """The company's rules for talking to the client."""
        rules = handbook.profile.client_liaison
        liaison = handbook.profile.by_role("client_liaison") or handbook.profile.by_role("president")
        assert liaison is not None
        t = handbook.t
        return render(
            "liaison_rules.html",
            first_contact=t["rules_first_contact"].format(minutes=rules.first_contact_within_minutes),
            report_every=t["rules_report_every"].format(hours=rules.report_every_hours),
            single_contact=t["rules_single_contact"].format(name=liaison.name(handbook.language),
                                                            phone=liaison.phone),
        )

    @env.macro
    def site_visit() -> str:
        """The address of the site, and how to get there."""
        visit = handbook.profile.site_visit
        return render("site_visit.html", t=handbook.t, address=visit.address(handbook.language),
                      note=visit.note(handbook.language) if visit.note else None)

    @env.macro
    def glossary_table() -> str:
        """The glossary as a table: Japanese, English, and the meaning in the page language."""
        return render("glossary_table.html", t=handbook.t, terms=terms(), language=handbook.language)

    def checklist_macro(slug: str) -> str:
        """One checklist, with ticks kept in the browser."""
        return f"\n\n{handbook.checklist_html(checklist(slug), sheet=False)}\n\n"

    env.macro(checklist_macro, "checklist")

    @env.macro
    def checklist_links() -> str:
        """A list of every checklist page, with when each is used."""
        return _link_list((found.title, found.slug, found.when) for found in checklists())

    @env.macro
    def print_pack() -> str:
        """Every checklist of this language: a cover, then one sheet per checklist."""
        return render("print_pack.html", language=handbook.language, checklists=checklists(),
                      company=handbook.company,
                      sheets=[handbook.checklist_html(found, sheet=True) for found in checklists()])

    def letter_macro(name: str) -> str:
        """A letter template filled with the company's data: copy block and download."""
        found = letter(name)
        language = handbook.language
        text = handbook.letter_text(name)
        replaced = is_replaced(handbook.profile, name, language)
        return render("letter.html", t=handbook.t, name=name, use=found.use(language),
                      text=marked(text), replaced=replaced,
                      download_url=_url_from_page(env, f"{LETTER_FILES}/{handbook.letter_file(name)}"),
                      download_name=handbook.letter_file(name))

    env.macro(letter_macro, "letter")

    def quiz_macro(slug: str) -> str:
        """A course's self-check: radio buttons, instant feedback, a score."""
        found = quiz(slug)
        return render("quiz.html", quiz=found, language=handbook.language, t=handbook.t,
                      links=handbook.links(found.questions))

    env.macro(quiz_macro, "quiz")

    @env.macro
    def letter_links() -> str:
        """A list of every letter template page, with when each is used."""
        return _link_list((found.title, found.name, found.use) for found in letters())

    def _link_list(entries: Any) -> str:
        """Markdown list of sibling pages: (title, slug, description) in both languages."""
        language = handbook.language
        return "\n".join(f"- [{title(language)}]({slug}.md) — {about(language)}"
                          for title, slug, about in entries)


def on_pre_page_macros(env: Any) -> None:
    """Mark a page whose last review is older than the allowed age (shown in its footer)."""
    reviewed = reviewed_on(env.page.meta)
    max_age_days = review_settings(env.conf["extra"])
    env.page.meta["review_stale"] = bool(
        reviewed and (datetime.date.today() - reviewed).days > max_age_days)


def on_post_page_macros(env: Any) -> None:
    """Give the technical terms of the glossary a hover explanation on every page."""
    language = _language(env)
    definitions = [
        f"*[{term.term(language)}]: {term.note(language)}" for term in terms() if term.tooltip
    ]
    env.markdown += "\n\n" + "\n".join(definitions) + "\n"


def on_post_build(env: Any) -> None:
    """Write the letter downloads and, for a private deployment, a robots.txt."""
    handbook: Handbook = env.handbook
    site_dir = Path(env.conf["site_dir"])
    folder = site_dir / LETTER_FILES
    folder.mkdir(parents=True, exist_ok=True)
    for found in letters():
        (folder / handbook.letter_file(found.name)).write_text(handbook.letter_text(found.name),
                                                               encoding="utf-8")
    if handbook.profile.deployment.private:
        (site_dir / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
