"""Company profiles as an attacker, or a hurried office, would write them.

Every case ends one of two ways, and the test says which:

- refused: the build command returns 1 with a message that names the file (and line and key where
  they exist) in Japanese and in English, says what was found and what is expected, shows no
  traceback or library wording, and leaves the last good site byte for byte as it was; nothing
  outside the profile folder is opened, and the canary file beside the folder is never read;
- built: the value is shown literally everywhere it lands (tests at the end of this file).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from handbook import site as site_command
from handbook.profile import EXAMPLE_PROFILE, load_profile
from handbook.site import ROOT, build
from tests.browser import search
from tests.wordfiles import docx_text
from tests.sitepages import page_paths

EXAMPLE_TEXT = (EXAMPLE_PROFILE / "profile.yml").read_text(encoding="utf-8")
CANARY = "CANARY-d0c5-never-published"
# Words that belong to the code, not to a message a manager reads.
LIBRARY_WORDS = re.compile(r"Traceback|NoneType|SiteVisit|ClientLiaison|TemplateFiles|CustomerContact|Adviser\b|"
                           r"Input should|\[key\]|pydantic|jinja2\.|yaml\.|Error:|got \w+|\bstr\b|\bint\b|\bdict\b")

Setup = Callable[[Path], None]


def replace(old: str, new: str, count: int = 1) -> Setup:
    """Edit the example profile's text, as a person would in an editor."""
    assert old in EXAMPLE_TEXT, old

    def setup(folder: Path) -> None:
        path = folder / "profile.yml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, count), encoding="utf-8")
    return setup


def append(text: str) -> Setup:
    def setup(folder: Path) -> None:
        with (folder / "profile.yml").open("a", encoding="utf-8") as handle:
            handle.write(text)
    return setup


def raw(data: bytes) -> Setup:
    def setup(folder: Path) -> None:
        (folder / "profile.yml").write_bytes(data)
    return setup


def names_template(path: str) -> Setup:
    """The profile names ``path`` as its Japanese apology letter."""
    return append(f"\ntemplates:\n  apology-letter:\n    ja: {json.dumps(path)}\n")


def template(text: str) -> Setup:
    """The company's own apology letter, with this text."""
    def setup(folder: Path) -> None:
        names_template("letters/own.ja.txt")(folder)
        (folder / "letters").mkdir(exist_ok=True)
        (folder / "letters" / "own.ja.txt").write_text(text, encoding="utf-8")
    return setup


def both(*setups: Setup) -> Setup:
    def setup(folder: Path) -> None:
        for one in setups:
            one(folder)
    return setup


def symlink(name: str, target: str) -> Setup:
    """A link inside the profile folder; ``target`` is relative to the folder's parent."""
    def setup(folder: Path) -> None:
        link = folder / name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(folder.parent / target)
    return setup


def write(name: str, text: str) -> Setup:
    def setup(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return setup


@dataclass(frozen=True)
class Refused:
    """What the message must say: the file (relative to the profile folder), line, key, fragments."""

    setup: Setup
    file: str = "profile.yml"
    line: int | str | None = None  # a number, or a text whose line in the file is meant
    key: str | None = None
    says: tuple[str, ...] = ()


SANDBOX = "letters/own.ja.txt"
CASES: dict[str, Refused] = {
    # --- paths: nothing outside the profile folder, nothing hidden -----------------------------
    "absolute path": Refused(names_template("/etc/passwd"), line="ja: \"/etc/passwd\"",
                             key="templates.apology-letter.ja", says=("「/etc/passwd」", 'starts with "/"')),
    "path climbing out": Refused(names_template("../canary.txt"), key="templates.apology-letter.ja",
                                 says=("「..」", '".."')),
    "path climbing out through a folder": Refused(
        both(write("letters/a.txt", "x"), names_template("letters/../../canary.txt")),
        key="templates.apology-letter.ja", says=('".."',)),
    "home folder": Refused(names_template("~/.ssh/id_rsa"), key="templates.apology-letter.ja",
                           says=('"~"',)),
    "Windows path": Refused(names_template("C:\\Windows\\win.ini"), key="templates.apology-letter.ja",
                            says=("drive letter",)),
    "link to a file outside": Refused(both(symlink("letters/own.txt", "canary.txt"),
                                           names_template("letters/own.txt")),
                                      key="templates.apology-letter.ja", says=("outside the profile folder",)),
    "link to a folder outside": Refused(both(symlink("shared", "."), names_template("shared/canary.txt")),
                                        key="templates.apology-letter.ja", says=("outside the profile folder",)),
    "link loop": Refused(both(symlink("loop.txt", "profile/loop.txt"), names_template("loop.txt")),
                         key="templates.apology-letter.ja", says=("go around in a circle",)),
    "hidden file": Refused(both(write(".secret.txt", "x"), names_template(".secret.txt")),
                           key="templates.apology-letter.ja", says=("Hidden files",)),
    "hidden folder (.git/config)": Refused(both(write(".git/config", "[core]"), names_template(".git/config")),
                                           key="templates.apology-letter.ja", says=("隠しファイル", "Hidden")),
    "link to a hidden file": Refused(both(write(".env", "TOKEN=x"), symlink("letters/env.txt", "profile/.env"),
                                          names_template("letters/env.txt")),
                                     key="templates.apology-letter.ja", says=("Hidden",)),
    "a folder, not a file": Refused(both(write("letters/a.txt", "x"), names_template("letters")),
                                    key="templates.apology-letter.ja", says=("not an ordinary file",)),
    "a pipe, not a file": Refused(both(lambda folder: os.mkfifo(folder / "pipe.txt"), names_template("pipe.txt")),
                                  key="templates.apology-letter.ja", says=("not an ordinary file",)),
    "missing template file": Refused(names_template("letters/mine.txt"), key="templates.apology-letter.ja",
                                     says=("「letters/mine.txt」", "was not found")),
    "huge template file": Refused(template("{{ company }}\n" * 40_000), key="templates.apology-letter.ja",
                                  says=("256 KB",)),
    "profile.yml is a link out of the folder": Refused(
        lambda folder: ((folder / "profile.yml").unlink(), (folder / "profile.yml").symlink_to(
            folder.parent / "canary.txt")), says=("outside the folder",)),
    "no profile.yml": Refused(lambda folder: (folder / "profile.yml").unlink(), says=("has no profile.yml",)),
    # --- company templates: the sandbox -------------------------------------------------------
    "template reaches Python internals": Refused(template("{{ ''.__class__.__mro__ }}"), file=SANDBOX, line=1,
                                                 says=("__mro__", '"_"')),
    "template uses cycler to run a command": Refused(
        template("ok\n{{ cycler.__init__.__globals__.os.popen('id').read() }}"), file=SANDBOX, line=2,
        says=("Calling a function",)),
    "template uses joiner": Refused(template("{{ joiner }}"), file=SANDBOX, line=1, says=('"joiner"',)),
    "template uses lipsum": Refused(template("a\nb\n{{ lipsum.__globals__ }}"), file=SANDBOX, line=3,
                                    says=("__globals__",)),
    "template uses self": Refused(template("{{ self }}"), file=SANDBOX, line=1, says=('"self"',)),
    "template reads the canary with open()": Refused(
        template("{{ cycler.__init__.__globals__.__builtins__.open('../../canary.txt').read() }}"),
        file=SANDBOX, line=1, says=("Calling",)),
    "template uses attr() to reach internals": Refused(template("{{ company|attr('__class__') }}"), file=SANDBOX,
                                                       line=1, says=('"attr"',)),
    "template uses a private key": Refused(template("{{ president['__class__'] }}"), file=SANDBOX, line=1,
                                           says=("__class__",)),
    "template includes a file": Refused(both(write("letters/b.txt", CANARY), template("{% include 'b.txt' %}")),
                                        file=SANDBOX, line=1, says=("{% include %}",)),
    "template imports": Refused(template("\n{% import 'b.txt' as b %}"), file=SANDBOX, line=2,
                                says=("{% import %}",)),
    "template extends": Refused(template("{% extends 'b.txt' %}"), file=SANDBOX, line=1, says=("{% extends %}",)),
    "template loops": Refused(template("{% for a in company %}{% for b in company %}x{% endfor %}{% endfor %}"),
                              file=SANDBOX, line=1, says=("{% for %}",)),
    "template sets a variable": Refused(template("{% set a = company ~ company %}{{ a }}"), file=SANDBOX, line=1,
                                        says=("{% set %}",)),
    "template repeats text a billion times": Refused(template("{{ company * 999999999 }}"), file=SANDBOX, line=1,
                                                     says=("not allowed to do",)),
    "template power": Refused(template("{{ 9 ** 9 ** 9 }}"), file=SANDBOX, line=1, says=("**",)),
    "template method call": Refused(template("{{ company.center(999999999) }}"), file=SANDBOX, line=1,
                                    says=("Calling",)),
    "template unknown value": Refused(template("Dear {{ ceo_name }}"), file=SANDBOX, line=1,
                                      says=('"ceo_name"', "company, first_contact_within_minutes")),
    "template divides by zero": Refused(template("{{ company }}\n{{ report_every_hours / 0 }}"), file=SANDBOX,
                                        line=2, says=("calculation",)),
    "template nested ten thousand deep": Refused(template("{{ " + "(" * 10_000 + "1" + ")" * 10_000 + " }}"),
                                                 file=SANDBOX, says=("nested too deeply",)),
    "template syntax error": Refused(template("line one\n{{ company }\n"), file=SANDBOX, line=2,
                                     says=("not written correctly",)),
    "template in Shift_JIS": Refused(lambda folder: (names_template("own.txt")(folder), (folder / "own.txt")
                                                     .write_bytes("お詫び {{ company }}".encode("cp932"))),
                                     file="own.txt", says=("Shift_JIS",)),
    # --- YAML as a person writes it -------------------------------------------------------------
    "phone written twice": Refused(replace('    phone: "03-5555-0101"\n',
                                           '    phone: "03-5555-0101"\n    phone: "03-5555-0199"\n'),
                                   line='    phone: "03-5555-0199"', key="people[2].phone",
                                   says=("written twice", "first on line")),
    "top-level key written twice": Refused(append("\ncompany:\n  name: {ja: 別会社, en: Other}\n"),
                                           line="company:\n  name: {ja: 別", key="company", says=("二度",)),
    "future date": Refused(replace("last_confirmed: 2026-11-01", "last_confirmed: 2099-01-01"),
                           line="last_confirmed:", key="contacts.last_confirmed",
                           says=("in the future", "「2099-01-01」")),
    "date with slashes": Refused(replace("last_confirmed: 2026-11-01", "last_confirmed: 2026/11/01"),
                                 line="last_confirmed:", key="contacts.last_confirmed",
                                 says=("not a date", "year-month-day", "2026-11-01")),
    "date that does not exist": Refused(replace("last_confirmed: 2026-11-01", "last_confirmed: 2026-02-30"),
                                        line="last_confirmed:", key="contacts.last_confirmed",
                                        says=("「2026-02-30」",)),
    "control character in a name": Refused(replace("湊 一郎", "湊\x07一郎"), line="\x07", key="name",
                                           says=("U+0007",)),
    "direction override in a name": Refused(replace("Ichiro Minato", "Ichiro \u202eotaniM"), line="\u202e",
                                            key="name", says=("U+202E",)),
    "NUL byte": Refused(replace("営業課長", "営業\x00課長"), line="\x00", key="title", says=("U+0000",)),
    "Shift_JIS file": Refused(raw(EXAMPLE_TEXT.encode("cp932")), says=("Shift_JIS", "UTF-8")),
    "Latin-1 file": Refused(raw("company:\n  name: {ja: caf\xe9, en: caf\xe9}\n".encode("latin-1")), line=2,
                            says=("UTF-8",)),
    "empty file": Refused(raw(b""), says=("The file is empty",)),
    "a list, not keys": Refused(raw(b"- company\n- people\n"), line=1, says=("a list",)),
    "billion laughs (aliases)": Refused(raw(b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
                                            b"c: [*b, *b, *b, *b, *b, *b, *b, *b]\n"), says=("alias",)),
    "merge key": Refused(append("\nbase: &base {report_every_hours: 1}\nother:\n  <<: *base\n"),
                         line="  <<: *base", says=("anchor",)),
    "Python object tag": Refused(append('\nx: !!python/object/apply:os.system ["id"]\n'), key="x",
                                 says=("YAML tag",)),
    "tab indentation": Refused(replace("  max_age_days: 180", "\tmax_age_days: 180"), says=("tab",)),
    "unclosed bracket": Refused(replace("en: Hanako Sato}", "en: Hanako Sato"), says=("not valid YAML",)),
    "two documents": Refused(append("\n---\nschema_version: 1\n"), says=("more than one document",)),
    "very large value": Refused(replace("株式会社みなと精機", "あ" * 20_000), line="あああ", key="company.name.ja",
                                says=("too long", "at most 120 characters", "20,000 characters")),
    "very large file": Refused(append("\n# " + "x" * 300_000 + "\n"), says=("too large", "256 KB")),
    "empty phone": Refused(replace('phone: "03-5555-0102"', "phone:"), key="people[3].phone",
                           says=("empty",)),
    "invalid phone": Refused(replace('phone: "03-5555-0102"', 'phone: "0000"'), key="people[3].phone",
                             says=("not a phone number", "「0000」", '"03-5555-0100"')),
    "phone as a list": Refused(replace('phone: "03-5555-0102"', "phone: [03, 5555]"), key="people[3].phone",
                               says=("a list",)),
    "invalid e-mail": Refused(replace("email: hanako.sato@example.com", "email: hanako.example.com"),
                              key="people[2].email", says=("「hanako.example.com」", "name@domain")),
    "misspelt key": Refused(replace("  address:\n", "  adress:\n"), key="site_visit.adress",
                            says=('Did you mean "address"', "address")),
    "unknown role": Refused(replace("role: scribe", "role: secretary"), key="people[4].role",
                            says=("「secretary」", "client_liaison")),
    "unknown template name": Refused(append("\ntemplates:\n  apology:\n    ja: x.txt\n"), key="templates.apology",
                                     says=("no letter template", "apology-letter")),
    "unknown person in escalation": Refused(replace("person: site-lead", "person: site-led"),
                                            key="escalation[1].person", says=("「site-led」", "site-lead")),
    "repeated id": Refused(replace("id: liaison", "id: scribe"), key="people[4].id",
                           says=("used a second time", "people[3]")),
    "no president": Refused(replace("role: president", "role: other"), key="people", says=("president",)),
    "word instead of a number": Refused(replace("report_every_hours: 24", "report_every_hours: daily"),
                                        key="client_liaison.report_every_hours", says=("whole number", "「daily」")),
    "zero minutes": Refused(replace("within_minutes: 15", "within_minutes: 0"), key="escalation[1].within_minutes",
                            says=("greater than 0",)),
    "maybe for true/false": Refused(replace("private: false", "private: maybe"), key="deployment.private",
                                    says=("true or false",)),
    "missing key": Refused(replace("client_liaison:\n", "client_liason:\n"), key="client_liaison",
                           says=('"client_liaison" is missing',)),
    "schema version 2": Refused(replace("schema_version: 1", "schema_version: 2"), key="schema_version",
                                says=("「2」",)),
    # --- found by an attacker's review ------------------------------------------------------------
    "template with filters nested 200 deep": Refused(template("{{ company" + "|e" * 200 + " }}"), file=SANDBOX,
                                                     line=1, says=("nested too deeply",)),
    "template with additions nested 300 deep": Refused(template("{{ report_every_hours" + " + 1" * 300 + " }}"),
                                                       file=SANDBOX, line=1, says=("nested too deeply",)),
    "template reaches a dict method": Refused(template("{{ president.copy }}"), file=SANDBOX, line=1,
                                              says=("does not exist",)),
    "template slices": Refused(template("{{ company[0:3] }}"), file=SANDBOX, line=1, says=("[a:b]",)),
    "control character in a template": Refused(template("Dear \x1b[31m{{ company }}"), file=SANDBOX, line=1,
                                               says=("U+001B",)),
    "NUL written as an escape in a path": Refused(append('\ntemplates:\n  apology-letter:\n    ja: "a\\0b"\n'),
                                                  key="templates.apology-letter.ja", says=("U+0000",)),
    "escape sequence written in a name": Refused(replace("en: Ichiro Minato", 'en: "Minato\\e[8mSeiki"'),
                                                 key="people[1].name.en", says=("U+001B",)),
    "direction override written as an escape": Refused(replace("en: Ichiro Minato", 'en: "Ichiro \\u202eotaniM"'),
                                                       key="people[1].name.en", says=("U+202E",)),
    "binary tag": Refused(replace("en: Ichiro Minato", "en: !!binary SGVsbG8bWzMxbQ=="), says=("YAML tag",)),
    "set tag": Refused(replace("deployment:\n  private: false", "deployment: !!set {private}"),
                       says=("YAML tag",)),
    "a key that is not a word": Refused(append("\n~: 1\n"), line="~: 1", says=("not a word",)),
    "a number as a key": Refused(replace("    role: president\n", "    role: president\n    5: x\n"), line="5: x",
                                 says=("not a word",)),
    "a 5000-digit number": Refused(replace("within_minutes: 15", "within_minutes: " + "9" * 5000),
                                   key="escalation[1].within_minutes", says=("whole number", "5,000 characters")),
    "a 4000-digit hexadecimal role": Refused(replace("role: scribe", "role: 0x" + "f" * 4000),
                                             key="people[4].role", says=("one of",)),
    "the whole file one huge number": Refused(raw(b"0x" + b"f" * 4000), says=("a set of",)),
    "nesting 25000 deep": Refused(raw(b"[" * 25_000), says=("too deep",)),
    "a long line of spaces with control characters": Refused(raw(b"a" + b" " * 50_000 + b"\n" + b"\x01\n" * 5),
                                                            says=("U+0001",)),
    "twenty thousand unknown keys": Refused(append("".join(f"\nx{i}: 1" for i in range(20_000)) + "\n"),
                                            says=("19,980 more problems",)),
    "a hard link to the canary": Refused(
        both(lambda folder: os.link(folder.parent / "canary.txt", folder / "l.txt"), names_template("l.txt")),
        key="templates.apology-letter.ja", says=("hard link",)),
    "a path through a file": Refused(names_template("profile.yml/x"), key="templates.apology-letter.ja",
                                     says=("was not found",)),
    "an unclosed quote": Refused(replace('phone: "03-5555-0101"', 'phone: "03-5555-0101'),
                                 line='phone: "03-5555-0101', says=("not valid YAML",)),
    "escape sequences in a key": Refused(append('\n"\\e[31mRED\\e[0m\\nprofile ok: fake": 1\n'),
                                         says=("[U+001B]",)),
    "escape sequences in a template key": Refused(template('{{ company["_\\x1b[31mRED"] }}'), file=SANDBOX, line=1,
                                                  says=("[U+001B]",)),
    # --- customers and outside advisers -----------------------------------------------------------
    "invalid customer phone": Refused(replace('phone: "03-5555-0112"', 'phone: "0000"'), line='phone: "0000"',
                                      key="customers[2].contacts[1].phone",
                                      says=("電話番号として読めません", "not a phone number", "「0000」")),
    "unknown adviser kind": Refused(replace("kind: carrier", "kind: courier"), line="kind: courier",
                                    key="advisers[6].kind", says=("「courier」", "insurance_agent, tax_accountant")),
    "repeated customer id": Refused(replace("id: hayashi-denki", "id: tokai-auto"),
                                    line="id: tokai-auto\n    name: {ja: 林", key="customers[2].id",
                                    says=("used a second time", "customers[1]")),
    "misspelt customer key": Refused(replace("    entry_rules:\n", "    entry_rule:\n"), line="    entry_rule:",
                                     key="customers[1].entry_rule", says=('Did you mean "entry_rules"',)),
    "unknown adviser key": Refused(replace("    note:\n", "    memo:\n"), line="    memo:", key="advisers[1].memo",
                                   says=("「memo」", "organisation, name, phone, email, note")),
    "site visit not a mapping": Refused(
        replace("site_visit:\n  address:", "site_visit: Yokohama\nsite_visit_old:\n  address:"),
        key="site_visit", says=('indented "key: value"', '"Yokohama"')),
}


@pytest.fixture
def last_good_site(tmp_path: Path) -> Path:
    """A site folder standing for the last good build: it must come out byte for byte the same."""
    folder = tmp_path / "site"
    (folder / "en").mkdir(parents=True)
    (folder / "index.html").write_text("<p>last good build</p>", encoding="utf-8")
    (folder / "en" / "index.html").write_text("<p>last good build (en)</p>", encoding="utf-8")
    return folder


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """Every file Python opens while the test runs (an audit hook; hooks cannot be removed)."""
    record: list[str] = []
    _OPENED.append(record)
    yield record
    _OPENED.remove(record)


_OPENED: list[list[str]] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _OPENED and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED[-1].append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


def _line(folder: Path, case: Refused) -> int | None:
    """The line a case means: a number, or the line where a text starts."""
    if isinstance(case.line, str):
        text = (folder / case.file).read_bytes().decode("utf-8", errors="replace")
        assert case.line in text, case.line
        return text[:text.index(case.line)].count("\n") + 1
    return case.line


WHERE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+))?(?:: (?P<key>.+))?$")


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_or_broken_profile_is_refused_clearly(name: str, tmp_path: Path, last_good_site: Path,
                                                        opened: list[str], capsys: pytest.CaptureFixture) -> None:
    case = CASES[name]
    folder = tmp_path / "profile"
    shutil.copytree(EXAMPLE_PROFILE, folder)
    (tmp_path / "canary.txt").write_text(CANARY, encoding="utf-8")
    case.setup(folder)
    started = time.monotonic()
    before = _fingerprint(last_good_site)
    opened.clear()

    status = site_command.main(["build", "--site-dir", str(last_good_site), "--profile", str(folder)])

    seen = list(opened)
    assert time.monotonic() - started < 20, "refused quickly"  # generous: a loaded 2-core machine
    out, err = capsys.readouterr()
    assert status == 1, (name, err)
    assert _fingerprint(last_good_site) == before
    assert CANARY not in out + err
    # Nothing beside the profile folder is opened: only the folder itself and the build's own
    # staging folder (where MkDocs writes) are touched.
    outside = [path for path in seen if Path(path).is_relative_to(tmp_path)
               and not Path(path).resolve().is_relative_to(folder.resolve())
               and not Path(path).relative_to(tmp_path).parts[0].startswith(".site.building-")]
    assert not outside, outside
    headers = [WHERE.match(line) for line in err.split("\n")[1:] if line and not line.startswith(" ")]
    assert headers and all(headers), err
    where = next((header for header in headers if header["key"] == case.key), headers[0])
    assert where["file"] == str(folder / case.file), (where["file"], case.file)
    line = _line(folder, case)
    if line is not None:
        assert where["line"] == str(line), (name, where["line"], line)
    if case.key:
        assert where["key"] == case.key, (name, where["key"], case.key)
    assert "\n  ja: " in err and "\n  en: " in err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", err), "nothing a terminal would obey"
    for fragment in case.says:
        assert fragment in err, (name, fragment, err)
    assert "ビルドを中止しました" in err and "the last good site" in err
    assert not LIBRARY_WORDS.search(err.replace("error:\n", "")), (name, err)
    ja = next(line for line in err.splitlines() if line.startswith("  ja: "))
    assert re.search("[ぁ-んァ-ヶ一-龠]", ja) and "Found" not in ja and "Expected" not in ja


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", ["template reaches Python internals", "Shift_JIS file", "phone written twice"])
def test_the_command_itself_shows_no_traceback(name: str, tmp_path: Path, last_good_site: Path) -> None:
    folder = tmp_path / "profile"
    shutil.copytree(EXAMPLE_PROFILE, folder)
    CASES[name].setup(folder)
    before = _fingerprint(last_good_site)
    for command in (["-m", "handbook.site", "build", "--site-dir", str(last_good_site), "--profile", str(folder)],
                    ["-m", "handbook.profile", "check", str(folder)]):
        result = subprocess.run([sys.executable, *command], capture_output=True, text=True, cwd=ROOT,
                                encoding="utf-8")
        assert result.returncode == 1
        assert result.stderr.startswith("error:\n") and "Traceback" not in result.stderr
        assert str(folder) in result.stderr and "  ja: " in result.stderr and "  en: " in result.stderr
    assert _fingerprint(last_good_site) == before


def test_a_missing_profile_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    status = site_command.main(["build", "--site-dir", str(tmp_path / "site"), "--profile", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert status == 1 and str(tmp_path / "nowhere") in err
    assert "フォルダーが見つかりません" in err and "folder was not found" in err
    assert not (tmp_path / "site").exists()


# --- what is accepted, and how it shows -------------------------------------------------------

def test_windows_files_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    shutil.copytree(EXAMPLE_PROFILE, folder)
    (folder / "profile.yml").write_bytes(("\ufeff" + EXAMPLE_TEXT).replace("\n", "\r\n").encode("utf-8"))
    profile = load_profile(folder)
    assert profile.company.name.ja == "株式会社みなと精機" and profile.people[0].name.ja == "湊 一郎"


@pytest.mark.parametrize("typed, shown", [("0355550100", "03-5555-0100"), ("09012345678", "090-1234-5678"),
                                          ("+81355550100", "03-5555-0100")])
def test_a_phone_number_without_quotes_is_taken_as_typed(typed: str, shown: str, tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    shutil.copytree(EXAMPLE_PROFILE, folder)
    replace('phone: "03-5555-0100"', f"phone: {typed}")(folder)
    assert load_profile(folder).people[0].phone == shown


def test_numbers_dates_and_yes_in_a_text_field_are_taken_as_typed(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    shutil.copytree(EXAMPLE_PROFILE, folder)
    replace("title: {ja: 製造部長, en: Head of Manufacturing}", "title: {ja: 2026-04-01, en: yes}")(folder)
    replace("name: {ja: 伊藤 美咲, en: Misaki Ito}", "name: {ja: 0123, en: 1e3}")(folder)
    profile = load_profile(folder)
    assert (profile.people[1].title.ja, profile.people[1].title.en) == ("2026-04-01", "yes")
    assert (profile.people[3].name.ja, profile.people[3].name.en) == ("0123", "1e3")


def test_today_is_not_the_future(tmp_path: Path) -> None:
    import datetime
    folder = tmp_path / "profile"
    shutil.copytree(EXAMPLE_PROFILE, folder)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)  # a build machine on UTC, a company in Japan
    replace("last_confirmed: 2026-11-01", f"last_confirmed: {tomorrow.isoformat()}")(folder)
    assert load_profile(folder).contacts.last_confirmed == tomorrow


# Markup, template syntax and Markdown in every free-text field of the profile.
HOSTILE = {
    ("company", "name", "ja"): "<script>alert('ja')</script>{{ 7*7 }}{% raw %}",
    ("company", "name", "en"): "</title><script>alert(1)</script> *bold* [link](http://evil.example)",
    ("people", 0, "name", "ja"): "<b>湊</b> {{ config }}",
    ("people", 0, "name", "en"): "<img src=x onerror=alert(2)>",
    ("people", 0, "title", "ja"): "社長 ]]></w:t> &amp; 'quote'",
    ("people", 0, "title", "en"): '"><svg onload=alert(3)>',
    ("people", 1, "name", "ja"): "{% for x in range(9) %}x{% endfor %}",
    ("people", 1, "name", "en"): "javascript:alert(4)",
    ("people", 1, "title", "ja"): "# 見出し | 表 |",
    ("people", 1, "title", "en"): "*[HTML]: abbreviation",
    ("site_visit", "address", "ja"): "<iframe src=//evil.example></iframe>横浜市",
    ("site_visit", "address", "en"): "</dd></dl><script>alert(5)</script>",
    ("site_visit", "note", "ja"): "{{ lipsum.__globals__ }}",
    ("site_visit", "note", "en"): "<style>body{display:none}</style>",
    ("customers", 0, "name", "ja"): "<script>alert('取引先')</script>",
    ("customers", 0, "name", "en"): "<img src=x onerror=alert(6)> {{ 6*7 }}",
    ("customers", 0, "plant", "ja"): "{% raw %}第一工場 <b>湊</b>",
    ("customers", 0, "plant", "en"): "# Plant | 1 |",
    ("customers", 0, "address", "ja"): "</dd></dl><iframe src=//evil.example></iframe>豊橋市",
    ("customers", 0, "address", "en"): "[link](http://evil.example) *bold*",
    ("customers", 0, "entry_rules", "ja"): "<style>body{display:none}</style>安全靴",
    ("customers", 0, "entry_rules", "en"): "*[badge]: abbreviation {{ config }}",
    ("customers", 0, "contacts", 0, "name", "ja"): "<svg onload=alert(7)>",
    ("customers", 0, "contacts", 0, "name", "en"): "javascript:alert(8)",
    ("customers", 0, "contacts", 0, "title", "ja"): "課長 'quote' & \"double\"",
    ("customers", 0, "contacts", 0, "title", "en"): "</td></tr></table><script>alert(9)</script>",
    ("advisers", 0, "organisation", "ja"): "{{ lipsum.__globals__ }}法律事務所",
    ("advisers", 0, "organisation", "en"): "<script>alert('adviser')</script>",
    ("advisers", 0, "name", "ja"): "{% for x in range(9) %}x{% endfor %}",
    ("advisers", 0, "name", "en"): '"><svg onload=alert(10)>',
    ("advisers", 0, "note", "ja"): "<iframe src=//evil.example></iframe>PL保険",
    ("advisers", 0, "note", "en"): "</small><style>body{display:none}</style>",
}
HOSTILE_TEMPLATE = "{{ company }} / {{ president.name }} / {{ president.title }}\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build from a profile with a hostile value in every free-text field, saved by a Windows tool."""
    import yaml

    folder = tmp_path_factory.mktemp("hostile") / "profile"
    shutil.copytree(EXAMPLE_PROFILE, folder)
    data = yaml.safe_load(EXAMPLE_TEXT)
    for where, value in HOSTILE.items():
        target = data
        for part in where[:-1]:
            target = target[part]
        target[where[-1]] = value
    data["templates"] = {"apology-letter": {"ja": "letters/own.ja.txt", "en": "letters/own.en.txt"}}
    text = yaml.safe_dump(data, allow_unicode=True).replace("'03-5555-0100'", "0355550100")
    (folder / "profile.yml").write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    (folder / "letters").mkdir()
    for language in ("ja", "en"):
        (folder / "letters" / f"own.{language}.txt").write_text(HOSTILE_TEMPLATE, encoding="utf-8")
    site = folder.parent / "site"
    build(site, profile=folder)
    return site


def _values(language: str) -> list[str]:
    return [value for where, value in HOSTILE.items() if where[-1] == language]


SHOWN_ON_CONTACTS = [where for where in HOSTILE if where[0] != "company"]


@pytest.mark.parametrize("subdir, language", [("", "ja"), ("en", "en")])
def test_hostile_values_are_literal_text_in_every_page(hostile_site: Path, subdir: str, language: str) -> None:
    root = hostile_site / subdir
    for page in page_paths(root):
        text = (root / page).read_text(encoding="utf-8")
        for tag in ("<script>alert", "<img src=x", "<svg onload", "<iframe src=//evil", "<style>body",
                    "<b>湊</b>", "<em>bold</em>", 'href="http://evil.example"', 'href="javascript:'):
            assert tag not in text, (page, tag)
    contacts = html.unescape((root / "contacts.html").read_text(encoding="utf-8"))
    for where, value in HOSTILE.items():
        if where[-1] == language and where[0] != "company":
            assert value in contacts, value
    company = HOSTILE[("company", "name", language)]
    for page in ("crisis/start-here.html", "contacts.html", "checklists/first-response.html",
                 "checklists/print-pack.html", "templates/apology-letter.html"):
        assert company in html.unescape((root / page).read_text(encoding="utf-8")), page


@pytest.mark.parametrize("subdir, language", [("", "ja"), ("en", "en")])
def test_hostile_values_are_literal_in_downloads_and_search(hostile_site: Path, subdir: str, language: str) -> None:
    root = hostile_site / subdir
    files = root / "templates" / "files"
    own = (files / f"apology-letter.{language}.txt").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    expected = " / ".join([HOSTILE[("company", "name", language)], HOSTILE[("people", 0, "name", language)],
                           HOSTILE[("people", 0, "title", language)]])
    assert own == expected + "\n"  # never evaluated: {{ 7*7 }} stays, {% raw %} stays
    default = (files / f"progress-report.{language}.txt").read_bytes().decode("utf-8-sig")
    assert HOSTILE[("company", "name", language)] in default
    # The Word files: python-docx escaped every value; the file opens and holds it as plain text.
    assert docx_text(files / f"apology-letter.{language}.docx") == expected
    assert HOSTILE[("company", "name", language)] in docx_text(files / f"progress-report.{language}.docx")
    # The incident page's copy (a script, for file://): JSON with "<" and every non-ASCII character
    # escaped, so no value can close a script or end a line; it holds the same text.
    script = (files / f"apology-letter.{language}.js").read_text(encoding="utf-8")
    assert script.isascii() and "<" not in script
    prefix = '(window.HandbookDocuments=window.HandbookDocuments||{})["apology-letter"]='
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script.removeprefix(prefix).removesuffix(";\n"))["text"] == own.rstrip("\n") + "\n"
    index = json.loads((root / "search" / "handbook_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert "<script" not in text and "<img" not in text and "<svg" not in text and "<iframe" not in text
    contacts = " ".join(html.unescape(doc["text"]) for doc in index["docs"] if doc["location"].startswith("contacts"))
    assert HOSTILE[("people", 1, "title", language)] in contacts


def test_an_unquoted_phone_number_shows_as_typed(hostile_site: Path) -> None:
    contacts = (hostile_site / "contacts.html").read_text(encoding="utf-8")
    assert "03-5555-0100" in contacts and 'href="tel:+81355550100"' in contacts and "62312512" not in contacts


@pytest.mark.parametrize("subdir, language", [("", "ja"), ("en/", "en")])
def test_hostile_values_run_nothing_in_the_browser(hostile_site: Path, browser, subdir: str, language: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((hostile_site / subdir / "contacts.html").as_uri())
    shown = page.locator("main").inner_text()
    for where in SHOWN_ON_CONTACTS:
        if where[-1] == language:
            assert " ".join(HOSTILE[where].split()) in " ".join(shown.split()), HOSTILE[where]
    # Searched from file://, a hostile name shows as text in the results.
    assert search(page, "alert")
    results = page.locator(".md-search-result__list")
    assert "<script>alert" in results.inner_text()
    assert results.locator("script, img, iframe, svg, title").count() == 0
    page.goto((hostile_site / subdir / "checklists/first-response.html").as_uri())
    page.emulate_media(media="print")
    printed = page.locator("body").inner_text()
    assert HOSTILE[("company", "name", language)] in printed  # the printed sheet's header
    assert page.locator("script:text('alert')").count() == 0
    assert not dialogs
    context.close()


def test_a_cancelled_build_leaves_nothing_behind(tmp_path: Path) -> None:
    # A CI job that is cancelled or times out sends SIGTERM to the build.
    import signal

    site_dir = tmp_path / "site"
    process = subprocess.Popen([sys.executable, "-m", "handbook.site", "build", "--site-dir", str(site_dir)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.building-*/site")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(tmp_path.glob(".site.building-*")), "the build started"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert "The build was canceled" in err.decode("utf-8") and "Traceback" not in err.decode("utf-8")
    time.sleep(0.5)
    assert not list(tmp_path.glob(".site.building-*")) and not site_dir.exists()
