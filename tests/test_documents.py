"""Letters and reports as files an office can send: Word (.docx) read back by python-docx and by
LibreOffice, plain text with a BOM and Windows line endings, and a letter page that prints alone."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from playwright.sync_api import Browser
from pypdf import PdfReader

from handbook.build import load_content
from handbook.documents import PLACEHOLDER
from tests.example_profile import COMPANY
from tests.pdftext import in_pdf_text
from tests.wordfiles import docx_text, to_pdf

LETTERS = load_content().letters
LANGUAGES = [pytest.param("", "ja", id="ja"), pytest.param("en/", "en", id="en")]
# Headings a client's quality department expects in a corrective action report.
CORRECTIVE_ACTION = {"ja": ("発生原因", "流出原因", "暫定対策", "恒久対策", "水平展開", "効果確認", "歯止め"),
                     "en": ("occurrence cause", "escape cause", "interim action", "permanent corrective action",
                            "roll-out", "effectiveness", "lock-in")}


def _files(site: Path, subdir: str, language: str, suffix: str) -> list[Path]:
    return [site / subdir / "templates" / "files" / f"{letter.name}.{language}.{suffix}" for letter in LETTERS]


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_every_letter_is_a_word_file_on_a4_filled_with_the_profile(site: Path, subdir: str, language: str) -> None:
    for letter, path in zip(LETTERS, _files(site, subdir, language, "docx"), strict=True):
        document = Document(str(path))
        section = document.sections[0]
        assert abs(section.page_width.mm - 210) < 0.5 and abs(section.page_height.mm - 297) < 0.5, path.name
        text = docx_text(path)
        assert "{{" not in text and "}}" not in text and "{%" not in text, path.name  # no unfilled profile field
        assert COMPANY[language] in text, path.name
        assert document.core_properties.title == letter.title(language)
        fonts = document.styles["Normal"].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == ("游明朝" if language == "ja" else "Calibri")
        # What the sender still has to fill in stands out: every placeholder is highlighted.
        marked = [run.text for paragraph in _paragraphs(document) for run in paragraph.runs
                  if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]
        placeholders = PLACEHOLDER.findall(text)
        assert placeholders and all(PLACEHOLDER.fullmatch(run) for run in marked), path.name
        assert len(marked) == len(placeholders), path.name


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_a_japanese_letter_has_the_layout_of_a_japanese_business_document(site: Path) -> None:
    document = Document(str(site / "templates" / "files" / "prevention-report.ja.docx"))
    paragraphs = [paragraph for paragraph in document.paragraphs if paragraph.text.strip()]
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT and paragraphs[0].text == "【報告日】"  # date right
    sender = [paragraph for paragraph in paragraphs if COMPANY["ja"] in paragraph.text][0]
    assert sender.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    title = [paragraph for paragraph in paragraphs if paragraph.text.endswith("是正処置報告書")][0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and all(run.bold for run in title.runs)
    assert [paragraph.alignment for paragraph in paragraphs if paragraph.text == "記"] == [WD_ALIGN_PARAGRAPH.CENTER]
    assert paragraphs[-1].text == "以上" and paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert any(paragraph.text.endswith("様") for paragraph in paragraphs[:4])  # 宛名
    assert document.tables and document.tables[0].rows[0].cells[0].text == "問い"  # rows "a｜b｜c" are a table
    letter = Document(str(site / "templates" / "files" / "apology-letter.ja.docx"))
    texts = [paragraph.text for paragraph in letter.paragraphs]
    assert any(text.startswith("拝啓") for text in texts) and "敬具" in texts
    # A sentence wrapped to fit a text editor is one paragraph again.
    assert any(text.startswith("拝啓") and text.endswith("心より深くお詫び申し上げます。") for text in texts)


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_the_corrective_action_report_has_the_headings_clients_expect(site: Path, subdir: str, language: str) -> None:
    path = site / subdir / "templates" / "files" / f"prevention-report.{language}.docx"
    text = docx_text(path).lower()
    for heading in CORRECTIVE_ACTION[language]:
        assert heading.lower() in text, heading
    # For a client that asks for 8D: a table maps every step, D0 to D8, to a part of the report.
    table = next(table for table in Document(str(path)).tables if table.rows[1].cells[0].text == "D0")
    assert [row.cells[0].text for row in table.rows[1:]] == [f"D{step}" for step in range(9)]
    assert all(row.cells[2].text.strip() for row in table.rows[1:])


def test_libreoffice_opens_every_word_file_and_prints_it_on_a4(site: Path, tmp_path: Path) -> None:
    files = _files(site, "", "ja", "docx") + _files(site, "en/", "en", "docx")
    pdfs = to_pdf(files, tmp_path / "pdf")
    for path, pdf_path in zip(files, pdfs, strict=True):
        pdf = PdfReader(str(pdf_path))
        box = pdf.pages[0].mediabox
        assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, path.name
        text = "".join(page.extract_text() for page in pdf.pages)
        language = path.suffixes[0].strip(".")
        assert in_pdf_text(COMPANY[language], text), path.name


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_text_downloads_open_cleanly_in_word_and_notepad(site: Path, subdir: str, language: str) -> None:
    for path in _files(site, subdir, language, "txt"):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path.name  # UTF-8 with a BOM: no encoding dialog
        assert b"\n" not in data.replace(b"\r\n", b""), path.name  # Windows line endings only
        page = (site / subdir / "templates" / f"{path.name.split('.')[0]}.html").read_text(encoding="utf-8")
        first = data.decode("utf-8-sig").splitlines()[0].strip()
        assert first[:10] in re.sub(r"<[^>]+>", "", page).replace("&amp;", "&"), path.name


@pytest.mark.parametrize("subdir, language, title", [("", "ja", "お詫び状"), ("en/", "en", "Apology letter")])
def test_a_letter_page_prints_only_the_letter_on_a4(browser: Browser, server: str, subdir: str, language: str,
                                                      title: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}{subdir}templates/apology-letter.html")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = "".join(sheet.extract_text() for sheet in pdf.pages)
    assert in_pdf_text(COMPANY[language], text)
    for absent in (title + "\n", "Download", "保存", "Print this", "印刷", "Replace every part", "書き換えて"):
        assert absent not in text, absent
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2
    # No grey box and no yellow: the print has no background colour behind the letter.
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.letter__text')).backgroundColor") in (
        "rgba(0, 0, 0, 0)", "transparent")
    assert page.evaluate("getComputedStyle(document.querySelector('mark.placeholder')).backgroundColor") in (
        "rgba(0, 0, 0, 0)", "transparent")
    context.close()
