"""The pages of one language: written ones and ones generated from data, their titles, order,
owners and review dates, the navigation, and the rules every page must meet.

Engine-neutral: nothing here imports MkDocs. ``handbook.plugin`` calls it from MkDocs' events;
another site generator needs only another thin adapter.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handbook import anchors, yamlsource
from handbook.data import KEYWORDS_MAX
from handbook.checklists import Checklist
from handbook.letters import Letter
from handbook.messages import Problem, ProblemError, found
from handbook.quizzes import Quiz

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
H1 = re.compile(r"^# +(.+?)\s*#*\s*$", re.MULTILINE)
# A nav entry "crisis/" stands for the folder's section: its index page, then its pages by `order`.
SECTION = re.compile(r"^[a-z0-9-]+/$")
# Folders whose pages are generated from data.
GENERATED_IN = {"checklists": "checklists", "templates": "letters", "training": "quizzes"}


class PageError(ProblemError):
    """A page breaks one of the rules every page must meet."""


@dataclass(frozen=True)
class Page:
    """What the handbook needs to know about one page of one language."""

    path: str  # relative to the language folder, with /
    title: str
    meta: dict[str, Any] = field(default_factory=dict)
    markdown: str | None = None  # set for generated pages
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)

    @property
    def order(self) -> Any:
        return self.meta.get("order")

    @property
    def folder(self) -> str:
        return self.path.rpartition("/")[0]


def split_front_matter(path: Path, text: str) -> tuple[yamlsource.Source, str]:
    """A page's front matter (with each key's line) and its Markdown body."""
    match = FRONT_MATTER.match(text)
    if not match:
        return yamlsource.Source(path, {}), text
    source = yamlsource.load(path, "\n" + (match.group(1) or ""))  # line 1 is the opening ---
    if source.data is None:
        source.data = {}
    if not isinstance(source.data, dict):
        raise PageError([found("file_not_mapping", source.data, file=path, line=2)])
    return source, text[match.end():]


def title_of(markdown: str) -> str | None:
    """The first level-one heading of a page."""
    match = H1.search(markdown)
    return match.group(1).strip() if match else None


def read_page(docs_dir: Path, relative: str) -> Page:
    """A written page: its front matter and title."""
    path = docs_dir / relative
    source, body = split_front_matter(path, yamlsource.decode(path, path.read_bytes()))
    title = title_of(body)
    if title is None:
        raise PageError([Problem("page_no_title", path)])
    return Page(relative, title, dict(source.data), lines=source.lines)


def _front_matter(values: dict[str, Any]) -> str:
    lines = ["---"] + [f"{key}: {value}" for key, value in values.items()] + ["---", ""]
    return "\n".join(lines)


def _generated(path: str, data: Checklist | Quiz | Letter, language: str, body: str) -> Page:
    meta = {"owner": data.owner(language), "reviewed": data.reviewed, "order": data.order,
            "keywords": data.keywords(language)}
    markdown = (_front_matter({"owner": _quoted(meta["owner"]), "reviewed": data.reviewed.isoformat(),
                               "order": data.order,
                               "keywords": "[" + ", ".join(_quoted(word) for word in meta["keywords"]) + "]"})
                + f"\n# {data.title(language)}\n\n{body}\n")
    return Page(path, data.title(language), meta, markdown)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generated_pages(checklists: Iterable[Checklist], quizzes: Iterable[Quiz], letters: Iterable[Letter],
                    intro: dict[str, str], language: str) -> list[Page]:
    """The pages made from data: one per checklist, quiz and letter."""
    pages = [_generated(f"checklists/{checklist.slug}.md", checklist, language,
                        f'{{{{ checklist("{checklist.slug}") }}}}') for checklist in checklists]
    pages += [_generated(quiz.page, quiz, language, f'{intro["quiz"]}\n\n{{{{ quiz("{quiz.slug}") }}}}')
              for quiz in quizzes]
    pages += [_generated(f"templates/{letter.name}.md", letter, language, f'{{{{ letter("{letter.name}") }}}}')
              for letter in letters]
    return pages


def written_pages(docs_dir: Path) -> list[str]:
    """Every Markdown page of one language folder, relative to it."""
    return sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md") if path.is_file())


def all_pages(docs_dir: Path, generated: Iterable[Page]) -> dict[str, Page]:
    """Every page of one language, written and generated; a generated page may not be written too."""
    pages = {relative: read_page(docs_dir, relative) for relative in written_pages(docs_dir)}
    problems = []
    for page in generated:
        if page.path in pages:
            problems.append(Problem("page_generated_twice", docs_dir / page.path))
        pages[page.path] = page
    if problems:
        raise PageError(problems)
    return pages


def expand_nav(nav: list[Any], pages: dict[str, Page]) -> list[Any]:
    """The nav with each "folder/" entry replaced by the folder's section.

    A section is titled by its index page and lists the index, then the folder's other pages
    (written and generated) by their ``order``: the nav is written once for both languages,
    and a new page or checklist takes its place without touching it.
    """
    expanded: list[Any] = []
    for entry in nav:
        if isinstance(entry, str) and SECTION.match(entry):
            folder = entry.rstrip("/")
            index = pages.get(f"{folder}/index.md")
            if index is None:
                raise PageError([Problem("section_no_index", values={"folder": folder})])
            members = sorted((page for page in pages.values() if page.folder == folder
                              and page.path != index.path), key=lambda page: (page.order, page.path))
            expanded.append({index.title: [index.path, *(page.path for page in members)]})
        else:
            expanded.append(entry)
    return expanded


def in_sections(nav: list[Any]) -> set[str]:
    """The folders the nav shows as sections (their pages need an ``order``)."""
    return {entry.rstrip("/") for entry in nav if isinstance(entry, str) and SECTION.match(entry)}


def check_pages(docs_dir: Path, pages: dict[str, Page], sections: set[str], today: datetime.date,
                max_age_days: int) -> list[str]:
    """Every page has an owner, a review date and (in a section) an order; old reviews are returned."""
    problems: list[Problem] = []
    old: list[str] = []
    for page in pages.values():
        if page.markdown is not None:
            continue  # generated: its data was validated
        path = docs_dir / page.path
        owner = page.meta.get("owner")
        reviewed = page.meta.get("reviewed")
        if not isinstance(owner, str) or not owner.strip():
            problems.append(found("page_no_owner", owner, file=path, line=page.lines.get(("owner",)), key="owner"))
        if not isinstance(reviewed, datetime.date):
            problems.append(found("page_no_review", reviewed, file=path, line=page.lines.get(("reviewed",)),
                                  key="reviewed"))
        elif (today - reviewed).days > max_age_days:
            old.append(str(Problem("page_review_old", path, page.lines.get(("reviewed",)), "reviewed", values={
                "date": reviewed.isoformat(), "days": (today - reviewed).days, "limit": max_age_days})))
        keywords = page.meta.get("keywords")
        if not (isinstance(keywords, list) and 0 < len(keywords) <= KEYWORDS_MAX
                and all(isinstance(word, str) and 0 < len(word.strip()) <= 40 for word in keywords)):
            problems.append(found("page_no_keywords", keywords, file=path, line=page.lines.get(("keywords",)),
                                  key="keywords"))
        needs_order = page.folder in sections and not page.path.endswith("/index.md")
        if needs_order and not isinstance(page.order, int):
            problems.append(found("page_no_order", page.order, file=path, line=page.lines.get(("order",)),
                                  key="order"))
    if problems:
        raise PageError(sorted(problems, key=lambda problem: str(problem.file)))
    return old


def _anchor_problems(first: Path, other: Path) -> list[Problem]:
    """The two languages of a page have the same sections, under the same anchors (handbook.anchors)."""
    one, two = (anchors.headings(path.read_text(encoding="utf-8")) for path in (first, other))
    if len(one) != len(two):
        return [Problem("heading_count_differs", other, values={"count": len(two), "first": len(one),
                                                               "other_file": first})]
    for mine, theirs in zip(one, two, strict=True):
        if mine.anchor != theirs.anchor:
            # Blame the heading whose id is only a slug of its words: it is the one to give an id.
            wrong, right, wrong_file, right_file = ((mine, theirs, first, other) if not mine.explicit
                                                    else (theirs, mine, other, first))
            return [Problem("heading_anchor_differs", wrong_file, wrong.line, key=wrong.text, found=wrong.anchor,
                            has_found=True, values={"anchor": right.anchor, "other_file": right_file,
                                                    "other_heading": right.text})]
    return []


def check_parity(docs_root: Path, languages: tuple[str, ...] = ("ja", "en")) -> None:
    """Both languages carry the same written pages, in the same order, with the same section anchors."""
    found_pages = {language: set(written_pages(docs_root / language)) for language in languages}
    problems: list[Problem] = []
    first, *others = languages
    for other in others:
        for language, missing_in in ((first, other), (other, first)):
            for relative in sorted(found_pages[language] - found_pages[missing_in]):
                problems.append(Problem("page_one_language", docs_root / language / relative,
                                        values={"missing": docs_root / missing_in / relative}))
        for relative in sorted(found_pages[first] & found_pages[other]):
            orders = {language: read_page(docs_root / language, relative).order for language in (first, other)}
            if orders[first] != orders[other]:
                problems.append(Problem("page_order_differs", docs_root / other / relative, key="order",
                                        values={"order": orders[other], "first": orders[first],
                                                "other_file": docs_root / first / relative}))
        for relative in sorted(found_pages[first] & found_pages[other]):
            problems += _anchor_problems(docs_root / first / relative, docs_root / other / relative)
    if not found_pages[first]:
        problems.append(Problem("no_pages", docs_root / first))
    if problems:
        raise PageError(problems)
