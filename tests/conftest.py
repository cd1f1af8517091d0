"""Shared fixtures: one real build of the handbook, an HTTP server for it, and Chromium."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from benchmarks.chromium import launch
from benchmarks.serve import serve
from handbook.site import ROOT, build, make_offline_zip

# What a project copy needs to build (see project_copy).
PROJECT_FILES = ("docs", "overrides", "handbook", "profiles", "mkdocs.yml", "mkdocs.en.yml")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built once for the whole session, exactly as `make build` does."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    build(site_dir)
    return site_dir


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle exactly as `make offline` writes it, unzipped like a manager would."""
    work = tmp_path_factory.mktemp("offline")
    bundle = make_offline_zip(work / "site", work / "dist" / "handbook-offline.zip")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / "crisis-handbook"


@pytest.fixture
def temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty temporary folder ($TMPDIR) for one test: where compiled templates are kept."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """Base URL (ending in /) of a local HTTP server for the built site."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (its own browser download is not used)."""
    browser = launch(playwright_instance)
    yield browser
    browser.close()


@dataclass
class Watched:
    """A browser page plus everything it logged and requested."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh browser context whose console errors and requests are recorded."""
    context = browser.new_context()
    page = context.new_page()
    record = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            record.console_errors.append(f"{message.text} ({page.url})")

    def on_request(request: Request) -> None:
        record.requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: record.console_errors.append(f"{error} ({page.url})"))
    page.on("request", on_request)
    yield record
    context.close()


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project's sources, for tests that break them on purpose."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    return copy
