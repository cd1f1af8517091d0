"""Browser helpers: drive Material's search box and language menu like a user."""

from __future__ import annotations

import time

from playwright.sync_api import BrowserContext, Page

SEARCH_INPUT = "input[data-md-component=search-query]"
RESULT_LINKS = ".md-search-result__item > a"
# Material's "no results" notice in each language (partials/languages/*.html, search.result.none).
NO_RESULTS = ("No matching documents", "何も見つかりませんでした")
PROMPTS = ("Type to start searching", "検索キーワードを入力してください")


def search(page: Page, query: str, timeout: float = 15.0) -> list[str]:
    """Type a query into the search box and return the addresses of the result pages.

    Material reads the query on keyup, and ignores it while its worker is still loading the
    index, so the last key press is repeated until results (or the "no results" notice) show
    and stay the same.
    """
    page.keyboard.press("Escape")
    button = page.locator(".md-header__button[for=__search]")
    box = page.locator(SEARCH_INPUT)
    (button if button.is_visible() else box).click()  # narrow screens hide the box behind a button
    meta = page.locator(".md-search-result__meta")
    # Start from an empty box (Material then shows its prompt), then enter the whole query at once,
    # so that no result of a half-typed query can be taken for the answer.
    box.fill("")
    box.press("End")
    page.wait_for_function("(prompts) => { const meta = document.querySelector('.md-search-result__meta');"
                           " return !meta || prompts.includes(meta.textContent.trim()); }", arg=list(PROMPTS))
    box.fill(query)
    box.press("End")  # Material searches on keyup
    deadline = time.monotonic() + timeout
    last: list[str] | None = None
    steady = 0
    while time.monotonic() < deadline:
        # Material searches on every keystroke: wait until the results have stopped changing.
        current = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => link.href)")
        text = meta.inner_text() if meta.count() else ""
        none_found = any(word in text for word in NO_RESULTS)
        steady = steady + 1 if current == last and (current or none_found) else 0
        if steady >= 2:
            break
        if not current and not none_found:
            box.press("End")  # the index may still be loading: ask again
        last = current
        page.wait_for_timeout(60)
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => link.href)")
    # Results carry ?h=query (for highlighting) and sometimes #section: keep each page once.
    return list(dict.fromkeys(href.split("#")[0].split("?")[0] for href in hrefs))


def switch_language(page: Page, language: str) -> None:
    """Open the header's language menu and pick a language (by its hreflang)."""
    page.locator(".md-header__option .md-select").hover()
    link = page.locator(f".md-select__link[hreflang={language}]")
    link.wait_for(state="visible")
    # Clicked where it is: Playwright's own click would first scroll the page, and the switch
    # keeps the section being read (language-switch.js).
    with page.expect_navigation():
        link.evaluate("(link) => link.click()")


def heading(page: Page) -> str:
    """The page's visible H1, without the permalink sign."""
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


def open_ready(context: BrowserContext, url: str, ready: str) -> Page:
    """A new tab at an address, once the element that says its script has started is there."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(ready)
    return page
