"""Accessibility: axe-core on every page in both languages and palettes; keyboard; print."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from handbook.site import ROOT
from tests.sitepages import page_paths

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DARK_SAMPLE = ["index.html", "crisis/start-here.html", "contacts.html", "checklists/first-response.html",
               "templates/apology-letter.html", "training/quiz-quick.html", "glossary.html"]


def _violations(page: Page, rules: list[str] | None = None) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    found = page.evaluate("async (options) => (await axe.run(document, options)).violations"
                          ".map(v => `${v.id}: ${v.nodes[0].target.join(' ')} (${v.nodes.length})`)", options)
    return found


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_no_axe_violations_on_any_page(browser: Browser, server: str, site: Path, subdir: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = {}
    for relative in sorted(page_paths(site / subdir)):
        page.goto(server + subdir + relative)
        found = _violations(page)
        if found:
            problems[relative] = found
    context.close()
    assert problems == {}


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_no_axe_violations_in_the_dark_palette(browser: Browser, server: str, subdir: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    problems = {}
    for relative in DARK_SAMPLE:
        page.goto(server + subdir + relative)
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        found = _violations(page)
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
    context = browser.new_context(color_scheme="dark")
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
