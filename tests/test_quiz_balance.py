"""Self-check quizzes: the right answer cannot be spotted by its length alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from handbook.build import load_content
from handbook.quizzes import Question, Quiz

QUIZZES: tuple[Quiz, ...] = load_content().quizzes
LANGUAGES: tuple[str, ...] = ("ja", "en")

MAX_LONGEST_SHARE = 0.4
MAX_SHORTEST_SHARE = 0.5


def _lengths(question: Question, language: str) -> list[int]:
    return [len(option(language)) for option in question.options]


def _right_is_longest(question: Question, language: str) -> bool:
    """The right answer is longer than every other option."""
    lengths = _lengths(question, language)
    right = lengths.pop(question.answer - 1)
    return all(right > other for other in lengths)


def _right_is_shortest(question: Question, language: str) -> bool:
    """The right answer is shorter than every other option."""
    lengths = _lengths(question, language)
    right = lengths.pop(question.answer - 1)
    return all(right < other for other in lengths)


def _share(quiz: Quiz, language: str, test: Callable[[Question, str], bool]) -> float:
    """The share of the quiz's questions that pass ``test`` in one language."""
    hits = [question for question in quiz.questions if test(question, language)]
    return len(hits) / len(quiz.questions)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", [quiz.slug for quiz in QUIZZES])
def test_right_answer_is_rarely_the_longest_option(slug: str, language: str) -> None:
    quiz = load_content().quiz(slug)
    longest = [question.id for question in quiz.questions if _right_is_longest(question, language)]
    share = _share(quiz, language, _right_is_longest)
    assert share <= MAX_LONGEST_SHARE, (
        f"{slug} ({language}): the right answer is the longest option in {len(longest)} of "
        f"{len(quiz.questions)} questions: {', '.join(longest)}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", [quiz.slug for quiz in QUIZZES])
def test_right_answer_is_not_usually_the_shortest_option(slug: str, language: str) -> None:
    quiz = load_content().quiz(slug)
    shortest = [question.id for question in quiz.questions if _right_is_shortest(question, language)]
    share = _share(quiz, language, _right_is_shortest)
    assert share <= MAX_SHORTEST_SHARE, (
        f"{slug} ({language}): the right answer is the shortest option in {len(shortest)} of "
        f"{len(quiz.questions)} questions: {', '.join(shortest)}")


def test_every_quiz_is_checked() -> None:
    assert {quiz.slug for quiz in QUIZZES} >= {"quick", "standard", "full"}
