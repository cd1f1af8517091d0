"""Smoke scenarios run alike in Chromium, Firefox and WebKit (the engine of Safari).

One browser session per engine for the whole run, each engine in its own pytest-xdist group;
how each is driven is in tests/engines/. The rest of the suite goes deeper in Chromium alone.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook.build import load_content
from tests.browser import NO_RESULTS, PROMPTS, RESULT_LINKS, SEARCH_INPUT
from tests.engines import Engine, Unsupported
from tests.engines.chromium import ChromiumEngine
from tests.engines.firefox import FirefoxEngine
from tests.engines.webkit import WebKitEngine
from tests.example_profile import CHAIN
from tests.pdftext import in_pdf_text
from tests.test_incident_documents import check_word_file

ENGINES = ("chromium", "firefox", "webkit")
LANGUAGES = [pytest.param("", "ja", id="ja"), pytest.param("en/", "en", id="en")]
TITLES = {"ja": "危機対応ハンドブック", "en": "Crisis-Response Handbook"}
READY = "document.querySelector('[data-checklist][data-ready]') !== null"
TICKED = "[...document.querySelectorAll('.checklist__item input')].flatMap((box, n) => box.checked ? [n] : [])"
# Material's search shows its prompt once its worker has loaded the index.
PROMPT_SHOWN = f"{json.dumps(PROMPTS)}.includes(document.querySelector('.md-search-result__meta')?.textContent.trim())"
COPY = ".letter .md-code__button[data-md-type=copy]"
# Material's notice after a copy (its translations of clipboard.copied).
COPIED = {"ja": "コピーしました", "en": "Copied to clipboard"}
SCHEME = "document.body.getAttribute('data-md-color-scheme')"
PALETTE_TOGGLE = "form[data-md-component=palette] label:not([hidden])"
PHONE = (390, 844)
SCROLL_HINT = {"ja": "横にスクロール", "en": "Scroll sideways"}
# The call buttons on screen, with their place: what a thumb finds.
CALL_BUTTONS = ("[...document.querySelectorAll('.contacts-box a[href^=\"tel:\"]')]"
                ".filter((a) => a.getClientRects().length > 0)"
                ".map((a) => { const r = a.getBoundingClientRect();"
                " return {href: a.getAttribute('href'), top: r.top, bottom: r.bottom, height: r.height}; })")
# The handbook's own records in this browser (the incident file); other scenarios' choices stay.
FORGET_INCIDENTS = ("Object.keys(localStorage).filter((key) => key.startsWith('crisis-handbook:'))"
                    ".forEach((key) => localStorage.removeItem(key))")
INCIDENT_READY = "document.querySelector('.incident--ready') !== null"
BAR = ("[document.querySelector('[data-incident-bar]').hidden,"
       " document.querySelector('[data-incident-bar]').dataset.state,"
       " document.querySelector('[data-incident-bar-text]').textContent]")
# A navigation entry that must not show on a printed checklist.
NAVIGATION = {"ja": "用語集", "en": "Glossary"}


def _start(name: str, request: pytest.FixtureRequest, downloads: Path) -> Engine:
    if name == "chromium":
        return ChromiumEngine(request.getfixturevalue("browser"), downloads)  # the suite's Chromium
    if name == "firefox":
        return FirefoxEngine(downloads)
    return WebKitEngine(downloads)


@pytest.fixture(scope="session", params=[pytest.param(name, marks=pytest.mark.xdist_group(name)) for name in ENGINES])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One page in one engine, for every scenario of the run."""
    started = _start(request.param, request, tmp_path_factory.mktemp(f"{request.param}-downloads"))
    yield started
    started.close()


def _base(via: str, server: str, offline_site: Path) -> str:
    return server if via == "http" else offline_site.as_uri() + "/"


def _search(engine: Engine, query: str, timeout: float = 15.0) -> list[str]:
    """Type a query into Material's search box; the result pages, best first (as tests/browser.py)."""
    engine.click(SEARCH_INPUT)
    # The prompt shows once the search worker has its index; a query typed before that is ignored.
    engine.wait_for(PROMPT_SHOWN, timeout)
    engine.type(SEARCH_INPUT, query)
    engine.press(SEARCH_INPUT, "End")  # Material searches on keyup; typed Japanese may bring none
    results = f"[...document.querySelectorAll('{RESULT_LINKS}')].map(link => link.href)"
    meta = "document.querySelector('.md-search-result__meta')?.textContent ?? ''"
    deadline = time.monotonic() + timeout
    last: list[str] | None = None
    steady = 0
    while time.monotonic() < deadline:
        current, text = engine.evaluate(f"[{results}, {meta}]")
        none_found = any(words in text for words in NO_RESULTS)
        steady = steady + 1 if current == last and (current or none_found) else 0
        if steady >= 3:
            break
        if not current and not none_found:
            engine.press(SEARCH_INPUT, "End")
        last = current
        time.sleep(0.1)
    else:
        raise TimeoutError(f"{engine.name}: no steady results for {query!r} within {timeout} s")
    return list(dict.fromkeys(href.split("#")[0].split("?")[0] for href in last or []))


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_home_page_loads_without_errors(engine: Engine, server: str, subdir: str, language: str) -> None:
    engine.errors()
    engine.goto(server + subdir + "index.html")
    title, lang, heading = engine.evaluate(
        "[document.title, document.documentElement.lang,"
        " document.querySelector('article h1').textContent.replace('¶', '').trim()]")
    assert (title, lang, heading) == (TITLES[language], language, TITLES[language])
    # Material's scripts ran: the search worker has loaded its index and shows its prompt.
    engine.wait_for(PROMPT_SHOWN)
    assert engine.errors() == []
    # And the errors would have been seen: one thrown now is reported.
    engine.evaluate("void setTimeout(() => { throw new Error('engine-probe'); }, 0)")
    seen: list[str] = []
    deadline = time.monotonic() + 5
    while not any("engine-probe" in error for error in seen) and time.monotonic() < deadline:
        time.sleep(0.05)
        seen += engine.errors()
    assert any("engine-probe" in error for error in seen), seen


def test_language_menu_leads_to_the_same_page_and_section_and_back(engine: Engine, server: str) -> None:
    engine.goto(server + "crisis/start-here.html")
    sections = engine.evaluate("[...document.querySelectorAll('article h2[id]')].map((h) => h.id)")
    engine.evaluate(f"document.getElementById('{sections[-1]}').scrollIntoView()")  # reading the last section
    for language, page in (("en", "en/crisis/start-here.html"), ("ja", "crisis/start-here.html")):
        engine.hover(".md-header__option .md-select")
        engine.follow(f".md-select__link[hreflang={language}]")
        assert engine.url == f"{server}{page}#{sections[-1]}"
        assert engine.evaluate("document.documentElement.lang") == language


def test_dark_or_light_choice_holds_across_languages(engine: Engine, server: str) -> None:
    engine.goto(server + "crisis/start-here.html")
    before = engine.evaluate(SCHEME)
    engine.click(PALETTE_TOGGLE)
    chosen = engine.wait_for(f"{SCHEME} !== {json.dumps(before)} && {SCHEME}")
    engine.hover(".md-header__option .md-select")
    engine.follow(".md-select__link[hreflang=en]")
    assert engine.evaluate(SCHEME) == chosen
    engine.click(PALETTE_TOGGLE)  # back as it was, for the other scenarios
    assert engine.wait_for(f"{SCHEME} === {json.dumps(before)}")


@pytest.mark.parametrize("via, subdir, title", [pytest.param("http", "", "ページが見つかりません", id="ja-http"),
                                                pytest.param("file", "en/", "Page not found", id="en-file")])
def test_a_missing_page_shows_the_editions_404_page(engine: Engine, server: str, offline_site: Path, via: str,
                                                    subdir: str, title: str) -> None:
    root = _base(via, server, offline_site)
    address = root + subdir + ("crisis/gone/deeper.html" if via == "http" else "404.html")
    engine.errors()
    engine.goto(address)
    heading = engine.evaluate("document.querySelector('article h1').textContent.replace('¶', '').trim()")
    assert heading == title
    # Styled (the stylesheets were found) and its menu leads into its own edition.
    assert engine.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    menu = engine.evaluate("[...document.querySelectorAll('.md-nav--primary a.md-nav__link[href]')].map((a) => a.href)")
    assert menu and all(link.startswith(root + subdir) and "/en/en/" not in link for link in menu), menu
    # Chromium reports the page's own status as an error; anything else (an asset not found) counts.
    assert [error for error in engine.errors() if not error.endswith(f"404 (Not Found) ({address})")] == []


def _on_a_phone(engine: Engine, url: str) -> None:
    """Open a page in a frame the size of a phone's screen, its own viewport (WebKitGTK's window
    cannot be made as narrow as a phone); `_phone` evaluates in it."""
    engine.goto(url)
    engine.evaluate("new Promise((done) => { const frame = document.createElement('iframe');"
                    f" frame.id = 'phone'; frame.style.cssText = 'width: {PHONE[0]}px; height: {PHONE[1]}px;"
                    " border: 0; display: block'; frame.onload = () => done(true); frame.src = location.href;"
                    " document.body.replaceChildren(frame); window.scrollTo(0, 0); })")
    assert _phone(engine, "[window.innerWidth, window.innerHeight]") == list(PHONE)


def _phone(engine: Engine, expression: str) -> object:
    return engine.evaluate("((window, document) => (" + expression + "))"
                           "(document.getElementById('phone').contentWindow,"
                           " document.getElementById('phone').contentDocument)")


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_on_a_phone_the_first_people_to_call_are_buttons_on_the_first_screen(engine: Engine, server: str,
                                                                            subdir: str, language: str) -> None:
    # The home page's two entries (start here; the summoned president's card) on the first screen.
    _on_a_phone(engine, server + subdir + "index.html")
    entries = _phone(engine, "['a.start-here', 'a.called-to-the-client'].map((css) => {"
                             " const r = document.querySelector(css).getBoundingClientRect();"
                             " return [r.top, r.bottom, r.height]; })")
    assert isinstance(entries, list)
    assert all(0 <= top and bottom <= PHONE[1] and height >= 48 for top, bottom, height in entries), entries
    _on_a_phone(engine, server + subdir + "crisis/start-here.html")
    buttons = _phone(engine, CALL_BUTTONS)
    assert isinstance(buttons, list)
    assert [button["href"] for button in buttons[:2]] == [f"tel:{person.tel}" for person in CHAIN[:2]]
    for button in buttons[:2]:
        assert button["height"] >= 48 and 0 <= button["top"] and button["bottom"] <= PHONE[1], button
    assert _phone(engine, "document.documentElement.scrollWidth") <= PHONE[0]
    # A table wider than the phone says that it scrolls, in the page's language.
    _on_a_phone(engine, server + subdir + "crisis/reporting.html")
    hints = _phone(engine, "[...document.querySelectorAll('.table-scroll-hint')].map((hint) => hint.textContent)")
    assert isinstance(hints, list) and hints and all(SCROLL_HINT[language] in hint for hint in hints), hints
    assert _phone(engine, "document.documentElement.scrollWidth") <= PHONE[0]


# Each language and each way of opening the handbook once: Japanese from the offline bundle as on a
# USB stick, English from a web server (test_search.py runs the full matrix in Chromium).
@pytest.mark.parametrize("via, subdir, query", [pytest.param("file", "", "謝罪", id="ja-file"),
                                                pytest.param("http", "en/", "apology", id="en-http")])
def test_search_finds_the_page(engine: Engine, server: str, offline_site: Path, via: str, subdir: str,
                               query: str) -> None:
    root = _base(via, server, offline_site) + subdir
    engine.goto(root + "index.html")
    results = _search(engine, query)
    assert root + "crisis/apology-meeting.html" in results[:5], results
    assert all(url.startswith(root) for url in results), results
    if not subdir:
        assert not [url for url in results if url.startswith(root + "en/")], results


def _open_unticked(engine: Engine, url: str) -> None:
    """Open a checklist with no ticks stored (the session is shared with the other scenarios)."""
    engine.goto(url)
    engine.wait_for(READY)
    engine.evaluate(FORGET_INCIDENTS)
    engine.reload()
    engine.wait_for(READY)


@pytest.mark.parametrize("via", ["http", "file"])
def test_ticks_survive_a_reload(engine: Engine, server: str, offline_site: Path, via: str) -> None:
    _open_unticked(engine, _base(via, server, offline_site) + "checklists/first-response.html")
    assert engine.evaluate(TICKED) == []
    engine.click(".checklist__item:nth-child(2) label")
    engine.click(".checklist__item:nth-child(4) label")
    assert engine.evaluate(TICKED) == [1, 3]
    assert engine.evaluate("document.querySelector('[data-checklist-done]').textContent") == "2"
    engine.reload()
    engine.wait_for(READY)
    assert engine.evaluate(TICKED) == [1, 3]
    times = engine.evaluate("[...document.querySelectorAll('.checklist__item [data-checklist-time]')]"
                            ".map(time => time.textContent)")
    assert [n for n, text in enumerate(times) if text] == [1, 3], times


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_letter_copies_and_downloads_its_text(engine: Engine, server: str, site: Path, subdir: str,
                                              language: str) -> None:
    name = f"apology-letter.{language}.txt"
    letter = (site / subdir / "templates" / "files" / name).read_bytes()
    text = letter.decode("utf-8-sig").replace("\r\n", "\n")  # the file: BOM and Windows line endings
    engine.goto(server + subdir + "templates/apology-letter.html")
    assert engine.evaluate("document.querySelector('.letter__text code').textContent") == text
    engine.click(COPY)
    notice = "document.querySelector('.md-dialog--active .md-dialog__inner')?.textContent"
    assert engine.wait_for(notice) == COPIED[language]
    assert engine.clipboard() == text.removesuffix("\n")  # Material drops the final line break
    assert engine.download(".letter a[download$='.txt']") == (name, letter)


@pytest.mark.parametrize("via", ["http", "file"])
def test_letters_download_as_word_and_text_files(engine: Engine, server: str, offline_site: Path, site: Path,
                                                 via: str) -> None:
    # From the offline bundle the page makes the files itself (browsers open a file:// link in the tab).
    engine.goto(_base(via, server, offline_site) + "templates/prevention-report.html")
    files = site / "templates" / "files"
    assert engine.download(".letter a[download$='.docx']") == ("prevention-report.ja.docx",
                                                               (files / "prevention-report.ja.docx").read_bytes())
    assert engine.download(".letter a[download$='.txt']") == ("prevention-report.ja.txt",
                                                              (files / "prevention-report.ja.txt").read_bytes())


def _longest(language: str) -> str:
    checklists = load_content().checklists
    return max(checklists,
               key=lambda found: (len(found.items), sum(len(item.text(language)) for item in found.items))).slug


@pytest.mark.parametrize("subdir, language", LANGUAGES)
def test_longest_checklist_prints_on_one_a4_sheet(engine: Engine, server: str, subdir: str, language: str) -> None:
    _open_unticked(engine, f"{server}{subdir}checklists/{_longest(language)}.html")
    # Every item ticked, each with its time: the longest a sheet gets.
    engine.evaluate("document.querySelectorAll('.checklist__item label').forEach(label => label.click())")
    assert engine.evaluate("document.querySelectorAll('.checklist__item input:not(:checked)').length") == 0
    try:
        pdf = PdfReader(io.BytesIO(engine.pdf()))
    except Unsupported as reason:
        pytest.skip(str(reason))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, "A4 in points"
    printed = pdf.pages[0].extract_text()
    last = engine.evaluate("document.querySelector('.checklist__item:last-child label').textContent")
    assert in_pdf_text(last, printed), (last, printed)
    assert not in_pdf_text(NAVIGATION[language], printed)  # no site navigation on the sheet


def _new_incident(engine: Engine, url: str, client: str) -> None:
    """The incident page with no incident kept, then one started for this client."""
    engine.goto(url)
    engine.wait_for(INCIDENT_READY)
    engine.evaluate(FORGET_INCIDENTS)
    engine.reload()
    engine.wait_for(INCIDENT_READY)
    engine.click("[data-incident-new]")
    engine.type("[data-incident-fields] [name=client]", client)


@pytest.mark.parametrize("via", ["http", "file"])
def test_an_incident_is_started_logged_counted_down_and_exported(engine: Engine, server: str, offline_site: Path,
                                                                  via: str) -> None:
    base = _base(via, server, offline_site)
    _new_incident(engine, base + "incident.html", "Tokai")
    engine.click("[data-incident-log-form] [name=text]")  # leaving the field saves it
    engine.type("[data-incident-log-form] [name=text]", "Shipments stopped")
    engine.click("[data-incident-log-form] [type=submit]")
    assert engine.evaluate("document.querySelector('[data-incident-log]').textContent").endswith("Shipments stopped")
    engine.click("[data-incident-next-form] [type=submit]")  # the time offered: the next quarter hour, an hour on
    name, content = engine.download("[data-incident-export]")
    exported = json.loads(content)
    assert name.startswith("incident-") and name.endswith(".json")
    assert exported["incident"]["fields"].get("client", {}).get("v") == "Tokai", json.dumps(exported)
    assert [entry["text"] for entry in exported["incident"]["log"]][0] == "Shipments stopped"
    engine.goto(base + "en/crisis/start-here.html")
    hidden, state, text = engine.wait_for(f"(() => {{ const bar = {BAR}; return bar[0] ? null : bar; }})()")
    assert state == "due" and "Tokai" in text and "in 1 h" in text, text
    engine.click("[data-incident-bar-keep]")
    assert engine.evaluate(BAR)[1] == "unset"
    engine.evaluate(FORGET_INCIDENTS)


@pytest.mark.parametrize("via", ["http", "file"])
def test_a_report_is_filled_from_the_incident_and_saved_as_word_and_text(engine: Engine, server: str,
                                                                        offline_site: Path, via: str,
                                                                        tmp_path: Path) -> None:
    base = _base(via, server, offline_site)
    _new_incident(engine, base + "en/incident.html", "Tokai Motors")
    engine.click("[data-incident-fields] [name=product]")  # leaving the field saves it
    engine.type("[data-incident-fields] [name=product]", "B-120 brackets")
    engine.click("[data-incident-log-form] [name=text]")
    engine.evaluate("(() => { const type = document.querySelector('[data-incident-fields] [name=type]');"
                    " type.value = 'quality'; type.dispatchEvent(new Event('change', {bubbles: true}));"
                    " document.querySelector('[data-incident-doc]').value = 'progress-report'; })()")
    engine.type("[data-incident-log-form] [name=text]", "Shipments stopped")
    engine.click("[data-incident-log-form] [type=submit]")
    name, content = engine.download("[data-incident-doc-make=docx]", timeout=20)
    assert name.startswith("progress-report-") and name.endswith(".en.docx")
    (tmp_path / name).write_bytes(content)
    text, _ = check_word_file(tmp_path / name, "en")
    assert "Tokai Motors" in text and "Progress report no. [NUMBER]: defects in B-120 brackets" in text
    name, content = engine.download("[data-incident-doc-make=txt]", timeout=20)
    assert name.endswith(".en.txt") and content.startswith(b"\xef\xbb\xbf") and b"Tokai Motors\r\n" in content
    engine.evaluate(FORGET_INCIDENTS)
