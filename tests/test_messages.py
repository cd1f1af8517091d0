"""The message catalogue and the letter sandbox, as units: fast checks of pure logic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError

from handbook import messages, sandbox
from handbook.messages import LANGUAGES, Problem, catalogue, placeholders
from handbook.validation import CODES
from handbook.site import ROOT

CODE_USE = re.compile(r"""(?:Problem|found|refuse|both)\(\s*["']([a-z_]+)["']""")


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for code, entry in catalogue().items():
        assert set(entry) <= {"ja", "en", "expected", "do", "example"}, code
        assert entry["ja"] and entry["en"], code
        assert re.search("[ぁ-んァ-ヶ一-龠]", entry["ja"]), code
        assert placeholders(entry["ja"]) == placeholders(entry["en"]), code
        for part in ("expected", "do"):
            if part in entry:
                assert set(entry[part]) == set(LANGUAGES), (code, part)
                assert placeholders(entry[part]["ja"]) == placeholders(entry[part]["en"]), (code, part)


def test_every_message_the_code_uses_is_in_the_catalogue() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "handbook").glob("*.py"))
    used = set(CODES.values()) | set(CODE_USE.findall(code))
    assert len(used) > 30, "the pattern finds the uses"
    assert not used - set(catalogue())
    quoted = set(re.findall(r"""["']([a-z_0-9]+)["']""", code))
    unused = set(catalogue()) - quoted
    assert not unused, f"catalogue entries nothing uses: {unused}"


def test_a_message_names_file_line_key_found_expected_and_example() -> None:
    problem = messages.found("phone_invalid", "0000", file=Path("/p/profile.yml"), line=12, key="people[3].phone")
    lines = str(problem).splitlines()
    assert lines[0] == "/p/profile.yml:12: people[3].phone"
    assert lines[1] == ("  ja: 電話番号として読めません。見つかった値: 「0000」。正しい形: 市外局番から始まる電話番号"
                        "（日本の番号は +81 を省けます）。例: phone: \"03-5555-0100\"")
    assert lines[2] == ('  en: This is not a phone number. Found: "0000". Expected: a phone number with its area code '
                        '(Japanese numbers may leave out +81). Example: phone: "03-5555-0100"')


@pytest.mark.parametrize("value, ja, en", [
    (None, "空欄（値なし）", "nothing (an empty value)"),
    ({"a": 1}, "キーと値の組", "a set of keys"),
    ([1], "一覧（- で始まる行）", "a list (lines starting with -)"),
    ("a\x07b", "「a[U+0007]b」", '"a[U+0007]b"'),
    ("x" * 100, "…（全100文字）", "… (100 characters in all)"),
])
def test_found_values_are_shown_as_a_person_reads_them(value: object, ja: str, en: str) -> None:
    assert ja in messages.shown(value, "ja") and en in messages.shown(value, "en")


def test_the_sandbox_itself_blocks_internals_even_without_the_syntax_check() -> None:
    environment = sandbox._environment()
    assert not environment.globals
    for text in ("{{ ''.__class__ }}", "{{ company * 3 }}"):
        with pytest.raises(SecurityError):
            environment.from_string(text).render(company="x")
    assert set(environment.filters) == set(sandbox.FILTERS)


def test_a_sandboxed_letter_renders_values_as_text() -> None:
    text = sandbox.render(Path("letter.txt"), "{{ company }}{% if n > 1 %} ({{ n * 2 }}){% endif %}\n",
                          {"company": "{{ 7*7 }}<b>", "n": 12})
    assert text == "{{ 7*7 }}<b> (24)\n"


def test_problems_compare_by_place_and_code() -> None:
    assert Problem("file_empty", "a") == Problem("file_empty", "a")
