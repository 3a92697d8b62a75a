"""A headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Playwright drives the system's Chromium (``executable_path``): nothing is downloaded at
install time. Only what the web-app tests need: open a page, evaluate JavaScript, wait for a
condition, take a screenshot, send a DevTools command, and record every URL the page requested
(to show none leaves 127.0.0.1) and every script error and browser log error.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("BANSOS_TEST_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
#: Browser log lines (failed loads, refused requests, Content-Security-Policy violations), told
#: apart from the page's own script errors.
LOG_PREFIXES = ("Failed to load resource", "Refused to")
#: Tallest screenshot taken of a page (pixels).
MAX_SHOT_HEIGHT = 6000


def available() -> bool:
    return shutil.which(CHROMIUM) is not None


class Browser:
    def __init__(self) -> None:
        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(
            executable_path=shutil.which(CHROMIUM), args=FLAGS
        )
        self.page = self._browser.new_page(viewport={"width": 1280, "height": 1800})
        self._cdp = self.page.context.new_cdp_session(self.page)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.log_errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        #: ``status method url`` of every answer of 400 or more, to name a failing request
        self.failed_responses: list[str] = []
        self.page.on("response", self._response)

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed_responses.append(
                f"{response.status} {response.request.method} {response.url}"
            )

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        (self.log_errors if text.startswith(LOG_PREFIXES) else self.errors).append(text)

    def call(self, method: str, params: dict | None = None) -> dict:
        """A DevTools-protocol command (e.g. ``Emulation.setDeviceMetricsOverride``)."""
        return self._cdp.send(method, params or {})

    def pump(self, seconds: float = 0.05) -> None:
        """Let pending events arrive (network requests, errors)."""
        self.page.wait_for_timeout(seconds * 1000)

    def evaluate(self, expression: str, await_promise: bool = True):
        del await_promise  # Playwright awaits a promise an expression returns
        return self.page.evaluate(expression)

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="commit")

    def wait_for(self, expression: str, timeout: float = 30.0):
        deadline = time.time() + timeout
        guarded = f"(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()"
        while time.time() < deadline:
            try:
                value = self.page.evaluate(guarded)
            except Exception:  # a navigation under way destroys the context: try again
                value = None
            if value not in (None, False, "", 0):
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for: {expression}; page errors: {self.errors}")

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        if full_page:
            height = self.page.evaluate("document.documentElement.scrollHeight")
            clip = {"x": 0, "y": 0, "width": 1280, "height": min(max(height, 600), MAX_SHOT_HEIGHT)}
            self.page.screenshot(path=str(path), full_page=True, clip=clip)
        else:
            self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        try:
            self._browser.close()
        finally:
            self._playwright.stop()
