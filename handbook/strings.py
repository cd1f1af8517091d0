"""Interface text for macros, per language, from strings.yml."""

from __future__ import annotations

import functools
from pathlib import Path

from handbook.data import parse_yaml

STRINGS_FILE = Path(__file__).with_name("strings.yml")


@functools.cache
def _all() -> dict[str, dict[str, str]]:
    with STRINGS_FILE.open(encoding="utf-8") as handle:
        return parse_yaml(handle)


def strings(language: str) -> dict[str, str]:
    """All interface strings in one language (a KeyError names a missing translation)."""
    return {key: texts[language] for key, texts in _all().items()}
