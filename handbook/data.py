"""Shared pieces of the data files: a text in both languages, and a validated YAML loader."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

T = TypeVar("T")

# libyaml's parser when PyYAML was built with it (the wheels are): several times faster on our data files.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(source: str | IO[str]) -> Any:
    """Parse YAML text safely (plain data only); errors are yaml.YAMLError with a problem mark."""
    return yaml.load(source, Loader=SafeLoader)  # noqa: S506 - a safe loader


class Text(BaseModel):
    """A text in Japanese and in English."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    ja: str = Field(min_length=1, description="Japanese text")
    en: str = Field(min_length=1, description="English text")

    def __call__(self, language: str) -> str:
        """The text in one language."""
        return self.ja if language == "ja" else self.en


def load_yaml(path: Path, kind: Any) -> Any:
    """Read a YAML file and validate it as ``kind`` (a model or a type such as list[Model])."""
    with path.open(encoding="utf-8") as handle:
        return TypeAdapter(kind).validate_python(parse_yaml(handle))
