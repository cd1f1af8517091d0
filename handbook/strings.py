"""Interface text that the generated parts of pages use, per language, from strings.yml."""

from __future__ import annotations

from pathlib import Path

from handbook.data import Text, cached_by_files, load_yaml

STRINGS_FILE = "strings.yml"


@cached_by_files(lambda root: [root / STRINGS_FILE])
def load_strings(root: Path) -> dict[str, Text]:
    """Every interface string, both languages each (a missing language names file, line and key)."""
    return dict(load_yaml(root / STRINGS_FILE, dict[str, Text]))

