"""A manager on a 390×844 phone: call in one tap, the first step on the first screen, contact cards,
wide tables that say they scroll. (Every page's width on a phone is checked in the walk of
test_accessibility.py, which opens every page anyway.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from pypdf import PdfReader

from handbook.profile import ADVISER_KINDS
from handbook.site import ROOT
from tests.example_profile import CHAIN, EXAMPLE
from tests.pdftext import in_pdf_text

PHONE = {"width": 390, "height": 844}
CRISIS = sorted(f"crisis/{path.stem}.html" for path in (ROOT / "docs" / "ja" / "crisis").glob("*.md")
                if path.stem != "index")


def _phone(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)


def _boxes(page: Page, selector: str) -> list[dict]:
    """Position, size and text of every element matching ``selector`` that is rendered."""
    return page.evaluate("""(selector) => {
      const lines = (el) => { const range = document.createRange(); range.selectNodeContents(el);
                              return new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size; };
      return [...document.querySelectorAll(selector)]
        .filter((el) => el.getClientRects().length > 0 && el.checkVisibility())
        .map((el) => { const r = el.getBoundingClientRect();
                       return {top: r.top, bottom: r.bottom, height: r.height, width: r.width,
                               text: el.innerText, href: el.getAttribute('href'), lines: lines(el)}; }); }""", selector)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_first_people_of_the_chain_are_call_buttons_on_the_first_screen(browser: Browser, server: str,
                                                                          language: str) -> None:
    subdir = "" if language == "ja" else "en/"
    context = _phone(browser)
    page = context.new_page()
    for path in CRISIS:
        page.goto(server + subdir + path)
        buttons = _boxes(page, ".contacts-box a[href^='tel:']")
        assert len(buttons) >= 2, f"{path}: at least two call buttons shown"
        for button, person in zip(buttons, CHAIN, strict=False):
            assert button["href"] == f"tel:{person.tel}", f"{path}: chain order"
            assert person.name(language) in button["text"], path
            assert button["height"] >= 48 and button["width"] >= 48, f"{path}: {button}"
            assert 0 <= button["top"] and button["bottom"] <= PHONE["height"], f"{path}: first screen, {button}"
        # Everyone else is one tap away.
        page.locator(".contacts-box summary").tap()
        shown = [button["href"] for button in _boxes(page, ".contacts-box a[href^='tel:']")]
        assert shown == [f"tel:{person.tel}" for person in CHAIN], path
        assert all(button["height"] >= 48 for button in _boxes(page, ".contacts-box a[href^='tel:']"))
    context.close()


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_start_here_shows_its_first_step_without_scrolling(browser: Browser, server: str, subdir: str) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + subdir + "crisis/start-here.html")
    first_step = page.locator("article h2 + ol > li").first
    box = first_step.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    assert page.evaluate("window.scrollY") == 0
    context.close()


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_contacts_page_is_cards_with_whole_numbers_and_addresses(browser: Browser, server: str, site: Path,
                                                                 subdir: str) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + subdir + "contacts.html")
    # The escalation chain, then each customer's contacts, then the outside advisers by kind.
    everyone = [*CHAIN, *(contact for customer in EXAMPLE.customers for contact in customer.contacts),
                *sorted(EXAMPLE.advisers, key=lambda adviser: ADVISER_KINDS.index(adviser.kind))]
    rows = _boxes(page, ".contacts-table tbody tr")
    assert len(rows) == len(everyone)
    assert all(row["width"] <= PHONE["width"] for row in rows)
    cards = _boxes(page, ".customer-card")
    assert len(cards) == len(EXAMPLE.customers) and all(card["width"] <= PHONE["width"] for card in cards)
    assert page.evaluate("[...document.querySelectorAll('.contacts-table thead')]"
                         ".every((head) => getComputedStyle(head).display === 'none')")
    numbers = _boxes(page, ".contacts-table a[href^='tel:']")
    addresses = _boxes(page, ".contacts-table a[href^='mailto:']")
    assert [n["text"] for n in numbers] == [person.phone for person in everyone]
    assert [n["href"] for n in numbers] == [f"tel:{person.tel}" for person in everyone]
    assert [a["text"] for a in addresses] == [str(person.email) for person in everyone if person.email]
    for link in numbers + addresses:
        assert link["lines"] == 1, f"{link['text']} is broken over lines"
    for number in numbers:
        assert number["height"] >= 48 and number["width"] >= 48, f"{number['text']}: a tap target"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("subdir, hint", [("", "横にスクロール"), ("en/", "Scroll sideways")])
def test_a_table_wider_than_the_screen_says_it_scrolls(browser: Browser, server: str, subdir: str,
                                                       hint: str) -> None:
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + subdir + "crisis/reporting.html")
    wide = page.evaluate("[...document.querySelectorAll('.md-typeset__scrollwrap')]"
                         ".map((wrap) => wrap.scrollWidth > wrap.clientWidth)")
    assert True in wide, "the page has a table wider than the phone"
    wrap = page.locator(".md-typeset__scrollwrap").nth(wide.index(True))
    hints = page.locator(".table-scroll-hint")
    assert hints.count() == wide.count(True)
    assert hint in wrap.evaluate("(wrap) => wrap.previousElementSibling.textContent")
    assert "table-scroll--more" in wrap.get_attribute("class")
    # Reachable from the keyboard (arrow keys scroll it), as a region named after its section.
    assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
    assert hint in wrap.get_attribute("aria-label")
    wrap.evaluate("(wrap) => { wrap.scrollLeft = wrap.scrollWidth; }")
    page.wait_for_function("(wrap) => !wrap.classList.contains('table-scroll--more')", arg=wrap.element_handle())
    page.set_viewport_size({"width": 1280, "height": 900})  # room for the whole table: no hint
    page.wait_for_function("() => !document.querySelector('.table-scroll-hint')")
    context.close()


def test_a_printed_crisis_page_lists_everyone_to_call(browser: Browser, server: str) -> None:
    # The folded rest of the chain opens for printing (contacts.js) and folds again afterwards.
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "crisis/start-here.html")
    text = "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    for person in CHAIN:
        assert in_pdf_text(person.name("ja"), text) and in_pdf_text(person.phone, text), person.id
    assert not page.locator(".contacts-box__more").evaluate("(more) => more.open")
    context.close()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_severity_triage_fits_on_one_phone_screen(browser: Browser, server: str, language: str) -> None:
    # The four questions, read top to bottom, are one screenful: no scrolling while deciding.
    subdir = "" if language == "ja" else "en/"
    context = _phone(browser)
    page = context.new_page()
    page.goto(server + subdir + "crisis/severity.html#four-questions")
    header = page.locator(".md-header").bounding_box()
    questions = _boxes(page, ".severity-questions li")
    assert len(questions) == 4
    block = _boxes(page, ".severity-questions")[0]
    assert block["height"] <= PHONE["height"] - header["height"], block
    assert all(question["lines"] >= 2 for question in questions), "the level's name above its question"
    context.close()
