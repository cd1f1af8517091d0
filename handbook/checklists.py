"""Checklists (handbook/checklists/*.yml): one file per phase, both languages in each item.

Keeping both languages in one item makes "the same items in both languages" a property of the
data rather than something to check afterwards.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from handbook.data import Text, parse_yaml
from handbook.errors import HandbookError

CHECKLISTS_DIR = Path(__file__).with_name("checklists")

# The order of the phases: the order of the checklist pages and of the print pack.
ORDER = (
    "first-response",
    "before-visit",
    "on-site-visit",
    "apology-meeting",
    "root-cause",
    "progress-report",
    "recurrence-prevention",
    "relationship-follow-up",
)


class Item(Text):
    """One action to tick (its text in both languages), and the page that explains it."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    page: str = Field(pattern=r"^[a-z0-9/-]+\.md$")

    def text(self, language: str) -> str:
        """The action in one language."""
        return self(language)


class Checklist(BaseModel):
    """A checklist for one phase of the response."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str
    title: Text
    when: Text
    items: tuple[Item, ...] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _unique_ids(cls, items: tuple[Item, ...]) -> tuple[Item, ...]:
        ids = [item.id for item in items]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"item ids must be unique; repeated: {', '.join(duplicates)}")
        return items


@functools.cache
def checklists() -> tuple[Checklist, ...]:
    """All checklists, in phase order."""
    found = []
    for slug in ORDER:
        path = CHECKLISTS_DIR / f"{slug}.yml"
        if not path.exists():
            raise HandbookError(f"{path}: checklist file missing")
        found.append(Checklist.model_validate({"slug": slug, **parse_yaml(path.read_text(encoding="utf-8"))}))
    extra = sorted(p.stem for p in CHECKLISTS_DIR.glob("*.yml") if p.stem not in ORDER)
    if extra:
        raise HandbookError(f"{CHECKLISTS_DIR}: not in the phase order: {', '.join(extra)}")
    return tuple(found)


def checklist(slug: str) -> Checklist:
    """One checklist by its slug."""
    for found in checklists():
        if found.slug == slug:
            return found
    raise HandbookError(f"no checklist named {slug!r}; known: {', '.join(ORDER)}")
