"""Content data files as an editor gets them wrong: every mistake names file, line and key.

These run the loaders on a copy of the data (milliseconds, no site build); the last tests build a
copy of the project to show what an editor's one new file turns into.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from handbook.build import PACKAGE, load_content
from handbook.data import DataError
from handbook.messages import ProblemError
from handbook.site import build, check
from tests.conftest import copy_parts

DATA = ("checklists", "quizzes", "letters", "letters.yml", "glossary.yml", "strings.yml")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the content data files, to break."""
    return copy_parts(PACKAGE, tmp_path / "handbook", DATA)


def edit(relative: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return apply


def write(relative: str, text: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / relative).write_text(text, encoding="utf-8")
    return apply


# name: (mistake, file, key, what the message says)
MISTAKES = {
    "YAML syntax error in a checklist": (
        edit("checklists/root-cause.yml", "items:\n", "items:\n  - id: [oops\n"), "checklists/root-cause.yml",
        None, ("not valid YAML",)),
    "checklist item without English": (
        edit("checklists/first-response.yml", "    en: Confirm the facts (when, which product or delivery, what, "
             "how much) without settling on a cause\n", ""),
        "checklists/first-response.yml", "items[1].en", ('"en" is missing',)),
    "repeated checklist item id": (
        edit("checklists/first-response.yml", "- id: tell-president", "- id: confirm-facts"),
        "checklists/first-response.yml", "items[4].id", ("「confirm-facts」", "items[1]")),
    "checklist item id with capitals": (
        edit("checklists/first-response.yml", "- id: tell-president", "- id: Tell President"),
        "checklists/first-response.yml", "items[4].id", ("lower-case letters",)),
    "checklist without an order": (
        edit("checklists/before-visit.yml", "order: 20\n", ""), "checklists/before-visit.yml", "order",
        ('"order" is missing',)),
    "checklist review date not a date": (
        edit("checklists/before-visit.yml", "reviewed: 2026-11-27", "reviewed: last week"),
        "checklists/before-visit.yml", "reviewed", ("not a date",)),
    "quiz answer that is not an option": (
        edit("quizzes/quick.yml", "    answer: 2\n", "    answer: 7\n"), "quizzes/quick.yml",
        "questions[1].answer", ("at most 5", "「7」")),
    "quiz answer past the options": (
        edit("quizzes/quick.yml", "    answer: 2\n", "    answer: 5\n"), "quizzes/quick.yml",
        "questions[1].answer", ("there are 4 options",)),
    "repeated quiz question id": (
        lambda root: _repeat_question(root), "quizzes/standard.yml", "questions[2].id", ("questions[1]",)),
    "glossary term without English note": (
        edit("glossary.yml", "  en_note: The company you deliver products or services to.\n", ""),
        "glossary.yml", "[1].en_note", ('"en_note" is missing',)),
    "glossary term twice": (
        edit("glossary.yml", "- ja: 納期遅延\n  en: late delivery", "- ja: 取引先\n  en: late delivery"),
        "glossary.yml", "[2].ja", ("「取引先」",)),
    "interface string without English": (
        edit("strings.yml", "contacts_title:\n  ja: 連絡先\n  en: Contacts\n", "contacts_title:\n  ja: 連絡先\n"),
        "strings.yml", "contacts_title.en", ('"en" is missing',)),
    "interface string written twice": (
        edit("strings.yml", "contacts_link:", "contacts_title:"), "strings.yml", "contacts_title",
        ("written twice",)),
    "letter without its English template": (
        lambda root: (root / "letters" / "staff-briefing.en.txt").unlink(), "letters.yml", None,
        ("letters/staff-briefing.en.txt",)),
    "letter name repeated": (
        edit("letters.yml", "- name: apology-letter", "- name: holding-statement"), "letters.yml", None,
        ("「holding-statement」",)),
    "misspelt key in a letter entry": (
        edit("letters.yml", "  use:\n", "  usage:\n"), "letters.yml", "[1].usage", ('Did you mean "use"',)),
    "unknown key in a quiz": (
        edit("quizzes/full.yml", "questions:", "questoins: []\nquestions:"), "quizzes/full.yml", "questoins",
        ("Did you mean",)),
    "empty checklist file": (write("checklists/extra.yml", ""), "checklists/extra.yml", None, ("is empty",)),
}


def _repeat_question(root: Path) -> None:
    path = root / "quizzes" / "standard.yml"
    text = path.read_text(encoding="utf-8")
    ids = re.findall(r"^  - id: (\S+)$", text, re.MULTILINE)
    path.write_text(text.replace(f"  - id: {ids[1]}\n", f"  - id: {ids[0]}\n", 1), encoding="utf-8")


@pytest.mark.parametrize("name", list(MISTAKES))
def test_a_content_mistake_names_file_line_and_key(name: str, data: Path) -> None:
    mistake, file, key, says = MISTAKES[name]
    mistake(data)
    with pytest.raises(DataError) as raised:
        load_content(data)
    message = str(raised.value)
    header = message.splitlines()[0]
    assert header.startswith(str(data / file)), (name, header)
    if "empty" not in name:
        assert re.match(rf"{re.escape(str(data / file))}:\d+", header), (name, header)  # a line number
    if key:
        assert f": {key}" in message, (name, message)
    for fragment in says:
        assert fragment in message, (name, fragment, message)
    assert "\n  ja: " in message and "\n  en: " in message
    assert "Traceback" not in message and "ValidationError" not in message and "Input should" not in message


def test_the_real_content_loads() -> None:
    content = load_content()
    assert content.checklists and content.quizzes and content.letters and content.glossary


@pytest.fixture
def project(project_copy: Path) -> Path:
    return project_copy


def test_a_new_checklist_is_one_file(project: Path) -> None:
    (project / "handbook" / "checklists" / "media-response.yml").write_text(
        "order: 75\nowner: {ja: 総務部, en: General Affairs}\nreviewed: 2026-11-28\n"
        "keywords: {ja: [マスコミ, 取材], en: [press, reporters]}\n"
        "title: {ja: 報道対応チェックリスト, en: Media checklist}\n"
        "when: {ja: 報道機関から問い合わせがあったとき, en: When the press calls}\n"
        "items:\n  - id: one-voice\n    page: crisis/roles.md\n"
        "    ja: 窓口を一つにする\n    en: Speak with one voice\n",
        encoding="utf-8")
    site = project / "site"
    build(site, project)
    for root, title in ((site, "報道対応チェックリスト"), (site / "en", "Media checklist")):
        page = (root / "checklists" / "media-response.html").read_text(encoding="utf-8")
        assert title in page and "one-voice" in page
        index = (root / "checklists" / "index.html").read_text(encoding="utf-8")
        assert 'href="media-response.html"' in index  # listed, and in the nav
        pack = (root / "checklists" / "print-pack.html").read_text(encoding="utf-8")
        assert 'id="checklist-media-response"' in pack
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert nav.index("checklists/recurrence-prevention.html") < nav.index("checklists/media-response.html") \
        < nav.index("checklists/relationship-follow-up.html")


def test_a_new_letter_is_two_files_and_an_entry(project: Path) -> None:
    root = project / "handbook"
    with (root / "letters.yml").open("a", encoding="utf-8") as handle:
        handle.write("- name: thank-you\n  order: 80\n  owner: {ja: 営業部, en: Sales}\n  reviewed: 2026-11-28\n"
                     "  keywords: {ja: [礼状], en: [thanks]}\n"
                     "  title: {ja: お礼状, en: Thank-you letter}\n"
                     "  use: {ja: 対応が終わったとき, en: When it is over}\n")
    (root / "letters" / "thank-you.ja.txt").write_text("{{ company }} 代表取締役 {{ president.name }}\n",
                                                       encoding="utf-8")
    (root / "letters" / "thank-you.en.txt").write_text("{{ company }}, {{ president.name }}\n", encoding="utf-8")
    site = project / "site"
    build(site, project)
    assert "湊 一郎" in (site / "templates" / "thank-you.html").read_text(encoding="utf-8")
    download = (site / "templates" / "files" / "thank-you.ja.txt").read_text(encoding="utf-8-sig")
    assert download.startswith("株式会社みなと精機")
    assert "Thank-you letter" in (site / "en" / "templates" / "index.html").read_text(encoding="utf-8")


def test_a_new_page_is_two_files(project: Path) -> None:
    for language, title in (("ja", "報道対応"), ("en", "Media")):
        (project / "docs" / language / "crisis" / "media.md").write_text(
            f"---\nowner: x\norder: 85\nreviewed: 2026-11-28\nkeywords: [マスコミ, press]\n---\n\n# {title}\n\nText.\n",
            encoding="utf-8")
    site = project / "site"
    build(site, project)
    nav = (site / "en" / "crisis" / "index.html").read_text(encoding="utf-8")
    assert nav.index("unreasonable-demands.html") < nav.index("media.html")  # order 85 comes after 80
    assert "Media" in (site / "en" / "crisis" / "media.html").read_text(encoding="utf-8")
    index = json.loads((site / "en" / "search" / "handbook_index.json").read_text(encoding="utf-8"))
    page = next(doc for doc in index["docs"] if doc["location"] == "crisis/media.html")
    assert "press" in page["kw"], "its keywords are searchable"


def test_a_page_without_search_keywords_stops_the_build(project: Path) -> None:
    page = project / "docs" / "en" / "crisis" / "roles.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("\n".join(line for line in text.splitlines() if not line.startswith("keywords:")) + "\n",
                    encoding="utf-8")
    with pytest.raises(ProblemError) as failure:
        check(project)
    message = str(failure.value)
    assert "roles.md" in message and "keywords" in message and "検索キーワード" in message


def test_a_page_in_another_place_in_one_language_fails_the_parity_check(tmp_path: Path) -> None:
    from handbook.pages import PageError, check_parity
    from handbook.site import ROOT

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "en" / "crisis" / "roles.md"
    page.write_text(page.read_text(encoding="utf-8").replace("order: 30", "order: 35"), encoding="utf-8")
    with pytest.raises(PageError) as raised:
        check_parity(docs)
    message = str(raised.value)
    assert message.startswith(f"{page}: order") and "(35)" in message and "30" in message


def test_a_checklist_item_linking_to_a_missing_page_names_file_line_and_key(data: Path) -> None:
    from handbook.build import prepare
    from handbook.profile import EXAMPLE_PROFILE
    from handbook.site import ROOT

    edit("checklists/first-response.yml", "page: contacts.md", "page: contact.md")(data)
    with pytest.raises(DataError) as raised:
        prepare("ja", ROOT / "docs" / "ja", None, EXAMPLE_PROFILE, data)
    header = str(raised.value).splitlines()[0]
    assert re.fullmatch(rf"{re.escape(str(data / 'checklists' / 'first-response.yml'))}:\d+: items\[4\]\.page", header)
    assert "「contact.md」" in str(raised.value)


def test_a_page_asking_for_an_unknown_checklist_says_which(project: Path) -> None:
    from handbook.site import BuildError

    page = project / "docs" / "ja" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ checklist("no-such-phase") }}\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"no checklist named 'no-such-phase'.*first-response"):
        build(project / "site", project)


def test_a_written_file_where_the_build_makes_one_is_refused(project: Path) -> None:
    from handbook.site import BuildError

    (project / "docs" / "en" / "templates" / "files").mkdir()
    (project / "docs" / "en" / "templates" / "files" / "apology-letter.en.txt").write_text("old", encoding="utf-8")
    with pytest.raises(BuildError, match=r"made by the build; remove them: templates/files/apology-letter\.en\.txt"):
        build(project / "site", project)


def test_mkdocs_serve_watches_the_data_and_the_profile() -> None:
    from mkdocs.config import load_config

    from handbook.profile import EXAMPLE_PROFILE
    from handbook.site import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    config.plugins["handbook"].on_serve(Server(), config=config, builder=None)
    assert str(ROOT / "handbook") in watched and str(EXAMPLE_PROFILE) in watched
