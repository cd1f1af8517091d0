"""WebKitGTK (the engine of Safari) through Debian's WebKitWebDriver and Selenium.

WebKitGTK has no headless mode: it runs on a private Xvfb display started here (without a
display the driver hangs without a word). Every call to the driver has a deadline. The driver
does not pass on console messages, so a listener injected after each load collects errors.
"""

from __future__ import annotations

import base64
import glob
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from selenium.common.exceptions import (ElementClickInterceptedException, ElementNotInteractableException,
                                        WebDriverException)
from selenium.webdriver import ActionChains, Keys
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from tests.engines.base import Engine, Unsupported

DRIVER = "/usr/bin/WebKitWebDriver"
TIMEOUT = 30.0
KEYS = {"End": Keys.END, "Escape": Keys.ESCAPE, "Enter": Keys.ENTER}

# Installed in every page after it loads: errors from then on.
LISTEN = """
if (!window.__engineErrors) {
  const errors = window.__engineErrors = [];
  addEventListener('error', (event) => errors.push(`${event.message} (${location.href})`));
  addEventListener('unhandledrejection', (event) => errors.push(`${event.reason} (${location.href})`));
  const original = console.error;
  console.error = (...args) => { errors.push(`${args.join(' ')} (${location.href})`); original.apply(console, args); };
}
"""


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An X display of its own: Xvfb picks a free number and writes it to a pipe."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("webkit: Xvfb is missing (Debian xvfb; scripts/system-deps.sh test installs it)")
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    try:
        while not number.endswith(b"\n"):
            if not select.select([read], [], [], 10.0)[0]:
                raise TimeoutError("webkit: Xvfb gave no display number within 10 s")
            chunk = os.read(read, 16)
            if not chunk:
                raise RuntimeError(f"webkit: Xvfb ended at start (exit code {xvfb.wait(5)})")
            number += chunk
    except BaseException:
        xvfb.kill()
        xvfb.wait()
        raise
    finally:
        os.close(read)
    return xvfb, ":" + number.decode().strip()


class WebKitEngine(Engine):
    name = "webkit"

    def __init__(self, downloads: Path) -> None:
        super().__init__(downloads)
        browsers = glob.glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser")
        if not Path(DRIVER).exists() or not browsers:
            raise RuntimeError(f"webkit: {DRIVER} or MiniBrowser is missing (Debian webkit2gtk-driver)")
        self._xvfb, display = _start_xvfb()
        home = downloads.parent / f"{downloads.name}-home"
        (home / "config").mkdir(parents=True, exist_ok=True)
        # MiniBrowser saves downloads in the XDG download folder, without asking.
        (home / "config" / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="{downloads}"\n', encoding="utf-8")
        env = {**os.environ, "DISPLAY": display, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
               # Xvfb has no GPU: no compositing (software GL would only spend CPU the other tests need).
               "WEBKIT_DISABLE_COMPOSITING_MODE": "1", "WEBKIT_DISABLE_DMABUF_RENDERER": "1"}
        options = Options()
        options.binary_location = browsers[0]
        # With a binary, WebKitWebDriver wants --automation among the arguments; the page may read the
        # clipboard (as Playwright's permission allows in Chromium), to check what a copy button put there.
        for argument in ("--automation", "--javascript-can-access-clipboard=true"):
            options.add_argument(argument)
        self._service = Service(executable_path=DRIVER, env=env, log_output=subprocess.DEVNULL)
        try:
            self._service.start()
            connection = RemoteConnection(
                client_config=ClientConfig(remote_server_addr=self._service.service_url, timeout=TIMEOUT))
            self._driver = WebDriver(command_executor=connection, options=options)
        except BaseException:
            self._service.stop()
            self._xvfb.kill()
            self._xvfb.wait()
            raise
        self._driver.set_page_load_timeout(TIMEOUT - 5)
        self._driver.set_script_timeout(TIMEOUT - 5)
        self._driver.set_window_size(1280, 900)
        self.version = self._driver.capabilities.get("browserVersion", "")
        self._errors: list[str] = []

    def _harvest(self) -> None:
        """Keep the errors of the page about to be left."""
        try:
            self._errors += self._driver.execute_script("return window.__engineErrors ? __engineErrors.splice(0) : []")
        except WebDriverException:
            pass

    def _listen(self) -> None:
        self._driver.execute_script(LISTEN)

    def goto(self, url: str) -> None:
        self._harvest()
        self._driver.get(url)
        self._listen()

    @property
    def url(self) -> str:
        return self._driver.current_url

    def evaluate(self, expression: str) -> Any:
        reply = self._driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"(async () => ({expression}))().then("
            "  (value) => done(JSON.stringify({ok: value === undefined ? null : value})),"
            "  (error) => done(JSON.stringify({error: String(error)})));")
        result = json.loads(reply)
        if "error" in result:
            raise WebDriverException(f"webkit: {result['error']} in {expression}")
        return result["ok"]

    def _element(self, css: str) -> Any:
        return self._driver.find_element(By.CSS_SELECTOR, css)

    def click(self, css: str) -> None:
        # As Playwright does, wait for the element to become clickable (a menu may still be opening).
        deadline = time.monotonic() + 5.0
        while True:
            try:
                self._element(css).click()
                return
            except (ElementNotInteractableException, ElementClickInterceptedException):
                if time.monotonic() > deadline:
                    raise
                # WebKitWebDriver does not always bring an element above the page's top edge (or
                # under a fixed bar) into view before it clicks: scroll as a reader would.
                self._driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", self._element(css))
                time.sleep(0.05)

    def follow(self, css: str) -> None:
        self._harvest()
        self._driver.execute_script("window.__engineLeaving = true")
        self.click(css)
        self.wait_for("!window.__engineLeaving && document.readyState === 'complete'", TIMEOUT - 5)
        self._listen()

    def hover(self, css: str) -> None:
        # Through a point beside the centre: a pointer that has not moved since the last page
        # gives the new page no hover.
        element = self._element(css)
        moves = ActionChains(self._driver, duration=0).move_to_element_with_offset(element, 1, 1)
        moves.move_to_element(element).perform()

    def type(self, css: str, text: str) -> None:
        self._element(css).send_keys(text)

    def press(self, css: str, key: str) -> None:
        self._element(css).send_keys(KEYS[key])

    def reload(self) -> None:
        self._harvest()
        self._driver.refresh()
        self._listen()

    def errors(self) -> list[str]:
        self._harvest()
        found, self._errors = self._errors, []
        return found

    def pdf(self) -> bytes:
        options = PrintOptions()
        options.page_width, options.page_height = 21.0, 29.7  # A4, in centimetres
        try:
            return base64.b64decode(self._driver.print_page(options))
        except WebDriverException as error:
            message = (error.msg or str(error)).strip().splitlines()[0]
            raise Unsupported(f"webkit: WebKitWebDriver {self.version} cannot print to PDF "
                              f"(the WebDriver print command answers: {message})") from error

    def close(self) -> None:
        try:
            self._driver.quit()
        finally:
            self._service.stop()
            self._xvfb.terminate()
            try:
                self._xvfb.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._xvfb.kill()
                self._xvfb.wait()
