"""Search finds the right page in each language, over HTTP and from file://."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import search
from tests.conftest import Watched

# A fixed subset of benchmarks/search_queries.yml: compounds and their parts, kanji+katakana
# typed without spaces, digits, and English inflections.
QUERIES = {
    "ja": [
        ("再発防止", "recover/prevention.html"),
        ("再発", "recover/prevention.html"),
        ("進捗報告", "crisis/reporting.html"),
        ("進捗", "crisis/reporting.html"),
        ("現場スタッフ", "recover/staff-cooperation.html"),
        ("初動チェックリスト", "checklists/first-response.html"),
        ("経緯報告書", "templates/incident-report.html"),
        ("72時間", "crisis/timeline.html"),
        ("取引先が社長を求める理由", "understand/why-president.html"),
    ],
    "en": [
        ("apology", "crisis/apology-meeting.html"),
        ("apologizing", "crisis/apology-meeting.html"),
        ("reporting", "crisis/reporting.html"),
        ("escalating", "crisis/start-here.html"),
        ("holding statement", "templates/holding-statement.html"),
        ("5 whys", "crisis/root-cause.html"),
        ("invoice factoring", "recover/cash-flow.html"),
        ("who does what", "crisis/roles.html"),
    ],
}
ROOTS = {"ja": "", "en": "en/"}


def _check(watched: Watched, base: str, language: str) -> None:
    root = base + ROOTS[language]
    watched.page.goto(root + "index.html")
    for query, expected in QUERIES[language]:
        results = search(watched.page, query)
        assert root + expected in results[:5], (query, results[:5])
        assert all(url.startswith(root) for url in results)
        if language == "ja":
            assert not any(url.startswith(base + "en/") for url in results), query
    assert watched.console_errors == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_queries_find_their_page_over_http(watched: Watched, server: str, language: str) -> None:
    _check(watched, server, language)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_queries_find_their_page_from_file(watched: Watched, offline_site: Path, language: str) -> None:
    _check(watched, offline_site.as_uri() + "/", language)


@pytest.mark.parametrize("language, query", [("en", "報告"), ("en", "再発防止"), ("ja", "report"), ("ja", "apology")])
def test_a_query_never_crosses_languages(watched: Watched, server: str, language: str, query: str) -> None:
    root = server + ROOTS[language]
    watched.page.goto(root + "index.html")
    results = search(watched.page, query)
    assert all(url.startswith(root) for url in results)
    if language == "ja":
        assert not any("/en/" in url for url in results)


@pytest.mark.parametrize("language, query, title, notice", [
    ("ja", "第一報", "第一報", "件"),
    ("en", "holding statement", "Holding statement", "matching"),
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
