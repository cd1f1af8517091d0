"""Self-check quizzes (handbook/quizzes/*.yml): both languages in every question."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from handbook.data import Text, parse_yaml
from handbook.errors import HandbookError

QUIZZES_DIR = Path(__file__).with_name("quizzes")


class Question(BaseModel):
    """A multiple-choice question whose answer is on one handbook page."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    page: str = Field(pattern=r"^[a-z0-9/-]+\.md$")
    question: Text
    options: tuple[Text, ...] = Field(min_length=2, max_length=5)
    answer: int = Field(ge=1, description="1-based number of the correct option")
    explanation: Text

    @model_validator(mode="after")
    def _answer_is_an_option(self) -> Question:
        if self.answer > len(self.options):
            raise ValueError(f"answer {self.answer} but only {len(self.options)} options")
        return self


class Quiz(BaseModel):
    """The self-check of one course."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    title: Text
    questions: tuple[Question, ...] = Field(min_length=1)


@functools.cache
def quiz(slug: str) -> Quiz:
    """One quiz by its course slug (quick, standard, full)."""
    path = QUIZZES_DIR / f"{slug}.yml"
    if not path.is_file():
        raise HandbookError(f"{path}: quiz file not found")
    return Quiz.model_validate({"slug": slug, **parse_yaml(path.read_text(encoding="utf-8"))})
