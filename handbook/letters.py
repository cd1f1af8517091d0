"""The letter catalogue (handbook/letters.yml): which letters exist, in what order, and their texts.

Each entry names a letter; its two templates are ``letters/<name>.ja.txt`` and
``letters/<name>.en.txt`` beside the catalogue. An entry and its two files are a new letter:
its page, its downloads and the key a company profile uses to replace it all follow.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from handbook.checklists import SLUG
from handbook.data import PageData, Text, cached_by_files, load_source, raise_problems, read_yaml
from handbook.messages import Problem, found
from handbook.validation import repeated
from handbook.yamlsource import key_name

CATALOGUE = "letters.yml"
FOLDER = "letters"
LANGUAGES = ("ja", "en")


class Letter(PageData):
    """One letter: its name, title and when it is used."""

    name: str = Field(pattern=SLUG, description="Also the key under `templates:` in a company profile")
    use: Text = Field(description="When the letter is used, in both languages")

    def template(self, root: Path, language: str) -> Path:
        """The handbook's own template for one language."""
        return root / FOLDER / f"{self.name}.{language}.txt"


def _files(root: Path) -> list[Path]:
    return [root / CATALOGUE, *sorted((root / FOLDER).glob("*.txt"))]


@cached_by_files(_files)
def load_letters(root: Path) -> tuple[Letter, ...]:
    """Every letter of the catalogue, in its ``order``; each must have both templates."""
    source = read_yaml(root / CATALOGUE)
    letters: list[Letter] = list(load_source(source, list[Letter]))
    problems: list[Problem] = repeated(source, letters, "name")
    for number, letter in enumerate(letters):
        for language in LANGUAGES:
            if not letter.template(root, language).is_file():
                where = (number, "name")
                problems.append(found("letter_template_missing", letter.name, file=source.path,
                                      line=source.line(where), key=key_name(where),
                                      values={"file": f"{FOLDER}/{letter.name}.{language}.txt"}))
    raise_problems(problems)
    return tuple(sorted(letters, key=lambda letter: (letter.order, letter.name)))
