"""The incident file (incident.md, incident.js, incident-store.js, incident-bar.js), driven in
Chromium like a manager would: start an incident, log, promise, keep the next update, tick the
checklists, hand over by file, merge, print the reports. Firefox and WebKit run the smoke
scenario in test_engines.py."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from pypdf import PdfReader

from handbook.build import load_content
from handbook.site import ROOT
from tests.browser import open_ready
from tests.pdftext import in_pdf_text
from tests.test_accessibility import _axe_context, _violations

FIRST = load_content().checklists[0]
SCHEMA = json.loads((ROOT / "handbook" / "incident-file.schema.json").read_text(encoding="utf-8"))
HOSTILE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>&amp;'
CLOCK_START = "2026-12-04T09:00:00+09:00"


@pytest.fixture
def context(phone: BrowserContext) -> BrowserContext:
    """A fresh browser profile for one test, on a phone-sized screen (conftest's ``phone``)."""
    return phone


def _incident_page(context: BrowserContext, url: str) -> Page:
    return open_ready(context, url, ".incident--ready")


def _record(page: Page) -> dict[str, Any]:
    key = page.locator("meta[name=handbook-incidents]").get_attribute("content") + ":incidents"
    return json.loads(page.evaluate("(key) => localStorage.getItem(key)", key) or "null")


def _current(page: Page) -> dict[str, Any]:
    record = _record(page)
    return record["incidents"][record["current"]]


def _new(page: Page, client: str = "東海自動車") -> None:
    page.locator("[data-incident-new]").click()
    page.locator("[data-incident-fields] [name=client]").fill(client)
    page.locator("[data-incident-fields] [name=product]").click()  # leaving the field saves it


def _log(page: Page, text: str) -> None:
    page.locator("[data-incident-log-form] [name=text]").fill(text)
    page.locator("[data-incident-log-form] [type=submit]").click()


def _set_next(page: Page, local: str) -> None:
    page.locator("[data-incident-next-form] [name=due]").fill(local)
    page.locator("[data-incident-next-form] [type=submit]").click()


def _export(page: Page, path: Path) -> dict[str, Any]:
    with page.expect_download() as download:
        page.locator("[data-incident-export]").click()
    download.value.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(exported, SCHEMA, format_checker=jsonschema.FormatChecker())  # as documented
    return exported


def _import(page: Page, path: Path) -> str:
    page.evaluate("document.querySelector('[data-incident-message]').textContent = ''")
    page.locator("[data-incident-import]").set_input_files(str(path))
    page.wait_for_function("document.querySelector('[data-incident-message]').textContent !== ''")
    return page.locator("[data-incident-message]").inner_text()


def test_a_whole_incident_on_a_phone_from_first_call_to_report(context: BrowserContext, server: str) -> None:
    page = _incident_page(context, server + "incident.html")
    assert page.locator("[data-incident-none]").is_visible()
    # With no incident, nothing to close, archive or delete, and no forms for a record.
    assert not page.locator("[data-incident-manage]").is_visible()
    assert not page.locator("[data-incident-body]").is_visible()
    _new(page)
    assert page.locator("[data-incident-manage]").is_visible() and not page.locator("[data-incident-none]").is_visible()
    fields = page.locator("[data-incident-fields]")
    fields.locator("[name=product]").fill("ブラケット B-120")
    fields.locator("[name=what]").fill("穴位置ずれ")
    fields.locator("[name=quantity]").fill("1,200個")
    fields.locator("[name=lots]").fill("L2411-07")
    fields.locator("[name=severity]").select_option("3")
    fields.locator("[name=role_liaison]").fill("佐藤")
    fields.locator("[name=cause]").fill("治具の摩耗（推定）")
    fields.locator("[name=containment]").fill("在庫 800個を隔離")
    _log(page, "出荷を停止")
    _log(page, "取引先の品証課に第一報")
    entries = page.locator("[data-incident-log] li")
    assert entries.count() == 2
    assert entries.nth(0).inner_text().endswith("出荷を停止")
    page.locator("[data-incident-order=newest]").click()
    assert entries.nth(0).inner_text().endswith("取引先の品証課に第一報")
    assert page.locator("[data-incident-order=newest]").get_attribute("aria-pressed") == "true"
    page.locator("[data-incident-promise-form] [name=text]").fill("選別結果の報告")
    page.locator("[data-incident-promise-form] [name=due]").fill("2030-01-02T12:00")
    page.locator("[data-incident-promise-form] [type=submit]").click()
    _set_next(page, "2030-01-01T15:00")
    assert "2030/01/01 15:00" in page.locator("[data-incident-next-text]").inner_text()
    incident = _current(page)
    assert incident["fields"]["client"]["v"] == "東海自動車"
    assert incident["fields"]["severity"]["v"] == "3"
    assert [entry["kind"] for entry in incident["log"]] == ["event", "event", "promise", "promise"]
    report = page.locator("[data-report=progress]").inner_text()
    for expected in ("東海自動車　御中", "進捗報告", "ブラケット B-120", "1,200個", "L2411-07", "出荷を停止",
                     "在庫 800個を隔離", "選別結果の報告", "次回のご報告：2030/01/01 15:00", "重大度3"):
        assert expected in report, expected
    # The cause is not given to the client as fact while it is being investigated.
    assert "治具の摩耗" not in report and "調査中です" in report
    fields.locator("[name=status]").select_option("cause_found")
    page.locator("[data-incident-log-form] [name=text]").click()
    assert "治具の摩耗（推定）" in page.locator("[data-report=progress]").inner_text()
    assert "原因特定済み" in page.locator("[data-incident-log]").inner_text()  # the change is logged


def test_the_english_page_shows_and_edits_the_same_incident(context: BrowserContext, server: str) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page)
    page.locator("[data-incident-fields] [name=severity]").select_option("2")
    _log(page, "出荷を停止")
    english = _incident_page(context, server + "en/incident.html")
    assert english.locator("[data-incident-fields] [name=client]").input_value() == "東海自動車"
    assert "Severity 2" in english.locator("[data-report=progress]").inner_text()
    assert "To: 東海自動車" in english.locator("[data-report=progress]").inner_text()
    _log(english, "Called the client's quality manager")
    page.reload()
    page.wait_for_selector(".incident--ready")
    assert page.locator("[data-incident-log] li").count() == 2


def test_typed_markup_stays_text_everywhere(context: BrowserContext, server: str) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page, HOSTILE)
    for name in ("product", "what", "lots", "containment", "next_steps", "role_liaison"):
        page.locator(f"[data-incident-fields] [name={name}]").fill(HOSTILE)
    _log(page, HOSTILE)
    page.locator("[data-incident-promise-form] [name=text]").fill(HOSTILE)
    page.locator("[data-incident-promise-form] [name=due]").fill("2030-01-02T12:00")
    page.locator("[data-incident-promise-form] [type=submit]").click()
    _set_next(page, "2030-01-01T15:00")
    page.goto(server + "crisis/start-here.html")
    assert HOSTILE in page.locator("[data-incident-bar]").inner_text()
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    assert page.evaluate("window.pwned") is None
    assert page.locator(".incident img, .incident-bar img, .incident script:not([type])").count() == 0
    assert page.locator("[data-report=progress]").inner_text().count(HOSTILE) >= 5
    assert HOSTILE in page.locator("select[data-incident-select]").inner_text()


def test_the_countdown_bar_on_every_page_turns_urgent_then_overdue_and_is_kept_in_one_tap(
        context: BrowserContext, server: str) -> None:
    page = context.new_page()
    page.clock.install(time=CLOCK_START)
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    _new(page)
    page.locator("[data-incident-fields] [name=role_liaison]").fill("佐藤")
    page.locator("[data-incident-log-form] [name=text]").click()
    _set_next(page, "2026-12-04T09:30")
    page.goto(server + "en/recover/prevention.html")
    bar = page.locator("[data-incident-bar]")
    assert bar.is_visible()
    assert bar.get_attribute("data-state") == "due"
    assert "in 30 min" in bar.inner_text() and "東海自動車" in bar.inner_text()
    assert bar.bounding_box()["y"] + bar.bounding_box()["height"] <= 844  # on screen, at the foot
    page.clock.fast_forward("20:00")
    page.wait_for_function("document.querySelector('[data-incident-bar]').dataset.state === 'urgent'")
    assert "in 10 min" in bar.inner_text()
    page.clock.fast_forward("15:00")
    page.wait_for_function("document.querySelector('[data-incident-bar]').dataset.state === 'overdue'")
    assert "5 min ago" in bar.inner_text()
    page.goto(server + "crisis/reporting.html")
    assert bar.get_attribute("data-state") == "overdue"
    assert "5分過ぎています" in bar.inner_text()
    page.locator("[data-incident-bar-keep]").click()
    assert bar.get_attribute("data-state") == "unset"
    assert page.locator("[data-incident-bar-keep]").is_hidden()
    kept = [entry for entry in _current(page)["log"] if entry.get("auto") == "kept"]
    assert len(kept) == 1 and kept[0]["kind"] == "contact" and kept[0]["who"] == "佐藤"
    assert kept[0]["time"].startswith("2026-12-04T00:35")  # 09:35 in Tokyo
    # Closing the incident takes the bar away.
    page.goto(server + "incident.html")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-incident-close]").click()
    page.goto(server + "crisis/reporting.html")
    assert page.locator("[data-incident-bar]").is_hidden()


def test_ticks_belong_to_their_incident(context: BrowserContext, server: str) -> None:
    checklist = server + f"checklists/{FIRST.slug}.html"
    page = context.new_page()
    page.goto(checklist)
    page.locator(".checklist__item").nth(0).locator("label").click()  # no incident yet: one starts
    record = _record(page)
    assert len(record["incidents"]) == 1
    first_id = record["current"]
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    assert page.locator(f"[data-incident-ticks={FIRST.slug}]").inner_text() == "1"
    _new(page, "二件目")
    page.goto(checklist)
    assert page.locator(".checklist__item input:checked").count() == 0  # a new incident starts blank
    assert "二件目" in page.locator("[data-checklist-incident]").inner_text()
    page.locator(".checklist__item").nth(3).locator("label").click()
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    page.locator("[data-incident-select]").select_option(first_id)
    page.goto(checklist)
    checked = page.eval_on_selector_all(".checklist__item input", "boxes => boxes.map(box => box.checked)")
    assert checked[0] and not checked[3]
    incidents = _record(page)["incidents"]
    assert sorted(len(incident["ticks"].get(FIRST.slug, {})) for incident in incidents.values()) == [1, 1]


def test_ticks_kept_by_the_earlier_version_are_carried_over_once(context: BrowserContext, server: str) -> None:
    page = context.new_page()
    page.goto(server + "about.html")
    scope = page.locator("meta[name=handbook-incidents]").get_attribute("content")
    items = [item.id for item in FIRST.items]
    old = {f"{scope}:ja:{FIRST.slug}": {items[0]: "2026-12-01T01:00:00.000Z", items[1]: "2026-12-01T01:05:00.000Z"},
           f"{scope}:en:{FIRST.slug}": {items[0]: "2026-12-01T00:50:00.000Z", items[2]: "2026-12-01T01:10:00.000Z"},
           f"{scope}:en:before-visit": {"not-an-item!": "2026-12-01T01:00:00.000Z"}}
    page.evaluate("(old) => { localStorage.clear(); for (const [key, value] of Object.entries(old))"
                  " localStorage.setItem(key, JSON.stringify(value)); }", old)
    page.goto(server + f"en/checklists/{FIRST.slug}.html")
    checked = page.eval_on_selector_all(".checklist__item input", "boxes => boxes.map(box => box.checked)")
    assert checked[:4] == [True, True, True, False]
    record = _record(page)
    (incident,) = record["incidents"].values()
    assert incident["migrated"] is True
    assert incident["ticks"][FIRST.slug][items[0]] == "2026-12-01T00:50:00.000Z"  # the earlier of the two
    assert page.evaluate("Object.keys(localStorage).filter((key) => !key.endsWith(':incidents')"
                         " && key.startsWith('crisis-handbook:'))") == []
    page.reload()
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    assert len(_record(page)["incidents"]) == 1  # once, not on every load
    assert "以前のチェック" in page.locator("[data-incident-select]").inner_text()


def test_export_then_import_on_a_fresh_browser_gives_the_identical_record(
        context: BrowserContext, browser: Browser, server: str, tmp_path: Path) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page)
    _log(page, "出荷を停止")
    _set_next(page, "2030-01-01T15:00")
    page.goto(server + f"checklists/{FIRST.slug}.html")
    page.locator(".checklist__item").nth(1).locator("label").click()
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    exported = _export(page, tmp_path / "incident.json")
    assert exported["format"] == "crisis-handbook-incident" and exported["schema"] == 1
    assert exported["company"] == page.locator("[data-incident]").get_attribute("data-company")
    assert exported["incident"] == _current(page)
    fresh = browser.new_context()
    other = _incident_page(fresh, server + "en/incident.html")
    assert "New log entries: 2; new promises: 1; new check marks: 1." in _import(other, tmp_path / "incident.json")
    assert _current(other) == exported["incident"]
    assert other.locator("[data-incident-fields] [name=client]").input_value() == "東海自動車"
    fresh.close()


def test_two_diverged_copies_merge_and_differing_fields_are_shown(
        context: BrowserContext, browser: Browser, server: str, tmp_path: Path) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page)
    _log(page, "共通の記録")
    _export(page, tmp_path / "start.json")
    fresh = browser.new_context(accept_downloads=True)
    other = _incident_page(fresh, server + "incident.html")
    _import(other, tmp_path / "start.json")
    # Both sides go on working apart.
    _log(page, "本社側の記録")
    page.locator("[data-incident-fields] [name=lots]").fill("L1")
    page.locator("[data-incident-log-form] [name=text]").click()
    _log(other, "現地側の記録")
    other.locator("[data-incident-fields] [name=lots]").fill("L1, L2")
    other.locator("[data-incident-fields] [name=quantity]").fill("300個")
    other.locator("[data-incident-log-form] [name=text]").click()
    other.goto(server + f"checklists/{FIRST.slug}.html")
    other.locator(".checklist__item").nth(0).locator("label").click()
    other.goto(server + "incident.html")
    other.wait_for_selector(".incident--ready")
    _export(other, tmp_path / "other.json")
    message = _import(page, tmp_path / "other.json")
    assert "追加した記録 1件" in message and "チェック 1件" in message
    texts = page.locator("[data-incident-log]").inner_text()
    assert all(text in texts for text in ("共通の記録", "本社側の記録", "現地側の記録"))
    assert texts.count("共通の記録") == 1
    assert page.locator("[data-incident-fields] [name=quantity]").input_value() == "300個"  # only one side had it
    conflicts = page.locator("[data-incident-conflict-list] li")
    assert conflicts.count() == 1
    assert "L1, L2" in conflicts.inner_text() and "L1" in conflicts.inner_text()
    assert page.locator("[data-incident-fields] [name=lots]").input_value() == "L1, L2"  # the newer change
    conflicts.locator("button").click()
    assert page.locator("[data-incident-fields] [name=lots]").input_value() == "L1"
    assert _current(page)["fields"]["lots"]["v"] == "L1"
    fresh.close()


BAD_FILES = {
    "corrupt": ("{not json", "壊れています"),
    "not-an-incident": (json.dumps({"hello": "world"}), "壊れています"),
    "foreign-company": (None, "別の会社"),
    "newer-version": (None, "新しい版"),
    "hostile-structure": (None, "誤りがあります"),
    "huge": (None, "大きすぎます"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_gives_a_clear_message_and_changes_nothing(context: BrowserContext, server: str,
                                                              tmp_path: Path, case: str) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page)
    _log(page, "元の記録")
    good = _export(page, tmp_path / "good.json")
    content, expected = BAD_FILES[case]
    if case == "foreign-company":
        content = json.dumps(good | {"company": "deadbeef"})
    elif case == "newer-version":
        content = json.dumps(good | {"schema": 2})
    elif case == "hostile-structure":
        incident = good["incident"] | {"log": [{"id": "<script>", "time": "x", "who": 1, "kind": "event", "text": "x"}],
                                       "ticks": {"__proto__": {"polluted": "2026-12-04T00:00:00Z"}}}
        content = json.dumps(good | {"incident": incident})
    elif case == "huge":
        content = json.dumps(good | {"padding": "x" * (3 * 1024 * 1024)})
    if case in ("newer-version", "hostile-structure"):
        with pytest.raises(jsonschema.ValidationError):  # the documented schema refuses it too
            jsonschema.validate(json.loads(content), SCHEMA)
    path = tmp_path / f"{case}.json"
    path.write_text(content, encoding="utf-8")
    before = _record(page)
    assert expected in _import(page, path)
    assert "何も変更していません" in page.locator("[data-incident-message]").inner_text()
    assert _record(page) == before
    assert page.evaluate("({}).polluted") is None


def test_a_hostile_but_well_formed_file_imports_as_text(context: BrowserContext, browser: Browser, server: str,
                                                        tmp_path: Path) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page, HOSTILE)
    _log(page, HOSTILE)
    _export(page, tmp_path / "hostile.json")
    fresh = browser.new_context()
    other = _incident_page(fresh, server + "incident.html")
    _import(other, tmp_path / "hostile.json")
    assert HOSTILE in other.locator("[data-incident-log]").inner_text()
    assert other.evaluate("window.pwned") is None
    assert other.locator(".incident img").count() == 0
    fresh.close()


def _pdf(page: Page, mode: str) -> PdfReader:
    page.evaluate("(mode) => document.documentElement.setAttribute('data-print-mode', mode)", mode)
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    page.evaluate("document.documentElement.removeAttribute('data-print-mode')")
    page.emulate_media(media="screen")
    return pdf


def test_the_status_summary_prints_on_one_a4_sheet_and_the_reports_print_alone(context: BrowserContext,
                                                                                 server: str) -> None:
    page = _incident_page(context, server + "en/incident.html")
    _new(page, "Tokai Motors")
    _log(page, "Entry 0: sorted another batch of parts at the client's plant and logged the result")
    page.evaluate("""() => window.HandbookIncidents.update((data) => {
        const incident = data.incidents[data.current];
        for (let n = 1; n < 40; n += 1) incident.log.push({id: `seed${n}`, who: "", kind: "event",
          time: new Date(Date.now() + n * 60000).toISOString(),
          text: `Entry ${n}: sorted another batch of parts at the client's plant and logged the result`});
      })""")  # as if logged one by one
    page.reload()
    page.wait_for_selector(".incident--ready")
    for n in range(6):
        page.locator("[data-incident-promise-form] [name=text]").fill(f"Promise {n}")
        page.locator("[data-incident-promise-form] [name=due]").fill(f"2030-01-0{n + 1}T12:00")
        page.locator("[data-incident-promise-form] [type=submit]").click()
    summary = _pdf(page, "incident-summary")
    assert len(summary.pages) == 1
    text = summary.pages[0].extract_text()
    assert in_pdf_text("Status summary", text) and in_pdf_text("Tokai Motors", text)
    assert in_pdf_text("Entry 39", text) and not in_pdf_text("Entry 20:", text)  # the latest eight
    assert not in_pdf_text("Hand over", text) and not in_pdf_text("Glossary", text)
    progress = "".join(sheet.extract_text() for sheet in _pdf(page, "incident-progress").pages)
    assert in_pdf_text("Progress report", progress) and in_pdf_text("Entry 0:", progress)
    assert not in_pdf_text("Status summary", progress) and not in_pdf_text("Export", progress)
    blank = _pdf(page, "incident-blank")
    assert len(blank.pages) == 1
    assert in_pdf_text("Incident log form", blank.pages[0].extract_text())
    assert not in_pdf_text("Entry 1", blank.pages[0].extract_text())


@pytest.mark.parametrize("subdir, notice", [("", "記録を保存できません"), ("en/", "cannot keep the record")])
def test_a_browser_that_refuses_to_store_says_so_and_export_still_works(
        context: BrowserContext, server: str, tmp_path: Path, subdir: str, notice: str) -> None:
    context.add_init_script("Storage.prototype.setItem = function () {"
                            " throw new DOMException('full', 'QuotaExceededError'); };")
    page = _incident_page(context, server + f"{subdir}incident.html")
    _new(page)
    _log(page, "画面にだけ残る記録")
    assert notice in page.locator("[data-incident-status]").inner_text()
    assert "画面にだけ残る記録" in page.locator("[data-incident-log]").inner_text()
    exported = _export(page, tmp_path / "memory.json")
    assert exported["incident"]["log"][0]["text"] == "画面にだけ残る記録"


def test_the_incident_file_works_from_the_offline_bundle(context: BrowserContext, offline_site: Path) -> None:
    page = _incident_page(context, (offline_site / "incident.html").as_uri())
    _new(page)
    _set_next(page, "2030-01-01T15:00")
    page.goto((offline_site / "en" / "crisis" / "start-here.html").as_uri())
    assert "東海自動車" in page.locator("[data-incident-bar]").inner_text()
    page.locator("[data-incident-bar-text]").click()
    assert page.url.endswith("/en/incident.html")
    page.wait_for_selector(".incident--ready")
    assert page.locator("[data-incident-fields] [name=client]").input_value() == "東海自動車"


def test_reached_from_the_home_page_start_here_and_every_crisis_page(site: Path) -> None:
    for subdir in ("", "en/"):
        home = (site / subdir / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="incident\.html"', home), subdir
        for page in sorted((site / subdir / "crisis").glob("*.html")):
            if page.name == "index.html":
                continue
            assert 'href="../incident.html"' in page.read_text(encoding="utf-8"), page


def test_keyboard_alone_logs_an_entry_and_keeps_the_update(context: BrowserContext, server: str) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page)
    _set_next(page, "2030-01-01T15:00")
    page.locator("[data-incident-log-form] [name=text]").focus()
    page.keyboard.type("キーボードだけで記録")
    page.keyboard.press("Enter")  # one field, one key
    assert "キーボードだけで記録" in page.locator("[data-incident-log]").inner_text()
    assert page.evaluate("document.activeElement.name") == "text"  # ready for the next entry
    page.locator("[data-incident-bar-text]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-incident-bar-keep')")
    page.keyboard.press("Enter")
    assert page.locator("[data-incident-bar]").get_attribute("data-state") == "unset"


@pytest.mark.parametrize("width, state", [(390, "due"), (390, "urgent"), (1280, "overdue")])
def test_a_filled_incident_page_and_its_bar_pass_axe(browser: Browser, server: str, width: int, state: str) -> None:
    context = _axe_context(browser, viewport={"width": width, "height": 844}, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.clock.install(time=CLOCK_START)
    page.goto(server + "en/incident.html")
    page.wait_for_selector(".incident--ready")
    _new(page, "Tokai Motors")
    page.locator("[data-incident-fields] [name=severity]").select_option("2")
    _log(page, "Shipments stopped")
    page.locator("[data-incident-promise-form] [name=text]").fill("Sorting results")
    page.locator("[data-incident-promise-form] [name=due]").fill("2026-12-04T12:00")
    page.locator("[data-incident-promise-form] [type=submit]").click()
    minutes = {"due": 60, "urgent": 10, "overdue": -5}[state]
    _set_next(page, f"2026-12-04T{9 + (minutes // 60):02d}:{minutes % 60:02d}" if minutes > 0 else "2026-12-04T08:55")
    assert page.locator("[data-incident-bar]").get_attribute("data-state") == state
    assert _violations(page, parts=["[data-incident-bar]"]) == []
    # The page, without the bar: axe would take the text the fixed bar happens to cover as text on the bar.
    page.evaluate("document.querySelector('[data-incident-bar]').style.display = 'none'")
    assert _violations(page) == []
    context.close()


def test_several_incidents_switch_archive_and_delete_with_a_confirm(context: BrowserContext, server: str) -> None:
    page = _incident_page(context, server + "incident.html")
    _new(page, "一件目")
    _new(page, "二件目")
    select = page.locator("[data-incident-select]")
    assert select.locator("option:checked").inner_text() == "二件目"
    first = next(incident["id"] for incident in _record(page)["incidents"].values()
                 if incident["fields"]["client"]["v"] == "一件目")
    select.select_option(first)
    assert page.locator("[data-incident-fields] [name=client]").input_value() == "一件目"
    page.locator("[data-incident-archive]").click()
    assert "保管済み" in select.inner_html() and _current(page)["archived"] is True
    page.goto(server + "crisis/roles.html")  # an archived incident has no bar of its own
    assert "一件目" not in page.locator("[data-incident-bar-text]").inner_text()
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-incident-delete]").click()
    assert len(_record(page)["incidents"]) == 2  # not without a yes
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.locator("[data-incident-delete]").click()
    assert "元に戻せません" in messages[0]
    record = _record(page)
    assert [incident["fields"]["client"]["v"] for incident in record["incidents"].values()] == ["二件目"]
    assert page.locator("[data-incident-fields] [name=client]").input_value() == "二件目"


@pytest.mark.parametrize("now, offered", [("09:00:30", "10:15"), ("09:14:00", "10:15"), ("09:46:00", "11:00")])
def test_the_next_update_offered_is_an_hour_or_more_ahead_on_the_quarter_hour(context: BrowserContext, server: str,
                                                                             now: str, offered: str) -> None:
    page = context.new_page()
    page.clock.install(time=f"2026-12-04T{now}+09:00")
    page.goto(server + "incident.html")
    page.wait_for_selector(".incident--ready")
    assert page.locator("[data-incident-next-form] [name=due]").input_value() == f"2026-12-04T{offered}"
