"""Search benchmark: recall@5, mean reciprocal rank, latency and index size, per language.

Runs the query set (benchmarks/search_queries.yml) in Chromium against the built site, through
the search box a reader uses, over HTTP (default) or from file:// (--file).

    .venv/bin/python -m benchmarks.search [--site-dir DIR] [--file] [--throttle 4] [--scale 5] [--show-misses]

Prints per language: recall@5 and mean reciprocal rank (all queries and the blind ones), the
share of queries with no result, two-word queries answered in the top 3, the precision of kana
queries (readings), latency from keystroke to results shown (median, p95) with the CPU slowed
as on a mid-range phone, the time until the index is ready, and the index's size.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
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


# The worker alone: a fresh copy of the search worker answers every query typed a character at a
# time; the time from posting a query to its answer, without Material drawing the results.
WORKER_ONLY = """async ({queries, root}) => {
  const index = typeof __index !== "undefined" ? __index
    : await (await fetch(root + "search/handbook_index.json")).json();
  const worker = new Worker(root + "assets/javascripts/search-worker.js");
  const ask = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs}});
  const times = [];
  for (const query of queries) {
    for (let end = 1; end <= query.length; end++) {
      const start = performance.now();
      await ask({type: 2, data: query.slice(0, end)});
      times.push(performance.now() - start);
    }
  }
  worker.terminate();
  return times;
}"""


@dataclass
class Outcome:
    """One query's result."""

    query: str
    expect: list[str]
    found: list[str]
    latency: float | None
    blind: bool = False
    reading_of: str | None = None

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected page, if any."""
        for rank, page in enumerate(self.found, start=1):
            if page in self.expect:
                return rank
        return None

    @property
    def two_words(self) -> bool:
        return len(self.query.split()) == 2


@dataclass
class Report:
    """All outcomes of one language."""

    language: str
    outcomes: list[Outcome] = field(default_factory=list)
    load_ms: float = 0.0
    reading_precision: float | None = None
    worker_ms: list[float] = field(default_factory=list)

    def subset(self, blind: bool | None = None) -> list[Outcome]:
        return [o for o in self.outcomes if blind is None or o.blind == blind]

    def recall_at(self, k: int, blind: bool | None = None) -> float:
        chosen = self.subset(blind)
        return sum(1 for o in chosen if o.rank and o.rank <= k) / max(1, len(chosen))

    def mrr(self, blind: bool | None = None) -> float:
        chosen = self.subset(blind)
        return sum(1 / o.rank for o in chosen if o.rank) / max(1, len(chosen))

    def zero_rate(self) -> float:
        return sum(1 for o in self.outcomes if not o.found) / len(self.outcomes)

    def two_word_top3(self) -> tuple[int, int]:
        pairs = [o for o in self.outcomes if o.two_words]
        return sum(1 for o in pairs if o.rank and o.rank <= 3), len(pairs)

    def latencies(self) -> list[float]:
        return sorted(o.latency for o in self.outcomes if o.latency is not None)


def _page_path(url: str, base: str) -> str:
    return url.split("#")[0].split("?")[0].removeprefix(base)


def _wait_for_index(page: Page, probe: str) -> None:
    for _ in range(200):
        if page.evaluate(RUN_QUERY, {"query": probe, "timeout": 300})["links"]:
            return
    raise RuntimeError("the search index never became ready")


def _query(page: Page, root: str, query: str) -> tuple[list[str], float | None]:
    result = page.evaluate(RUN_QUERY, {"query": query, "timeout": 2000})
    return list(dict.fromkeys(_page_path(link, root) for link in result["links"])), result["latency"]


def run_language(page: Page, base: str, language: str, queries: list[dict]) -> Report:
    """Run every query of one language from that language's home page."""
    root = base + LANGUAGES[language]
    start = time.perf_counter()
    page.goto(root + "index.html")
    _wait_for_index(page, queries[0]["query"])
    report = Report(language, load_ms=(time.perf_counter() - start) * 1000)
    precision: list[float] = []
    for entry in queries:
        found, latency = _query(page, root, entry["query"])
        report.outcomes.append(Outcome(entry["query"], entry["expect"], found, latency,
                                       bool(entry.get("blind")), entry.get("reading_of")))
        if entry.get("reading_of") and found:
            # Precision of a reading: how many of its first five pages the word in kanji finds too.
            written, _ = _query(page, root, entry["reading_of"])
            precision.append(sum(1 for page_path in found[:5] if page_path in written) / len(found[:5]))
    report.reading_precision = statistics.mean(precision) if precision else None
    if not root.startswith("file:"):  # a page from file:// may not start a worker from a file
        report.worker_ms = sorted(page.evaluate(WORKER_ONLY, {"queries": [e["query"] for e in queries],
                                                              "root": root}))
    return report


def index_size(site: Path, language: str) -> tuple[int, int]:
    """Bytes of one language's search index, raw and gzipped."""
    data = (site / LANGUAGES[language] / "search" / "handbook_index.json").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


def scale_index(index: dict, factor: int) -> dict:
    """The index of a site ``factor`` times as large: every section again under copyN/, each copy
    with the same words and as many words of its own (so the vocabulary grows ``factor`` times too)."""
    meta = index["config"]["handbook"]
    words = list(meta["words"])
    docs = list(index["docs"])
    originals = index["docs"]
    for copy in range(1, factor):
        offset, own = len(docs), len(words)
        words += [f"{word}{copy}" for word in meta["words"]]
        for doc in originals:
            twin = dict(doc, location=f"copy{copy}/{doc['location']}")
            if "page" in doc:
                twin["page"] = doc["page"] + offset
            twin["f"] = {name: [number for i in range(0, len(pairs), 2)
                                for number in (pairs[i], pairs[i + 1], pairs[i] + own, pairs[i + 1])]
                         for name, pairs in doc["f"].items()}
            docs.append(twin)
    config = dict(index["config"], handbook=dict(meta, words=words))
    return {"config": config, "docs": docs}


def scaled_site(site: Path, factor: int, target: Path) -> Path:
    """A copy of the built site whose search indexes are ``factor`` times as large."""
    shutil.copytree(site, target)
    for language in LANGUAGES:
        folder = target / LANGUAGES[language] / "search"
        index = scale_index(json.loads((folder / "handbook_index.json").read_text(encoding="utf-8")), factor)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "handbook_index.json").write_text(text, encoding="utf-8")
        (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
    return target


@contextlib.contextmanager
def _base_url(site: Path, from_file: bool) -> Iterator[str]:
    if from_file:
        yield site.as_uri() + "/"
    else:
        with serve(site) as url:
            yield url


def measure(site: Path, from_file: bool = False, throttle: float = 1.0) -> list[Report]:
    """Run the whole query set in Chromium (CPU slowed ``throttle`` times); one report per language."""
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    with sync_playwright() as playwright, _base_url(site, from_file) as base:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        if throttle > 1:
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        reports = [run_language(page, base, language, queries[language]) for language in LANGUAGES]
        browser.close()
    return reports


def _worker(times: list[float]) -> str:
    return f"{statistics.median(times):.1f}/{_p95(times):.1f}" if times else "-"


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))] if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 0 whatever they are (this is a measurement, not a test)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--file", action="store_true", help="open the site from file:// instead of HTTP")
    parser.add_argument("--throttle", type=float, default=4.0, help="CPU slow-down (4 = a mid-range phone)")
    parser.add_argument("--scale", type=int, default=1, help="measure on an index this many times as large")
    parser.add_argument("--show-misses", action="store_true", help="list queries not found in the top 5")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        site = args.site_dir or Path(work) / "site"
        if not args.site_dir:
            build(site, ROOT)
        if args.scale > 1:
            site = scaled_site(site, args.scale, Path(work) / "scaled")
        reports = measure(site.resolve(), args.file, args.throttle)
        print(f"search benchmark ({'file://' if args.file else 'HTTP'}, CPU {args.throttle:g}x slower, "
              f"content x{args.scale}), {QUERIES.name}")
        print(f"{'lang':4} {'queries':>7} {'blind':>5} {'recall@5':>8} {'(blind)':>7} {'MRR':>6} {'(blind)':>7} "
              f"{'zero':>5} {'2-word top3':>11} {'kana prec':>9} {'median ms':>9} {'p95 ms':>7} "
              f"{'load ms':>7} {'index KB':>8} {'gzip KB':>7} {'worker med/p95':>14}")
        for report in reports:
            latencies = report.latencies()
            raw, packed = index_size(site, report.language)
            top3, pairs = report.two_word_top3()
            precision = f"{report.reading_precision:9.2f}" if report.reading_precision is not None else f"{'-':>9}"
            print(f"{report.language:4} {len(report.outcomes):7d} {len(report.subset(True)):5d} "
                  f"{report.recall_at(5):8.3f} {report.recall_at(5, True):7.3f} {report.mrr():6.3f} "
                  f"{report.mrr(True):7.3f} {report.zero_rate():5.3f} {f'{top3}/{pairs}':>11} {precision} "
                  f"{statistics.median(latencies) if latencies else float('nan'):9.1f} {_p95(latencies):7.1f} "
                  f"{report.load_ms:7.0f} {raw / 1024:8.1f} {packed / 1024:7.1f} "
                  f"{_worker(report.worker_ms):>14}")
        if args.show_misses:
            for report in reports:
                for outcome in report.outcomes:
                    if not outcome.rank or outcome.rank > 5 or (outcome.two_words and outcome.rank > 3):
                        print(f"  miss [{report.language}] {outcome.query!r}: expected {outcome.expect}, "
                              f"got {outcome.found[:5]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
