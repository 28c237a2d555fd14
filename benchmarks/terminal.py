"""A real terminal for benchmarks: a private tmux server, its screen, and the bytes a program writes."""

from __future__ import annotations

import shlex
import subprocess
import time
import uuid
from pathlib import Path


class Terminal:
    def __init__(self, command: list[str], *, size=(80, 24), env: dict[str, str] | None = None, log: Path | None = None) -> None:
        self.socket = f"briefing-bench-{uuid.uuid4().hex[:8]}"
        environment = {"TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
        self.command = f"exec env {exports} {shlex.join(command)}"
        self.size = size
        self.log = log

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True, text=True).stdout

    def start(self) -> float:
        """Start the program; returns the monotonic time just before it was launched."""
        width, height = self.size
        self.tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), "cat")
        if self.log is not None:
            self.tmux("pipe-pane", "-o", "-t", "main", f"cat >> {shlex.quote(str(self.log))}")
        started = time.monotonic()
        self.tmux("respawn-pane", "-k", "-t", "main", self.command)
        return started

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float = 20.0, interval: float = 0.002) -> float:
        """Monotonic time at which `text` was first seen on screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return time.monotonic()
            time.sleep(interval)
        raise TimeoutError(f"{text!r} never appeared:\n{self.screen()}")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "main", *keys)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").strip())

    def close(self) -> None:
        self.tmux("kill-server")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
