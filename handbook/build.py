"""Everything one language edition of the handbook needs, checked once, before any page is built.

``prepare`` is the build's single entry point for the rules: bilingual parity, the content data
(checklists, quizzes, letters, glossary, strings) and their cross-references, the company profile
and its letter templates (rendered once, in the sandbox), every page's owner and review date.
It raises a ProblemError naming file, line and key; it imports nothing from MkDocs, so any site
generator can call it (handbook.plugin is the MkDocs adapter).
"""

from __future__ import annotations

import base64
import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook.checklists import Checklist, load_checklists
from handbook.data import DataError, files_below, fingerprint, read_yaml
from handbook.errors import HandbookError
from handbook.filling import Filling, document_script, load_filling
from handbook.documents import render_letters
from handbook.glossary import Term, load_glossary
from handbook.letters import Letter, load_letters
from handbook.messages import Problem, found
from handbook.wordfile import letter_docx
from handbook.pages import (
    Page,
    all_pages,
    check_pages,
    check_parity,
    expand_nav,
    generated_pages,
    in_sections,
)
from handbook.profile import Profile, load_profile, stale_warning
from handbook.quizzes import Quiz, load_quizzes
from handbook.strings import load_strings
from handbook.yamlsource import key_name

PACKAGE = Path(__file__).resolve().parent
LANGUAGES = ("ja", "en")
DEFAULT_MAX_AGE_DAYS = 365


@dataclass(frozen=True)
class Content:
    """The content data, in both languages, validated together."""

    root: Path
    checklists: tuple[Checklist, ...]
    quizzes: tuple[Quiz, ...]
    letters: tuple[Letter, ...]
    glossary: tuple[Term, ...]
    strings: dict[str, Any]

    def t(self, language: str) -> dict[str, str]:
        """The interface strings in one language."""
        return {key: text(language) for key, text in self.strings.items()}

    def checklist(self, slug: str) -> Checklist:
        return _named(self.checklists, "slug", slug, "checklist")

    def quiz(self, slug: str) -> Quiz:
        return _named(self.quizzes, "slug", slug, "quiz")

    def letter(self, name: str) -> Letter:
        return _named(self.letters, "name", name, "letter")


def _named(records: tuple[Any, ...], field: str, value: str, kind: str) -> Any:
    """One record by its name, or an error a page's author can act on."""
    for record in records:
        if getattr(record, field) == value:
            return record
    known = ", ".join(getattr(record, field) for record in records)
    raise HandbookError(f"no {kind} named {value!r} (a page asks for it); known: {known}")


@dataclass(frozen=True)
class Edition:
    """One language's build: the content, the company profile, the pages and the letters."""

    language: str
    docs_dir: Path
    content: Content
    profile: Profile
    profile_dir: Path
    pages: dict[str, Page]
    letters: dict[str, str]
    today: datetime.date
    max_age_days: int
    warnings: tuple[str, ...] = field(default=())
    word_files: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    filling: Filling | None = field(default=None, repr=False, compare=False)

    def letter_docx(self, name: str) -> bytes:
        """A letter of this language as a Word file (handbook.wordfile), made once per build."""
        if name not in self.word_files:
            self.word_files[name] = letter_docx(self.letters[name], self.language,
                                                self.content.letter(name).title(self.language), self.today)
        return self.word_files[name]

    def document_script(self, name: str) -> str:
        """The letter for the incident page to fill from an incident (handbook.filling)."""
        assert self.filling is not None
        return document_script(name, self.language, self.letters[name], self.letter_docx(name), self.filling)

    def letter_docx_base64(self, name: str) -> str:
        """The Word file as base64, for the page to save it from file:// (letter-files.js)."""
        return base64.b64encode(self.letter_docx(name)).decode("ascii")

    @property
    def generated(self) -> list[Page]:
        return [page for page in self.pages.values() if page.markdown is not None]

    def title(self, page: str) -> str:
        """The title of a page of this language."""
        return self.pages[page].title

    def review_stale(self, reviewed: Any) -> bool:
        return isinstance(reviewed, datetime.date) and (self.today - reviewed).days > self.max_age_days


def load_content(root: Path = PACKAGE) -> Content:
    """Every content data file under ``root``, each validated; a DataError names file, line and key."""
    return Content(root, load_checklists(root), load_quizzes(root), load_letters(root), load_glossary(root),
                   load_strings(root))


def _links(content: Content, pages: dict[str, Page], language: str) -> list[Problem]:
    """Every checklist item and quiz question links to a page that exists."""
    problems: list[Problem] = []
    for kind, records in (("checklists", content.checklists), ("quizzes", content.quizzes)):
        for record in records:
            entries = record.items if kind == "checklists" else record.questions  # type: ignore[union-attr]
            for number, entry in enumerate(entries):
                if entry.page not in pages:
                    path = content.root / kind / f"{record.slug}.yml"
                    where = ("items" if kind == "checklists" else "questions", number, "page")
                    problems.append(found("page_link_missing", entry.page, file=path,
                                          line=read_yaml(path).line(where), key=key_name(where),
                                          values={"folder": f"docs/{language}"}))
    return problems


@functools.lru_cache(maxsize=4)
def _profile(profile_dir: Path, names: tuple[str, ...], stamp: tuple, today: datetime.date) -> Profile:
    """The profile, read once for both languages (and again only when a file of it changes)."""
    return load_profile(profile_dir, today=today, letter_names=names)


_RENDERED: dict[tuple, dict[str, str]] = {}


def _letters(profile: Profile, profile_dir: Path, content: Content, stamp: tuple, language: str) -> dict[str, str]:
    """Every letter of one language, rendered once per build (the page and the download share it)."""
    key = (profile_dir, content.root, stamp, language)
    if key not in _RENDERED:
        if len(_RENDERED) > 8:  # a long `serve` session: keep only recent builds
            _RENDERED.clear()
        rendered = render_letters(profile, profile_dir, content.letters, content.root, (language,))
        _RENDERED[key] = {name: text for (name, _), text in rendered.items()}
    return _RENDERED[key]


def prepare(language: str, docs_dir: Path, nav: list[Any] | None, profile_dir: Path, root: Path = PACKAGE,
            today: datetime.date | None = None, max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> tuple[Edition, list[Any]]:
    """Check every rule for one language and return its edition and its expanded nav."""
    today = today or datetime.date.today()
    check_parity(docs_dir.parent)
    content = load_content(root)
    stamp = fingerprint([*files_below(profile_dir), *files_below(root / "letters"), root / "letters.yml"])
    profile = _profile(profile_dir, tuple(letter.name for letter in content.letters), stamp, today)
    intro = {"quiz": content.strings["quiz_intro"](language)}
    pages = all_pages(docs_dir, generated_pages(content.checklists, content.quizzes, content.letters, intro,
                                                language))
    problems = _links(content, pages, language)
    if problems:
        raise DataError(problems)
    warnings = check_pages(docs_dir, pages, in_sections(nav or []), today, max_age_days)
    stale = stale_warning(profile, profile_dir, today)
    letters = _letters(profile, profile_dir, content, stamp, language)
    edition = Edition(language, docs_dir, content, profile, profile_dir, pages, letters, today, max_age_days,
                      tuple(warnings + ([stale] if stale else [])), filling=load_filling(root))
    return edition, expand_nav(nav, pages) if nav else []
