"""Debian's Chromium through Playwright (the browser the rest of the suite uses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage

from tests.engines.base import Engine

TIMEOUT_MS = 10_000


class ChromiumEngine(Engine):
    name = "chromium"

    def __init__(self, browser: Browser, downloads: Path) -> None:
        super().__init__(downloads)
        self.version = browser.version
        self._context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self._context.grant_permissions(["clipboard-read", "clipboard-write"])
        self._page = self._context.new_page()
        self._page.set_default_timeout(TIMEOUT_MS)
        self._errors: list[str] = []
        self._page.on("console", self._on_console)
        self._page.on("pageerror", lambda error: self._errors.append(f"{error} ({self._page.url})"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":  # where it happened: a resource that failed, else the page
            self._errors.append(f"{message.text} ({message.location.get('url') or self._page.url})")

    def goto(self, url: str) -> None:
        self._page.goto(url)

    @property
    def url(self) -> str:
        return self._page.url

    def evaluate(self, expression: str) -> Any:
        return self._page.evaluate(f"async () => ({expression})")

    def click(self, css: str) -> None:
        self._page.locator(css).first.click()

    def _centre(self, css: str) -> tuple[float, float]:
        """Where the pointer goes for an element. Playwright's own hover and click scroll even an
        element already on screen (one in the sticky header), which would move the reader's place."""
        element = self._page.locator(css).first
        element.wait_for(state="visible")
        box = element.bounding_box()
        viewport = self._page.viewport_size
        if box is None or viewport is None or not (0 <= box["y"] and box["y"] + box["height"] <= viewport["height"]):
            element.scroll_into_view_if_needed()
            box = element.bounding_box()
        assert box is not None, css
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def follow(self, css: str) -> None:
        x, y = self._centre(css)
        with self._page.expect_navigation():
            self._page.mouse.click(x, y)

    def hover(self, css: str) -> None:
        self._page.mouse.move(*self._centre(css))

    def type(self, css: str, text: str) -> None:
        self._page.locator(css).first.press_sequentially(text)

    def press(self, css: str, key: str) -> None:
        self._page.locator(css).first.press(key)

    def reload(self) -> None:
        self._page.reload()

    def errors(self) -> list[str]:
        self._page.evaluate("0")  # a round trip: Playwright delivers the events that came before it
        found, self._errors = self._errors, []
        return found

    def pdf(self) -> bytes:
        return self._page.pdf(format="A4")

    def download(self, css: str, timeout: float = 10.0) -> tuple[str, bytes]:
        with self._page.expect_download(timeout=timeout * 1000) as info:
            self._page.locator(css).first.click()
        download = info.value
        target = self.downloads / download.suggested_filename
        download.save_as(target)
        return download.suggested_filename, target.read_bytes()

    def close(self) -> None:
        self._context.close()
