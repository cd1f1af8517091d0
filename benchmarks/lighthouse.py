"""Lighthouse scores (performance, accessibility, best practices) of key pages, both languages.

Uses the pinned npm lighthouse in benchmarks/lighthouse/ (`make bench` installs it) and Debian's
Chromium, against the built site served on a local port.

    .venv/bin/python -m benchmarks.lighthouse [--site-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from support.chromium import CHROMIUM, CHROMIUM_ARGS
from support.serve import serve
from handbook.site import ROOT, build

LIGHTHOUSE = Path(__file__).with_name("lighthouse") / "node_modules" / ".bin" / "lighthouse"
# LH_PAGES="incident.html en/incident.html" scores only those pages.
PAGES = tuple(os.environ.get("LH_PAGES", "").split()) or (
    "index.html", "checklists/first-response.html", "incident.html",
    "en/index.html", "en/checklists/first-response.html", "en/incident.html")
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95}


def scores(url: str, report: Path) -> dict[str, int]:
    """Run Lighthouse once on one address; scores out of 100."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                   check=True, env=dict(os.environ, CHROME_PATH=CHROMIUM))
    data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    """Print the scores (a measurement: always exits 0 unless Lighthouse itself fails)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (the median score is shown)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run `npm ci --prefix benchmarks/lighthouse` (make bench does)")
        return 1
    with tempfile.TemporaryDirectory() as work:
        site = args.site_dir or Path(work) / "site"
        if not args.site_dir:
            build(site, ROOT)
        targets = "  ".join(f"{name} (≥{TARGETS[name]})" for name in CATEGORIES)
        print(f"lighthouse, median of {args.runs} runs per page: {targets}")
        with serve(site) as base:
            for page in PAGES:
                runs = [scores(base + page, Path(work) / "report.json") for _ in range(args.runs)]
                found = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
                print(f"{page:36} " + "  ".join(f"{found[name]:>3.0f}" for name in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
