"""Search benchmark: recall@5, mean reciprocal rank, latency and index size, per language.

Runs the query set (benchmarks/search_queries.yml) in Chromium against the built site, through
the search box a reader uses, over HTTP (default) or from file:// (--file).

    .venv/bin/python -m benchmarks.search [--site-dir DIR] [--file] [--show-misses]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import statistics
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from playwright.sync_api import Page, sync_playwright

from support.chromium import launch
from support.serve import serve
from handbook.site import ROOT, build

QUERIES = Path(__file__).with_name("search_queries.yml")
LANGUAGES = {"ja": "", "en": "en/"}

# Types a query the way Material listens for it (keyup), and times keystroke → results shown.
RUN_QUERY = """async ({query, timeout}) => {
  const input = document.querySelector("input[data-md-component=search-query]");
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const keyup = () => input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}));
  const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  input.focus();
  input.value = "";
  keyup();
  await settle(20);
  input.value = query;
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
    observer.observe(list, {childList: true});
    observer.observe(meta, {childList: true, characterData: true, subtree: true});
  });
  const start = performance.now();
  keyup();
  const end = await Promise.race([shown, settle(timeout).then(() => null)]);
  await settle(0);
  const links = [...list.querySelectorAll(":scope > .md-search-result__item > a")].map((a) => a.href);
  return {latency: end === null ? null : end - start, links};
}"""


@dataclass
class Outcome:
    """One query's result."""

    query: str
    expect: list[str]
    found: list[str]
    latency: float | None

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected page, if any."""
        for rank, page in enumerate(self.found, start=1):
            if page in self.expect:
                return rank
        return None


@dataclass
class Report:
    """All outcomes of one language."""

    language: str
    outcomes: list[Outcome] = field(default_factory=list)

    def recall_at(self, k: int) -> float:
        return sum(1 for o in self.outcomes if o.rank and o.rank <= k) / len(self.outcomes)

    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / len(self.outcomes)

    def latencies(self) -> list[float]:
        return sorted(o.latency for o in self.outcomes if o.latency is not None)


def _page_path(url: str, base: str) -> str:
    return url.split("#")[0].split("?")[0].removeprefix(base)


def _wait_for_index(page: Page, probe: str) -> None:
    for _ in range(100):
        if page.evaluate(RUN_QUERY, {"query": probe, "timeout": 300})["links"]:
            return
    raise RuntimeError("the search index never became ready")


def run_language(page: Page, base: str, language: str, queries: list[dict]) -> Report:
    """Run every query of one language from that language's home page."""
    root = base + LANGUAGES[language]
    page.goto(root + "index.html")
    _wait_for_index(page, queries[0]["query"])
    report = Report(language)
    for entry in queries:
        result = page.evaluate(RUN_QUERY, {"query": entry["query"], "timeout": 2000})
        found = list(dict.fromkeys(_page_path(link, root) for link in result["links"]))  # distinct pages
        report.outcomes.append(Outcome(entry["query"], entry["expect"], found, result["latency"]))
    return report


def index_size(site: Path, language: str) -> tuple[int, int]:
    """Bytes of one language's search index, raw and gzipped."""
    data = (site / LANGUAGES[language] / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


@contextlib.contextmanager
def _base_url(site: Path, from_file: bool) -> Iterator[str]:
    if from_file:
        yield site.as_uri() + "/"
    else:
        with serve(site) as url:
            yield url


def measure(site: Path, from_file: bool = False) -> list[Report]:
    """Run the whole query set in Chromium; one report per language."""
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with sync_playwright() as playwright, _base_url(site, from_file) as base:
        browser = launch(playwright)
        page = browser.new_page()
        reports = [run_language(page, base, language, queries[language]) for language in LANGUAGES]
        browser.close()
    return reports


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 0 whatever they are (this is a measurement, not a test)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--file", action="store_true", help="open the site from file:// instead of HTTP")
    parser.add_argument("--show-misses", action="store_true", help="list queries not found in the top 5")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        site = args.site_dir or Path(work) / "site"
        if not args.site_dir:
            build(site, ROOT)
        reports = measure(site.resolve(), args.file)
        print(f"search benchmark ({'file://' if args.file else 'HTTP'}), {QUERIES.name}")
        print(f"{'lang':4} {'queries':>7} {'recall@5':>8} {'MRR':>6} {'median ms':>9} {'p95 ms':>7} "
              f"{'index KB':>8} {'gzip KB':>7}")
        for report in reports:
            latencies = report.latencies()
            p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))] if latencies else float("nan")
            raw, packed = index_size(site, report.language)
            print(f"{report.language:4} {len(report.outcomes):7d} {report.recall_at(5):8.3f} {report.mrr():6.3f} "
                  f"{statistics.median(latencies) if latencies else float('nan'):9.1f} {p95:7.1f} "
                  f"{raw / 1024:8.1f} {packed / 1024:7.1f}")
        if args.show_misses:
            for report in reports:
                for outcome in report.outcomes:
                    if not outcome.rank or outcome.rank > 5:
                        print(f"  miss [{report.language}] {outcome.query!r}: expected {outcome.expect}, "
                              f"got {outcome.found[:5]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
