"""A real headless Chromium, driven through the DevTools protocol over a pipe (no debugging port).

``--remote-debugging-pipe``: Chromium reads JSON commands, each ended by a NUL byte, from
its fd 3 and writes replies and events the same way to its fd 4. No TCP port is opened, so
no other user of the machine can drive the test's browser. A reader thread files replies by
id; events are kept in order for ``wait_event``.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK), reason="chromium is not installed (scripts/test installs it with apt-get)"
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--enable-unsafe-swiftshader",  # software WebGL: xterm's WebGL renderer needs a context
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-proxy-server",
    "--remote-debugging-pipe",
)


class CdpError(AssertionError):
    pass


def _high_pipe() -> tuple[int, int]:
    """A pipe on descriptors above 4, so moving the child's ends to 3 and 4 never overwrites one."""
    ends = os.pipe()
    try:
        return tuple(fcntl.fcntl(end, fcntl.F_DUPFD_CLOEXEC, 10) for end in ends)
    finally:
        for end in ends:
            os.close(end)


class Chromium:
    """One browser process of its own profile; ``page()`` opens a tab to drive."""

    def __init__(self, profile: Path, *, size: tuple[int, int] = (1280, 800)) -> None:
        self._commands_read, self._commands = _high_pipe()
        self._replies, self._replies_write = _high_pipe()
        self._process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=self._child_fds,  # noqa: PLW1509 (two dup2 calls: no lock, no import)
        )
        os.close(self._commands_read)
        os.close(self._replies_write)
        self._lock = threading.Condition()
        self._results: dict[int, dict[str, Any]] = {}
        self._events: list[dict[str, Any]] = []
        self._next_id = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _child_fds(self) -> None:
        os.dup2(self._commands_read, 3)
        os.dup2(self._replies_write, 4)

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._replies, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._lock:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._results[message["id"]] = message
                    else:
                        self._events.append(message)
                self._lock.notify_all()

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None, timeout: float = 30.0
    ) -> dict:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
        message = {"id": ident, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._lock:
            while ident not in self._results:
                if not self._lock.wait(max(0.0, deadline - time.monotonic())) and time.monotonic() > deadline:
                    raise CdpError(f"{method}: no reply within {timeout} s")
            reply = self._results.pop(ident)
        if "error" in reply:
            raise CdpError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def events(self, method: str) -> list[dict]:
        with self._lock:
            return [event for event in self._events if event.get("method") == method]

    def page(self) -> Page:
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session)

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (CdpError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._commands)
        self._reader.join(timeout=5)
        os.close(self._replies)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Page:
    """One tab: run scripts in it, navigate, press keys, take screenshots."""

    def __init__(self, browser: Chromium, session: str) -> None:
        self._browser = browser
        self._session = session
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method: str, params: dict[str, Any] | None = None, **kwargs) -> dict:
        return self._browser.call(method, params, session=self._session, **kwargs)

    def before_each_document(self, source: str) -> None:
        self.call("Page.addScriptToEvaluateOnNewDocument", {"source": source})

    def navigate(self, url: str) -> None:
        reply = self.call("Page.navigate", {"url": url})
        if reply.get("errorText"):
            raise CdpError(f"navigating to {url}: {reply['errorText']}")

    def evaluate(self, expression: str) -> Any:
        reply = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in reply:
            raise CdpError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def wait_until(self, expression: str, *, timeout: float = 30.0, describe=lambda: "") -> Any:
        """The value of ``expression`` once it is truthy; an AssertionError (with ``describe()``) if never."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{expression} stayed false for {timeout} s. {describe()}")
            time.sleep(0.1)

    def press(self, key: str, code: str, key_code: int) -> None:
        common = {"key": key, "code": code, "windowsVirtualKeyCode": key_code, "nativeVirtualKeyCode": key_code}
        self.call("Input.dispatchKeyEvent", {"type": "rawKeyDown", **common})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **common})

    def screenshot(self, path: Path) -> None:
        import base64

        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"]))
