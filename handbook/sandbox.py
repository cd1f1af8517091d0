"""Letter templates rendered in a sandbox: a template from a company profile is untrusted code.

Templates render in Jinja's ``ImmutableSandboxedEnvironment`` and, before that, every template
is read as a syntax tree and allowed only what a letter needs: the letter's values, their
attributes, ``if``/``else``, comparisons, joining text with ``~`` and a few text filters. So:

- no name but the letter's values (no ``range``, ``cycler``, ``joiner``, ``lipsum``, ``self``);
- no attribute or key starting with ``_`` (the way into Python's internals);
- no calls, loops, ``set``, macros, ``include``, ``import`` or ``extends``: a template is one
  file, and the work of rendering it grows with its length, never faster;
- anything else stops the build with the template file and line.
"""

from __future__ import annotations

import traceback
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from handbook.messages import Problem, ProblemError, found

MAX_DEPTH = 24
MAX_NODES = 20_000
# Text filters that cannot make a text much longer than it is.
FILTERS = ("upper", "lower", "title", "capitalize", "trim", "default", "d", "length", "string", "e")
TESTS = ("defined", "undefined", "none", "number", "string", "eq", "ne", "equalto")
ALLOWED_NODES = (
    nodes.Template, nodes.Output, nodes.TemplateData, nodes.Const, nodes.Name, nodes.Getattr,
    nodes.Getitem, nodes.If, nodes.CondExpr, nodes.Compare, nodes.Operand, nodes.And, nodes.Or,
    nodes.Not, nodes.Concat, nodes.Filter, nodes.Test, nodes.Add, nodes.Sub, nodes.Mul, nodes.Div,
    nodes.FloorDiv, nodes.Neg, nodes.Pos, nodes.Keyword,
)
# How a person would name what was refused.
REFUSED_WORDS = {
    nodes.Include: "{% include %}", nodes.Import: "{% import %}", nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}", nodes.For: "{% for %}", nodes.Macro: "{% macro %}",
    nodes.CallBlock: "{% call %}",
    nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}", nodes.With: "{% with %}",
    nodes.Block: "{% block %}", nodes.FilterBlock: "{% filter %}", nodes.Pow: "**", nodes.Mod: "%",
    nodes.Slice: "[a:b]", nodes.List: "[ … ]", nodes.Dict: "{ … }", nodes.Tuple: "( … , … )",
    nodes.ScopedEvalContextModifier: "{% autoescape %}", nodes.EvalContextModifier: "{% autoescape %}",
}


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, with ``*`` allowed between numbers only (no repeated text)."""

    intercepted_binops = frozenset({"*"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*" and not (_number(left) and _number(right)):
            raise SecurityError("* repeats text")
        return super().call_binop(context, operator, left, right)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _environment() -> _Environment:
    environment = _Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    environment.globals.clear()
    environment.filters = {name: environment.filters[name] for name in FILTERS}
    environment.tests = {name: environment.tests[name] for name in TESTS}
    return environment


def _plain(value: Any) -> Any:
    """A letter value whose only attributes are its fields (a dict's methods stay out of reach)."""
    if isinstance(value, Mapping):
        return types.SimpleNamespace(**{key: _plain(item) for key, item in value.items()})
    return value


def _line_text(source: str, line: int | None) -> str:
    lines = source.splitlines()
    return lines[line - 1].strip() if line and 0 < line <= len(lines) else ""


def _depths(tree: nodes.Node) -> Any:
    """Every node with how deep it is nested (without recursion: a tree may be very deep)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in reversed(list(node.iter_child_nodes())))  # in order


def _check_tree(tree: nodes.Template, path: Path, source: str, allowed: set[str]) -> None:
    """Refuse, with its line, the first thing in a template that a letter is not allowed."""
    def refuse(code: str, node: nodes.Node, **values: Any) -> ProblemError:
        return ProblemError([found(code, _line_text(source, node.lineno), file=path, line=node.lineno,
                                   values=values)])

    for count, (node, depth) in enumerate(_depths(tree)):
        # Jinja's compiler slows down far faster than a template grows when expressions nest:
        # a letter needs a few levels, and a few thousand nodes at most.
        if depth > MAX_DEPTH or count > MAX_NODES:
            raise refuse("template_too_deep", node, limit=MAX_DEPTH)
        if isinstance(node, nodes.Call):
            raise refuse("template_call", node)
        if not isinstance(node, ALLOWED_NODES):
            what = REFUSED_WORDS.get(type(node), type(node).__name__.lower())
            raise refuse("template_forbidden", node, what=what)
        if isinstance(node, nodes.Name) and node.name not in allowed:
            raise refuse("template_unknown_name", node, name=node.name, allowed=sorted(allowed))
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            raise refuse("template_private", node, name=node.attr)
        if (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
                and str(node.arg.value).startswith("_")):
            raise refuse("template_private", node, name=str(node.arg.value))
        if isinstance(node, nodes.Filter) and node.name not in FILTERS:
            raise refuse("template_filter", node, name=node.name, allowed=FILTERS)
        if isinstance(node, nodes.Test) and node.name not in TESTS:
            raise refuse("template_filter", node, name=node.name, allowed=TESTS)


def _template_line(error: BaseException, path: Path) -> int | None:
    """The template line a render error happened on (Jinja maps its frames to template lines)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename == str(path):
            return frame.lineno
    return None


def render(path: Path, source: str, values: Mapping[str, Any]) -> str:
    """Render one letter template; anything unsafe or wrong is a ProblemError with file and line."""
    environment = _environment()
    try:
        tree = environment.parse(source, path.name, str(path))
    except jinja2.TemplateSyntaxError as error:
        raise ProblemError([found("template_syntax", _line_text(source, error.lineno), file=path,
                                  line=error.lineno)]) from None
    except RecursionError:  # brackets nested thousands deep
        raise ProblemError([Problem("template_too_deep", path, values={"limit": MAX_DEPTH})]) from None
    _check_tree(tree, path, source, set(values))
    try:
        code = environment.compile(tree, path.name, str(path))
        template = environment.template_class.from_code(environment, code, environment.make_globals(None))
        text = template.render(**{name: _plain(value) for name, value in values.items()})
    except SecurityError as error:
        line = _template_line(error, path)
        raise ProblemError([found("template_unsafe", _line_text(source, line), file=path, line=line)]) from None
    except jinja2.UndefinedError as error:
        line = _template_line(error, path)
        raise ProblemError([found("template_missing_value", _line_text(source, line), file=path, line=line,
                                  values={"allowed": sorted(values)})]) from None
    except Exception as error:  # noqa: BLE001 - whatever a template does wrong, the build names it
        line = _template_line(error, path)
        raise ProblemError([found("template_value_error", _line_text(source, line), file=path,
                                  line=line)]) from None
    return text

