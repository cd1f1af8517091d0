"""The handbook text: same structure in both languages, action first, own words, one vocabulary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.build import load_content
from handbook.site import ROOT
from tests.sitepages import page_paths, tags

# The overlap tool and the source article live in the team's shared folder beside the checkout
# (CI lays it there too); HANDBOOK_SHARED names another place.
SHARED = Path(os.environ.get("HANDBOOK_SHARED") or ROOT.parent / "shared")
SOURCE_OVERLAP = SHARED / "tools" / "source_overlap.py"
CRISIS_PAGES = sorted(
    p.relative_to(ROOT / "docs" / "ja").with_suffix(".html").as_posix()
    for p in (ROOT / "docs" / "ja" / "crisis").glob("*.md") if p.stem != "index"
)


def _article(html: str) -> str:
    """The page's main text (Material's <article>), without the site chrome."""
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def _read(site: Path, language: str, page: str) -> str:
    root = site if language == "ja" else site / "en"
    return _article((root / page).read_text(encoding="utf-8"))


def _plain(html: str, between: str = "") -> str:
    """The text of some HTML, tags removed."""
    return re.sub(r"<[^>]+>", between, html)


def _structure(article: str) -> dict[str, object]:
    """Language-independent shape of a page: heading counts, list sizes, link targets."""
    found = tags(article)
    links = sorted({
        attributes["href"].split("#")[0]
        for tag, attributes in found
        if tag == "a" and attributes.get("href", "").endswith(".html")
        and "headerlink" not in attributes.get("class", "")
    })
    return {
        "h2": sum(tag == "h2" for tag, _ in found),
        "h3": sum(tag == "h3" for tag, _ in found),
        "ordered lists": sum(tag == "ol" for tag, _ in found),
        "task items": article.count('class="task-list-item"'),
        "tables": sum(tag == "table" for tag, _ in found),
        "links": links,
    }


def test_every_page_has_the_same_structure_in_both_languages(site: Path) -> None:
    pages = sorted(page_paths(site))
    assert len(pages) >= 25
    differences = {}
    for page in pages:
        japanese, english = (_structure(_read(site, language, page)) for language in ("ja", "en"))
        if japanese != english:
            differences[page] = {key: (japanese[key], english[key])
                                 for key in japanese if japanese[key] != english[key]}
    assert differences == {}


@pytest.mark.parametrize("page", CRISIS_PAGES)
@pytest.mark.parametrize("language, first_heading", [("ja", "今すぐやること"), ("en", "Do this now")])
def test_crisis_pages_open_with_numbered_actions(site: Path, page: str, language: str,
                                                 first_heading: str) -> None:
    article = _read(site, language, page)
    contacts, first_h2, steps = (article.find(marker) for marker in ("contacts-box", "<h2", "<ol>"))
    assert 0 < contacts < first_h2, "the contacts box comes before the first section"
    heading = re.search(r"<h2[^>]*>(.*?)<", article[first_h2:]).group(1).strip()
    assert heading == first_heading
    assert first_h2 < steps < article.find("<h2", first_h2 + 1), "numbered steps in the first section"
    step_count = article[steps:article.find("</ol>", steps)].count("<li")
    assert 3 <= step_count <= 8


@pytest.mark.parametrize("subdir", ["", "en/"])
def test_home_page_leads_with_start_here(site: Path, subdir: str) -> None:
    article = _article((site / subdir / "index.html").read_text(encoding="utf-8"))
    first_link = next(attributes for tag, attributes in tags(article)
                      if tag == "a" and "headerlink" not in attributes.get("class", ""))
    assert first_link["href"] == "crisis/start-here.html"
    assert "md-button--primary" in first_link["class"]
    for path in ("crisis/index.html", "training/index.html", "checklists/index.html"):
        assert f'href="{path}"' in article


# What the summoned president needs between the call and setting off, by section anchor (the same in
# both languages), and words each language's first step must carry.
PRESIDENT_SECTIONS = ["do-this-now", "ask-the-caller", "get-from-the-plant-before-you-leave",
                      "who-runs-the-company-while-you-are-away", "your-commitment-limits", "what-to-wear-and-bring",
                      "your-floor-or-the-clients-plant"]


PRESIDENT_WORDS = {"ja": ("到着時刻", "品質保証協定書", "代理者", "自社の現場", "取引先の工場"),
                   "en": ("arrival time", "quality agreement", "while you are away", "your plant",
                          "the client's plant")}


@pytest.mark.parametrize("language, words", PRESIDENT_WORDS.items())
def test_the_summoned_president_has_a_card_from_the_home_page(site: Path, language: str,
                                                              words: tuple[str, ...]) -> None:
    home = _read(site, language, "index.html")
    links = [attributes["href"] for tag, attributes in tags(home)
             if tag == "a" and "md-button" in attributes.get("class", "")]
    assert links[:2] == ["crisis/start-here.html", "crisis/called-to-the-client.html"]
    card = _read(site, language, "crisis/called-to-the-client.html")
    ids = re.findall(r'<h2 id="([^"]+)"', card)
    assert ids == PRESIDENT_SECTIONS
    text = _plain(card)
    for word in words:
        assert word in text, word
    # Start-here sends the president on to the card.
    start = _read(site, language, "crisis/start-here.html")
    assert 'href="called-to-the-client.html"' in start


PREPARE_SECTIONS = ["what-to-do-at-this-stage", "authority-limits-and-a-deputy", "contracts-and-customer-contacts",
                    "alternative-production", "cash-buffer-and-insurance", "contact-drills"]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_preparation_in_normal_times_has_its_page(site: Path, language: str) -> None:
    page = _read(site, language, "understand/prepare.html")
    assert re.findall(r'<h2 id="([^"]+)"', page) == PREPARE_SECTIONS
    section = _read(site, language, "understand/index.html")
    assert 'href="prepare.html"' in section


# An apology for the impact that does not sign away the company's position (issue 15, item 3).
ADMISSIONS = {"ja": ("弊社の責任であり", "弁解の余地", "弊社の責任として", "すべて弊社で負担"),
              "en": ("our failure", "no excuse", "our responsibility", "pay for everything")}


@pytest.mark.parametrize("subdir, language, lawyer", [("", "ja", "弁護士"), ("en/", "en", "lawyer")])
def test_the_apology_does_not_concede_cause_or_amounts(site: Path, subdir: str, language: str, lawyer: str) -> None:
    letter = (site / subdir / "templates" / "files" / f"apology-letter.{language}.txt").read_text(encoding="utf-8")
    assert [phrase for phrase in ADMISSIONS[language] if phrase.lower() in letter.lower()] == []
    meeting = _read(site, language, "crisis/apology-meeting.html")
    section = meeting[meeting.index('id="before-you-admit-fault"'):]
    section = section[:section.index("<h2", 10)]
    assert lawyer in section
    for words in ({"ja": "品質保証協定書", "en": "quality agreement"},
                  {"ja": "保険会社の同意", "en": "insurer's consent"}, {"ja": "廃棄", "en": "scrap"}):
        assert words[language] in section.replace("&#x27;", "'").replace("&rsquo;", "'"), words[language]


# QA practice a 品証 manager expects on the root-cause page (issue 15, item 5), and its glossary terms.
QA_SECTIONS = ["containment-in-depth", "occurrence-and-escape-causes", "4m-and-change-points",
               "confirm-by-reproducing", "roll-out-and-lock-in", "use-the-clients-format"]
QA_TERMS = {"ja": ("発生原因", "流出原因", "水平展開", "歯止め", "変化点", "8D"),
            "en": ("occurrence cause", "escape cause", "horizontal deployment", "standardization", "change point",
                   "8D")}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_root_cause_page_carries_qa_practice(site: Path, language: str) -> None:
    page = _read(site, language, "crisis/root-cause.html")
    ids = re.findall(r'<h[23] id="([^"]+)"', page)
    assert [anchor for anchor in QA_SECTIONS if anchor not in ids] == []
    text = _plain(page).lower()
    assert [term for term in QA_TERMS[language] if term.lower() not in text] == []
    glossary = _read(site, language, "glossary.html")
    assert [term for term in QA_TERMS[language][:5] if term not in glossary] == []


# Severity triage (issue 15, item 2): four levels, most serious first, each changing the same four things;
# the safety branch names the law, its deadline and the date it was checked.
SEVERITY = {"ja": (["安全・法令", "市場への流出", "取引先の工程に影響",
                    "自社の検査・取引先の受入検査で止まった不良／軽微な納期遅延"],
                   ["指揮と連絡", "取引先への報告", "保険", "届出・回収・封じ込め"],
                   ("消費生活用製品安全法 第35条", "10日以内", "2026年12月4日時点", "製造物責任法")),
            "en": (["Safety or the law", "Escaped to the market", "Into the client's production",
                    "Caught in-house or at the client's incoming inspection, or a minor delay"],
                   ["Who leads, whom to call", "Reports to the client", "Insurance",
                    "Reports, recall, containment"],
                   ("Consumer Product Safety Act", "within 10 days", "December 4, 2026", "Product Liability Act"))}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_severity_triage_sets_who_is_called_cadence_insurer_and_reports(site: Path, language: str) -> None:
    levels, changes, law = SEVERITY[language]
    page = _read(site, language, "crisis/severity.html")
    questions = re.search(r'<div class="severity-questions">(.*?)</div>', page, re.S).group(1)
    names = [_plain(name) for name in re.findall(r"<strong>(.*?)</strong>", questions)]
    assert [re.sub(r"^(重大度|Severity )(\d)[\s—]*", "", name).rstrip(".") for name in names] == levels
    assert [re.match(r"\D*(\d)", name).group(1) for name in names] == ["1", "2", "3", "4"]
    sections = re.split(r'<h3 id="severity-\d', page)[1:]
    assert len(sections) == 4
    for section in sections:
        assert [_plain(label) for label in re.findall(r"<li><strong>(.*?)</strong>", section)] == changes
    assert 'href="safety-and-recall.html"' in page
    safety = _plain(_read(site, language, "crisis/safety-and-recall.html"))
    for words in law:
        assert words in safety, words
    # Start-here: the facts, shipments stopped at once, then triage; the reporting rhythm follows it.
    start = _read(site, language, "crisis/start-here.html")
    steps = re.findall(r"<li>(.*?)</li>", start.split("<ol>", 1)[1].split("</ol>", 1)[0], re.S)
    assert "封じ込め" in steps[1] or "containment" in steps[1], steps[1]
    assert 'href="severity.html"' in steps[2]
    assert 'href="severity.html#what-each-level-changes"' in _read(site, language, "crisis/reporting.html")


# The law as it stands (issue 15, item 4): each law by its official name, the date it was checked, and
# the pages that depend on it pointing to it.
LAW_SECTIONS = ["what-to-do-at-this-stage", "fair-transactions-act", "when-you-are-the-buyer", "customer-harassment",
                "overtime-during-sorting", "laws-and-where-to-ask"]
LAW_WORDS = {"ja": ("2026年12月4日時点", "製造委託等に係る中小受託事業者に対する代金の支払の遅延等の防止に関する法律",
                    "2026年1月1日", "労働施策の総合的な推進並びに労働者の雇用の安定及び職業生活の充実等に関する法律",
                    "2026年10月1日", "労働基準法", "月45時間・年360時間", "年720時間", "60日", "取引かけこみ寺"),
             "en": ("December 4, 2026", "製造委託等に係る中小受託事業者に対する代金の支払の遅延等の防止に関する法律",
                    "Fair Transactions Act", "January 1, 2026", "Act on the Comprehensive Promotion of Labor Policies",
                    "October 1, 2026", "Labor Standards Act", "45 hours of overtime a month and 360 a year",
                    "720 hours a year", "60 days", "Torihiki Kakekomi-dera")}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_law_page_names_each_law_and_when_it_was_checked(site: Path, language: str) -> None:
    page = _read(site, language, "understand/law.html")
    assert re.findall(r'<h2 id="([^"]+)"', page) == LAW_SECTIONS
    text = _plain(page)
    for words in LAW_WORDS[language]:
        assert words in text, words
    # The cash-flow page no longer suggests that a supplier's consent makes late payment lawful.
    cash = _read(site, language, "recover/cash-flow.html")
    assert 'href="../understand/law.html#when-you-are-the-buyer"' in cash
    assert "without their agreement" not in cash and "一方的に遅らせる" not in cash
    demands = _read(site, language, "crisis/unreasonable-demands.html")
    for section in ("customer-harassment", "fair-transactions-act"):
        assert f'href="../understand/law.html#{section}"' in demands
    assert 'href="law.html"' in _read(site, language, "understand/index.html")


# The working forms the pages ask for (issue 15, item 7), each linked from the page that asks for it, and one
# name for the closing report everywhere.
FORMS = {"incident-log": "crisis/roles.html", "promise-list": "crisis/roles.html",
         "question-list": "crisis/reporting.html", "closing-report": "crisis/reporting.html",
         "internal-review": "crisis/severity.html"}
OLD_CLOSING_NAMES = {"ja": ("終結報告書", "最終報告", "正式な収束"), "en": ("final report", "Final report")}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_working_forms_exist_and_the_pages_that_ask_for_them_link_them(site: Path, language: str) -> None:
    listing = _read(site, language, "templates/index.html")
    for form, asking_page in FORMS.items():
        assert f'href="{form}.html"' in listing, form
        assert f'href="../templates/{form}.html"' in _read(site, language, asking_page), (form, asking_page)
        text = _plain(_read(site, language, f"templates/{form}.html"))
        assert ("【" in text) if language == "ja" else ("[" in text), f"{form}: places to fill in"
    for page in page_paths(site):
        text = _plain(_read(site, language, page))
        for old in OLD_CLOSING_NAMES[language]:
            assert old not in text, (page, old)


def test_no_sentence_is_copied_from_the_source_article(tmp_path: Path) -> None:
    if not SOURCE_OVERLAP.exists():
        if os.environ.get("HANDBOOK_SHARED"):  # .ci/run sets it: there, the check must run
            pytest.fail(f"{SOURCE_OVERLAP} is missing")
        pytest.skip(f"{SOURCE_OVERLAP} is not beside this checkout (set HANDBOOK_SHARED)")
    result = subprocess.run([sys.executable, str(SOURCE_OVERLAP), "docs", "overrides", "handbook"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.stdout == ""
    assert result.returncode == 0
    # The tool does find a copied sentence (the check can fail).
    article = (SHARED / "source" / "000_e310de3e5cae98f5.txt").read_text(encoding="utf-8")
    copied = max(article.splitlines(), key=len)[:40]
    sample = tmp_path / "copied.md"
    sample.write_text(copied, encoding="utf-8")
    found = subprocess.run([sys.executable, str(SOURCE_OVERLAP), str(sample)], capture_output=True, text=True)
    assert found.returncode == 1 and "shares" in found.stdout


def _text(site: Path, language: str) -> str:
    root = site if language == "ja" else site / "en"
    text = " ".join(_article((root / page).read_text(encoding="utf-8")) for page in page_paths(root)
                    if page != "glossary.html")
    return _plain(text, " ")


def test_glossary_terms_are_used_in_both_languages(site: Path) -> None:
    japanese, english = _text(site, "ja"), _text(site, "en").lower()
    one_sided = []
    for term in load_content().glossary:
        in_japanese = term.ja in japanese
        in_english = any(form.lower() in english for form in (term.en, *term.en_forms))
        if in_japanese != in_english:
            one_sided.append(f"{term.ja} / {term.en}: {'ja' if in_japanese else 'en'} only")
    assert one_sided == []


def test_glossary_page_lists_every_term_in_both_languages(site: Path) -> None:
    for subdir in ("", "en/"):
        article = _article((site / subdir / "glossary.html").read_text(encoding="utf-8"))
        for term in load_content().glossary:
            assert f'<td lang="ja">{term.ja}</td>' in article
            assert f'<td lang="en">{term.en}</td>' in article


# Guidance pages after the first hours (why-president explains the summons and has no action block).
STAGE_PAGES = ["understand/impact.html", "understand/prepare.html", "understand/law.html", "recover/cash-flow.html",
               "recover/prevention.html",
               "recover/relationship.html", "recover/staff-cooperation.html"]


@pytest.mark.parametrize("language, heading", [("ja", "この段階でやること"), ("en", "What to do")])
def test_later_pages_open_with_one_action_heading(site: Path, language: str, heading: str) -> None:
    # One pattern for the action-first block, so that a reader scanning pages finds it at once.
    for page in STAGE_PAGES:
        article = _read(site, language, page)
        first = re.search(r"<h2[^>]*>(.*?)<", article)
        assert first and first.group(1).strip() == heading, page
