"""Messages for problems a person can fix, in Japanese and English, from one catalogue.

Every message lives in ``messages.yml`` (data, not strings scattered through the code), with its
Japanese and English text side by side, so a new check cannot forget a language. A message names
the file, the line where it is known, the key as the person wrote it, what was found and what is
expected, with an example.

Both languages are always printed, one line each. The build runs in terminals and CI logs whose
locale says nothing about who reads them (a Japanese office's administrator often works on an
English-locale machine, and the log of a CI run is read by whoever opens it), and two short lines
cost less than a wrong guess.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handbook.errors import HandbookError

CATALOGUE = Path(__file__).with_name("messages.yml")
LANGUAGES = ("ja", "en")
# How much of a found value a message shows.
SHOWN_CHARACTERS = 60
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def catalogue() -> dict[str, dict[str, Any]]:
    """Every message, by code: ``ja``, ``en`` and optionally ``expected`` ({ja, en}) and ``example``."""
    return _catalogue(CATALOGUE.stat().st_mtime_ns)  # read again after an edit (`serve`)


@functools.lru_cache(maxsize=1)
def _catalogue(stamp: int) -> dict[str, dict[str, Any]]:
    with CATALOGUE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def placeholders(text: str) -> set[str]:
    """The {names} a message text fills in (``{{ x }}`` and ``{% x %}`` are template syntax, kept)."""
    return set(PLACEHOLDER.findall(text))


def fill(text: str, values: dict[str, Any]) -> str:
    """A message text with its {names} filled in (made printable: a name may come from a file)."""
    return PLACEHOLDER.sub(lambda match: printable(_text(values[match.group(1)]), 400), text)


def printable(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """Text safe to print in a terminal or log: invisible characters named, long text cut."""
    visible = "".join(ch if ch.isprintable() else f"[U+{ord(ch):04X}]" for ch in text[:limit])
    return visible + ("…" if len(text) > limit else "")


def _text(value: Any) -> str:
    try:
        return str(value)
    except ValueError:  # an integer too long for Python to print
        return f"{str(value.bit_length())}-bit number"


def shown(value: Any, language: str) -> str:
    """A found value as a person would recognise it: quoted text, never a Python type name."""
    words = {
        "ja": {"none": "空欄（値なし）", "mapping": "キーと値の組", "list": "一覧（- で始まる行）"},
        "en": {"none": "nothing (an empty value)", "mapping": "a set of keys",
               "list": "a list (lines starting with -)"},
    }[language]
    if value is None:
        return words["none"]
    if isinstance(value, dict):
        return words["mapping"]
    if isinstance(value, (list, tuple)):
        return words["list"]
    if isinstance(value, bool):
        return "true" if value else "false"
    text = _text(value)
    visible = printable(text).removesuffix("…")
    if len(text) > SHOWN_CHARACTERS:
        visible += f"…（全{len(text):,}文字）" if language == "ja" else f"… ({len(text):,} characters in all)"
    return f"「{visible}」" if language == "ja" else f'"{visible}"'


LABELS = {
    "ja": {"found": "見つかった値", "expected": "正しい形", "do": "対処", "example": "例"},
    "en": {"found": "Found", "expected": "Expected", "do": "What to do", "example": "Example"},
}


@dataclass(frozen=True)
class Problem:
    """One problem: which message, where, and what was found."""

    code: str
    file: Path | str | None = None
    line: int | None = None
    key: str | None = None
    found: Any = field(default=None, compare=False)
    has_found: bool = False
    values: dict[str, Any] = field(default_factory=dict, compare=False)

    def where(self) -> str:
        """``file:line: key``: the compiler convention, which editors can jump to."""
        parts = [printable(str(self.file), 400) if self.file else ""]
        if self.line:
            parts[0] += f":{self.line}"
        if self.key:
            parts.append(self.key)
        return ": ".join(part for part in parts if part)

    def sentence(self, language: str) -> str:
        """The message in one language: the problem, what was found, what is expected, an example."""
        entry = catalogue()[self.code]
        values = {name: (", ".join(map(str, value)) if isinstance(value, (list, tuple)) else value)
                  for name, value in self.values.items()}
        labels = LABELS[language]
        stop, space = ("。", "") if language == "ja" else (".", " ")
        parts = [fill(entry[language], values)]
        if self.has_found:
            parts.append(f"{labels['found']}: {shown(self.found, language)}{stop}")
        for part in ("expected", "do"):
            if part in entry:
                parts.append(f"{labels[part]}: {fill(entry[part][language], values)}{stop}")
        if "example" in entry:
            parts.append(f"{labels['example']}: {fill(entry['example'], values)}")
        return space.join(parts)

    def __str__(self) -> str:
        where = self.where()
        lines = [where] if where else []
        lines += [f"  {language}: {self.sentence(language)}" for language in LANGUAGES]
        return "\n".join(lines)


def found(code: str, value: Any, **kwargs: Any) -> Problem:
    """A problem that shows the value that was found."""
    return Problem(code, found=value, has_found=True, **kwargs)


class ProblemError(HandbookError):
    """One or more problems; printed as their messages, both languages each."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __reduce__(self) -> tuple:
        """Pickled with its problems (a build in another process sends them back)."""
        return (type(self), (self.problems,))


def text(code: str, language: str, **values: Any) -> str:
    """One catalogue sentence in one language, for messages that are not about a file."""
    return fill(str(catalogue()[code][language]), values)


def both(code: str, **values: Any) -> str:
    """One catalogue sentence in both languages, one line each."""
    return "\n".join(f"  {language}: {text(code, language, **values)}" for language in LANGUAGES)
