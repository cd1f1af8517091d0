"""Search finds the right page in each language, over HTTP and from file://."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from handbook.site import ROOT
from tests.browser import SEARCH_INPUT as SEARCH_BOX, search
from tests.conftest import Watched

QUERY_FILE = ROOT / "benchmarks" / "search_queries.yml"

# A fixed subset of the benchmark's query set (benchmarks/search_queries.yml, which also says
# which pages count as right): compounds typed as one word, kana for kanji, words readers use that
# the pages do not (keywords, synonyms), two-word queries, digits and English inflections.
SUBSET = {
    "ja": ["初動対応", "しゃざい", "さいはつぼうし", "社長 電話", "進捗報告", "現場スタッフ", "8D", "72時間",
           "客先 激怒", "謝り方"],
    "en": ["transparency", "escalation", "onboarding", "apologizing", "first notification", "5 whys",
           "invoice factoring", "who does what", "ceo visit"],
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
        top = 3 if len(query.split()) == 2 else 5  # a two-word query's page comes in the first three
        assert set(expected) & set(results[:top]), (query, results[:top])
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
    index = json.loads((site / subdir / "search" / "handbook_index.json").read_text(encoding="utf-8"))
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


@pytest.mark.parametrize("language, queries", [
    ("ja", ["電話", "電話番号", "連絡", "社長 電話"]),
    ("en", ["phone", "call", "phone number president", "who to call"]),
])
def test_the_contacts_page_comes_first_for_phone_queries(watched: Watched, server: str, language: str,
                                                        queries: list[str]) -> None:
    root = server + ROOTS[language]
    watched.page.goto(root + "index.html")
    for query in queries:
        assert search(watched.page, query)[0] == root + "contacts.html", query


def test_every_page_has_search_keywords_that_are_found_but_not_shown(site: Path) -> None:
    for subdir in ("", "en"):
        index = json.loads((site / subdir / "search" / "handbook_index.json").read_text(encoding="utf-8"))
        pages = [doc for doc in index["docs"] if "page" not in doc]
        assert len(pages) >= 50
        assert [doc["location"] for doc in pages if not doc["f"].get("k")] == []
    # 電話帳 is a keyword of the contacts page, not a word on it.
    assert "電話帳" not in (site / "contacts.html").read_text(encoding="utf-8")


# The same page, seen as a phone shows it.
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("language, query", [("ja", "社長"), ("en", "president")])
def test_results_are_compact_on_a_phone(browser, server: str, language: str, query: str) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + ROOTS[language] + "index.html")
    search(page, query)
    boxes = page.eval_on_selector_all(".md-search-result__item", """items => items.map((item) => {
        const box = item.getBoundingClientRect();
        const excerpts = [...item.querySelectorAll("article > p")].map((p) => [p.getBoundingClientRect().height,
            parseFloat(getComputedStyle(p).lineHeight)]);
        return {bottom: box.bottom, height: box.height, links: item.querySelectorAll("a").length, excerpts};
    })""")
    assert sum(1 for box in boxes if box["bottom"] <= PHONE["height"]) >= 4, boxes[:5]
    for box in boxes[:10]:
        assert box["links"] <= 2, "a page, and at most its best section"
        for height, line in box["excerpts"]:
            assert height <= 2 * line + 2, "about two lines of excerpt"
    marks = page.eval_on_selector_all(".md-search-result__item mark", "marks => marks.map((m) => m.textContent)")
    marked = {mark.lower() for mark in marks}
    assert query in marked, "the whole word is marked"
    assert not [mark for mark in marked if mark != query and mark in query], "never a part of it (社 of 社長)"
    context.close()


def test_a_checklist_result_never_shows_the_whole_checklist(watched: Watched, server: str) -> None:
    watched.page.set_viewport_size(PHONE)
    watched.page.goto(server + "index.html")
    results = search(watched.page, "初動チェックリスト")
    assert results[0] == server + "checklists/first-response.html"
    height = watched.page.locator(".md-search-result__item").first.bounding_box()["height"]
    assert height < 200, height


SEARCHED = ("() => { const meta = document.querySelector('.md-search-result__meta');"
            " return meta && /件|matching/.test(meta.textContent); }")
PROMPT = "() => document.querySelector('.md-search-result__meta').textContent.includes('検索キーワード')"


def _open_search(page) -> None:
    button = page.locator(".md-header__button[for=__search]")
    (button if button.is_visible() else page.locator(SEARCH_BOX)).click()
    page.wait_for_function(PROMPT)


@pytest.mark.parametrize("way", ["typing", "ime", "paste", "dictation", "clearing"])
def test_every_way_text_enters_the_box_updates_the_results(watched: Watched, server: str, way: str) -> None:
    page = watched.page
    page.goto(server + "index.html")
    _open_search(page)
    box = page.locator(SEARCH_BOX)
    if way == "typing":
        box.press_sequentially("謝罪")
    elif way == "ime":
        # An input method: kana are composed (no search yet), then the kanji candidate is chosen.
        box.evaluate("""(el) => {
            el.dispatchEvent(new CompositionEvent("compositionstart", {data: ""}));
            el.value = "しゃざい";
            el.dispatchEvent(new InputEvent("input", {data: "しゃざい", isComposing: true, bubbles: true}));
        }""")
        page.wait_for_timeout(300)
        assert page.evaluate(PROMPT), "text still being composed is not searched"
        box.evaluate("""(el) => {
            el.value = "謝罪";
            el.dispatchEvent(new InputEvent("input", {data: "謝罪", isComposing: true, bubbles: true}));
            el.dispatchEvent(new CompositionEvent("compositionend", {data: "謝罪", bubbles: true}));
        }""")
    elif way == "paste":
        box.evaluate("""(el) => { el.value = "謝罪";
            el.dispatchEvent(new InputEvent("input", {inputType: "insertFromPaste", bubbles: true})); }""")
    elif way == "dictation":
        page.keyboard.insert_text("謝罪")  # text inserted without a key: an input event, no keyup
    else:
        box.press_sequentially("謝罪")
        page.wait_for_function(SEARCHED)
        page.locator("button[type=reset].md-search__icon").click()
        page.wait_for_function(PROMPT)
        assert box.input_value() == "" and page.locator(".md-search-result__item").count() == 0
        return
    page.wait_for_function(SEARCHED)
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "apology" in first, first


def test_the_index_holds_no_markup(site: Path) -> None:
    # The index stores text escaped; the worker shows whatever it finds as text (a hostile company
    # profile is searched in the browser in tests/test_hostile_profiles.py).
    index = (site / "search" / "handbook_index.json").read_text(encoding="utf-8")
    assert "<" not in index and ">" not in index


def test_only_the_handbooks_search_engine_is_shipped(site: Path, offline_bundle: Path) -> None:
    import zipfile

    for subdir in ("", "en"):
        scripts = site / subdir / "assets" / "javascripts"
        assert (scripts / "search-worker.js").is_file()
        assert not (scripts / "lunr").exists() and not (scripts / "workers").exists()
        assert "search-worker.js" in (site / subdir / "index.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(offline_bundle) as archive:
        assert not [name for name in archive.namelist() if "/lunr/" in name or "/workers/" in name]


def test_a_page_opens_before_the_whole_index_is_fetched(browser: Browser, server: str) -> None:
    # Material fetches search_index.json as a page starts: over HTTP it holds only the index's
    # settings; the worker fetches the whole index itself a few seconds later, without any typing.
    stub = json.loads(urllib.request.urlopen(server + "search/search_index.json").read())
    assert stub["docs"] == [] and stub["config"]["handbook"]["deferred"].endswith("/handbook_index.json")
    context = browser.new_context()
    page = context.new_page()
    with page.expect_request("**/search/handbook_index.json", timeout=15000) as request:
        page.goto(server + "crisis/start-here.html")
    assert request.value.response().ok
    assert search(page, "第一報")  # and then it answers
    context.close()
