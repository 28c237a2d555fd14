"""Driving the real `briefing` command in a real terminal: tmux, send-keys, capture-pane."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (scripts/test installs it)")


class TmuxTerminal:
    """One tmux server of our own (its own socket), one window running one command."""

    def __init__(self, command: list[str], *, size=(80, 24), env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        self.socket = f"briefing-test-{uuid.uuid4().hex[:8]}"
        self.size = size
        environment = {"TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
        unset = "unset COLUMNS LINES;" + (" unset NO_COLOR TEXTUAL_COLOR_SYSTEM;" if "NO_COLOR" not in environment else "")
        self.shell_command = f"{unset} cd {shlex.quote(str(cwd or os.getcwd()))} && exec env {exports} {shlex.join(command)}"

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True, check=check)

    def __enter__(self) -> "TmuxTerminal":
        width, height = self.size
        self.tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), "sleep 3600")
        self.tmux("set-option", "-t", "main", "remain-on-exit", "on")
        self.tmux("respawn-pane", "-k", "-t", "main", self.shell_command)
        return self

    def __exit__(self, *exc) -> None:
        self.tmux("kill-server", check=False)

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "main", "-l", text)

    def screen(self, *, escapes: bool = False) -> str:
        args = ["capture-pane", "-p", "-t", "main"] + (["-e"] if escapes else [])
        return self.tmux(*args).stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear on screen; it shows:\n{screen}")
            time.sleep(0.05)

    def wait_until_gone(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text not in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} is still on screen:\n{screen}")
            time.sleep(0.05)

    def exited(self) -> bool:
        result = self.tmux("display-message", "-p", "-t", "main", "#{pane_dead}", check=False)
        return result.stdout.strip() == "1"

    def wait_exit(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.exited():
            if time.monotonic() > deadline:
                raise AssertionError(f"the program did not exit; the screen shows:\n{self.screen()}")
            time.sleep(0.05)


def briefing_command(*args: str) -> list[str]:
    """The real console script when installed, else the module, with this interpreter."""
    script = shutil.which("briefing")
    return [script, *args] if script else [sys.executable, "-m", "briefing", *args]
