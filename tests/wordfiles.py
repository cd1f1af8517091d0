"""Reading the handbook's Word files as an independent reader does: python-docx, and LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx import Document


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a .docx, in order, one per line."""
    document = Document(str(path))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [cell for cell in row if cell.tag.endswith("}tc")]
                    lines.append(" | ".join("".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t"))
                                            for cell in cells))
    return "\n".join(lines).strip("\n")


def to_pdf(files: list[Path], out: Path) -> list[Path]:
    """Convert Word files to PDF with LibreOffice, headless, in one run; the PDFs, in the same order."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is missing (Debian libreoffice-writer-nogui; make test installs it)")
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    return [out / (path.stem + ".pdf") for path in files]
