"""Letters and reports filled from the incident file, in the browser: what fills which blank.

``incident-documents.yml`` names, by their exact text, the blanks of the letter templates that a
value of the incident record fills, and the table rows written once per log entry or promise.
The build checks that every blank and row it names is still in the handbook's own templates (a
template edited without it would silently stop being filled), and writes, for each letter, a small
script the incident page loads when a reader asks for that document (incident-documents.js): the
built .docx, the filled-in text and the part of the rules that applies to it. A script, not a data
file, because a page opened from ``file://`` may load a script but not read a file.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from handbook.data import cached_by_files, load_source, raise_problems, read_yaml
from handbook.documents import PLACEHOLDER
from handbook.messages import Problem, found
from handbook.wordfile import TABLE_SEPARATOR
from handbook.yamlsource import key_name

SPEC = "incident-documents.yml"
LANGUAGES = ("ja", "en")
Value = Literal["client", "product", "problem", "problem_event", "what", "facts", "affected", "scope", "quantity",
                "lots", "severity", "status", "scribe", "containment", "cause", "countermeasures", "next_steps",
                "today", "now", "found_date", "started", "next_update"]
RowValue = Literal["time", "kind", "who", "text", "made", "due", "state", "progress", "kept"]
# A cell of a row rule: "text" (kept), "text = value" (filled), "#" (the row's number), "*" (any, kept).
CELL = re.compile(r"^(?P<text>.+?)(?: = (?P<value>[a-z_]+))?$")


class ByLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ja: dict[str, Value | list[Value | None]] = Field(default_factory=dict)
    en: dict[str, Value | list[Value | None]] = Field(default_factory=dict)


class RowRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source: Literal["log", "events", "promises", "open"] = Field(alias="from", description="The list written as rows")
    ja: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class Filling(BaseModel):
    """incident-documents.yml: the blanks filled everywhere, per document, and the rows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    values: ByLanguage
    documents: dict[str, ByLanguage] = Field(default_factory=dict)
    rows: dict[str, list[RowRule]] = Field(default_factory=dict)

    def rules(self, name: str, language: str) -> dict[str, object]:
        """What the browser needs to fill one letter in one language."""
        values: dict[str, object] = dict(getattr(self.values, language))
        if name in self.documents:
            values |= getattr(self.documents[name], language)
        rows = [{"from": rule.source, "cells": [_cell(cell) for cell in getattr(rule, language)]}
                for rule in self.rows.get(name, [])]
        return {"values": values, "rows": rows}


def _cell(cell: str) -> list[str | None]:
    match = CELL.match(cell)
    assert match  # the pattern matches any text
    return [match.group("text"), match.group("value")]


def _row_matches(line: str, cells: list[str], language: str) -> bool:
    parts = [part.strip() for part in line.strip().strip("\u3000").split(TABLE_SEPARATOR[language].strip())]
    if len(parts) != len(cells):
        return False
    for part, cell in zip(parts, cells, strict=True):
        text, value = _cell(cell)
        if text == "#":
            if not part.isdigit():
                return False
        elif text != "*" and part != text:
            return False
        if value and text != "*" and not PLACEHOLDER.search(text or ""):
            return False
    return True


def _files(root: Path) -> list[Path]:
    return [root / SPEC, root / "letters.yml", *sorted((root / "letters").glob("*.txt"))]


@cached_by_files(_files)
def load_filling(root: Path) -> Filling:
    """The rules, checked against the handbook's own templates."""
    path = root / SPEC
    source = read_yaml(path)
    filling: Filling = load_source(source, Filling)
    texts = {tuple(template.name.split(".")[:2]): template.read_text(encoding="utf-8")
             for template in (root / "letters").glob("*.txt")}
    names = {name for name, _ in texts}
    problems: list[Problem] = []

    def problem(code: str, value: str, where: tuple, **values: str) -> None:
        problems.append(found(code, value, file=path, line=source.line(where), key=key_name(where), values=values))

    for language in LANGUAGES:
        everywhere = "\n".join(text for (_, lang), text in texts.items() if lang == language)
        for blank in getattr(filling.values, language):
            if blank not in everywhere:
                problem("fill_blank_unknown", blank, ("values", language, blank))
    for name, by_language in filling.documents.items():
        for language in LANGUAGES:
            for blank in getattr(by_language, language):
                if name not in names:
                    problem("fill_letter_unknown", name, ("documents", name))
                elif blank not in texts[(name, language)]:
                    problem("fill_blank_unknown", blank, ("documents", name, language, blank))
    for name, rules in filling.rows.items():
        if name not in names:
            problem("fill_letter_unknown", name, ("rows", name))
            continue
        for number, rule in enumerate(rules):
            for language in LANGUAGES:
                cells = getattr(rule, language)
                if not any(_row_matches(line, cells, language) for line in texts[(name, language)].splitlines()):
                    problem("fill_row_unknown", " | ".join(cells), ("rows", name, number, language), letter=name)
    raise_problems(problems)
    return filling


def document_script(name: str, language: str, text: str, docx: bytes, filling: Filling) -> str:
    """The script that hands one letter to the incident page: its .docx, its text and its rules."""
    data = {"docx": base64.b64encode(docx).decode("ascii"), "text": text, **filling.rules(name, language)}
    # json.dumps escapes every non-ASCII character and "<", so the script holds no "</script>"
    # and no line separator a browser would stop at.
    payload = json.dumps(data, ensure_ascii=True).replace("<", "\\u003c")
    return f"(window.HandbookDocuments=window.HandbookDocuments||{{}})[{json.dumps(name)}]={payload};\n"
