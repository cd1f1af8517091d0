"""Which Japanese analyser makes the better search index: SudachiPy (what the build uses) or
fugashi with unidic-lite (MeCab and UniDic short units).

Rebuilds the Japanese index of an already built site with each analyser, the rest of the
pipeline unchanged (handbook/search_index.py), and runs the Japanese query set against each in
Chromium over HTTP. Prints recall@5, MRR, zero-result rate, two-word top-3, kana precision,
the index's size and the time to analyse the text. fugashi and unidic-lite are not project
dependencies: install them into the virtual environment to run this.

    .venv/bin/python -m benchmarks.segmenters [--site-dir site]
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import sync_playwright

from benchmarks.search import QUERIES, run_language
from handbook import search_index
from handbook.search_index import ALNUM, COMPOUND_POS, CONTENT_POS, HAN, JA_STOPWORDS, KANA, build_index, normalise
from support.chromium import launch
from support.serve import serve

# UniDic's first-level parts of speech, mapped onto Sudachi's names the index uses.
UNIDIC_POS = {"名詞": "名詞", "代名詞": "代名詞", "動詞": "動詞", "形容詞": "形容詞", "形状詞": "形状詞",
              "副詞": "副詞", "接頭辞": "接頭辞", "接尾辞": "接尾辞", "連体詞": "連体詞", "感動詞": "感動詞"}


def unidic_words(text: str, readings: dict[str, set[str]] | None = None,
                 splits: dict[str, list[str]] | None = None) -> list[str]:
    """As handbook.search_index.japanese_words, with fugashi + unidic-lite (short units only)."""
    import fugashi

    tagger = _tagger(fugashi)
    stop = set(JA_STOPWORDS)
    words: list[str] = []
    nouns: list[str] = []
    run = ""
    for word in tagger(normalise(text)):
        surface, pos = word.surface, UNIDIC_POS.get(word.feature.pos1 or "", "")
        spaced = bool(word.white_space)
        if ALNUM.match(surface):
            run = surface if spaced or not run else run + surface
            if run != surface:
                words.append(run)
        else:
            run = ""
        if pos in COMPOUND_POS and surface not in stop:
            nouns = ([] if spaced else nouns) + [surface]
            for size in (2, 3):
                if len(nouns) >= size:
                    joined = "".join(nouns[-size:])
                    words.append(joined)
                    if splits is not None:
                        splits.setdefault(joined, [part for part in nouns[-size:] if len(part) > 1])
        else:
            nouns = []
        if pos not in CONTENT_POS or surface in stop:
            continue
        words.append(surface)
        base = word.feature.orthBase or surface
        if base != surface and base not in stop and pos in {"動詞", "形容詞"}:
            words.append(base)
        reading = word.feature.kana or ""
        if readings is not None and HAN.search(surface) and KANA.match(reading) and len(reading) >= 2:
            readings.setdefault(reading, set()).add(surface)
    return words


_TAGGERS: dict[str, Any] = {}


def _tagger(fugashi: Any) -> Any:
    if "unidic" not in _TAGGERS:
        _TAGGERS["unidic"] = fugashi.Tagger()
    return _TAGGERS["unidic"]


def _material_docs(index: dict) -> dict:
    """The section list Material's plugin wrote, recovered from the handbook's index."""
    docs = [{"location": doc["location"], "title": html.unescape(doc["title"]), "text": doc["text"]}
            for doc in index["docs"]]
    return {"config": {key: value for key, value in index["config"].items() if key != "handbook"}, "docs": docs}


def rebuild(site: Path, target: Path, words: Callable[..., list[str]]) -> tuple[float, int]:
    """A copy of the site whose Japanese index is made with ``words``; seconds taken and bytes."""
    shutil.copytree(site, target)
    folder = target / "search"
    index = json.loads((folder / "handbook_index.json").read_text(encoding="utf-8"))
    keywords = {doc["location"]: doc.get("kw", []) for doc in index["docs"] if "kw" in doc}
    synonyms = index["config"]["handbook"].get("synonyms", [])
    original = search_index.japanese_words
    search_index.japanese_words = words  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        rebuilt = build_index(_material_docs(index), "ja", keywords, synonyms)
        seconds = time.perf_counter() - start
    finally:
        search_index.japanese_words = original  # type: ignore[assignment]
    text = json.dumps(rebuilt, ensure_ascii=False, separators=(",", ":"))
    (folder / "handbook_index.json").write_text(text, encoding="utf-8")
    (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
    return seconds, len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="an already built site")
    args = parser.parse_args(argv)
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["ja"]
    analysers = {"SudachiPy + core (modes C and A)": search_index.japanese_words,
                 "fugashi + unidic-lite": unidic_words}
    print(f"{'analyser':34} {'recall@5':>8} {'MRR':>6} {'zero':>5} {'2-word top3':>11} {'kana prec':>9} "
          f"{'index KB':>8} {'analyse s':>9}")
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        browser = launch(playwright)
        for number, (name, words) in enumerate(analysers.items()):
            target = Path(work) / f"site{number}"
            seconds, size = rebuild(args.site_dir.resolve(), target, words)
            with serve(target) as url:
                page = browser.new_page()
                report = run_language(page, url, "ja", queries)
                page.close()
            top3, pairs = report.two_word_top3()
            precision = report.reading_precision or 0.0
            print(f"{name:34} {report.recall_at(5):8.3f} {report.mrr():6.3f} {report.zero_rate():5.3f} "
                  f"{f'{top3}/{pairs}':>11} {precision:9.2f} {size / 1024:8.1f} {seconds:9.2f}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
