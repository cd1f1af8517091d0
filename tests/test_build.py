"""The built site: both languages, the same pages, nothing loaded from outside."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from handbook.build import load_content
from handbook.pages import PageError, check_parity
from handbook.site import ROOT, BuildError, build
from tests.sitepages import JAPANESE, html_lang, page_paths, tags


def test_both_languages_have_the_same_pages(site: Path) -> None:
    japanese = page_paths(site)
    english = page_paths(site / "en")
    assert "index.html" in japanese
    assert japanese == english
    sources = {p.relative_to(ROOT / "docs" / "ja").with_suffix(".html").as_posix()
               for p in (ROOT / "docs" / "ja").rglob("*.md")}
    content = load_content()
    generated = ({f"checklists/{found.slug}.html" for found in content.checklists}
                 | {f"templates/{found.name}.html" for found in content.letters}
                 | {f"training/quiz-{found.slug}.html" for found in content.quizzes})
    assert not sources & generated
    assert japanese == sources | generated


@pytest.mark.parametrize("language, subdir", [("ja", ""), ("en", "en")])
def test_every_page_declares_its_language(site: Path, language: str, subdir: str) -> None:
    root = site / subdir
    for relative in sorted(page_paths(root)) + ["404.html"]:
        html = (root / relative).read_text(encoding="utf-8")
        assert html_lang(html) == language, relative


def _nav(html: str) -> list[tuple[str, str]]:
    """(href, text) of the primary navigation links, in order."""
    primary = html.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>\n</div>", 1)[0]
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link[^"]*"[^>]*>(.*?)</a>', primary, re.S)
    # Links to sections of the current page (its table of contents) differ by language; skip them.
    return [(href, re.sub(r"<[^>]+>|\s+", " ", text).strip()) for href, text in links
            if not href.startswith("#")]


def test_navigation_is_translated_and_in_the_same_order(site: Path) -> None:
    japanese = _nav((site / "index.html").read_text(encoding="utf-8"))
    english = _nav((site / "en" / "index.html").read_text(encoding="utf-8"))
    assert [href for href, _ in japanese] == [href for href, _ in english]
    assert len(japanese) >= 10
    assert all(JAPANESE.search(text) for _, text in japanese), japanese
    assert not any(JAPANESE.search(text) for _, text in english), english
    assert ("crisis/index.html", "緊急対応") in japanese
    assert ("crisis/index.html", "Crisis response") in english


@pytest.mark.parametrize("subdir, search_label", [("", "検索"), ("en", "Search")])
def test_theme_interface_speaks_the_page_language(site: Path, subdir: str, search_label: str) -> None:
    html = (site / subdir / "index.html").read_text(encoding="utf-8")
    placeholders = [a["placeholder"] for t, a in tags(html) if t == "input" and "placeholder" in a]
    assert placeholders == [search_label]


@pytest.mark.parametrize("subdir", ["", "en"])
def test_tooltips_and_labels_speak_the_page_language(site: Path, subdir: str) -> None:
    # Tooltips (the heading permalinks' "Permanent link", for one) and labels read aloud.
    root = site / subdir
    wrong = set()
    for relative in sorted(page_paths(root)) + ["404.html"]:
        for _, attributes in tags((root / relative).read_text(encoding="utf-8")):
            for name in ("title", "aria-label", "placeholder", "alt"):
                value = attributes.get(name)
                if value and bool(JAPANESE.search(value)) != (subdir == ""):
                    wrong.add(f"{relative}: {name}={value!r}")
    assert sorted(wrong) == []


def test_pages_reference_nothing_outside_the_site(site: Path) -> None:
    for path in site.rglob("*.html"):
        for tag, attributes in tags(path.read_text(encoding="utf-8")):
            for name in ("src", "href"):
                value = attributes.get(name, "")
                if tag == "a" and name == "href":
                    continue  # ordinary links may point anywhere; they load nothing by themselves
                assert not re.match(r"(https?:)?//", value), f"{path}: <{tag} {name}={value}>"
    css = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", css)
    assert "fonts.googleapis.com" not in "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _snapshot(site_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}


def test_a_warning_fails_the_build_and_keeps_the_last_good_site(project_copy: Path) -> None:
    site_dir = project_copy / "site"
    build(site_dir, project_copy)
    before = _snapshot(site_dir)
    _edit(project_copy / "docs" / "en" / "glossary.md", "# Glossary", "# Glossary\n\n[broken](no-such-page.md)")
    with pytest.raises(BuildError, match="no-such-page.md"):
        build(site_dir, project_copy)
    assert _snapshot(site_dir) == before
    assert not list(project_copy.glob(".site.building-*")), "staging folder left behind"


def test_an_undefined_macro_variable_fails_the_build(project_copy: Path) -> None:
    _edit(project_copy / "docs" / "ja" / "about.md", "{{ build_date }}", "{{ no_such_variable }}")
    with pytest.raises(BuildError, match="no_such_variable"):
        build(project_copy / "site", project_copy)
    assert not (project_copy / "site").exists()


def test_a_page_missing_in_one_language_fails_the_check(project_copy: Path) -> None:
    (project_copy / "docs" / "en" / "glossary.md").unlink()
    with pytest.raises(PageError, match="glossary.md"):
        check_parity(project_copy / "docs")
    with pytest.raises(PageError):
        build(project_copy / "site", project_copy)
    result = subprocess.run([sys.executable, "-m", "handbook.site", "check"], capture_output=True, text=True,
                            cwd=project_copy)
    assert result.returncode == 1
    assert "glossary.md" in result.stderr and "one language only" in result.stderr
    assert "Traceback" not in result.stderr


def test_sections_keep_one_anchor_in_both_languages(project_copy: Path, site: Path) -> None:
    # The built pages: a Japanese section has the English section's anchor.
    japanese = (site / "crisis" / "start-here.html").read_text(encoding="utf-8")
    english = (site / "en" / "crisis" / "start-here.html").read_text(encoding="utf-8")
    assert '<h2 id="do-this-now">今すぐやること' in japanese and '<h2 id="do-this-now">Do this now' in english
    # A Japanese heading without an id (its slug would be _1) is named with the id it needs.
    _edit(project_copy / "docs" / "ja" / "crisis" / "start-here.md", " { #do-this-now }", "")
    with pytest.raises(PageError) as failure:
        check_parity(project_copy / "docs")
    message = str(failure.value)
    assert "start-here.md:12: 今すぐやること" in message and "{ #do-this-now }" in message
    # One language with a section more.
    start_here = project_copy / "docs" / "ja" / "crisis" / "start-here.md"
    _edit(start_here, "今すぐやること", "今すぐやること { #do-this-now }")
    _edit(project_copy / "docs" / "en" / "glossary.md", "\n## ", "\n## Extra\n\n## ")
    with pytest.raises(PageError, match="glossary.md"):
        check_parity(project_copy / "docs")


def test_build_command_reports_errors_without_a_traceback(project_copy: Path) -> None:
    _edit(project_copy / "docs" / "ja" / "about.md", "{{ build_date }}", "{{ no_such_variable }}")
    # The copy carries its own handbook package, so `python -m` there builds the copy.
    result = subprocess.run([sys.executable, "-m", "handbook.site", "build"],
                            capture_output=True, text=True, cwd=project_copy)
    assert result.returncode == 1
    assert result.stderr.startswith("error: the mkdocs.yml build failed")
    assert "no_such_variable" in result.stderr


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.en.yml"])
def test_the_plain_mkdocs_command_also_builds(config: str, tmp_path: Path) -> None:
    # Someone who knows MkDocs may run `mkdocs build` or `mkdocs serve` directly.
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict", "-q", "-f", config, "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "checklists" / "first-response.html").is_file()


def test_offline_zip_holds_both_languages(offline_bundle: Path) -> None:
    with zipfile.ZipFile(offline_bundle) as archive:
        names = set(archive.namelist())
    assert "crisis-handbook/index.html" in names
    assert "crisis-handbook/en/index.html" in names
    assert "crisis-handbook/search/search_index.js" in names
    assert "crisis-handbook/en/search/search_index.js" in names


def test_serve_on_a_busy_port_says_which_port_and_how_to_pick_another() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "handbook.site", "serve", "--port", str(port)],
                                capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"ポート {port} は別のプログラムが使っています" in result.stderr
    assert f"Port {port} is in use" in result.stderr and f"make serve PORT={port + 1}" in result.stderr
    assert "built" not in result.stdout  # said at once, before building
