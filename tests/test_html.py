"""Valid HTML: the Nu Html Checker (npm vnu-jar, run with Java) on every built page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.site import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Left upstream (README, "Valid HTML"): Material's own toggles, hidden checkboxes that open the
# menu, search and sections, carry autocomplete="off" so that Firefox does not reopen them on
# back/forward; the attribute is not allowed on checkboxes, and dropping it would change that.
UPSTREAM = [(re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
             re.compile(r'<input class="(md-nav__toggle )?md-toggle"[^>]* type="checkbox"[^>]* autocomplete="off">'))]


def _upstream(message: dict) -> bool:
    return any(text.search(message["message"]) and markup.search(message.get("extract", ""))
               for text, markup in UPSTREAM)


def test_every_page_is_valid_html(site: Path) -> None:
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar: run `make test`")
    # C1 compilation only: a short run spends most of its time compiling otherwise (3.7 s of CPU, not 9.5).
    result = subprocess.run([java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only",
                             "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr)["messages"]
    checked = {message["url"] for message in messages}
    ours = [f"{message['url'].split(str(site))[-1]}:{message.get('lastLine')}: {message['message']}"
            for message in messages if not _upstream(message)]
    assert ours == []
    pages = list(site.rglob("*.html"))
    assert len(pages) > 90
    # The upstream errors show that every page was read (each has Material's toggles).
    assert len(checked) == len(pages) - len(list(site.glob("**/assets/**/*.html")))
