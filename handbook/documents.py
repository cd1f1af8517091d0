"""Letters filled with the company profile: the handbook's templates or the company's own.

Templates are Jinja text templates, rendered in a sandbox (handbook.sandbox): a company's own
template is untrusted code. Profile values are inserted once, as text: a value that looks like a
template (``{{ x }}``) is printed as it is, never evaluated.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from handbook import sandbox
from handbook.letters import Letter
from handbook.messages import ProblemError
from handbook.profile import PROFILE_FILE, Profile, ProfileError
from handbook.safepath import read_contained

# The parts of a letter the sender still has to fill in: 【…】 in Japanese, [CAPITALS] in English.
# An English one may run over a line break (the text is wrapped to fit an editor).
PLACEHOLDER = re.compile(r"【[^【】\n]+】|\[[A-Z0-9][A-Z0-9 ,.;%'/&()\n-]*\]")


def _person(profile: Profile, role: str, language: str) -> dict[str, str]:
    person = profile.by_role(role) or profile.president
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


def template_text(profile: Profile, profile_dir: Path, letter: Letter, root: Path,
                  language: str) -> tuple[Path, str]:
    """The template in use and its text: the profile's own (read only inside its folder), else ours."""
    replacement = profile.templates.get(letter.name)
    relative = getattr(replacement, language) if replacement else None
    if relative:
        key = f"templates.{letter.name}.{language}"
        return read_contained(profile_dir, relative, file=profile_dir / PROFILE_FILE, key=key)
    path = letter.template(root, language)
    return path, path.read_text(encoding="utf-8")


def render_letter(profile: Profile, profile_dir: Path, letter: Letter, root: Path, language: str) -> str:
    """The filled-in text of one template, rendered in the sandbox (handbook.sandbox)."""
    path, text = template_text(profile, profile_dir, letter, root, language)
    try:
        return sandbox.render(path, text, values(profile, language))
    except ProblemError as error:
        raise ProfileError(error.problems) from None


def render_letters(profile: Profile, profile_dir: Path, letters: tuple[Letter, ...], root: Path,
                   languages: tuple[str, ...] = ("ja", "en")) -> dict[tuple[str, str], str]:
    """Every letter in the given languages, by (name, language): renders and so checks each template."""
    return {(letter.name, language): render_letter(profile, profile_dir, letter, root, language)
            for letter in letters for language in languages}


def marked(text: str) -> Markup:
    """Escaped letter text with the parts still to fill in highlighted."""
    parts: list[Markup] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(Markup('<mark class="placeholder">{}</mark>').format(match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
