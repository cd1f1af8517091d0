"""The one way every YAML file of the handbook is read: a text in both languages, and a loader.

``load_yaml`` reads a file as a person writes it (handbook.yamlsource: encodings, duplicate keys,
aliases, control characters) and validates it (handbook.validation), so a mistake in a
checklist, quiz, letter list, glossary or string table is reported like a mistake in the
company profile: file, line, key, what was found, what is expected, in Japanese and English.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from handbook import yamlsource
from handbook.messages import Problem, ProblemError
from handbook.validation import validate
from handbook.yamlsource import Source

T = TypeVar("T")
# A data file is a page or two of YAML; anything larger is a mistake.
MAX_DATA_BYTES = 1024 * 1024


class DataError(ProblemError):
    """A content data file (checklist, quiz, letters, glossary, strings) has a mistake."""


class Text(BaseModel):
    """A text in Japanese and in English."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    ja: str = Field(min_length=1, description="Japanese text")
    en: str = Field(min_length=1, description="English text")

    def __call__(self, language: str) -> str:
        """The text in one language."""
        return self.ja if language == "ja" else self.en


def read_yaml(path: Path, limit: int = MAX_DATA_BYTES) -> Source:
    """Parse one YAML file, keeping each key's line; a DataError names what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem("data_missing", path)]) from None
    if len(raw) > limit:
        raise DataError([Problem("file_too_large", path, values={"limit": limit // 1024})])
    try:
        return yamlsource.load(path, yamlsource.decode(path, raw))
    except ProblemError as error:
        raise DataError(error.problems) from None


def load_source(source: Source, kind: Any, extra: dict[str, Any] | None = None) -> Any:
    """Validate a parsed file as ``kind`` (a model or a type such as list[Model])."""
    if source.data is None:
        raise DataError([Problem("file_empty_data", source.path)])
    if extra and isinstance(source.data, dict):
        source.data = {**extra, **source.data}
    try:
        return validate(source, kind)
    except ProblemError as error:
        raise DataError(error.problems) from None


def load_yaml(path: Path, kind: Any, extra: dict[str, Any] | None = None) -> Any:
    """Read a YAML file and validate it as ``kind``; ``extra`` adds keys the file does not carry."""
    return load_source(read_yaml(path), kind, extra)


def load_folder(folder: Path, kind: Any, checks: Callable[[Source, Any], list[Problem]]) -> tuple[Any, ...]:
    """One record per ``*.yml`` file of a folder (its name is the record's slug), in ``order``.

    ``checks`` adds the problems a schema cannot see (ids used twice, …); all are reported together.
    """
    records: list[Any] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")):
        source = read_yaml(path)
        record = load_source(source, kind, {"slug": path.stem})
        problems += checks(source, record)
        records.append(record)
    raise_problems(problems)
    return tuple(sorted(records, key=lambda record: (record.order, record.slug)))


def raise_problems(problems: Iterable[Problem]) -> None:
    """Raise a DataError if there is any problem."""
    found = list(problems)
    if found:
        raise DataError(found)


def fingerprint(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changes when any of the files changes: names, sizes and modification times.

    Links are not followed (``lstat``): a link in a company's folder is looked at, not gone through.
    """
    result = []
    for path in sorted(paths):
        try:
            stat = path.lstat()
        except OSError:
            continue
        result.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(result)


def files_below(folder: Path) -> list[Path]:
    """Every file and link below a folder, without following links into other folders."""
    found: list[Path] = []
    for parent, folders, names in os.walk(folder, followlinks=False):
        found.extend(Path(parent) / name for name in (*names, *folders))
    return found


def cached_by_files(files: Callable[..., Iterable[Path]]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a loader until one of its files changes (``mkdocs serve`` rebuilds in one process)."""
    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        cached = functools.lru_cache(maxsize=8)(lambda key, *args: function(*args))

        @functools.wraps(function)
        def wrapper(*args: Any) -> T:
            return cached(fingerprint(files(*args)), *args)
        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return wrapper
    return decorate


# Search keywords: words a reader may type that the page does not use (searchable, not shown).
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
KEYWORDS_MAX = 30


class Keywords(BaseModel):
    """A page's search keywords in Japanese and in English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ja: list[Keyword] = Field(min_length=1, max_length=KEYWORDS_MAX, description="Japanese search keywords")
    en: list[Keyword] = Field(min_length=1, max_length=KEYWORDS_MAX, description="English search keywords")

    def __call__(self, language: str) -> list[str]:
        """The keywords in one language."""
        return list(self.ja if language == "ja" else self.en)


class PageData(BaseModel):
    """Data that becomes a page of its own: its title, place in its section, owner and review date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text = Field(description="Page title (the H1), in both languages")
    order: int = Field(ge=1, le=9999, description="Place in its section: lower comes first")
    owner: Text = Field(description="Who keeps the page up to date, in both languages")
    reviewed: datetime.date = Field(description="Date of the last review (YYYY-MM-DD)")
    keywords: Keywords = Field(description="Search keywords in both languages: words readers type, not shown")
