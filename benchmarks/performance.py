"""Performance benchmark: build time, bytes to load key pages, offline bundle size.

Prints, side by side in one run:
- full build time of this handbook (both languages) against a plain Material build of the same
  Markdown without our plugins, scripts and styles (both languages, built the same way);
  "the same Markdown" is the pages as our macros render them, so both sites carry the same text;
- bytes transferred to load the home page and a checklist page (total, and our own CSS/JS, raw
  and gzipped), against the plain build's home page;
- the size of the offline bundle.

    .venv/bin/python -m benchmarks.performance [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import Request, sync_playwright

from support.chromium import launch
from support.serve import serve
from handbook.site import EDITIONS, ROOT, build, make_offline_zip

OWN_ASSETS = ("assets/stylesheets/handbook.css", "assets/javascripts/checklists.js", "assets/javascripts/a11y.js",
              "assets/javascripts/search-input.js", "assets/javascripts/quiz.js")
PAGES = ("index.html", "checklists/first-response.html")


# Runs after mkdocs-macros (hooks follow plugins) and keeps each page's rendered Markdown.
DUMP_HOOK = """
import os, pathlib
def on_page_markdown(markdown, page, **kwargs):
    target = pathlib.Path(os.environ["HANDBOOK_MARKDOWN_DUMP"]) / page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
"""


def rendered_markdown(work: Path) -> Path:
    """Our pages after macros, one folder per language: the plain build's input."""
    hook = work / "dump_hook.py"
    hook.write_text(DUMP_HOOK, encoding="utf-8")
    for edition in EDITIONS:
        config = ROOT / f".benchmark-{edition.language}.yml"  # beside mkdocs.yml: INHERIT paths stay right
        config.write_text(f"INHERIT: {edition.config}\nhooks:\n  - {hook}\n", encoding="utf-8")
        try:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d",
                            str(work / "dump-site" / edition.language)], cwd=ROOT, check=True,
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1",
                                    HANDBOOK_MARKDOWN_DUMP=str(work / "rendered" / edition.language)))
        finally:
            config.unlink()
    return work / "rendered"


def plain_configs(work: Path, docs: Path) -> list[Path]:
    """Material with its defaults on the same text: no macros, offline plugin, overrides or scripts."""
    configs = []
    for edition in EDITIONS:
        config = work / f"plain-{edition.language}.yml"
        config.write_text(yaml.safe_dump({
            "site_name": "Plain",
            "docs_dir": str(docs / edition.language),
            "use_directory_urls": False,
            "theme": {"name": "material", "language": edition.language, "font": False},
            "plugins": ["search"],
            "markdown_extensions": ["abbr", "admonition", "attr_list", "def_list", "footnotes",
                                    "md_in_html", "tables", "toc", "pymdownx.details",
                                    "pymdownx.superfences", "pymdownx.tasklist"],
            "exclude_docs": "!/templates/\n",
        }, allow_unicode=True), encoding="utf-8")
        configs.append(config)
    return configs


def build_plain(configs: list[Path], site: Path) -> float:
    """Both plain editions side by side, as handbook.site builds ours; returns seconds."""
    started = time.monotonic()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    processes = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                                   "-d", str(site / ("" if index == 0 else "en"))],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for index, config in enumerate(configs)]
    for process in processes:
        process.wait()
    return time.monotonic() - started


def transferred(site: Path, page: str) -> dict[str, int]:
    """Bytes the browser fetches to show one page (no cache, gzip as a web server sends it).

    ``total`` counts files as stored, ``wire`` what crosses the network; ``own`` and
    ``own_gzip`` are our own stylesheet and scripts.
    """
    sizes: dict[str, tuple[int, int]] = {}

    def finished(request: Request) -> None:
        response = request.response()
        if response is not None and response.ok and not request.url.startswith("data:"):
            sizes[request.url.removeprefix(base)] = (len(response.body()), request.sizes()["responseBodySize"])

    with sync_playwright() as playwright, serve(site) as base:
        browser = launch(playwright)
        tab = browser.new_context().new_page()
        tab.on("requestfinished", finished)
        tab.goto(base + page, wait_until="networkidle")
        browser.close()
    own = [url for url in sizes if url.endswith(OWN_ASSETS)]
    return {"total": sum(size for size, _ in sizes.values()),
            "wire": sum(wire for _, wire in sizes.values()),
            "own": sum(sizes[url][0] for url in own),
            "own_gzip": sum(len(gzip.compress((site / url).read_bytes(), 9)) for url in own),
            "requests": len(sizes)}


def build_times(work: Path, configs: list[Path], runs: int) -> tuple[float, float]:
    """Median build times: ours (make build) and plain Material, both languages side by side."""
    ours, plain = [], []
    for run in range(runs):
        ours.append(build(work / "ours", ROOT))
        plain.append(build_plain(configs, work / f"plain-{run}"))
    return statistics.median(ours), statistics.median(plain)


def main(argv: list[str] | None = None) -> int:
    """Print the figures (a measurement, not a test: always exits 0)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="builds of each kind (median is shown)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        configs = plain_configs(work, rendered_markdown(work))
        ours_time, plain_time = build_times(work, configs, args.runs)
        print(f"build time (median of {args.runs}): handbook {ours_time:.2f} s, plain Material "
              f"{plain_time:.2f} s, ratio {ours_time / plain_time:.2f} (target ≤ 1.5)")
        pages = {page: transferred(work / "ours", page) for page in PAGES}
        for page, figures in pages.items():
            print(f"{page}: {figures['total'] / 1024:.1f} KB in {figures['requests']} requests "
                  f"({figures['wire'] / 1024:.1f} KB over the network, gzipped); our own CSS+JS "
                  f"{figures['own'] / 1024:.1f} KB ({figures['own_gzip'] / 1024:.1f} KB gzipped; target ≤ 15 KB)")
        home, plain_home = pages["index.html"], transferred(work / "plain-0", "index.html")
        print(f"home page vs plain Material: {home['total'] / 1024:.1f} KB vs {plain_home['total'] / 1024:.1f} KB, "
              f"ratio {home['total'] / plain_home['total']:.2f} (target ≤ 1.1); gzipped "
              f"{home['wire'] / 1024:.1f} KB vs {plain_home['wire'] / 1024:.1f} KB, "
              f"ratio {home['wire'] / plain_home['wire']:.2f}")
        bundle = make_offline_zip(work / "offline-site", work / "handbook-offline.zip", ROOT)
        print(f"offline bundle: {bundle.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
