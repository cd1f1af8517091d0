"""Validation errors as messages a person can act on: file, line, key, found, expected.

Every YAML file of the handbook (the company profile and the content data) is validated here,
so a mistake in any of them reads the same way, in Japanese and English (messages.yml).
"""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from handbook.messages import Problem, ProblemError, found
from handbook.yamlsource import Source, key_name

# A message lists at most this many problems, then says how many more there are.
MAX_PROBLEMS = 20
# The pydantic error types that mean "a text was expected".
TEXT_EXPECTED = {"string_type"}
DATE_ERRORS = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact",
               "date_future"}
CODES = {
    "missing": "key_missing", "extra_forbidden": "key_unknown", "string_too_short": "value_empty",
    "string_too_long": "text_too_long", "string_pattern_mismatch": "id_pattern",
    "int_parsing": "whole_number", "int_parsing_size": "whole_number", "int_type": "whole_number",
    "int_from_float": "whole_number",
    "greater_than": "number_too_small", "greater_than_equal": "number_too_small",
    "less_than_equal": "number_too_large", "less_than": "number_too_large",
    "bool_parsing": "true_false", "bool_type": "true_false", "literal_error": "choice",
    "model_type": "mapping_expected", "model_attributes_type": "mapping_expected",
    "dict_type": "mapping_expected", "list_type": "list_expected", "too_short": "list_empty",
    "too_long": "list_too_long", "phone_invalid": "phone_invalid", "email_invalid": "email_invalid",
    "string_type": "text_expected",
}


def _fields_at(root: Any, where: tuple) -> list[str]:
    """The keys a file may have at a place (for "did you mean")."""
    model: Any = _model_of(root)
    for part in where:
        if isinstance(part, int) or model is None:
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return []
        model = _model_of(field.annotation)
    return list(getattr(model, "model_fields", {}))


def _model_of(annotation: Any) -> Any:
    """The model inside list[X], dict[K, X] or X | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in reversed(typing.get_args(annotation)):
        found_model = _model_of(argument)
        if found_model is not None:
            return found_model
    return None


def _problem(error: dict, source: Source, root: Any) -> Problem:
    """One problem a person can act on, from one validation error."""
    loc = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    given = error.get("input")
    context = error.get("ctx") or {}
    where = {"file": source.path, "line": source.line(loc), "key": key_name(loc)}
    if kind in DATE_ERRORS:
        return found("date_expected", source.typed.get(loc, given), **where)
    if kind == "missing":
        return Problem("key_missing", **where, values={"name": loc[-1]})
    if kind == "extra_forbidden":
        known = _fields_at(root, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        code = "key_unknown_close" if close else "key_unknown"
        return found(code, loc[-1], **where, values={"known": known, "close": close[0] if close else ""})
    if kind == "literal_error":
        choices = [choice.strip(" '") for choice in
                   str(context.get("expected", "")).replace(" or ", ", ").split(",")]
        return found("choice", source.typed.get(loc, given), **where, values={"choices": choices})
    if kind in {"string_type", "string_too_short"} and given in (None, ""):
        return found("value_empty", given, **where)
    code = CODES.get(kind, "value_invalid")
    limit = next((context[name] for name in ("max_length", "gt", "ge", "le", "lt") if name in context), "")
    values = {"limit": limit}
    return found(code, source.typed.get(loc, given), **where, values=values)


def _set(data: Any, where: tuple, value: Any) -> None:
    for part in where[:-1]:
        data = data[part]
    data[where[-1]] = value


def _first_problems(error: ValidationError, source: Source, kind: Any) -> list[Problem]:
    """The first problems by line, and how many more there are (a file can hold thousands)."""
    errors = sorted(error.errors(include_url=False),
                    key=lambda item: source.line(tuple(part for part in item["loc"] if part != "[key]")) or 0)
    problems = [_problem(item, source, kind) for item in errors[:MAX_PROBLEMS]]
    if len(errors) > MAX_PROBLEMS:
        problems.append(Problem("more_problems", values={"count": f"{len(errors) - MAX_PROBLEMS:,}"}))
    return problems


def validate(source: Source, kind: Any) -> Any:
    """Validate parsed YAML as ``kind``; a ProblemError names file, line and key of every problem.

    Where the schema wants text, a scalar YAML read as a number, date or yes/no is taken as typed
    (``0355550100`` stays those digits, ``2026-04-01`` stays that text).
    """
    adapter = TypeAdapter(kind)
    typed = dict(source.typed)
    while True:
        try:
            return adapter.validate_python(source.data)
        except ValidationError as error:
            retyped = [tuple(item["loc"]) for item in error.errors() if item["type"] in TEXT_EXPECTED
                       and tuple(item["loc"]) in typed]
            if not retyped:
                raise ProblemError(_first_problems(error, source, kind)) from None
            for where in retyped:
                _set(source.data, where, typed.pop(where))


def repeated(source: Source, items: list[Any], field: str, where: tuple = ()) -> list[Problem]:
    """A problem for every entry whose ``field`` repeats an earlier entry's."""
    problems: list[Problem] = []
    first: dict[Any, int] = {}
    for number, item in enumerate(items):
        value = getattr(item, field)
        place = (*where, number, field)
        if value in first:
            problems.append(found("id_repeated", value, file=source.path, line=source.line(place),
                                  key=key_name(place), values={"first": key_name((*where, first[value]))}))
        first.setdefault(value, number)
    return problems
