"""Training: reading paths, tabletop exercise, self-check quizzes; page owners and reviews."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from handbook.build import load_content
from handbook.pages import PageError
from handbook.site import build
from tests.conftest import Watched
from tests.pdftext import in_pdf_text
from tests.sitepages import page_paths, tags

quiz = load_content().quiz

COURSES = {"quick": 15, "standard": 30, "full": 60}


def _article(site: Path, subdir: str, page: str) -> str:
    html = (site / subdir / page).read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("subdir", ["", "en"])
def test_reading_paths_give_three_timed_courses(site: Path, subdir: str) -> None:
    article = _article(site, subdir, "training/paths.html")
    assert article.count("<h2") >= 3
    for course, minutes in COURSES.items():
        assert str(minutes) in article
        assert f'href="quiz-{course}.html"' in article


@pytest.mark.parametrize("course", list(COURSES))
def test_both_languages_ask_the_same_questions(site: Path, course: str) -> None:
    found = quiz(course)
    pages = [_article(site, subdir, f"training/quiz-{course}.html") for subdir in ("", "en")]
    shapes = []
    for article in pages:
        questions = [a for t, a in tags(article) if t == "li" and "data-answer" in a]
        radios = [a["name"] for t, a in tags(article) if t == "input" and a.get("type") == "radio"]
        shapes.append(([(q["id"], q["data-answer"]) for q in questions], radios))
    assert shapes[0] == shapes[1]
    assert [q for q, _ in shapes[0][0]] == [f"question-{question.id}" for question in found.questions]
    assert len(found.questions) >= 5


def _answer(page: Page, question_id: str, option: int) -> None:
    page.locator(f"#question-{question_id} input[value='{option}']").check()


@pytest.mark.parametrize("subdir, right, wrong", [("", "正解です", "不正解です"), ("en/", "Correct", "Not quite")])
def test_answers_get_feedback_a_link_and_a_score(watched: Watched, server: str, subdir: str,
                                                 right: str, wrong: str) -> None:
    found = quiz("standard")
    page = watched.page
    page.goto(f"{server}{subdir}training/quiz-standard.html")
    first, second = found.questions[0], found.questions[1]
    feedback = page.locator(f"#question-{first.id} [data-quiz-feedback]")
    assert feedback.is_hidden()
    _answer(page, first.id, first.answer)
    assert feedback.is_visible() and right in feedback.inner_text()
    link = feedback.locator("a")
    assert link.get_attribute("href") == "../" + first.page.removesuffix(".md") + ".html"
    wrong_option = 1 if second.answer != 1 else 2
    _answer(page, second.id, wrong_option)
    second_feedback = page.locator(f"#question-{second.id} [data-quiz-feedback]")
    assert wrong in second_feedback.inner_text()
    highlighted = page.locator(f"#question-{second.id} .quiz__option--answer input")
    assert highlighted.get_attribute("value") == str(second.answer)
    assert page.locator("[data-quiz-correct]").inner_text() == "1"
    assert page.locator("[data-quiz-answered]").inner_text() == "2"
    for question in found.questions[2:]:
        _answer(page, question.id, question.answer)
    assert page.locator("[data-quiz-correct]").inner_text() == str(len(found.questions) - 1)
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(first.page.removesuffix(".md") + ".html")
    assert watched.console_errors == []


def test_quiz_works_offline_and_sends_nothing(watched: Watched, offline_site: Path) -> None:
    found = quiz("quick")
    page = watched.page
    page.goto((offline_site / "training" / "quiz-quick.html").as_uri())
    for question in found.questions:
        _answer(page, question.id, question.answer)
    assert page.locator("[data-quiz-correct]").inner_text() == str(len(found.questions))
    page.locator("form[data-quiz] button[type=reset]").click()
    page.wait_for_function("document.querySelector('[data-quiz-answered]').textContent === '0'")
    assert page.locator("[data-quiz-feedback]:visible").count() == 0
    assert all(url.startswith("file://") or url.startswith("data:") for url in watched.requests)
    assert watched.console_errors == []


@pytest.mark.parametrize("subdir, words", [("", ("用語集", "チェックリスト一式")),
                                           ("en/", ("Glossary", "Rebuilding trust"))])
def test_tabletop_exercise_prints_cleanly(watched: Watched, server: str, subdir: str, words: tuple) -> None:
    page = watched.page
    page.goto(f"{server}{subdir}training/tabletop.html")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = "".join(sheet.extract_text() for sheet in pdf.pages)
    assert len(pdf.pages) >= 2
    assert not any(word in text for word in words), "no navigation in print"
    page.emulate_media(media="print")
    assert page.locator("article :is(input, button, select):visible").count() == 0, "no controls on paper"


@pytest.mark.parametrize("subdir, answer, notes, scene", [
    ("", "条件をつけずに詫び", "誰の答えも評価しない", "場面1"),
    ("en/", "Apologize without conditions", "answers are being graded", "Event 1"),
])
def test_tabletop_prints_a_players_copy_without_answers(watched: Watched, server: str, subdir: str,
                                                        answer: str, notes: str, scene: str) -> None:
    page = watched.page
    page.goto(f"{server}{subdir}training/tabletop.html")
    page.evaluate("window.print = () => {}")  # the browser's dialog; the PDF below prints the same
    events = page.locator(".tabletop-scene").count()
    assert events == 6
    page.locator("[data-print-mode=participant]").click()
    players = PdfReader(io.BytesIO(page.pdf(format="A4")))  # (printing ends the players' mode)
    sheets = [sheet.extract_text() for sheet in players.pages]
    text = "".join(sheets)
    assert not in_pdf_text(answer, text) and not in_pdf_text(notes, text), "no answers, no facilitator notes"
    cards = [sheet for sheet in sheets if in_pdf_text(scene.rstrip("1"), sheet[:12])]
    assert len(cards) == events, "each event starts a sheet of its own: an event card"
    # The facilitator's copy (and the browser's own print) has everything.
    page.locator("[data-print-mode=facilitator]").click()
    assert page.evaluate("document.documentElement.dataset.printMode") == "facilitator"
    page.emulate_media(media="print")
    assert page.get_by_text(answer).first.is_visible() and page.get_by_text(notes).first.is_visible()
    assert watched.console_errors == []


@pytest.mark.parametrize("subdir, owner, label", [("", "総務部", "最終見直し日"),
                                                  ("en", "Administration", "Last reviewed")])
def test_every_page_shows_its_owner_and_last_review(site: Path, subdir: str, owner: str, label: str) -> None:
    root = site / subdir
    for page in page_paths(root):
        html = (root / page).read_text(encoding="utf-8")
        footer = re.search(r'<p class="page-review[^"]*"[^>]*>(.*?)</p>', html, re.S)
        assert footer and label in footer.group(1), page
        assert re.search(r"\d{4}-\d{2}-\d{2}", footer.group(1)), page
    assert owner in (root / "about.html").read_text(encoding="utf-8")


def test_a_page_without_owner_fails_and_an_old_review_warns(project_copy: Path, capsys) -> None:  # noqa: ANN001
    page = project_copy / "docs" / "en" / "glossary.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("reviewed: 2026-11-27", "reviewed: 2020-04-01"), encoding="utf-8")
    build(project_copy / "site", project_copy)
    warning = capsys.readouterr().err
    assert "docs/en/glossary.md:3: reviewed" in warning and "2020-04-01" in warning and "max_age_days" in warning
    footer = (project_copy / "site" / "en" / "glossary.html").read_text(encoding="utf-8")
    assert "page-review--stale" in footer and "Due for review" in footer
    page.write_text(re.sub(r"owner: .*\n", "", text), encoding="utf-8")
    with pytest.raises(PageError, match=r"docs/en/glossary\.md: owner"):
        build(project_copy / "site", project_copy)
