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
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal, get_args

import email_validator
import phonenumbers
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from handbook import yamlsource
from handbook.data import Text
from handbook.messages import Problem, ProblemError, found
from handbook.safepath import checked_path, read_profile_file
from handbook.validation import repeated, validate
from handbook.yamlsource import Source, key_name

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PROFILE = ROOT / "profiles" / "example"
PROFILE_FILE = "profile.yml"
PROFILE_VARIABLE = "HANDBOOK_PROFILE"



class ProfileError(ProblemError):
    """The company profile is missing or invalid: one or more problems, each in both languages."""


def _phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "JP")
    except phonenumbers.NumberParseException:
        raise PydanticCustomError("phone_invalid", "not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("phone_invalid", "not a phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL
                                      if number.country_code == 81
                                      else phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _email(value: str) -> str:
    try:
        return email_validator.validate_email(value, check_deliverability=False).normalized
    except email_validator.EmailNotValidError:
        raise PydanticCustomError("email_invalid", "not an e-mail address") from None


Phone = Annotated[str, Field(max_length=40), AfterValidator(_phone)]
Email = Annotated[str, Field(max_length=254, json_schema_extra={"format": "email"}), AfterValidator(_email)]
NonEmpty = Annotated[str, Field(min_length=1, max_length=200)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


def e164(phone: str) -> str:
    """A phone number as checked by the profile, for a tel: link (E.164)."""
    return phonenumbers.format_number(phonenumbers.parse(phone, "JP"), phonenumbers.PhoneNumberFormat.E164)


class ShortText(Text):
    """A name, title or similar, in Japanese and English (at most 120 characters each)."""

    ja: str = Field(min_length=1, max_length=120, description="Japanese text")
    en: str = Field(min_length=1, max_length=120, description="English text")


class LongText(Text):
    """An address or a note, in Japanese and English (at most 500 characters each)."""

    ja: str = Field(min_length=1, max_length=500, description="Japanese text")
    en: str = Field(min_length=1, max_length=500, description="English text")


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Role = Literal["president", "site_lead", "client_liaison", "scribe", "internal_comms", "other"]


class Person(Strict):
    """Someone the handbook names as a contact."""

    id: Slug = Field(description="Short identifier used by `escalation`, e.g. site-lead")
    role: Role = Field(description="Crisis role: president, site_lead, client_liaison, scribe, "
                                   "internal_comms or other")
    name: ShortText = Field(description="Full name, in Japanese and English")
    title: ShortText = Field(description="Job title, in Japanese and English")
    phone: Phone = Field(description="Phone number; Japanese numbers may omit +81. Digits typed "
                                     "without quotes are taken as typed")
    email: Email = Field(description="E-mail address")

    @property
    def tel(self) -> str:
        """The phone number for a tel: link (E.164)."""
        return e164(self.phone)


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

    address: LongText = Field(description="Address of the site, in Japanese and English")
    note: LongText | None = Field(default=None, description="Directions or access notes")


Function = Literal["quality", "purchasing", "other"]


class CustomerContact(Strict):
    """Someone at a customer whom we call."""

    name: ShortText = Field(description="Full name, in Japanese and English")
    title: ShortText = Field(description="Department and job title, in Japanese and English")
    function: Function = Field(description="What they handle for us: quality, purchasing or other")
    phone: Phone = Field(description="Phone number; Japanese numbers may omit +81")
    email: Email | None = Field(default=None, description="E-mail address")

    @property
    def tel(self) -> str:
        """The phone number for a tel: link (E.164)."""
        return e164(self.phone)


class Customer(Strict):
    """A main customer: its plant, how to get in, and whom to call there."""

    id: Slug = Field(description="Short identifier, e.g. tokai-auto")
    name: ShortText = Field(description="Customer's company name, in Japanese and English")
    plant: ShortText | None = Field(default=None, description="Which plant or site we deal with")
    address: LongText | None = Field(default=None, description="Address of that plant or site")
    entry_rules: LongText | None = Field(
        default=None, description="How to get in: reception, visitor badge, protective equipment, "
                                  "rules on photographs and phones")
    contacts: list[CustomerContact] = Field(min_length=1, max_length=20,
                                            description="Their quality, purchasing and other contacts")


AdviserKind = Literal["lawyer", "insurance_agent", "tax_accountant", "bank", "supplier", "carrier", "other"]
ADVISER_KINDS: tuple[str, ...] = get_args(AdviserKind)


class Adviser(Strict):
    """Someone outside the company to call in a crisis: lawyer, insurer, bank, supplier, carrier."""

    kind: AdviserKind = Field(description="lawyer, insurance_agent, tax_accountant, bank, supplier, "
                                          "carrier or other")
    organisation: ShortText = Field(description="Firm, agency, bank branch or company")
    name: ShortText | None = Field(default=None, description="The person we deal with there")
    phone: Phone = Field(description="Phone number; Japanese numbers may omit +81")
    email: Email | None = Field(default=None, description="E-mail address")
    note: LongText | None = Field(default=None, description="What they cover and when to call, e.g. "
                                                            "PL insurance: tell them before admitting liability")

    @property
    def tel(self) -> str:
        """The phone number for a tel: link (E.164)."""
        return e164(self.phone)


class Contacts(Strict):
    """How fresh the contact details are."""

    last_confirmed: datetime.date = Field(description="Date the contacts were last checked (YYYY-MM-DD); "
                                                      "not in the future")
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

    name: ShortText = Field(description="Company name, in Japanese and English")


class Profile(Strict):
    """A company profile (profile.yml)."""

    schema_version: Literal[1] = Field(description="Always 1 for this version of the handbook")
    sample: bool = Field(default=False, description="true only for example data: every page says so")
    company: Company
    people: list[Person] = Field(min_length=1, max_length=100,
                                 description="Contacts; one must have role president")
    escalation: list[Step] = Field(min_length=1, max_length=100,
                                   description="Order of calls when a problem is found")
    client_liaison: ClientLiaison
    site_visit: SiteVisit
    contacts: Contacts
    customers: list[Customer] = Field(
        default_factory=list, max_length=50,
        description="Main customers: their plants, entry rules, and quality and purchasing contacts")
    advisers: list[Adviser] = Field(
        default_factory=list, max_length=50,
        description="Outside advisers: lawyer, insurance agent, tax accountant, bank, key suppliers, carrier")
    deployment: Deployment = Field(default_factory=Deployment)
    templates: dict[str, TemplateFiles] = Field(
        default_factory=dict,
        description="Replacements for letter templates, by the letter's name in handbook/letters.yml")

    def person(self, person_id: str) -> Person:
        """A person by id."""
        return next(person for person in self.people if person.id == person_id)

    @property
    def president(self) -> Person:
        """The president (the checks guarantee there is one)."""
        return next(person for person in self.people if person.role == "president")

    def by_role(self, role: str) -> Person | None:
        """The first person with a role, if any."""
        return next((person for person in self.people if person.role == role), None)

    def contacts_age(self, today: datetime.date) -> int:
        """Days since the contacts were last confirmed."""
        return (today - self.contacts.last_confirmed).days

    def contacts_stale(self, today: datetime.date) -> bool:
        """Whether the contacts are older than the allowed age."""
        return self.contacts_age(today) > self.contacts.max_age_days


PROFILE_MAX_BYTES = 256 * 1024  # the example is 3 KB; the Python YAML parser reads 256 KB in about 2 s


def _validate(source: Source) -> Profile:
    try:
        return validate(source, Profile)
    except ProblemError as error:
        raise ProfileError(error.problems) from None


def _cross_checks(profile: Profile, source: Source, today: datetime.date,
                  letter_names: Iterable[str]) -> list[Problem]:
    """Checks across keys, each naming the key as written and its line."""
    problems: list[Problem] = repeated(source, profile.people, "id", ("people",))
    problems += repeated(source, profile.customers, "id", ("customers",))
    ids = [person.id for person in profile.people]
    if not any(person.role == "president" for person in profile.people):
        problems.append(Problem("president_missing", source.path, source.line(("people",)), "people"))
    for number, step in enumerate(profile.escalation):
        if step.person not in ids:
            where = ("escalation", number, "person")
            problems.append(found("escalation_unknown", step.person, file=source.path,
                                  line=source.line(where), key=key_name(where), values={"ids": list(ids)}))
    names = list(letter_names)
    for name in profile.templates:
        if name not in names:
            where = ("templates", name)
            problems.append(found("template_name", name, file=source.path, line=source.line(where),
                                  key=key_name(where), values={"choices": names}))
    if profile.contacts.last_confirmed > today + datetime.timedelta(days=1):
        where = ("contacts", "last_confirmed")
        problems.append(found("date_future", profile.contacts.last_confirmed.isoformat(), file=source.path,
                              line=source.line(where), key=key_name(where), values={"today": today.isoformat()}))
    return problems


def _template_paths(profile: Profile, folder: Path, source: Source) -> list[Problem]:
    problems: list[Problem] = []
    for name, files in profile.templates.items():
        for language in ("ja", "en"):
            relative = getattr(files, language)
            if relative:
                where = ("templates", name, language)
                try:
                    checked_path(folder, relative, file=source.path, line=source.line(where),
                                 key=key_name(where))
                except ProblemError as error:
                    problems.extend(error.problems)
    return problems


def profile_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The profile folder: the argument, else $HANDBOOK_PROFILE, else the example."""
    chosen = value or os.environ.get(PROFILE_VARIABLE) or EXAMPLE_PROFILE
    return Path(chosen).expanduser().absolute()


def load_profile(folder: str | os.PathLike[str] | None = None, today: datetime.date | None = None,
                 letter_names: Iterable[str] | None = None) -> Profile:
    """Read and validate a profile folder; ProfileError names the file, line, key and problem.

    ``letter_names`` are the letters a profile may replace (default: the handbook's letters.yml).
    """
    folder = profile_dir(folder)
    if not folder.is_dir():
        raise ProfileError([Problem("folder_missing", folder)])
    try:
        path, text = read_profile_file(folder, PROFILE_FILE, PROFILE_MAX_BYTES)
        source = yamlsource.load(path, text, trusted=False)
    except ProblemError as error:
        raise ProfileError(error.problems) from None
    if source.data is None:
        raise ProfileError([Problem("file_empty", path)])
    if not isinstance(source.data, dict):
        raise ProfileError([found("file_not_mapping", source.data, file=path, line=1)])
    profile = _validate(source)
    if letter_names is None:
        from handbook.build import load_content  # the content imports this module
        letter_names = [letter.name for letter in load_content().letters]
    problems = _cross_checks(profile, source, today or datetime.date.today(), letter_names)
    problems += _template_paths(profile, folder, source)
    if problems:
        raise ProfileError(problems)
    return profile


def stale_warning(profile: Profile, folder: Path, today: datetime.date) -> str | None:
    """The build's warning when the contacts were last confirmed too long ago."""
    if not profile.contacts_stale(today):
        return None
    return str(Problem("contacts_stale", folder / PROFILE_FILE, key="contacts.last_confirmed", values={
        "date": profile.contacts.last_confirmed.isoformat(), "days": profile.contacts_age(today),
        "limit": profile.contacts.max_age_days}))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: `schema` or `check [PATH]`."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["schema"]:
        print(json.dumps(Profile.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if args[:1] == ["check"]:
        from handbook.build import load_content  # these import this module
        from handbook.documents import render_letters

        folder = profile_dir(args[1] if len(args) > 1 else None)
        try:
            content = load_content()
            profile = load_profile(folder, letter_names=[letter.name for letter in content.letters])
            render_letters(profile, folder, content.letters, content.root)
        except ProblemError as error:  # under `python -m`, this module's ProfileError is another class
            print(f"error:\n{error}", file=sys.stderr)
            return 1
        warning = stale_warning(profile, folder, datetime.date.today())
        if warning:
            print(f"warning:\n{warning}", file=sys.stderr)
        print(f"profile ok: {profile.company.name.en}, {len(profile.people)} people, "
              f"{len(profile.customers)} customers, {len(profile.advisers)} advisers")
        return 0
    print("usage: python -m handbook.profile schema | check [PROFILE_FOLDER]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
