"""The company profile: the YAML file that turns the handbook into one company's handbook.

The models below are the schema; every field carries its own description, so
``python -m handbook.profile schema`` prints a documented JSON Schema and
``python -m handbook.profile check PATH`` validates a profile folder without building.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Literal

import phonenumbers
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    ValidationError,
    model_validator,
)

from handbook.data import Text, parse_yaml
from handbook.errors import HandbookError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PROFILE = ROOT / "profiles" / "example"
PROFILE_FILE = "profile.yml"
PROFILE_VARIABLE = "HANDBOOK_PROFILE"

TEMPLATE_NAMES = (
    "apology-letter",
    "incident-report",
    "progress-report",
    "prevention-report",
    "meeting-agenda",
    "holding-statement",
    "staff-briefing",
)


class ProfileError(HandbookError):
    """The company profile is missing or invalid."""


def _phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"not a phone number ({error})") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number (Japanese numbers may omit +81)")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL
                                      if number.country_code == 81
                                      else phonenumbers.PhoneNumberFormat.INTERNATIONAL)


Phone = Annotated[str, AfterValidator(_phone)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Role = Literal["president", "site_lead", "client_liaison", "scribe", "internal_comms", "other"]


class Person(Strict):
    """Someone the handbook names as a contact."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")] = Field(
        description="Short identifier used by `escalation`, e.g. site-lead")
    role: Role = Field(description="Crisis role: president, site_lead, client_liaison, scribe, "
                                   "internal_comms or other")
    name: Text = Field(description="Full name, in Japanese and English")
    title: Text = Field(description="Job title, in Japanese and English")
    phone: Phone = Field(description="Phone number; Japanese numbers may omit +81")
    email: EmailStr = Field(description="E-mail address")

    @property
    def tel(self) -> str:
        """The phone number for a tel: link (E.164)."""
        number = phonenumbers.parse(self.phone, "JP")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class Step(Strict):
    """One call in the escalation chain."""

    person: NonEmpty = Field(description="The `id` of a person in `people`")
    within_minutes: int = Field(gt=0, le=7 * 24 * 60,
                                description="Call them within this many minutes of learning of the problem")


class ClientLiaison(Strict):
    """Rules for communicating with the client."""

    report_every_hours: int = Field(gt=0, le=24 * 14,
                                    description="Default gap between progress reports in the first week")
    first_contact_within_minutes: int = Field(gt=0, le=24 * 60,
                                              description="The client hears from us within this many minutes")


class SiteVisit(Strict):
    """Where the on-site work happens."""

    address: Text = Field(description="Address of the site, in Japanese and English")
    note: Text | None = Field(default=None, description="Directions or access notes")


class Contacts(Strict):
    """How fresh the contact details are."""

    last_confirmed: datetime.date = Field(description="Date the contacts were last checked (YYYY-MM-DD)")
    max_age_days: int = Field(default=180, gt=0,
                              description="After this many days the build warns and pages show the date")


class Deployment(Strict):
    """How the built site is published."""

    private: bool = Field(default=False,
                          description="true: every page gets noindex and robots.txt disallows everything")


class TemplateFiles(Strict):
    """Replacement files for one letter template, relative to the profile folder."""

    ja: NonEmpty | None = Field(default=None, description="Japanese template file")
    en: NonEmpty | None = Field(default=None, description="English template file")


class Company(Strict):
    """The company itself."""

    name: Text = Field(description="Company name, in Japanese and English")


class Profile(Strict):
    """A company profile (profile.yml)."""

    schema_version: Literal[1] = Field(description="Always 1 for this version of the handbook")
    sample: bool = Field(default=False, description="true only for example data: every page says so")
    company: Company
    people: list[Person] = Field(min_length=1, description="Contacts; one must have role president")
    escalation: list[Step] = Field(min_length=1, description="Order of calls when a problem is found")
    client_liaison: ClientLiaison
    site_visit: SiteVisit
    contacts: Contacts
    deployment: Deployment = Field(default_factory=Deployment)
    templates: dict[Literal[TEMPLATE_NAMES], TemplateFiles] = Field(  # type: ignore[valid-type]
        default_factory=dict,
        description="Replacements for letter templates: " + ", ".join(TEMPLATE_NAMES))

    @model_validator(mode="after")
    def _references(self) -> Profile:
        ids = [person.id for person in self.people]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"people: each id must be unique; repeated: {', '.join(repeated)}")
        if not any(person.role == "president" for person in self.people):
            raise ValueError("people: one person must have role: president")
        for number, step in enumerate(self.escalation):
            if step.person not in ids:
                raise ValueError(f"escalation.{number}.person: '{step.person}' is not the id of anyone "
                                 f"in people (ids: {', '.join(ids)})")
        return self

    def person(self, person_id: str) -> Person:
        """A person by id."""
        return next(person for person in self.people if person.id == person_id)

    def by_role(self, role: str) -> Person | None:
        """The first person with a role, if any."""
        return next((person for person in self.people if person.role == role), None)

    def contacts_age(self, today: datetime.date) -> int:
        """Days since the contacts were last confirmed."""
        return (today - self.contacts.last_confirmed).days

    def contacts_stale(self, today: datetime.date) -> bool:
        """Whether the contacts are older than the allowed age."""
        return self.contacts_age(today) > self.contacts.max_age_days


def _describe(error: dict) -> str:
    """One line a company administrator can act on, from one pydantic error."""
    where = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    given = error.get("input")
    if kind == "missing":
        return f"{where}: required key is missing"
    if kind == "extra_forbidden":
        return f"{where}: unknown key (a typo?); remove it or check the spelling"
    if kind == "literal_error" and error["loc"] and error["loc"][0] == "templates":
        return f"{where}: unknown template; expected one of {', '.join(TEMPLATE_NAMES)}"
    message = error["msg"].removeprefix("Value error, ")
    if not where:  # checks across keys name their own keys
        return message
    return f"{where}: {message} (got {given!r})" if not isinstance(given, (dict, list)) else f"{where}: {message}"


def profile_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The profile folder: the argument, else $HANDBOOK_PROFILE, else the example."""
    chosen = value or os.environ.get(PROFILE_VARIABLE) or EXAMPLE_PROFILE
    return Path(chosen).expanduser().resolve()


def load_profile(folder: str | os.PathLike[str] | None = None) -> Profile:
    """Read and validate a profile folder; ProfileError names the file, the key and the problem."""
    folder = profile_dir(folder)
    path = folder / PROFILE_FILE
    if not folder.is_dir():
        raise ProfileError(f"company profile folder not found: {folder}")
    if not path.is_file():
        raise ProfileError(f"{path}: file not found (a profile folder holds {PROFILE_FILE})")
    try:
        with path.open(encoding="utf-8") as handle:
            data = parse_yaml(handle)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ProfileError(f"{path}: not valid YAML: {where}{problem}") from None
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: expected a mapping of keys (company, people, ...), got {type(data).__name__}")
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        problems = [_describe(item) for item in error.errors(include_url=False)]
        raise ProfileError(f"{path}: " + ("\n  ".join(["invalid profile:", *problems]))) from None
    for name, files in profile.templates.items():
        for language in ("ja", "en"):
            relative = getattr(files, language)
            if relative and not (folder / relative).is_file():
                raise ProfileError(f"{path}: templates.{name}.{language}: file not found: {folder / relative}")
    return profile


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: `schema` or `check [PATH]`."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["schema"]:
        print(json.dumps(Profile.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if args[:1] == ["check"]:
        try:
            profile = load_profile(args[1] if len(args) > 1 else None)
        except ProfileError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"profile ok: {profile.company.name.en}, {len(profile.people)} people")
        return 0
    print("usage: python -m handbook.profile schema | check [PROFILE_FOLDER]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
