"""Debian's Firefox ESR through puppeteer-core over WebDriver BiDi (no geckodriver).

A long-lived ``node firefox_bridge.mjs`` runs puppeteer; this class sends it one JSON command a
line and reads one JSON reply a line, each with a deadline, so a stuck browser fails the test
instead of hanging the run.
"""

from __future__ import annotations

import base64
import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, IO

from handbook.site import ROOT
from tests.engines.base import Engine

BRIDGE = Path(__file__).with_name("firefox_bridge.mjs")
FIREFOX = "/usr/bin/firefox-esr"
START_TIMEOUT = 60.0
TIMEOUT = 20.0


class BridgeError(RuntimeError):
    """The bridge, or puppeteer behind it, reported a failure."""


class FirefoxEngine(Engine):
    name = "firefox"

    def __init__(self, downloads: Path) -> None:
        super().__init__(downloads)
        node = shutil.which("node")
        if node is None or not Path(FIREFOX).exists():
            raise RuntimeError(f"firefox: needs node and {FIREFOX} (scripts/system-deps.sh test installs them)")
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            raise RuntimeError("firefox: node_modules/puppeteer-core is missing: run `npm ci` (make test does)")
        self._log = downloads.parent / f"{downloads.name}-bridge.log"
        with self._log.open("w", encoding="utf-8") as log:
            self._process = subprocess.Popen(
                [node, str(BRIDGE), FIREFOX, str(downloads)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=log, text=True, encoding="utf-8")
        self._replies: queue.Queue[str | None] = queue.Queue()
        assert self._process.stdout is not None
        threading.Thread(target=self._read, args=(self._process.stdout,), daemon=True).start()
        try:
            self.version = self._reply(START_TIMEOUT, "start")
        except BaseException:
            self._process.kill()
            raise

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._replies.put(line)
        self._replies.put(None)

    def _reply(self, timeout: float, what: str) -> Any:
        try:
            line = self._replies.get(timeout=timeout)
        except queue.Empty:
            self._process.kill()
            raise TimeoutError(f"firefox: no answer to {what} within {timeout} s (bridge killed)") from None
        if line is None:
            log = self._log.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise BridgeError(f"firefox: the bridge ended during {what} (exit code {self._process.wait(5)}): {log}")
        reply = json.loads(line)
        if "error" in reply:
            raise BridgeError(f"firefox: {reply['error']}")
        return reply["ok"]

    def _send(self, cmd: str, timeout: float = TIMEOUT, **args: Any) -> Any:
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        self._process.stdin.flush()
        return self._reply(timeout, cmd)

    def goto(self, url: str) -> None:
        self._send("goto", url=url)

    @property
    def url(self) -> str:
        return self._send("url")

    def evaluate(self, expression: str) -> Any:
        return self._send("evaluate", expression=expression)

    def click(self, css: str) -> None:
        self._send("click", selector=css)

    def follow(self, css: str) -> None:
        self._send("clickAndWait", selector=css)

    def hover(self, css: str) -> None:
        self._send("hover", selector=css)

    def type(self, css: str, text: str) -> None:
        self._send("type", selector=css, text=text)

    def press(self, css: str, key: str) -> None:
        self._send("press", selector=css, key=key)

    def reload(self) -> None:
        self._send("reload")

    def errors(self) -> list[str]:
        return self._send("errors")

    def pdf(self) -> bytes:
        return base64.b64decode(self._send("pdf", timeout=60.0))

    def close(self) -> None:
        try:
            self._send("close", timeout=15.0)
        except (BridgeError, TimeoutError, OSError):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait(timeout=10)
