"""Search finds the right page in each language, over HTTP and from file://."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from handbook.site import ROOT
from tests.browser import search
from tests.conftest import Watched

QUERY_FILE = ROOT / "benchmarks" / "search_queries.yml"

# A fixed subset of the benchmark's query set (benchmarks/search_queries.yml, which also says
# which pages count as right): compounds and their parts, kanji+katakana typed without spaces,
# digits, and English inflections.
SUBSET = {
    "ja": ["再発防止", "再発", "進捗報告", "進捗", "現場スタッフ", "初動チェックリスト", "経緯報告書", "72時間",
           "取引先が社長を求める理由"],
    "en": ["apology", "apologizing", "reporting", "escalating", "first notification", "5 whys",
           "invoice factoring", "who does what", "training"],
}
EXPECTED = {
    language: {entry["query"]: entry["expect"] for entry in entries}
    for language, entries in yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8")).items()
}
ROOTS = {"ja": "", "en": "en/"}


def _check(watched: Watched, base: str, language: str, queries: list[str]) -> None:
    root = base + ROOTS[language]
    watched.page.goto(root + "index.html")
    for query in queries:
        results = search(watched.page, query)
        expected = [root + page for page in EXPECTED[language][query]]
        assert set(expected) & set(results[:5]), (query, results[:5])
        assert all(url.startswith(root) for url in results)
        if language == "ja":
            assert not any(url.startswith(base + "en/") for url in results), query
    assert watched.console_errors == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_queries_find_their_page_over_http(watched: Watched, server: str, language: str) -> None:
    _check(watched, server, language, SUBSET[language])


@pytest.mark.parametrize("language", ["ja", "en"])
def test_queries_find_their_page_from_file(watched: Watched, offline_site: Path, language: str) -> None:
    # The same engine and index as over HTTP (the offline plugin only wraps the index in a script):
    # a few queries of each kind show that it runs from file://.
    _check(watched, offline_site.as_uri() + "/", language, SUBSET[language][::3])


@pytest.mark.parametrize("subdir", ["", "en"])
def test_each_language_searches_only_its_own_pages(site: Path, subdir: str) -> None:
    index = json.loads((site / subdir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) > 50
    assert not [location for location in locations if location.startswith(("en/", "../", "/"))]


def test_a_query_with_no_answer_says_so_at_once(watched: Watched, server: str) -> None:
    watched.page.goto(server + "index.html")
    assert search(watched.page, "zzzzqqqq", timeout=5.0) == []
    assert "何も見つかりませんでした" in watched.page.locator(".md-search-result__meta").inner_text()


@pytest.mark.parametrize("language, query, title, notice", [
    ("ja", "第一報", "第一報", "件"),
    ("en", "first notification", "First notification", "matching"),
])
def test_results_show_title_section_and_highlight(watched: Watched, server: str, language: str,
                                                  query: str, title: str, notice: str) -> None:
    page = watched.page
    page.goto(server + ROOTS[language] + "index.html")
    search(page, query)
    first = page.locator(".md-search-result__item").first
    assert title in first.locator("h1").first.inner_text()
    assert first.locator("mark").count() >= 1
    assert page.locator(".md-search-result__item h2").count() >= 1, "matching sections are listed"
    assert notice in page.locator(".md-search-result__meta").inner_text()
    assert page.locator("input[data-md-component=search-query]").get_attribute("placeholder") == (
        "検索" if language == "ja" else "Search")
