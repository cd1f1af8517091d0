"""Checklists: same items in both languages; ticks kept, timed, exported, reset; A4 printing."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route
from markupsafe import escape
from pypdf import PdfReader

from handbook.build import load_content
from handbook.checklists import Checklist
from tests.browser import open_ready
from tests.pdftext import in_pdf_text
from tests.sitepages import tags

SHEET_NAV_WORDS = {"ja": ("用語集", "このハンドブックについて"), "en": ("Glossary", "About this handbook")}


def _item_ids(html: str) -> list[str]:
    return [attributes["data-item"] for tag, attributes in tags(html) if "data-item" in attributes]


CHECKLISTS = load_content().checklists
FIRST = CHECKLISTS[0]


def test_every_phase_has_a_checklist_page_with_the_same_items_in_both_languages(site: Path) -> None:
    for found in CHECKLISTS:
        japanese = (site / "checklists" / f"{found.slug}.html").read_text(encoding="utf-8")
        english = (site / "en" / "checklists" / f"{found.slug}.html").read_text(encoding="utf-8")
        assert _item_ids(japanese) == _item_ids(english) == [item.id for item in found.items]
        for item in found.items:
            assert str(escape(item.ja)) in japanese and str(escape(item.en)) in english


def test_every_item_links_to_its_guidance(site: Path) -> None:
    for found in CHECKLISTS:
        html = (site / "en" / "checklists" / f"{found.slug}.html").read_text(encoding="utf-8")
        links = [a["href"] for tag, a in tags(html) if tag == "a" and "checklist__why" in a.get("class", "")]
        assert links == ["../" + item.page.removesuffix(".md") + ".html" for item in found.items]
        for link in links:
            assert (site / "en" / "checklists" / link).resolve().is_file()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser profile that lives for one test: its localStorage survives reloads and tabs."""
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def _open(context: BrowserContext, url: str) -> Page:
    return open_ready(context, url, "[data-checklist][data-ready]")


def _items(page: Page) -> list:
    return page.locator(".checklist__item").all()


def test_a_tick_survives_a_reload_with_its_time(context: BrowserContext, server: str) -> None:
    url = server + f"checklists/{FIRST.slug}.html"
    page = _open(context, url)
    assert page.locator(".checklist__progress").inner_text().startswith("0")
    _items(page)[1].locator("label").click()
    progress = page.locator(".checklist__progress").inner_text().replace(" ", "").replace("\u2009", "")
    assert progress.startswith(f"1/{len(FIRST.items)}")
    page.reload()
    page.wait_for_selector("[data-checklist][data-ready]")
    second = _items(page)[1]
    assert second.locator("input").is_checked()
    assert not _items(page)[0].locator("input").is_checked()
    stamp = second.locator("time").inner_text()
    assert re.match(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}$", stamp), stamp
    assert second.locator("time").get_attribute("datetime")


def test_a_browser_restart_keeps_ticks(browser: Browser, server: str, tmp_path: Path) -> None:
    """A new page in the same profile (as after closing and reopening the browser)."""
    state = tmp_path / "state.json"
    first = browser.new_context()
    page = _open(first, server + "en/checklists/apology-meeting.html")
    _items(page)[0].locator("input").check()
    first.storage_state(path=str(state))
    first.close()
    second = browser.new_context(storage_state=str(state))
    page = _open(second, server + "en/checklists/apology-meeting.html")
    assert _items(page)[0].locator("input").is_checked()
    second.close()


def test_both_languages_tick_the_same_incident_and_checklists_are_kept_apart(context: BrowserContext,
                                                                               server: str) -> None:
    page = _open(context, server + f"checklists/{FIRST.slug}.html")
    _items(page)[0].locator("label").click()
    english = _open(context, server + f"en/checklists/{FIRST.slug}.html")
    assert [item.locator("input").is_checked() for item in _items(english)][:2] == [True, False]
    other = _open(context, server + "checklists/before-visit.html")
    assert not any(item.locator("input").is_checked() for item in _items(other))


def test_reset_asks_first_and_then_clears(context: BrowserContext, server: str) -> None:
    page = _open(context, server + "en/checklists/root-cause.html")
    for item in _items(page)[:3]:
        item.locator("label").click()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-checklist-reset]").click()
    assert sum(item.locator("input").is_checked() for item in _items(page)) == 3
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.locator("[data-checklist-reset]").click()
    assert messages and "Clear" in messages[0]
    assert sum(item.locator("input").is_checked() for item in _items(page)) == 0
    page.reload()
    assert sum(item.locator("input").is_checked() for item in _items(page)) == 0
    assert page.locator(".checklist__item time").count() == 0


def test_export_copies_and_downloads_the_ticked_items(context: BrowserContext, server: str) -> None:
    page = _open(context, server + "checklists/progress-report.html")
    ticked = _items(page)[2]
    ticked.locator("label").click()
    with page.expect_download() as download_info:
        page.locator("[data-checklist-export]").click()
    download = download_info.value
    assert re.match(r"progress-report-ja-\d{8}-\d{4}\.txt$", download.suggested_filename)
    text = Path(download.path()).read_text(encoding="utf-8")
    label = ticked.locator("label").inner_text()
    assert f"[x] {label} (" in text
    assert text.count("[ ] ") == len(_items(page)) - 1
    assert "進捗: 1/" in text
    page.wait_for_function("document.querySelector('[data-checklist-status]').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == text


def test_keyboard_alone_ticks_and_exports(context: BrowserContext, server: str) -> None:
    page = _open(context, server + "en/checklists/on-site-visit.html")
    page.locator(".checklist__item input").first.focus()
    page.keyboard.press("Space")
    assert _items(page)[0].locator("input").is_checked()
    page.keyboard.press("Tab")  # to the item's guidance link
    page.keyboard.press("Tab")  # to the next checkbox
    page.keyboard.press("Space")
    assert _items(page)[1].locator("input").is_checked()
    page.locator("[data-checklist-reset]").focus()
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("Enter")
    assert not _items(page)[0].locator("input").is_checked()


def test_works_from_file_urls_and_on_a_phone(browser: Browser, offline_site: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = _open(context, (offline_site / "checklists" / f"{FIRST.slug}.html").as_uri())
    _items(page)[3].locator("label").tap()
    page.reload()
    page.wait_for_selector("[data-checklist][data-ready]")
    assert _items(page)[3].locator("input").is_checked()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "no sideways scrolling on a phone"
    context.close()


# Every layout shift the page makes while it loads, as the browser reports it (the sum is CLS).
LAYOUT_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_nothing_jumps_while_a_checklist_page_loads_on_a_phone(browser: Browser, server: str,
                                                                subdir: str) -> None:
    # A manager about to tap a box must not have the list move under the finger.
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)

    def slow_script(route: Route) -> None:
        # As on a slow connection: the page is painted well before the scripts arrive.
        time.sleep(0.4)
        route.continue_()

    page.route("**/*.js", slow_script)
    page.goto(f"{server}{subdir}checklists/{FIRST.slug}.html", wait_until="networkidle")
    page.wait_for_selector("[data-checklist][data-ready]")
    page.wait_for_timeout(500)
    shift = sum(page.evaluate("window.layoutShifts"))
    assert page.locator("[data-checklist-export]").is_visible()
    assert shift < 0.01, f"the page moved while loading (cumulative layout shift {shift:.3f})"
    context.close()


def test_without_scripts_a_checklist_is_plain_boxes_without_dead_buttons(browser: Browser,
                                                                         server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + f"checklists/{FIRST.slug}.html")
    assert not page.locator("[data-checklist-toolbar]").is_visible()
    _items(page)[0].locator("label").click()
    assert _items(page)[0].locator("input").is_checked()
    context.close()


def _pdf(page: Page) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format="A4")))


# A4 less the print margins (handbook.css: @page 14 mm × 15 mm), in CSS pixels at 96 per inch.
PRINTABLE = {"width": round(180 / 25.4 * 96), "height": round(269 / 25.4 * 96)}


def _longest(language: str) -> Checklist:
    return max(CHECKLISTS, key=lambda found: (len(found.items), sum(len(item.text(language)) for item in found.items)))


@pytest.mark.parametrize("language, subdir", [("ja", ""), ("en", "en/")])
def test_each_checklist_prints_on_one_a4_sheet_without_navigation(context: BrowserContext, server: str,
                                                                  language: str, subdir: str) -> None:
    page = context.new_page()
    for found in CHECKLISTS:
        page.set_viewport_size({"width": 1280, "height": 720})
        page.emulate_media(media="null")  # no emulation: page.pdf() prints with print media
        page.goto(f"{server}{subdir}checklists/{found.slug}.html")
        page.wait_for_selector("[data-checklist][data-ready]")
        # Every item ticked, each with its time: the longest a sheet gets.
        page.evaluate("document.querySelectorAll('.checklist__item input').forEach((box) => box.click())")
        if found == _longest(language):
            # The longest checklist of each language goes through Chromium's real print to PDF; the
            # others are measured laid out for print, which this one shows to agree with the PDF.
            pdf = _pdf(page)
            assert len(pdf.pages) == 1, found.slug
            box = pdf.pages[0].mediabox
            assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, "A4 in points"
            text = pdf.pages[0].extract_text()
            for item in found.items:
                assert in_pdf_text(item.text(language), text), item.id
            for word in SHEET_NAV_WORDS[language]:
                assert not in_pdf_text(word, text)
        page.set_viewport_size(PRINTABLE)
        page.emulate_media(media="print")
        assert page.evaluate("document.documentElement.scrollHeight") <= PRINTABLE["height"], found.slug
        assert page.locator(".checklist__signoff").is_visible()
        assert page.locator(".checklist__columns").is_visible()  # item, time, initials
        assert page.locator(".checklist__initials").count() == len(found.items)
        assert page.locator(".checklist__initials").first.is_visible()
        assert page.locator(".checklist__item input").first.is_visible()
        assert page.locator(".checklist__item input:checked").count() == len(found.items), found.slug
        assert not page.locator(".md-header").is_visible()
        assert not page.locator("[data-checklist-toolbar]").is_visible()
    page.close()


def test_the_print_measure_would_see_a_checklist_that_needs_two_sheets(context: BrowserContext, server: str) -> None:
    page = _open(context, f"{server}checklists/{FIRST.slug}.html")
    page.evaluate("() => { const list = document.querySelector('.checklist__items');"
                  " for (let n = 0; n < 12; n += 1) list.append(list.firstElementChild.cloneNode(true)); }")
    page.set_viewport_size(PRINTABLE)
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollHeight") > PRINTABLE["height"]
    page.emulate_media(media="screen")
    assert len(_pdf(page).pages) > 1  # and so would the real print


@pytest.mark.parametrize("language, subdir", [("ja", ""), ("en", "en/")])
def test_print_pack_puts_each_checklist_on_its_own_sheet(context: BrowserContext, server: str,
                                                         language: str, subdir: str) -> None:
    page = _open(context, f"{server}{subdir}checklists/print-pack.html")
    pdf = _pdf(page)
    sheets = CHECKLISTS
    assert len(pdf.pages) == 1 + len(sheets)
    cover = pdf.pages[0].extract_text()
    for number, found in enumerate(sheets, start=1):
        title = found.title(language)
        assert in_pdf_text(title, cover)
        text = pdf.pages[number].extract_text()
        assert in_pdf_text(title, text), (number, title)
        assert in_pdf_text(found.items[-1].text(language), text)


@pytest.mark.parametrize("subdir, button, column", [("", "空欄で印刷", "確認者"), ("en/", "Print blank", "Initials")])
def test_print_blank_prints_no_ticks_and_keeps_them(context: BrowserContext, server: str, subdir: str,
                                                    button: str, column: str) -> None:
    # For a drill or a new incident: the print pack (and each checklist) prints without this
    # browser's ticks, which are back afterwards.
    page = _open(context, f"{server}{subdir}checklists/{FIRST.slug}.html")
    _items(page)[0].locator("label").click()
    _items(page)[2].locator("label").click()
    stored = page.evaluate("JSON.stringify(localStorage)")
    page = _open(context, f"{server}{subdir}checklists/print-pack.html")
    page.evaluate("window.print = () => { window.printed = document.querySelectorAll("
                  "'.checklist__item input:checked, .checklist__item time').length; }")
    assert page.locator(".checklist__item input:checked").count() == 2
    page.locator(".print-pack__actions [data-print-blank]").click()
    assert page.locator(".print-pack__actions [data-print-blank]").inner_text() == button
    assert page.evaluate("window.printed") == 0
    text = "".join(sheet.extract_text() for sheet in _pdf(page).pages)
    assert in_pdf_text(column, text) and not re.search(r"\d{2}:\d{2}", text), "no tick times printed"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(".checklist__item input:checked").count() == 2
    assert page.locator(".checklist__item time").count() == 2
    assert page.evaluate("JSON.stringify(localStorage)") == stored


@pytest.mark.parametrize("subdir, notice", [("", "チェックを保存できません"), ("en/", "cannot save your check marks")])
def test_a_browser_that_refuses_to_store_ticks_says_so_at_once(context: BrowserContext, server: str,
                                                                  subdir: str, notice: str) -> None:
    # A full storage, or Safari's private browsing: every write throws.
    context.add_init_script("Storage.prototype.setItem = function () {"
                            " throw new DOMException('full', 'QuotaExceededError'); };")
    page = _open(context, server + f"{subdir}checklists/{FIRST.slug}.html")
    status = page.locator("[data-checklist-status]")
    assert status.inner_text() == ""
    _items(page)[0].locator("label").click()
    assert _items(page)[0].locator("input").is_checked()  # the tick still shows
    assert notice in status.inner_text()
    assert "checklist--unsaved" in (page.locator("[data-checklist]").get_attribute("class") or "")
    page.locator("[data-checklist-export]").click()  # and can still be exported
    assert "[x] " in page.evaluate("navigator.clipboard.readText()")


def test_a_damaged_stored_value_is_cleared_with_a_notice(context: BrowserContext, server: str) -> None:
    page = _open(context, server + f"checklists/{FIRST.slug}.html")
    key = page.locator("meta[name=handbook-incidents]").get_attribute("content") + ":incidents"
    damaged_tick = ('{"schema": 1, "current": "a1b2", "migrated": true, "incidents": {"a1b2": {"id": "a1b2",'
                    f' "created": "2026-12-01T00:00:00Z", "fields": {{}}, "log": [], "promises": [],'
                    f' "ticks": {{"{FIRST.slug}": {{"{FIRST.items[0].id}": 5}}}}}}}}}}')
    for stored in ['"x"', "[1, 2]", "{not json", damaged_tick, '{"schema": 2, "incidents": {}}', "null"]:
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, stored])
        page.reload()
        page.wait_for_selector("[data-checklist][data-ready]")
        status = page.locator("[data-checklist-status]").inner_text()
        if stored == "null":
            assert status == "", stored  # an empty value is simply no ticks
        else:
            assert "読めなかった" in status, stored
        _items(page)[2].locator("label").click()
        progress = page.locator(".checklist__progress").inner_text().replace(" ", "").replace("\u2009", "")
        assert progress.startswith(f"1/{len(FIRST.items)}"), stored
    page.reload()
    page.wait_for_selector("[data-checklist][data-ready]")
    assert _items(page)[2].locator("input").is_checked()
    assert page.locator("[data-checklist-status]").inner_text() == ""
