"""What the smoke scenarios ask of a browser engine, whichever tool drives it."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

# Names of files a browser writes while a download is still running.
PARTIAL_SUFFIXES = (".part", ".download", ".crdownload", ".wkdownload")
# A download is taken once its name and size have stayed the same for this many polls (50 ms apart).
STEADY_POLLS = 4


class Unsupported(Exception):
    """The engine, or the tool that drives it, cannot do this; the message says which and why."""


class Engine(ABC):
    """One browser page, driven with real mouse and key events.

    Expressions are JavaScript evaluated in the page; they may return a promise, and their value
    comes back as JSON. Key names are the DOM's (``End``, ``Escape``, ``Enter``).
    """

    name: str
    version: str = ""

    def __init__(self, downloads: Path) -> None:
        self.downloads = downloads

    @abstractmethod
    def goto(self, url: str) -> None:
        """Open an address and wait for its load event."""

    @property
    @abstractmethod
    def url(self) -> str:
        """The current page's address."""

    @abstractmethod
    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression (a promise is awaited)."""

    @abstractmethod
    def click(self, css: str) -> None:
        """Click the centre of the first element that matches."""

    @abstractmethod
    def follow(self, css: str) -> None:
        """Click a link and wait until the page it leads to has loaded."""

    @abstractmethod
    def hover(self, css: str) -> None:
        """Move the mouse over an element."""

    @abstractmethod
    def type(self, css: str, text: str) -> None:
        """Type text into an element, a key event per character where the keyboard has the key."""

    @abstractmethod
    def press(self, css: str, key: str) -> None:
        """Press one key (``End``, ``Escape``, ``Enter``) with an element focused."""

    @abstractmethod
    def reload(self) -> None:
        """Reload the page and wait for its load event."""

    @abstractmethod
    def errors(self) -> list[str]:
        """Uncaught errors and console errors since the last call."""

    @abstractmethod
    def pdf(self) -> bytes:
        """The page printed to PDF on A4 paper, or Unsupported."""

    @abstractmethod
    def close(self) -> None:
        """End the browser session."""

    def wait_for(self, expression: str, timeout: float = 10.0) -> Any:
        """Wait until an expression is truthy in the page and return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: still false after {timeout} s: {expression}")
            time.sleep(0.05)

    def clipboard(self) -> str:
        """The text on the clipboard (each engine is set up to let the page read it)."""
        return self.evaluate("navigator.clipboard.readText()")

    def download(self, css: str, timeout: float = 10.0) -> tuple[str, bytes]:
        """Click what starts a download; the saved file's name and bytes."""
        for path in self.downloads.iterdir():  # so that a file of the same name is not renamed or taken
            path.unlink()
        self.click(css)
        deadline = time.monotonic() + timeout
        last: tuple[str, int] | None = None
        steady = 0
        while time.monotonic() < deadline:
            found = list(self.downloads.iterdir())
            try:
                if len(found) == 1 and not found[0].name.endswith(PARTIAL_SUFFIXES):
                    current = (found[0].name, found[0].stat().st_size)
                    # Written completely: the same name and size for a while (Firefox may write a
                    # file under a temporary name first and rename it when done).
                    steady = steady + 1 if current == last else 0
                    if steady >= STEADY_POLLS:
                        return found[0].name, found[0].read_bytes()
                    last = current
            except FileNotFoundError:  # renamed or moved between listing and reading it
                last, steady = None, 0
            time.sleep(0.05)
        raise TimeoutError(f"{self.name}: no download in {self.downloads} within {timeout} s after clicking {css}")
