"""Text read back from the PDFs the tests print."""

from __future__ import annotations

import re
import unicodedata


def in_pdf_text(needle: str, text: str) -> bool:
    """Whether a text appears in text extracted from a PDF.

    Fonts map some glyphs to look-alike code points: a kanji may come out as its CJK radical
    (長 as ⻑) and a full-width slash as a division slash. So each kanji of the needle also
    matches any CJK radical, and each punctuation mark matches any one character.
    """
    def pattern(char: str) -> str:
        if "\u4e00" <= char <= "\u9fff":
            return f"[{re.escape(char)}\u2e80-\u2fdf]"
        if unicodedata.category(char)[0] in "LN":
            return re.escape(char)
        return "."

    def flat(value: str) -> str:
        return unicodedata.normalize("NFKC", re.sub(r"\s+", "", value))

    return re.search("".join(map(pattern, flat(needle))), flat(text)) is not None
