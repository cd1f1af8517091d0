"""What a reader sees in Chromium: both languages, the language menu, search, no outside requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import heading as heading_of
from tests.browser import RESULT_LINKS, search, switch_language
from tests.conftest import Watched

from tests.sitepages import leaving as _leaving

@pytest.mark.parametrize("subdir, lang, heading", [
    ("", "ja", "危機対応ハンドブック"),
    ("en/", "en", "Crisis-Response Handbook"),
])
def test_home_page_renders_in_each_language(watched: Watched, server: str, subdir: str,
                                            lang: str, heading: str) -> None:
    page = watched.page
    page.goto(server + subdir + "index.html")
    assert page.locator("html").get_attribute("lang") == lang
    assert heading_of(page) == heading
    assert page.locator(".md-nav--primary").count() == 1
    assert watched.console_errors == []


@pytest.mark.parametrize("start, language, target", [
    ("crisis/index.html", "en", "en/crisis/index.html"),
    ("en/crisis/index.html", "ja", "crisis/index.html"),
    ("en/glossary.html", "ja", "glossary.html"),
    ("index.html", "en", "en/index.html"),
])
def test_language_menu_leads_to_the_same_page(watched: Watched, server: str, start: str,
                                              language: str, target: str) -> None:
    page = watched.page
    page.goto(server + start)
    switch_language(page, language)
    assert page.url == server + target
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("subdir, heading, query, expected", [
    ("", "危機対応ハンドブック", "用語", "glossary.html"),
    ("en/", "Crisis-Response Handbook", "glossary", "en/glossary.html"),
])
def test_offline_bundle_works_from_file_urls(watched: Watched, offline_site: Path, subdir: str,
                                             heading: str, query: str, expected: str) -> None:
    page = watched.page
    home = (offline_site / subdir / "index.html").as_uri()
    page.goto(home)
    assert heading_of(page) == heading
    results = search(page, query)
    assert (offline_site / expected).as_uri() in results, results
    with page.expect_navigation():
        page.locator(RESULT_LINKS).first.click()
    assert page.url.startswith((offline_site / expected).as_uri())
    assert _leaving(watched.requests, "file://") == []
    assert watched.console_errors == []


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_start_here_is_one_tap_from_home_on_a_phone(browser, server: str, subdir: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + subdir + "index.html")
    button = page.locator("a.start-here")
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, "visible without scrolling"
    with page.expect_navigation():
        button.tap()
    assert page.url == server + subdir + "crisis/start-here.html"
    assert page.locator(".contacts-box a[href^='tel:']").first.is_visible(), "contacts shown, not folded"
    assert page.locator("article ol li").count() >= 3
    context.close()
