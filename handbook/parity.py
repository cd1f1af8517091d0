"""Bilingual parity: both languages must carry exactly the same pages.

Run as ``python -m handbook.parity``; exits 1 and lists the differences when a page exists in
only one language. ``handbook.site.build`` runs the same check before building.
"""

from __future__ import annotations

import sys
from pathlib import Path

from handbook.errors import HandbookError

LANGUAGES = ("ja", "en")


class ParityError(HandbookError):
    """A page exists in one language and not in the other."""


def pages(docs_dir: Path, language: str) -> set[str]:
    """Return the Markdown pages of one language, as paths relative to its folder."""
    root = docs_dir / language
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")}


def check_parity(docs_dir: Path) -> set[str]:
    """Raise ParityError unless both languages have the same pages; return the page set."""
    found = {language: pages(docs_dir, language) for language in LANGUAGES}
    problems = []
    for language in LANGUAGES:
        for other in LANGUAGES:
            missing = sorted(found[language] - found[other])
            if other != language and missing:
                problems.append(
                    f"only in {docs_dir / language}, missing in {docs_dir / other}: "
                    + ", ".join(missing)
                )
    if problems:
        raise ParityError("the two languages do not have the same pages:\n  " + "\n  ".join(problems))
    if not found[LANGUAGES[0]]:
        raise ParityError(f"no pages found under {docs_dir}")
    return found[LANGUAGES[0]]


def main() -> int:
    """Command-line entry point."""
    docs_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    try:
        found = check_parity(docs_dir)
    except ParityError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"parity ok: {len(found)} pages in each of {', '.join(LANGUAGES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
