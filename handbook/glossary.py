"""The glossary (handbook/glossary.yml): loaded once, validated with pydantic."""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from handbook.data import load_yaml

GLOSSARY_FILE = Path(__file__).with_name("glossary.yml")


class Term(BaseModel):
    """One glossary entry in both languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ja: str
    en: str
    ja_note: str
    en_note: str
    en_forms: tuple[str, ...] = ()
    tooltip: bool = False

    def term(self, language: str) -> str:
        """The term in one language."""
        return self.ja if language == "ja" else self.en

    def note(self, language: str) -> str:
        """The explanation in one language."""
        return self.ja_note if language == "ja" else self.en_note


@functools.cache
def terms() -> tuple[Term, ...]:
    """All glossary entries, in the file's order."""
    return tuple(load_yaml(GLOSSARY_FILE, list[Term]))
