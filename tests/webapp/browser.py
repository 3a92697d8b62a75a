"""A headless Chromium (Debian's /usr/bin/chromium) driven through the DevTools protocol.

Only what the web-app tests need: open a page, evaluate JavaScript, wait for a condition, take
a screenshot, and record every URL the page requested (to show none leaves 127.0.0.1).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import websocket

CHROMIUM = os.environ.get("BANSOS_TEST_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
    "--window-size=1280,1800",
]


def available() -> bool:
    return shutil.which(CHROMIUM) is not None


class Browser:
    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="bansos-chromium-")
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        port = self._devtools_port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            page = next(t for t in json.load(answer) if t["type"] == "page")
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self._next = 0
        self._lock = threading.Lock()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.log_errors: list[str] = []
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Network.enable")
        self.call("Log.enable")  # Content-Security-Policy violations are reported here
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 1800, "deviceScaleFactor": 1, "mobile": False},
        )

    def _devtools_port(self) -> int:
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stderr.readline()
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if found:
                threading.Thread(target=self._drain, daemon=True).start()
                return int(found.group(1))
            if self.process.poll() is not None:
                break
        raise RuntimeError("chromium did not start its DevTools endpoint")

    def _drain(self) -> None:
        for _ in self.process.stderr:
            pass

    def _event(self, message: dict) -> None:
        method = message.get("method")
        params = message.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append(details.get("exception", {}).get("description") or details["text"])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.log_errors.append(f"{params['entry']['source']}: {params['entry']['text']}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.errors.append(
                " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )

    def call(self, method: str, params: dict | None = None) -> dict:
        with self._lock:
            self._next += 1
            ident = self._next
            self.socket.send(json.dumps({"id": ident, "method": method, "params": params or {}}))
            while True:
                message = json.loads(self.socket.recv())
                if message.get("id") == ident:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message.get("result", {})
                self._event(message)

    def pump(self, seconds: float = 0.05) -> None:
        """Read pending events for a moment (network requests, errors)."""
        self.call("Runtime.evaluate", {"expression": "1"})
        time.sleep(seconds)

    def evaluate(self, expression: str, await_promise: bool = True):
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": await_promise, "returnByValue": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(
                result["exceptionDetails"].get("exception", {}).get("description")
                or result["exceptionDetails"]["text"]
            )
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})

    def wait_for(self, expression: str, timeout: float = 30.0):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = self.evaluate(
                    f"(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()"
                )
            except RuntimeError:
                value = None
            if value not in (None, False, "", 0):
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for: {expression}; page errors: {self.errors}")

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        params = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            metrics = self.call("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": 1280,
                "height": min(max(metrics["height"], 600), 6000),
                "scale": 1,
            }
        data = self.call("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)
