"""Letters and reports as Word files (.docx), made at build time from their filled-in text.

The letter templates are plain text laid out with spaces (they are also copied and downloaded as
text). Here that text becomes a document a Japanese or English office would send: A4, the usual
margins, a serif body in a font Word has on Windows and Mac (Century with 游明朝 for Japanese,
Calibri for English), the date and sender on the right and 記 centred where the text lays them out
with spaces, the title centred, rows written "a｜b｜c" (or "a | b | c") as tables, lines broken only
to fit a text editor joined back into paragraphs, and every part the sender still has to fill in
(【…】, [CAPITALS]) highlighted in yellow.

python-docx (pinned; see the README) writes the XML: every value goes in as text and is escaped
by it, so a profile value with markup or XML in it stays literal and never breaks the file.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from handbook.documents import PLACEHOLDER

# (Latin font, East Asian font, size in points) per language.
FONTS = {"ja": ("Century", "游明朝", 10.5), "en": ("Calibri", "Calibri", 11.0)}
RIGHT_ALIGNED = re.compile(r"^ {16,}\S")  # laid out on the right with spaces: date, sender
TITLE = re.compile(r"^　{3,}\S")  # centred with ideographic spaces: the subject line
TABLE_SEPARATOR = {"ja": "｜", "en": " | "}
LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|\(\d+\)|[-・•])\s")
# A line that starts with a label ("Date: ...", "発生日：...") is a line of its own, never a continuation.
LABEL = re.compile(r"^(?:[A-Z][A-Za-z .'-]{0,40}: |[^\s\u3000：【】（）「」、。]{1,12}：)")
# A line ending like this ends its paragraph; any other line was broken only to fit the editor.
ENDS = {"ja": tuple("。：」）】:．!?？！") , "en": tuple(".:?!])\"'")}
CENTRED = {"記"}
SUBJECT = ("Subject:", "件名：")
RIGHT_WORDS = {"以上", "敬具", "謹白", "草々"}


@dataclass
class Block:
    kind: str  # "paragraph", "right", "centre", "title", "table", "blank"
    lines: list[str]
    indent: int = 0  # leading spaces (English sections)


def _blocks(text: str, language: str) -> list[Block]:
    separator = TABLE_SEPARATOR[language]
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip().strip("\u3000")
        last = blocks[-1] if blocks else None
        if not stripped:
            blocks.append(Block("blank", []))
        elif separator in line:
            if last and last.kind == "table":
                last.lines.append(stripped)
            else:
                blocks.append(Block("table", [stripped]))
        elif stripped in CENTRED:
            blocks.append(Block("centre", [stripped]))
        elif stripped in RIGHT_WORDS or RIGHT_ALIGNED.match(line):
            blocks.append(Block("right", [stripped]))
        elif TITLE.match(line):
            blocks.append(Block("title", [stripped]))
        else:
            indent = len(line) - len(line.lstrip(" "))
            body = line.lstrip(" ")
            if (last and last.kind == "paragraph" and not last.lines[-1].endswith(ENDS[language])
                    and not LIST_ITEM.match(body) and not LABEL.match(body) and not body.startswith("\u3000")
                    and indent == last.indent):
                joiner = "" if language == "ja" else " "
                last.lines[-1] = last.lines[-1] + joiner + body
            else:
                blocks.append(Block("paragraph", [body], indent))
    # One blank line between blocks is spacing; more are not needed in a document.
    tidy: list[Block] = []
    for block in blocks:
        if block.kind == "blank" and (not tidy or tidy[-1].kind == "blank"):
            continue
        tidy.append(block)
    while tidy and tidy[-1].kind == "blank":
        tidy.pop()
    return tidy


def _runs(paragraph, text: str, *, bold: bool = False) -> None:
    """Text into a paragraph, the parts still to fill in highlighted."""
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position:match.start()]).bold = bold or None
        run = paragraph.add_run(match.group(0))
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        run.bold = bold or None
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:]).bold = bold or None


def _setup(document, language: str, title: str, when: datetime.date) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(25 if language == "ja" else 25.4)
    latin, east_asian, size = FONTS[language]
    style = document.styles["Normal"]
    style.font.name = latin
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(qn(attribute), value)
    language_tag = style.element.get_or_add_rPr().find(qn("w:lang"))
    if language_tag is None:
        language_tag = style.element.get_or_add_rPr().makeelement(qn("w:lang"), {})
        style.element.get_or_add_rPr().append(language_tag)
    language_tag.set(qn("w:val"), "ja-JP" if language == "ja" else "en-US")
    language_tag.set(qn("w:eastAsia"), "ja-JP")
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.15 if language == "en" else 1.0
    properties = document.core_properties
    properties.title = title
    properties.language = "ja-JP" if language == "ja" else "en-US"
    moment = datetime.datetime.combine(when, datetime.time())
    properties.created = properties.modified = moment  # the same file for the same build date
    properties.author = properties.last_modified_by = ""
    properties.revision = 1


def letter_docx(text: str, language: str, title: str, when: datetime.date) -> bytes:
    """The filled-in text of a letter or report as a .docx file."""
    document = Document()
    _setup(document, language, title, when)
    for block in _blocks(text, language):
        if block.kind == "blank":
            document.add_paragraph()
        elif block.kind == "table":
            rows = [[cell.strip() for cell in row.split(TABLE_SEPARATOR[language].strip())] for row in block.lines]
            columns = max(len(row) for row in rows)
            table = document.add_table(rows=len(rows), cols=columns)
            table.style = "Table Grid"
            for number, row in enumerate(rows):
                for column, value in enumerate(row):
                    _runs(table.cell(number, column).paragraphs[0], value, bold=number == 0)
        else:
            paragraph = document.add_paragraph()
            if block.kind == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif block.kind in ("centre", "title"):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.indent:
                paragraph.paragraph_format.left_indent = Pt(block.indent * FONTS[language][2] / 2)
            _runs(paragraph, block.lines[0], bold=block.kind == "title" or block.lines[0].startswith(SUBJECT))
            if block.kind == "title":
                for run in paragraph.runs:
                    run.font.size = Pt(FONTS[language][2] + 3)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
