"""Read a YAML file as a person writes it, keeping where each key is, for messages.

- Encoding: UTF-8 with or without a byte-order mark, with Windows (CRLF) or Unix line endings.
  A Shift_JIS/CP932 file is refused with how to save it as UTF-8: guessing an encoding could
  turn a name or a phone number into something else without anyone noticing.
- Control characters and direction overrides (which make text read differently from what it
  is) are refused with their line and key, whether typed or written as escapes ("\\e", "\\u202e").
- A key written twice in one mapping is an error, not "the last one wins"; keys are text.
- Anchors and aliases (``&``/``*``) are refused: a profile has no use for them, and they can
  blow up a file of a few lines into millions of values. So are tags other than the plain types.
- Plain scalars keep the text as typed: ``0355550100`` is an octal number to YAML but a phone
  number to the person who typed it, so where the schema wants text the typed text is used.
- Untrusted files (a company profile) are parsed by PyYAML's Python parser, whose depth is bounded
  by Python's recursion limit; libyaml's faster C parser crashes on deep enough nesting, so it
  reads only the handbook's own data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handbook.messages import Problem, ProblemError, found, printable

Path_ = tuple[str | int, ...]

# Characters that have no place in a profile: C0/C1 controls (tab, line feed and carriage return
# are fine), DEL, and the bidirectional overrides that make text display differently from what it is.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
KEY_ON_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?"
                         r"([^\s#:'\"{}\[\],&*!|>%@`-][^#:\n]{0,80}?|'[^'\n]{0,80}'|\"[^\"\n]{0,80}\")"
                         r"[ \t]*:(?:\s|$)")
# Only this much of a line, and this many lines up, is searched for the key of a problem.
KEY_SEARCH_CHARACTERS = 200
KEY_SEARCH_LINES = 50
# A number typed longer than this is kept as text: reading it would take long or fail.
LONGEST_NUMBER = 50

TAG = "tag:yaml.org,2002:"
STR, NULL = TAG + "str", TAG + "null"
# The tags plain YAML resolves by itself; anything else (!!binary, !!set, !!python/…) is refused.
PLAIN_TAGS = {TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def _lenient(read: Any) -> Any:
    """A scalar reader that keeps the text as typed when the value cannot (or should not) be read."""
    def construct(loader: Any, node: yaml.ScalarNode) -> Any:
        if len(node.value) > LONGEST_NUMBER:
            return node.value
        try:
            return read(loader, node)
        except ValueError:  # 2026-02-30, or a number Python refuses to read
            return node.value
    return construct


class TrustedLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser, for the handbook's own data."""


class UntrustedLoader(yaml.SafeLoader):
    """PyYAML's Python parser, for a company's profile: deep nesting is an error, never a crash."""


for _loader in (TrustedLoader, UntrustedLoader):
    for _name in ("timestamp", "int", "float"):
        _loader.add_constructor(TAG + _name, _lenient(getattr(yaml.SafeLoader, f"construct_yaml_{_name}")))


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
            text += ("." if text else "") + printable(str(part), 60)
    return text


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _key_near(lines: list[str], index: int) -> str | None:
    """The key on a line, or on the nearest line above that has one."""
    for number in range(index, max(index - KEY_SEARCH_LINES, -1), -1):
        match = KEY_ON_LINE.match(lines[number][:KEY_SEARCH_CHARACTERS])
        if match:
            return printable(match.group(1).strip("'\""), 60)
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
    """Record lines and typed text; refuse duplicate or non-text keys, aliases and unusual tags."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise ProblemError([Problem("yaml_alias", source.path, line, key_name(where) or None)])
    seen.add(id(node))
    if node.tag not in PLAIN_TAGS:
        raise ProblemError([Problem("yaml_tag", source.path, line, key_name(where) or None)])
    source.lines.setdefault(where, line)
    if isinstance(node, yaml.MappingNode):
        keys: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<" and key_node.tag != STR:
                code = "yaml_alias" if isinstance(key_node, yaml.ScalarNode) else "yaml_complex_key"
                raise ProblemError([Problem(code, source.path, key_line, key_name(where) or None)])
            if key_node.tag != STR:  # `~:`, `true:`, `5:` are not the names of anything
                raise ProblemError([found("yaml_key_not_text", key_node.value, file=source.path, line=key_line,
                                          key=key_name(where) or None)])
            key = key_node.value
            if key in keys:
                raise ProblemError([Problem("yaml_duplicate_key", source.path, key_line, key_name((*where, key)),
                                            values={"first": keys[key]})])
            keys[key] = key_line
            source.lines[(*where, key)] = key_line
            _walk(source, value_node, (*where, key), seen)
            source.lines[(*where, key)] = key_line  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            _walk(source, item, (*where, number), seen)
    elif isinstance(node, yaml.ScalarNode) and not node.style and node.tag not in (STR, NULL):
        source.typed[where] = node.value


def _check_values(source: Source, data: Any, where: Path_) -> None:
    """Control characters written as escapes ("\\e", "\\0", "\\u202e") are refused like typed ones."""
    if isinstance(data, dict):
        for key, value in data.items():
            _check_values(source, value, (*where, key))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            _check_values(source, value, (*where, number))
    elif isinstance(data, str):
        match = FORBIDDEN.search(data)
        if match:
            raise ProblemError([found("control_character", match.group(), file=source.path,
                                      line=source.line(where), key=key_name(where),
                                      values={"code": f"U+{ord(match.group()):04X}"})])


def _unbalanced(lines: list[str]) -> int | None:
    """The first line that opens a quote or bracket it does not close (the usual cause of an error)."""
    for number, line in enumerate(lines, 1):
        text = line.split(" #", 1)[0].replace('\\"', "")
        if text.count('"') % 2 or text.count("{") != text.count("}") or text.count("[") != text.count("]"):
            return number
    return None


def _syntax_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """Where a YAML syntax error is, as a person would look for it."""
    problem = str(error.problem or "")
    context = str(error.context or "")
    # An unclosed quote or bracket is reported where YAML gave up; point at where it was opened.
    opened = error.context_mark if ("quoted" in context or "flow" in context) and error.context_mark else None
    mark = opened or error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else 0
    lines = text.splitlines()
    unbalanced = _unbalanced(lines[:line]) if line else None
    if unbalanced is not None and unbalanced < line:  # a quote or bracket left open earlier
        line, column = unbalanced, 1
    line_text = lines[line - 1] if line and line <= len(lines) else ""
    if "\\t" in problem or "tab" in problem or (line_text[:column].strip(" ") == "" and "\t" in line_text[:column]):
        code = "yaml_tab"
    elif "tag" in problem or "constructor" in problem:
        code = "yaml_tag"
    elif "expected a single document" in problem or "but found another document" in str(error):
        code = "yaml_documents"
    else:
        code = "yaml_syntax"
    key = _key_near(lines, min(line, len(lines)) - 1) if line and lines else None
    return Problem(code, path, line, key, values={"column": column})


def load(path: Path, text: str, trusted: bool = True) -> Source:
    """Parse YAML text read from ``path``; a ProblemError names the line of anything wrong."""
    check_characters(path, text)
    source = Source(path, None)
    loader = (TrustedLoader if trusted else UntrustedLoader)(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _walk(source, node, (), set())
            source.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise ProblemError([_syntax_problem(path, text, error)]) from None
    except yaml.YAMLError:
        raise ProblemError([Problem("yaml_syntax", path, values={"column": 0})]) from None
    except RecursionError:
        raise ProblemError([Problem("yaml_too_deep", path)]) from None
    finally:
        loader.dispose()
    _check_values(source, source.data, ())
    return source
