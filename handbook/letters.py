"""Letter templates: defaults in handbook/letters/, replaceable from the company profile.

Templates are Jinja text templates, rendered in a sandbox (handbook.sandbox): a company's own
template is untrusted code. Profile values are inserted once, as text: a value that looks like a
template (``{{ x }}``) is printed as it is, never evaluated.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from handbook import sandbox
from handbook.data import Text, load_yaml
from handbook.errors import HandbookError
from handbook.messages import ProblemError
from handbook.profile import PROFILE_FILE, TEMPLATE_NAMES, Profile, ProfileError
from handbook.safepath import read_contained

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
    raise HandbookError(f"no letter template named {name!r}; known: {', '.join(TEMPLATE_NAMES)}")


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


def is_replaced(profile: Profile, name: str, language: str) -> bool:
    """Whether the company profile supplies its own version of a template."""
    replacement = profile.templates.get(name)
    return bool(replacement and getattr(replacement, language))


def template_text(profile: Profile, profile_dir: Path, name: str, language: str) -> tuple[Path, str]:
    """The template in use and its text: the profile's own (read only inside its folder), else ours."""
    replacement = profile.templates.get(name)
    relative = getattr(replacement, language) if replacement else None
    if relative:
        key = f"templates.{name}.{language}"
        return read_contained(profile_dir, relative, file=profile_dir / PROFILE_FILE, key=key)
    path = DEFAULT_DIR / f"{name}.{language}.txt"
    return path, path.read_text(encoding="utf-8")


def render_letter(profile: Profile, profile_dir: Path, name: str, language: str) -> str:
    """The filled-in text of one template, rendered in the sandbox (handbook.sandbox)."""
    path, text = template_text(profile, profile_dir, name, language)
    try:
        return sandbox.render(path, text, values(profile, language))
    except ProblemError as error:
        raise ProfileError(error.problems) from None


def render_letters(profile: Profile, profile_dir: Path) -> dict[tuple[str, str], str]:
    """Every letter in both languages, by (name, language): renders and so checks each template."""
    return {(found.name, language): render_letter(profile, profile_dir, found.name, language)
            for found in letters() for language in ("ja", "en")}
