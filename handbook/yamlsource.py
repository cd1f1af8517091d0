"""Read a YAML file as a person writes it, keeping where each key is, for messages.

- Encoding: UTF-8 with or without a byte-order mark, with Windows (CRLF) or Unix line endings.
  A Shift_JIS/CP932 file is refused with how to save it as UTF-8: guessing an encoding could
  turn a name or a phone number into something else without anyone noticing.
- Control characters and direction overrides (which make text read differently from what it
  is) are refused with their line and key.
- A key written twice in one mapping is an error, not "the last one wins".
- Anchors and aliases (``&``/``*``) are refused: a profile has no use for them, and they can
  blow up a file of a few lines into millions of values.
- Plain scalars keep the text as typed: ``0355550100`` is an octal number to YAML but a phone
  number to the person who typed it, so where the schema wants text the typed text is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handbook.messages import Problem, ProblemError, found

Path_ = tuple[str | int, ...]

# Characters that have no place in a profile: C0/C1 controls (tab, line feed and carriage return
# are fine), DEL, and the bidirectional overrides that make text display differently from what it is.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
KEY_ON_LINE = re.compile(r"^\s*(?:-\s+)?([^\s#:'\"{}\[\],&*!|>%@`-][^#:]*?|'[^']*'|\"[^\"]*\")\s*:(?:\s|$)")

STR, NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with dates that do not exist kept as text (the schema then says so)."""


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class Source:
    """A parsed YAML file: the data, each key's line, and the typed text of non-text scalars."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    typed: dict[Path_, str] = field(default_factory=dict)

    def line(self, where: Path_) -> int | None:
        """The line of a key (or of the nearest enclosing key that exists)."""
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return self.lines.get(())


def key_name(where: Path_) -> str:
    """A key path as a person reads it: ``people[3].phone`` (list items counted from 1)."""
    text = ""
    for part in where:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
    return text


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _key_near(lines: list[str], index: int) -> str | None:
    """The key on a line, or on the nearest line above that has one."""
    for number in range(index, -1, -1):
        match = KEY_ON_LINE.match(lines[number])
        if match:
            return match.group(1).strip("'\"")
    return None


def decode(path: Path, raw: bytes) -> str:
    """Text of a file saved by any common editor, or a problem saying how to save it as UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        try:
            raw.decode("cp932")
        except UnicodeDecodeError:
            raise ProblemError([Problem("encoding_unknown", path, line)]) from None
        raise ProblemError([Problem("encoding_cp932", path, line)]) from None


def check_characters(path: Path, text: str) -> None:
    """Refuse control characters and direction overrides, naming line and key."""
    problems = []
    lines = text.splitlines()
    for match in FORBIDDEN.finditer(text):
        line = _line_of(text, match.start())
        problems.append(found("control_character", match.group(), file=path, line=line,
                              key=_key_near(lines, line - 1) if lines else None,
                              values={"code": f"U+{ord(match.group()):04X}"}))
        if len(problems) == 5:
            break
    if problems:
        raise ProblemError(problems)


def _walk(source: Source, node: yaml.Node, where: Path_, seen: set[int]) -> None:
    """Record lines and typed text; refuse duplicate keys and aliases."""
    if id(node) in seen:
        raise ProblemError([Problem("yaml_alias", source.path, node.start_mark.line + 1,
                                    key_name(where) or None)])
    seen.add(id(node))
    source.lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ProblemError([Problem("yaml_complex_key", source.path, key_node.start_mark.line + 1,
                                            key_name(where) or None)])
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key == "<<":
                raise ProblemError([Problem("yaml_alias", source.path, line, key_name(where) or None)])
            if key in keys:
                raise ProblemError([Problem("yaml_duplicate_key", source.path, line, key_name((*where, key)),
                                            values={"first": keys[key]})])
            keys[key] = line
            source.lines[(*where, key)] = line
            _walk(source, value_node, (*where, key), seen)
            source.lines[(*where, key)] = line  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            _walk(source, item, (*where, number), seen)
    elif isinstance(node, yaml.ScalarNode) and not node.style and node.tag not in (STR, NULL):
        source.typed[where] = node.value


def load(path: Path, text: str) -> Source:
    """Parse YAML text read from ``path``; a ProblemError names the line of anything wrong."""
    check_characters(path, text)
    source = Source(path, None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(source, node, (), set())
            source.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else 0
        problem = str(error.problem or "")
        if "\\t" in problem or "tab" in problem:
            code = "yaml_tab"
        elif "tag" in problem or "constructor" in problem:
            code = "yaml_tag"
        elif "expected a single document" in problem or "but found another document" in str(error):
            code = "yaml_documents"
        else:
            code = "yaml_syntax"
        lines = text.splitlines()
        key = _key_near(lines, min(line, len(lines)) - 1) if line and lines else None
        raise ProblemError([Problem(code, path, line, key, values={"column": column})]) from None
    except yaml.YAMLError:
        raise ProblemError([Problem("yaml_syntax", path, values={"column": 0})]) from None
    except RecursionError:
        raise ProblemError([Problem("yaml_too_deep", path)]) from None
    finally:
        loader.dispose()
    return source

