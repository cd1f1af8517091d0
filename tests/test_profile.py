"""The company profile: read at build time, shown where needed, validated, escaped."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.build import load_content
from handbook.profile import ADVISER_KINDS, EXAMPLE_PROFILE, load_profile
from handbook.site import ROOT, build
from tests.sitepages import page_paths

OTHER_PROFILE = Path(__file__).parent / "profiles" / "other"
CRISIS = [p.stem for p in (ROOT / "docs" / "ja" / "crisis").glob("*.md") if p.stem != "index"]


def _page(site: Path, subdir: str, page: str) -> str:
    return (site / subdir / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("subdir, company, president, role", [
    ("", "株式会社みなと精機", "湊 一郎", "社長"),
    ("en", "Minato Seiki Co., Ltd.", "Ichiro Minato", "President"),
])
def test_example_profile_appears_where_a_manager_needs_it(site: Path, subdir: str, company: str,
                                                          president: str, role: str) -> None:
    example = load_profile(EXAMPLE_PROFILE)
    for page in ["crisis/start-here.html"] + [f"crisis/{name}.html" for name in CRISIS]:
        html = _page(site, subdir, page)
        box = html.split('contacts-box', 1)[1].split("</section>", 1)[0]
        assert company in box and president in box and role in box, page
        assert 'href="tel:+81355550100"' in box, page
    contacts = _page(site, subdir, "contacts.html")
    for person in example.people:
        assert person.phone in contacts and str(person.email) in contacts
    assert "2026-11-01" in contacts
    language = subdir or "ja"
    assert example.site_visit.address(language) in contacts
    assert company in _page(site, subdir, "checklists/first-response.html")  # printed header


def test_escalation_order_follows_the_profile(site: Path) -> None:
    html = _page(site, "", "contacts.html")
    table = html.split('class="contacts-table"', 1)[1].split("</table>", 1)[0]
    names = ["佐藤 花子", "湊 一郎", "高橋 健", "伊藤 美咲", "渡辺 翔"]
    positions = [table.index(name) for name in names]
    assert positions == sorted(positions)
    assert "15分以内" in table and "15 min" in _page(site, "en", "contacts.html")


def _section(page: str, anchor: str) -> str:
    """One section of a built page: from its heading to the next section heading."""
    return page.split(f'<h2 id="{anchor}">', 1)[1].split("<h2 ", 1)[0]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize("subdir, language, quality, purchasing", [
    ("", "ja", "品質保証", "購買"),
    ("en", "en", "Quality", "Purchasing"),
])
def test_customers_contacts_are_on_the_contacts_page(site: Path, subdir: str, language: str, quality: str,
                                                     purchasing: str) -> None:
    example = load_profile(EXAMPLE_PROFILE)
    section = _section(_page(site, subdir, "contacts.html"), "customers")
    cards = section.split('<section class="customer-card"')[1:]
    assert len(example.customers) == len(cards) == 2
    for customer, card in zip(example.customers, cards, strict=True):
        shown = _text(card)
        for value in (customer.name, customer.plant, customer.address, customer.entry_rules):
            assert value is not None and value(language) in shown
        assert {contact.function for contact in customer.contacts} >= {"quality", "purchasing"}
        rows = card.split("<tr>")[2:]  # after the header row
        assert len(rows) == len(customer.contacts)
        for contact, row in zip(customer.contacts, rows, strict=True):
            label = {"quality": quality, "purchasing": purchasing}[contact.function]
            assert _text(row).startswith(f"{label} {contact.name(language)} {contact.title(language)}")
            assert f'<a href="tel:{contact.tel}">{contact.phone}</a>' in row
            if contact.email:
                assert f'href="mailto:{contact.email}"' in row


@pytest.mark.parametrize("subdir", ["", "en"])
def test_outside_advisers_are_on_the_contacts_page_by_kind(site: Path, subdir: str) -> None:
    language = subdir or "ja"
    example = load_profile(EXAMPLE_PROFILE)
    t = load_content().t(language)
    section = _section(_page(site, subdir, "contacts.html"), "outside-advisers")
    assert {adviser.kind for adviser in example.advisers} == set(ADVISER_KINDS) - {"other"}
    rows = section.split("<tbody>", 1)[1].split("<tr>")[1:]
    assert len(rows) == len(example.advisers)
    kinds = []
    for row in rows:
        adviser = next(adviser for adviser in example.advisers if f'href="tel:{adviser.tel}"' in row)
        kinds.append(adviser.kind)
        shown = _text(row)
        assert shown.startswith(f"{t['adviser_kind_' + adviser.kind]} {adviser.organisation(language)}")
        assert t[f"adviser_when_{adviser.kind}"] in shown  # when to call them
        if adviser.note:
            assert adviser.note(language) in shown
    assert kinds == sorted(kinds, key=ADVISER_KINDS.index), "grouped by kind, the lawyer first"


@pytest.mark.parametrize("subdir", ["", "en"])
def test_every_page_says_when_sample_data_is_shown(site: Path, subdir: str) -> None:
    root = site / subdir
    for page in page_paths(root):
        assert 'class="sample-notice"' in (root / page).read_text(encoding="utf-8"), page


def test_example_letters_are_filled_in(site: Path) -> None:
    html = _page(site, "", "templates/apology-letter.html")
    assert "株式会社みなと精機" in html and "湊 一郎" in html
    assert '<mark class="placeholder">' in html
    download = (site / "templates" / "files" / "apology-letter.ja.txt").read_text(encoding="utf-8")
    assert "湊 一郎" in download and "【" in download
    english = (site / "en" / "templates" / "files" / "progress-report.en.txt").read_text(encoding="utf-8")
    assert "Minato Seiki" in english and "[" in english


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The handbook built with the second test profile; returns the site and the build log."""
    site = tmp_path_factory.mktemp("other") / "site"
    result = subprocess.run([sys.executable, "-m", "handbook.site", "build", "--site-dir", str(site),
                             "--profile", str(OTHER_PROFILE)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def test_another_profile_builds_another_handbook(other_site: tuple[Path, str]) -> None:
    site, _ = other_site
    start = _page(site, "", "crisis/start-here.html")
    assert "有限会社テスト工業" in start and "試験 太郎" in start
    assert "みなと精機" not in start
    assert 'class="sample-notice"' not in start
    assert "Test Kogyo Ltd." in _page(site, "en", "contacts.html")
    assert "12時間ごと" in _page(site, "", "contacts.html")


def test_a_daily_report_rhythm_reads_as_every_day(site: Path) -> None:
    # The example profile reports every 24 hours: 「毎日」 and "every day", not "every 24 hours".
    assert "最初の1週間は、毎日、取引先と決めた時刻に" in _page(site, "", "contacts.html")
    assert "every day, at a time agreed on with the client" in _page(site, "en", "contacts.html")
    assert "24時間ごと" not in _page(site, "", "contacts.html")


@pytest.mark.parametrize("subdir, customers, advisers", [
    ("", "customers に、主な取引先", "advisers に、顧問弁護士"),
    ("en", "under customers in the company profile", "under advisers in the company profile"),
])
def test_a_profile_without_customers_or_advisers_says_how_to_add_them(other_site: tuple[Path, str], subdir: str,
                                                                       customers: str, advisers: str) -> None:
    site, _ = other_site
    page = _page(site, subdir, "contacts.html")
    assert customers in _section(page, "customers") and "<table" not in _section(page, "customers")
    assert advisers in _section(page, "outside-advisers") and "<table" not in _section(page, "outside-advisers")


def test_a_company_template_replaces_the_default(other_site: tuple[Path, str]) -> None:
    site, _ = other_site
    own = (site / "templates" / "files" / "apology-letter.ja.txt").read_text(encoding="utf-8-sig")
    assert own.startswith("有限会社テスト工業 独自のお詫び状です。")
    assert "社長 試験 太郎" in own
    english = (site / "en" / "templates" / "files" / "apology-letter.en.txt").read_text(encoding="utf-8-sig")
    assert "Test Kogyo Ltd." in english and "独自" not in english  # English keeps the default


def test_old_contacts_warn_at_build_and_show_prominently(other_site: tuple[Path, str]) -> None:
    site, log = other_site
    assert "warning:" in log and "2020-01-01" in log and "max_age_days" in log
    start = _page(site, "", "crisis/start-here.html")
    assert "contacts-box--stale" in start and "2020-01-01" in start.split("contacts-box__stale", 1)[1][:400]


def test_private_deployment_is_not_indexed(other_site: tuple[Path, str], site: Path) -> None:
    other, _ = other_site
    assert (other / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /\n"
    for page in page_paths(other) | {"en/" + p for p in page_paths(other / "en")}:
        assert '<meta name="robots" content="noindex, nofollow">' in (other / page).read_text(encoding="utf-8")
    assert not (site / "robots.txt").exists()
    assert "noindex" not in _page(site, "", "index.html")


def test_an_edited_company_template_is_used_by_the_next_build(tmp_path: Path) -> None:
    # Profile and letters are cached while their files stay the same (`serve` rebuilds in one
    # process); an edit must still show at once.
    folder = tmp_path / "profile"
    shutil.copytree(OTHER_PROFILE, folder)
    template = folder / "letters" / "apology.ja.txt"
    download = tmp_path / "site" / "templates" / "files" / "apology-letter.ja.txt"
    template.write_text("{{ company }} 第1版\n", encoding="utf-8")
    build(tmp_path / "site", profile=folder)
    assert download.read_bytes() == "\ufeff有限会社テスト工業 第1版\r\n".encode()  # BOM, Windows line ends
    template.write_text("{{ company }} 第2版\n", encoding="utf-8")
    build(tmp_path / "site", profile=folder)
    assert download.read_bytes() == "\ufeff有限会社テスト工業 第2版\r\n".encode()


@pytest.mark.parametrize("subdir, notice", [("", "サンプルデータです"), ("en/", "Sample data")])
def test_letter_copies_and_downloads_in_the_browser(browser, server: str, subdir: str, notice: str) -> None:
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + subdir + "templates/progress-report.html")
    assert notice in page.locator(".md-banner").inner_text()
    shown = page.locator("pre.letter__text code").inner_text()
    page.locator("pre.letter__text").hover()
    page.locator("pre.letter__text [data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == shown.strip() and ("湊 一郎" in copied or "Ichiro Minato" in copied)
    with page.expect_download() as download_info:
        page.locator("a[download$='.txt']").click()
    language = "en" if subdir else "ja"
    assert download_info.value.suggested_filename == f"progress-report.{language}.txt"
    saved = Path(download_info.value.path()).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    assert saved.strip() == shown.strip()
    context.close()
