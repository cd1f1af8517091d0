"""Letter templates: defaults in handbook/letters/, replaceable from the company profile.

Templates are Jinja text templates. Profile values are inserted once, as text: a value that looks
like a template (``{{ x }}``) is printed as it is, never evaluated.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel, ConfigDict

from handbook.data import Text, load_yaml
from handbook.profile import TEMPLATE_NAMES, Profile, ProfileError
from handbook.template_cache import cache_compiled_templates

LETTERS_FILE = Path(__file__).with_name("letters.yml")
DEFAULT_DIR = Path(__file__).with_name("letters")


class Letter(BaseModel):
    """One template: its name, title and when it is used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: Text
    use: Text


@functools.cache
def letters() -> tuple[Letter, ...]:
    """All letter templates, in the order they are usually needed."""
    found = tuple(load_yaml(LETTERS_FILE, list[Letter]))
    assert sorted(letter.name for letter in found) == sorted(TEMPLATE_NAMES), "letters.yml vs TEMPLATE_NAMES"
    return found


def letter(name: str) -> Letter:
    """One letter template's description."""
    for found in letters():
        if found.name == name:
            return found
    raise ProfileError(f"no letter template named {name!r}; known: {', '.join(TEMPLATE_NAMES)}")


def _person(profile: Profile, role: str, language: str) -> dict[str, str]:
    person = profile.by_role(role) or profile.by_role("president")
    assert person is not None  # the profile guarantees a president
    return {"name": person.name(language), "title": person.title(language),
            "phone": person.phone, "email": str(person.email)}


def values(profile: Profile, language: str) -> dict[str, Any]:
    """What a template may use, in one language."""
    return {
        "company": profile.company.name(language),
        "president": _person(profile, "president", language),
        "liaison": _person(profile, "client_liaison", language),
        "site_lead": _person(profile, "site_lead", language),
        "report_every_hours": profile.client_liaison.report_every_hours,
        "first_contact_within_minutes": profile.client_liaison.first_contact_within_minutes,
        "site_address": profile.site_visit.address(language),
    }


def source(profile: Profile, profile_dir: Path, name: str, language: str) -> Path:
    """The template file in use: the profile's replacement if it has one, else the default."""
    replacement = profile.templates.get(name)
    relative = getattr(replacement, language) if replacement else None
    return profile_dir / relative if relative else DEFAULT_DIR / f"{name}.{language}.txt"


def is_replaced(profile: Profile, name: str, language: str) -> bool:
    """Whether the company profile supplies its own version of a template."""
    replacement = profile.templates.get(name)
    return bool(replacement and getattr(replacement, language))


def _only(path: Path) -> jinja2.BaseLoader:
    """A loader for one template file: a letter cannot include or extend other files."""
    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        if name != path.name:
            return None
        modified = path.stat().st_mtime_ns
        return path.read_text(encoding="utf-8"), str(path), lambda: path.stat().st_mtime_ns == modified
    return jinja2.FunctionLoader(load)


def render_letter(profile: Profile, profile_dir: Path, name: str, language: str) -> str:
    """The filled-in text of one template."""
    path = source(profile, profile_dir, name, language)
    environment = cache_compiled_templates(jinja2.Environment(
        loader=_only(path), undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True))
    try:
        return environment.get_template(path.name).render(**values(profile, language))
    except FileNotFoundError:
        raise ProfileError(f"{path}: template file not found") from None
    except jinja2.TemplateNotFound as error:
        raise ProfileError(f"{path}: uses another file ({error.name}); a letter template must stand alone") from None
    except RecursionError:
        raise ProfileError(f"{path}: the template includes itself") from None
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text") from None
    except jinja2.TemplateSyntaxError as error:
        raise ProfileError(f"{path}: line {error.lineno}: template syntax error: {error.message}") from None
    except jinja2.UndefinedError as error:
        allowed = ", ".join(sorted(values(profile, language)))
        raise ProfileError(f"{path}: {error.message}; templates may use: {allowed}") from None
