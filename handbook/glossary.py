"""The glossary (handbook/glossary.yml): one entry per term, both languages in each."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from handbook.data import cached_by_files, load_source, raise_problems, read_yaml
from handbook.validation import repeated

GLOSSARY_FILE = "glossary.yml"


class Term(BaseModel):
    """One glossary entry in both languages."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    ja: str = Field(min_length=1, description="The term in Japanese")
    en: str = Field(min_length=1, description="The term in English")
    ja_note: str = Field(min_length=1, description="What it means, in Japanese")
    en_note: str = Field(min_length=1, description="What it means, in English")
    en_forms: tuple[str, ...] = Field(default=(), description="Other English forms of the term")
    tooltip: bool = Field(default=False, description="Explain the term on hover on every page")

    def term(self, language: str) -> str:
        """The term in one language."""
        return self.ja if language == "ja" else self.en

    def note(self, language: str) -> str:
        """The explanation in one language."""
        return self.ja_note if language == "ja" else self.en_note


@cached_by_files(lambda root: [root / GLOSSARY_FILE])
def load_glossary(root: Path) -> tuple[Term, ...]:
    """All glossary entries, in the file's order; a term may appear once per language."""
    source = read_yaml(root / GLOSSARY_FILE)
    terms: list[Term] = list(load_source(source, list[Term]))
    raise_problems(repeated(source, terms, "ja") + repeated(source, terms, "en"))
    return tuple(terms)
