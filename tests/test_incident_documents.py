"""Letters and reports filled from the incident file in the browser (incident-documents.js), read
back as an office would: python-docx and LibreOffice for the Word files, the bytes for the text.
The same checks as the build-time files (test_documents.py), plus the record's values in place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from playwright.sync_api import BrowserContext, Page
from pypdf import PdfReader

from handbook.build import load_content
from handbook.data import DataError
from handbook.documents import PLACEHOLDER
from handbook.filling import load_filling
from handbook.site import ROOT
from tests.example_profile import COMPANY
from tests.test_documents import _paragraphs
from tests.test_incident import HOSTILE, _incident_page, _log, _new, _set_next
from tests.wordfiles import docx_text, to_pdf

LETTERS = load_content().letters
LANGUAGES = [pytest.param("", "ja", id="ja"), pytest.param("en/", "en", id="en")]
RECORD = {
    "ja": {"client": "東海自動車株式会社", "product": "ブラケット B-120", "what": "穴位置が図面から0.4mmずれていた",
           "quantity": "1,200個", "lots": "L2411-07, L2411-08", "containment": "出荷を停止し、在庫800個を隔離",
           "cause": "治具の位置決めピンの摩耗",
           "countermeasures": "位置決めピンを月次点検に加える\n初品検査で穴位置を測る", "role_scribe": "山田 花子"},
    "en": {"client": "Tokai Motors Ltd.", "product": "B-120 brackets", "what": "Holes 0.4 mm off the drawing",
           "quantity": "1,200 units", "lots": "L2411-07, L2411-08",
           "containment": "Shipments stopped; 800 units quarantined", "cause": "A worn locating pin in the jig",
           "countermeasures": "Add the locating pin to the monthly check\n"
                              "Measure hole positions at first-piece inspection",
           "role_scribe": "Hanako Yamada"},
}
LOG = {"ja": ["出荷を停止した", "取引先の品証課に第一報を入れた"],
       "en": ["Stopped shipping", "First notification to the client's QA"]}
PROMISE = {"ja": "選別結果を報告する", "en": "Report the sorting results"}


def _fill_record(page: Page, language: str, values: dict[str, str] | None = None) -> None:
    values = values or RECORD[language]
    _new(page, values["client"])
    fields = page.locator("[data-incident-fields]")
    for name, value in values.items():
        if name != "client":
            fields.locator(f"[name={name}]").fill(value)
    fields.locator("[name=type]").select_option("quality")
    fields.locator("[name=found]").fill("2026-12-03T14:20")
    fields.locator("[name=status]").select_option("cause_found")
    fields.locator("[name=client]").click()  # leaving the last field saves it


def _make(page: Page, name: str, kind: str, folder: Path) -> Path:
    page.locator("[data-incident-doc]").select_option(name)
    with page.expect_download() as download:
        page.locator(f"[data-incident-doc-make={kind}]").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def check_word_file(path: Path, language: str) -> tuple[str, list[str]]:
    """What test_documents.py asks of every Word file: A4, the company, no template syntax, and every
    blank left highlighted (and nothing else). The text and the highlighted runs."""
    document = Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5, path.name
    text = docx_text(path)
    assert "{{" not in text and "{%" not in text, path.name
    assert COMPANY[language] in text, path.name
    marked = [run.text for paragraph in _paragraphs(document) for run in paragraph.runs
              if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert all(PLACEHOLDER.fullmatch(run) for run in marked), path.name
    assert len(marked) == len(PLACEHOLDER.findall(text)), path.name
    return text, marked


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_the_corrective_action_report_is_filled_from_the_incident_as_a_word_file(
        phone: BrowserContext, server: str, tmp_path: Path, subdir: str, language: str) -> None:
    page = _incident_page(phone, server + subdir + "incident.html")
    _fill_record(page, language)
    path = _make(page, "prevention-report", "docx", tmp_path)
    assert path.name.startswith("prevention-report-") and path.name.endswith(f".{language}.docx")
    text, marked = check_word_file(path, language)
    record = RECORD[language]
    for value in (record["client"], record["what"], *record["countermeasures"].split("\n")):
        assert value in text
    title = "ブラケット B-120の品質不良に関する是正処置報告書" if language == "ja" else \
        "Corrective action report: defects in B-120 brackets"
    assert title in text
    today = page.evaluate("new Intl.DateTimeFormat(document.documentElement.lang === 'ja' ? 'ja-JP' : 'en-US',"
                          " {year: 'numeric', month: 'long', day: 'numeric'}).format(new Date())")
    lines = text.split("\n")
    assert lines[0] == today if language == "ja" else f"Date: {today}" in lines  # the report's date
    # What the record does not hold is still a highlighted blank, e.g. the five whys.
    assert ("【問い】" if language == "ja" else "[QUESTION]") in marked
    message = page.locator("[data-incident-doc-message]").inner_text()
    assert path.name in message and re.search(r"\d+", message)


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_the_log_and_the_promises_become_rows_of_their_tables(phone: BrowserContext, server: str, tmp_path: Path,
                                                            subdir: str, language: str) -> None:
    page = _incident_page(phone, server + subdir + "incident.html")
    _fill_record(page, language)
    for text in LOG[language]:
        _log(page, text)
    page.locator("[data-incident-promise-form] [name=text]").fill(PROMISE[language])
    page.locator("[data-incident-promise-form] [name=due]").fill("2030-01-02T12:00")
    page.locator("[data-incident-promise-form] [type=submit]").click()
    _set_next(page, "2030-01-01T17:00")
    log = Document(str(_make(page, "incident-log", "docx", tmp_path)))
    rows = [[cell.text for cell in row.cells] for row in log.tables[0].rows]
    written = [row for row in rows[1:] if row[3] in LOG[language]]
    assert [row[3] for row in written] == LOG[language]  # in time order, one row each
    assert written[0][1] == ("出来事" if language == "ja" else "Event") and re.search(r"\d:\d\d", written[0][0])
    assert any("原因特定済み" in row[3] or "Cause found" in row[3] for row in rows)  # the status change, logged
    assert not any(PLACEHOLDER.fullmatch(row[0]) for row in rows[1:])  # the template's blank rows are gone
    text = docx_text(tmp_path / next(p.name for p in tmp_path.iterdir() if p.name.startswith("incident-log")))
    assert ("2030年1月1日 17:00" if language == "ja" else "January 1, 2030") in text  # the next update
    # The client's incident report: the events people logged (not the handbook's status notes), and
    # the promises still open as next steps.
    report = Document(str(_make(page, "incident-report", "docx", tmp_path)))
    timeline, _, steps = ([[cell.text for cell in row.cells] for row in table.rows] for table in report.tables)
    assert [row[1] for row in timeline[1:]] == LOG[language]
    assert [row[0] for row in steps[1:]] == [PROMISE[language]] and PLACEHOLDER.fullmatch(steps[1][1])
    promises = Document(str(_make(page, "promise-list", "docx", tmp_path)))
    rows = [[cell.text for cell in row.cells] for row in promises.tables[0].rows]
    assert len(rows) == 2 and rows[1][0] == "1" and rows[1][1] == PROMISE[language]
    assert rows[1][7] == ("対応中" if language == "ja" else "In progress")
    assert rows[1][5] == ("1月2日 12:00" if language == "ja" else "Jan 2, 12:00 PM")
    # The progress report's action table, from the same promises, and as a text file.
    path = _make(page, "progress-report", "txt", tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig")
    state = "予定どおり" if language == "ja" else "On track"
    assert any(PROMISE[language] in line and state in line for line in text.splitlines())
    assert RECORD[language]["client"] in text and COMPANY[language] in text


def test_a_hostile_record_stays_literal_and_never_breaks_the_file(phone: BrowserContext, server: str,
                                                                  tmp_path: Path) -> None:
    hostile = HOSTILE + "</w:t></w:r><w:r><w:t>x]]>\u0001\u000b\ud800"
    values = {**RECORD["ja"], "client": hostile, "what": hostile, "countermeasures": "1行目\n" + hostile}
    page = _incident_page(phone, server + "incident.html")
    _fill_record(page, "ja", values)
    _log(page, hostile)
    literal = HOSTILE + "</w:t></w:r><w:r><w:t>x]]>"
    for name in ("prevention-report", "incident-report"):
        path = _make(page, name, "docx", tmp_path)
        text, _ = check_word_file(path, "ja")
        assert literal in text and "\u0001" not in text
        assert text.count(literal) >= 2
    assert page.evaluate("window.pwned === undefined")
    pdfs = to_pdf([tmp_path / next(p.name for p in tmp_path.iterdir() if p.name.startswith("incident-report"))],
                  tmp_path / "pdf")
    assert len(PdfReader(pdfs[0]).pages) >= 1
    text = _make(page, "incident-report", "txt", tmp_path).read_bytes().decode("utf-8-sig")
    assert literal in text


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_every_document_is_made_from_the_incident_and_opens_in_word_and_libreoffice(
        phone: BrowserContext, server: str, site: Path, tmp_path: Path, subdir: str, language: str) -> None:
    page = _incident_page(phone, server + subdir + "incident.html")
    _fill_record(page, language)
    _log(page, LOG[language][0])
    made = []
    for letter in LETTERS:
        path = _make(page, letter.name, "docx", tmp_path)
        text, _ = check_word_file(path, language)
        built = site / subdir / "templates" / "files" / f"{letter.name}.{language}.docx"
        blanks = len(PLACEHOLDER.findall(docx_text(built)))
        assert len(PLACEHOLDER.findall(text)) < blanks, letter.name  # the record filled some of them
        made.append(path)
    pdfs = to_pdf(made, tmp_path / "pdf")
    for path, pdf in zip(made, pdfs, strict=True):
        first = PdfReader(pdf).pages[0]
        assert abs(float(first.mediabox.width) - 595) < 3 and abs(float(first.mediabox.height) - 842) < 3, path.name


def test_a_blank_in_the_rules_that_no_template_has_stops_the_build(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    shutil.copytree(ROOT / "handbook" / "letters", root / "letters")
    shutil.copy(ROOT / "handbook" / "letters.yml", root / "letters.yml")
    rules = yaml.safe_load((ROOT / "handbook" / "incident-documents.yml").read_text(encoding="utf-8"))
    rules["values"]["ja"]["【取引先のお名前】"] = "client"
    rules["rows"]["incident-log"][0]["en"][0] = "[WHEN] = time"
    (root / "incident-documents.yml").write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_filling(root)
    message = str(error.value)
    assert "【取引先のお名前】" in message and "incident-log" in message
    assert "incident-documents.yml" in message and "テンプレート" in message and "template" in message
