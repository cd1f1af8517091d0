"""The same smoke scenarios in three browser engines (tests/test_engines.py).

- chromium: Debian's Chromium through Playwright, as in the rest of the suite;
- firefox: Debian's Firefox ESR through npm puppeteer-core over WebDriver BiDi (firefox_bridge.mjs);
- webkit: WebKitGTK through Debian's WebKitWebDriver and PyPI selenium, on a private Xvfb display.
"""

from tests.engines.base import Engine, Unsupported

__all__ = ["Engine", "Unsupported"]
