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


@pytest.mark.parametrize("length, is_it, limit", [("longest", _right_is_longest, MAX_LONGEST_SHARE),
                                                  ("shortest", _right_is_shortest, MAX_SHORTEST_SHARE)])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", [quiz.slug for quiz in QUIZZES])
def test_the_right_answer_cannot_be_guessed_by_its_length(slug: str, language: str, length: str,
                                                          is_it: Callable[[Question, str], bool],
                                                          limit: float) -> None:
    quiz = load_content().quiz(slug)
    found = [question.id for question in quiz.questions if is_it(question, language)]
    assert _share(quiz, language, is_it) <= limit, (
        f"{slug} ({language}): the right answer is the {length} option in {len(found)} of "
        f"{len(quiz.questions)} questions: {', '.join(found)}")


def test_every_quiz_is_checked() -> None:
    assert {quiz.slug for quiz in QUIZZES} >= {"quick", "standard", "full"}
