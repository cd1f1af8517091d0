"""Self-check quizzes (handbook/quizzes/*.yml): both languages in every question.

A new file is a new quiz: its page in the training section (``order`` places it) comes from it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from handbook.checklists import PAGE, SLUG
from handbook.data import PageData, Text, cached_by_files, load_folder
from handbook.messages import Problem, found
from handbook.validation import repeated
from handbook.yamlsource import Source, key_name

FOLDER = "quizzes"


class Question(BaseModel):
    """A multiple-choice question whose answer is on one handbook page."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=SLUG, description="Unique within the quiz")
    page: str = Field(pattern=PAGE, description="The page that explains the answer")
    question: Text
    options: tuple[Text, ...] = Field(min_length=2, max_length=5)
    answer: int = Field(ge=1, le=5, description="Number of the correct option, counted from 1")
    explanation: Text


class Quiz(PageData):
    """The self-check of one course."""

    slug: str = Field(pattern=SLUG)
    questions: tuple[Question, ...] = Field(min_length=1, max_length=40)

    @property
    def page(self) -> str:
        """Where the quiz's page is generated."""
        return f"training/quiz-{self.slug}.md"


def _files(root: Path) -> list[Path]:
    return sorted((root / FOLDER).glob("*.yml"))


def _answers(source: Source, quiz: Quiz) -> list[Problem]:
    """An answer must be the number of one of the question's options."""
    problems = []
    for number, question in enumerate(quiz.questions):
        if question.answer > len(question.options):
            where = ("questions", number, "answer")
            problems.append(found("answer_not_an_option", question.answer, file=source.path,
                                  line=source.line(where), key=key_name(where),
                                  values={"count": len(question.options)}))
    return problems


@cached_by_files(_files)
def load_quizzes(root: Path) -> tuple[Quiz, ...]:
    """Every quiz under ``root/quizzes``, in their ``order``."""
    return load_folder(root / FOLDER, Quiz, lambda source, quiz: (
        repeated(source, list(quiz.questions), "id", ("questions",)) + _answers(source, quiz)))
