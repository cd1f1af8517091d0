"""Accessibility: axe-core on every page in both languages and palettes, phone widths; keyboard; print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from handbook.site import ROOT
from tests.conftest import watch
from tests.sitepages import leaving, page_paths

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DARK_SAMPLE = ["index.html", "crisis/start-here.html", "checklists/first-response.html",
               "templates/apology-letter.html", "training/quiz-quick.html"]


# The site chrome (header, navigation, footer) comes from one template: axe checks it in full, at
# desktop width, on one page of each kind; on every other page it checks what differs, the article.
FULL_PAGES = {"index.html", "crisis/index.html", "crisis/start-here.html", "contacts.html", "glossary.html",
              "checklists/first-response.html", "templates/apology-letter.html", "training/quiz-quick.html"}
PAGE_OWN_PARTS = ["article"]
# Colours come from one stylesheet: contrast (a third of axe's time) is checked in full on the pages
# above, in both palettes on DARK_SAMPLE, and in print; the other pages skip it.
PER_PAGE_SKIP = ("color-contrast",)


# Search is tested in test_search.py; here every page load would also fetch the whole index and
# hand it to the search worker, a fifth of the walk's time. The walk gets an empty index instead.
EMPTY_INDEX = json.dumps({"config": {"lang": ["ja"], "separator": "[\\s]+", "pipeline": [],
                                     "handbook": {"version": 1, "lang": "ja", "words": [], "readings": {}}},
                          "docs": []})


def _axe_context(browser: Browser, **options: object) -> BrowserContext:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    context = browser.new_context(**options)
    context.add_init_script(path=str(AXE))  # in every page before its own scripts: no extra request
    context.route("**/search/search_index.json",
                  lambda route: route.fulfill(status=200, content_type="application/json", body=EMPTY_INDEX))
    return context


def _violations(page: Page, rules: list[str] | None = None, parts: list[str] | None = None,
                skip: tuple[str, ...] = ()) -> list[str]:
    options: dict = {"resultTypes": ["violations"], "rules": {rule: {"enabled": False} for rule in skip}}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    found = page.evaluate("async ([where, options]) => (await axe.run(where, options)).violations"
                          ".map(v => `${v.id}: ${v.nodes[0].target.join(' ')} (${v.nodes.length})`)",
                          [{"include": [[part] for part in parts]} if parts else {"include": [["html"]]}, options])
    return found


# Phone widths every page must fit (no sideways scrolling of the page itself).
PHONES = (390, 360)
DESKTOP = {"width": 1280, "height": 720}


# Each language's walk in halves (every other page), so that the two workers share them evenly.
HALVES = 2


def _wider_than(page: Page, width: int) -> int | None:
    content = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    return content if content > width else None


@pytest.mark.parametrize("half", range(HALVES))
@pytest.mark.parametrize("subdir", ["", "en/"])
def test_every_page_is_accessible_self_contained_error_free_and_fits_a_phone(browser: Browser, server: str,
                                                                             site: Path, subdir: str,
                                                                             half: int) -> None:
    # One walk over every page of a language, as a phone shows it: axe-core, requests that leave the
    # site, console errors, and the page's width on phones of 390 and 360 px. Pages load at the two
    # widths in turn and are measured at both; the pages of FULL_PAGES are also checked at desktop width.
    context = _axe_context(browser, viewport={"width": PHONES[0], "height": 844})
    watched = watch(context.new_page())
    problems = {}
    too_wide = []
    pages = sorted(page_paths(site / subdir))
    for number, relative in enumerate(pages[half::HALVES]):
        widths = PHONES if number % 2 == 0 else PHONES[::-1]  # the page loads at the width it was left at
        watched.page.goto(server + subdir + relative)  # waits for the load event
        found = _violations(watched.page, parts=PAGE_OWN_PARTS, skip=PER_PAGE_SKIP)
        for width in widths:
            if width != widths[0]:
                watched.page.set_viewport_size({"width": width, "height": 844})
            if wide := _wider_than(watched.page, width):
                too_wide.append(f"{relative} at {width} px: {wide} px")
        if relative in FULL_PAGES:
            watched.page.set_viewport_size(DESKTOP)
            # Material's colour transitions run after the change of layout; axe must see where they end.
            watched.page.evaluate("Promise.all(document.getAnimations()"
                                  ".map((animation) => animation.finished.catch(() => null)))")
            found += _violations(watched.page)
            watched.page.set_viewport_size({"width": widths[-1], "height": 844})
        if found:
            problems[relative] = found
    context.close()
    assert len(pages) >= 40 and FULL_PAGES <= set(pages)
    assert problems == {}
    assert too_wide == []
    assert leaving(watched.requests, server) == []
    assert watched.console_errors == []


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_no_axe_violations_in_the_dark_palette(browser: Browser, server: str, subdir: str) -> None:
    # The palette changes colours only: the colour rules on a page of each kind.
    context = _axe_context(browser, color_scheme="dark")
    page = context.new_page()
    problems = {}
    for relative in DARK_SAMPLE:
        page.goto(server + subdir + relative)
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        found = _violations(page, rules=["color-contrast", "link-in-text-block"])
        if found:
            problems[relative] = found
    context.close()
    assert problems == {}


def _tab_until(page: Page, selector: str, limit: int = 250) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement && document.activeElement.matches(selector)", selector):
            return True
    return False


@pytest.mark.parametrize("start, selector", [
    ("index.html", "input[data-md-component=search-query]"),
    ("crisis/start-here.html", ".md-select__link[hreflang=en]"),
    ("checklists/first-response.html", ".checklist__item input[type=checkbox]"),
    ("training/quiz-quick.html", ".quiz input[type=radio]"),
])
def test_keyboard_reaches_search_language_checklists_and_quiz(browser: Browser, server: str,
                                                              start: str, selector: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + start)
    assert _tab_until(page, selector), f"Tab never reached {selector}"
    assert page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                         " return r.width > 0 && r.height > 0; }"), "the focused control is visible"
    context.close()


@pytest.mark.parametrize("relative", ["crisis/start-here.html", "en/checklists/first-response.html",
                                      "en/training/tabletop.html"])
def test_print_is_black_on_white(browser: Browser, server: str, relative: str) -> None:
    context = _axe_context(browser, color_scheme="dark")
    page = context.new_page()
    page.goto(server + relative)
    page.emulate_media(media="print")
    page.wait_for_timeout(400)  # Material animates link colours; printing does not
    colours = page.evaluate("""() => [...document.querySelectorAll('article p, article li, article td, article a')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [getComputedStyle(el).color, getComputedStyle(document.body).backgroundColor])""")
    assert colours
    assert {text for text, _ in colours} == {"rgb(0, 0, 0)"}
    assert {background for _, background in colours} <= {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}
    assert _violations(page, ["color-contrast"]) == []
    context.close()
