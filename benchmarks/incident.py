"""Incident file benchmark: what its scripts weigh, and how fast a big incident draws on a slow phone.

Prints:
- the incident page's own script (incident.js), raw and gzipped (target ≤ 30 KB gzipped), and the
  page's interface text sent with it;
- what every other page gains for the countdown bar and the record's storage: incident-store.js,
  incident-bar.js and the bar's markup, gzipped (target ≤ 3 KB), and checklists.js against
  ``--base`` (the commit before the incident file);
- with Chromium's CPU slowed 4× at 390×844: the time from opening the incident page to its first
  drawing, for an incident of N log entries, and the time one more entry takes to log;
- filled documents: what the incident page loads only when a document is asked for (its script,
  the zip library fflate, one document's data), and, CPU 4× slower, the time from the tap to the
  saved file for the corrective action report (.docx) and for the log as a Word table at N entries.

    .venv/bin/python -m benchmarks.incident [--base d699da7] [--entries 50 500 2000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from handbook.site import ROOT, build
from support.chromium import launch
from support.serve import serve

BAR = re.compile(r'<div class="incident-bar".*?</div>', re.S)
THROTTLE = 4


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def weights(site: Path, base: str) -> None:
    page = (site / "incident.html").read_text(encoding="utf-8")
    shipped = site / "assets" / "javascripts"  # as the browser gets them (minified by the build)
    script = (shipped / "incident.js").read_bytes()
    strings = (shipped / "incident-strings.js").read_bytes()
    print(f"incident.js: {kb(len(script))}, {kb(gz(script))} gzipped (target ≤ 30 KB gzipped); "
          f"its interface text (incident-strings.js): {kb(gz(strings))} gzipped; the page's HTML "
          f"{kb(gz(page.encode()))} gzipped")
    store, bar_js = (shipped / "incident-store.js").read_bytes(), (shipped / "incident-bar.js").read_bytes()
    home = (site / "index.html").read_text(encoding="utf-8")
    bar_html = BAR.search(home).group(0).encode() if BAR.search(home) else b""
    gained = gz(store) + gz(bar_js) + gz(bar_html)
    print(f"every page gains: incident-store.js {kb(gz(store))} + incident-bar.js {kb(gz(bar_js))} + bar markup "
          f"{kb(gz(bar_html))} = {kb(gained)} gzipped (target ≤ 3 KB)")
    try:
        before = subprocess.run(["git", "show", f"{base}:overrides/assets/javascripts/checklists.js"], cwd=ROOT,
                                check=True, capture_output=True).stdout
    except subprocess.CalledProcessError:
        return
    now = (shipped / "checklists.js").read_bytes()
    print(f"checklists.js (now only on checklist pages and the incident page): {kb(gz(before))} at {base} → "
          f"{kb(gz(now))} gzipped now ({gz(now) - gz(before):+d} bytes)")


def document_weights(site: Path) -> None:
    shipped = site / "assets" / "javascripts"
    script = (shipped / "incident-documents.js").read_bytes()
    fflate = (shipped / "vendor" / "fflate" / "fflate.min.js").read_bytes()
    data = sorted(gz(path.read_bytes()) for path in (site / "templates" / "files").glob("*.ja.js"))
    print(f"filled documents, loaded only when asked for: incident-documents.js {kb(gz(script))} gzipped "
          f"(with the page); fflate {kb(len(fflate))}, {kb(gz(fflate))} gzipped (Word files only); one document's "
          f"data {kb(data[0])}–{kb(data[-1])} gzipped")


def documents(site: Path, sizes: list[int], runs: int) -> None:
    with sync_playwright() as playwright, serve(site) as base:
        browser = launch(playwright)
        for name, entries in [("prevention-report", 50)] + [("incident-log", n) for n in sizes]:
            times = []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
                page = context.new_page()
                page.goto(base + "about.html")
                key = page.locator("meta[name=handbook-incidents]").get_attribute("content") + ":incidents"
                page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(record(entries))])
                page.goto(base + "incident.html")
                page.wait_for_selector(".incident--ready")
                context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
                page.locator("[data-incident-doc]").select_option(name)
                started = page.evaluate("performance.now()")
                with page.expect_download():
                    page.locator("[data-incident-doc-make=docx]").click()
                times.append(page.evaluate("performance.now()") - started)
                context.close()
            print(f"{name}.docx filled from an incident of {entries} log entries, CPU {THROTTLE}× slower: saved in "
                  f"{statistics.median(times):.0f} ms from the tap (median of {runs}; the first tap also loads fflate "
                  f"and the document)")
        browser.close()


def record(entries: int) -> dict:
    """An incident with this many log entries, ten promises and ticks, as the store keeps it."""
    log = [{"id": f"e{n:06d}", "time": f"2026-11-0{1 + n % 4}T{n % 24:02d}:{n % 60:02d}:00.000Z", "who": "佐藤",
            "kind": ("event", "decision", "contact", "promise")[n % 4],
            "text": f"選別の結果を取引先の品証課に報告しました（第{n}報、不良 {n % 17} 個）"} for n in range(entries)]
    promises = [{"id": f"p{n:06d}", "text": f"約束 {n}", "due": f"2030-01-0{1 + n % 9}T12:00:00.000Z",
                 "update": n == 0, "kept": None, "created": "2026-12-01T00:00:00.000Z"} for n in range(10)]
    incident = {"id": "bench01", "created": "2026-12-01T00:00:00.000Z", "fields": {
        "client": {"v": "東海自動車", "at": "2026-12-01T00:00:00.000Z"},
        "status": {"v": "contained", "at": "2026-12-01T00:00:00.000Z"}},
        "log": log, "promises": promises, "ticks": {"first-response": {"confirm-facts": "2026-12-01T00:00:00.000Z"}}}
    return {"schema": 1, "current": "bench01", "migrated": True, "incidents": {"bench01": incident}}


def speed(site: Path, sizes: list[int], runs: int) -> None:
    with sync_playwright() as playwright, serve(site) as base:
        browser = launch(playwright)
        for entries in sizes:
            opened, logged = [], []
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                page.goto(base + "about.html")
                key = page.locator("meta[name=handbook-incidents]").get_attribute("content") + ":incidents"
                page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(record(entries))])
                session = context.new_cdp_session(page)
                session.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
                page.goto(base + "incident.html")
                page.wait_for_selector(".incident--ready")
                opened.append(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                                            " + 0") or 0)
                started = page.evaluate("performance.now()")
                page.locator("[data-incident-log-form] [name=text]").fill("出荷再開")
                page.evaluate("document.querySelector('[data-incident-log-form]').requestSubmit()")
                page.wait_for_function("document.querySelector('[data-incident-log]').lastElementChild"
                                       ".textContent.endsWith('出荷再開')")
                logged.append(page.evaluate("performance.now()") - started)
                drawn = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0")
                opened[-1] = max(opened[-1], drawn)
                context.close()
            print(f"{entries} log entries, CPU {THROTTLE}× slower: page drawn in {statistics.median(opened):.0f} ms,"
                  f" one more entry logged and redrawn in {statistics.median(logged):.0f} ms (median of {runs})")
        browser.close()


def main(argv: list[str] | None = None) -> int:
    """Print the figures (a measurement, not a test: always exits 0)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="d699da7", help="commit to compare checklists.js with")
    parser.add_argument("--entries", type=int, nargs="+", default=[50, 500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build(site, ROOT)
        weights(site, args.base)
        document_weights(site)
        speed(site, args.entries, args.runs)
        documents(site, args.entries, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
