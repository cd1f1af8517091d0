"""Checklists (handbook/checklists/*.yml): one file per phase, both languages in each item.

Keeping both languages in one item makes "the same items in both languages" a property of the
data rather than something to check afterwards. A new file is a new checklist: its page, its
place among the others (``order``) and its sheet in the print pack all come from the file.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from handbook.data import PageData, Text, cached_by_files, load_folder
from handbook.validation import repeated

FOLDER = "checklists"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PAGE = r"^[a-z0-9-]+(/[a-z0-9-]+)*\.md$"  # relative, no .. (a page of the handbook)


class Item(Text):
    """One action to tick (its text in both languages), and the page that explains it."""

    id: str = Field(pattern=SLUG, description="Stable id: ticks are stored under it")
    page: str = Field(pattern=PAGE, description="The page that explains the action, e.g. crisis/roles.md")

    def text(self, language: str) -> str:
        """The action in one language."""
        return self(language)


class Checklist(PageData):
    """A checklist for one phase of the response."""

    slug: str = Field(pattern=SLUG)
    when: Text = Field(description="When the checklist is used, in both languages")
    items: tuple[Item, ...] = Field(min_length=1, max_length=40)


def _files(root: Path) -> list[Path]:
    return sorted((root / FOLDER).glob("*.yml"))


@cached_by_files(_files)
def load_checklists(root: Path) -> tuple[Checklist, ...]:
    """Every checklist under ``root/checklists``, in their ``order``."""
    return load_folder(root / FOLDER, Checklist,
                       lambda source, checklist: repeated(source, list(checklist.items), "id", ("items",)))
