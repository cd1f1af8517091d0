"""Shared fixtures: one real build of the handbook, an HTTP server for it, and Chromium."""

from __future__ import annotations

import fcntl
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _pytest.nodeid import coerce_node_id
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, Request, sync_playwright

from support.chromium import launch
from support.serve import serve
from handbook.site import ROOT, build, pack_offline

# What a project copy needs to build (see project_copy).
PROJECT_FILES = ("docs", "overrides", "handbook", "profiles", "mkdocs.yml", "mkdocs.en.yml")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Make `--dist loadgroup` keep each xdist_group on one worker (one browser per engine).

    pytest-xdist 3.8 (the newest here) marks the group in ``item._nodeid``, which pytest 9.2 no
    longer reads; without this, the marks are ignored and every worker starts every engine.
    """
    if not getattr(config.option, "loadgroup", False):  # set by xdist for --dist loadgroup
        return
    for item in items:
        groups = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                         for mark in item.iter_markers("xdist_group")})
        if groups and "@" not in item.nodeid:
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(groups)}")  # type: ignore[attr-defined]


def _once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once for the whole run, shared by every pytest-xdist worker."""
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / f"{name}.done").exists():
            shutil.rmtree(target, ignore_errors=True)
            make(target)
            (shared / f"{name}.done").touch()
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built once for the whole run, exactly as `make build` does."""
    return _once(tmp_path_factory, "build", lambda folder: build(folder / "site")) / "site"


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Path:
    """The offline bundle as `make offline` packs it (from the same build)."""
    return _once(tmp_path_factory, "bundle", lambda folder: pack_offline(site, folder / "handbook-offline.zip")) \
        / "handbook-offline.zip"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory, offline_bundle: Path) -> Path:
    """The offline bundle unzipped like a manager would."""
    def unzip(folder: Path) -> None:
        with zipfile.ZipFile(offline_bundle) as archive:
            archive.extractall(folder)
    return _once(tmp_path_factory, "offline", unzip) / "crisis-handbook"


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


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile for one test (its own localStorage), on a phone-sized screen in
    Japan, where downloads are kept."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 390, "height": 844},
                                  timezone_id="Asia/Tokyo")
    yield context
    context.close()


@dataclass
class Watched:
    """A browser page plus everything it logged and requested."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def watch(page: Page) -> Watched:
    """Record a page's console errors and requests from now on."""
    record = Watched(page)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            record.console_errors.append(f"{message.text} ({page.url})")

    def on_request(request: Request) -> None:
        record.requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: record.console_errors.append(f"{error} ({page.url})"))
    page.on("request", on_request)
    return record


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh browser context whose console errors and requests are recorded."""
    context = browser.new_context()
    yield watch(context.new_page())
    context.close()


def copy_parts(source: Path, target: Path, names: tuple[str, ...]) -> Path:
    """Copy some files and folders of ``source`` into a new folder ``target``."""
    target.mkdir()
    for name in names:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / name, target / name)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the project's sources, for tests that break them on purpose."""
    return copy_parts(ROOT, tmp_path / "project", PROJECT_FILES)
