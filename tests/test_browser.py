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


@pytest.mark.parametrize("entry, target", [("a.start-here", "crisis/start-here.html"),
                                           ("a.called-to-the-client", "crisis/called-to-the-client.html")])
@pytest.mark.parametrize("subdir", ["", "en/"])
def test_start_here_and_the_presidents_card_are_one_tap_from_home_on_a_phone(browser, server: str, subdir: str,
                                                                             entry: str, target: str) -> None:
    # Whoever first hears of the problem, and the president who has just been summoned.
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server + subdir + "index.html")
    button = page.locator(entry)
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844, "visible without scrolling"
    assert box["height"] >= 48, box
    with page.expect_navigation():
        button.tap()
    assert page.url == server + subdir + target
    assert page.locator(".contacts-box a[href^='tel:']").first.is_visible(), "contacts shown, not folded"
    assert page.locator("article ol li").count() >= 3
    context.close()


@pytest.mark.parametrize("subdir, title, home", [("", "ページが見つかりません", "index.html"),
                                                 ("en/", "Page not found", "en/index.html")])
def test_a_missing_address_shows_the_editions_404_page_whole(browser, server: str, offline_site: Path,
                                                             subdir: str, title: str, home: str) -> None:
    # Served for a missing address at any depth, and opened from the offline bundle: styled,
    # every asset found, the menu and the language switch in the page's own language.
    for address, root in ((f"{server}{subdir}crisis/gone/deeper.html", server),
                          ((offline_site / subdir / "404.html").as_uri(), offline_site.as_uri() + "/")):
        context = browser.new_context()
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda request, failed=failed: failed.append(request.url))
        page.on("response", lambda response, failed=failed, address=address: failed.append(response.url)
                if response.status >= 400 and response.url != address else None)
        page.on("pageerror", lambda error, failed=failed: failed.append(str(error)))
        page.goto(address)
        assert heading_of(page) == title
        assert failed == [], address
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        menu = page.evaluate("[...document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')]"
                             ".map((a) => a.href)")
        assert menu and all(link.startswith(root + subdir) and "/en/en/" not in link for link in menu), menu
        assert root + home in menu
        start = page.locator("article a.md-button--primary")
        with page.expect_navigation():
            start.click()
        assert page.url == root + subdir + "crisis/start-here.html"
        context.close()


@pytest.mark.parametrize("start, language, target", [
    ("crisis/start-here.html", "en", "en/crisis/start-here.html"),
    ("en/crisis/going-on-site.html", "ja", "crisis/going-on-site.html"),
])
def test_language_switch_keeps_the_section_being_read(watched: Watched, server: str, start: str,
                                                      language: str, target: str) -> None:
    page = watched.page
    page.goto(server + start)
    sections = page.evaluate("[...document.querySelectorAll('article h2[id]')].map((h) => h.id)")
    # Scrolled to the last section (no anchor in the address).
    page.evaluate(f"document.getElementById('{sections[-1]}').scrollIntoView()")
    switch_language(page, language)
    assert page.url == f"{server}{target}#{sections[-1]}"
    top = page.evaluate(f"document.getElementById('{sections[-1]}').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, "the section is on screen"
    # Arrived by a link to a section, and back.
    page.goto(f"{server}{start}#{sections[1]}")
    switch_language(page, language)
    assert page.url == f"{server}{target}#{sections[1]}"
    assert watched.console_errors == []


def test_dark_or_light_choice_holds_in_both_languages(watched: Watched, server: str) -> None:
    page = watched.page
    page.goto(server + "crisis/start-here.html")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    chosen = page.locator("body").get_attribute("data-md-color-scheme")
    assert chosen != before
    switch_language(page, "en")
    assert page.locator("body").get_attribute("data-md-color-scheme") == chosen
    page.goto(server + "en/glossary.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == chosen
    page.locator("form[data-md-component=palette] label:visible").first.click()
    switch_language(page, "ja")
    assert page.locator("body").get_attribute("data-md-color-scheme") == before
