"""End to end through tmux: what `briefing` really writes to a NO_COLOR or 16-colour
terminal, read back with `tmux capture-pane -e` (tmux keeps 256-colour and 24-bit colours
in its cells and prints them as 38;5 / 38;2 sequences)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

from paths import REPO

DECK = REPO / "decks" / "nato-airspace-2025" / "deck.yaml"
THEMES_IN_CYCLE = ("briefing-dark", "briefing-light", "high-contrast", "ops-room", "ansi", "mono")
CLEARED = ("NO_COLOR", "COLORTERM", "TEXTUAL_COLOR_SYSTEM", "BRIEFING_THEME", "FORCE_COLOR", "TEXTUAL")
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour_codes(screen: str) -> dict[str, set[str]]:
    """The colour parameters of every SGR sequence, by kind: 'rich' (256 or 24-bit) or 'basic'."""
    found: dict[str, set[str]] = {"rich": set(), "basic": set()}
    for match in SGR.finditer(screen):
        params = [p for p in re.split("[;:]", match.group(1)) if p != ""]
        index = 0
        while index < len(params):
            code = int(params[index])
            if code in (38, 48, 58) and index + 1 < len(params):
                kind = params[index + 1]
                width = 3 if kind == "5" else 5 if kind == "2" else 2
                found["rich"].add(";".join(params[index : index + width]))
                index += width
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found["basic"].add(str(code))
            index += 1
    return found


class Tmux:
    """One tmux server of this test's own (its own socket, no config), torn down at the end."""

    def __init__(self) -> None:
        self.socket = f"briefing-theme-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args], check=False, capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def start(self, environ: dict[str, str], *arguments: str) -> None:
        unset = [f"-u{name}" for name in CLEARED]
        settings = [f"{name}={value}" for name, value in environ.items()]
        command = ["env", *unset, *settings, sys.executable, "-m", "briefing", *arguments]
        self.run("new-session", "-d", "-x", "80", "-y", "24", "-s", "app", f"cd {shlex.quote(str(REPO))} && exec {shlex.join(command)}")

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-e", "-t", "app")

    def text(self) -> str:
        return SGR.sub("", self.screen())

    def press(self, key: str) -> None:
        self.run("send-keys", "-t", "app", key)

    def wait_for(self, words: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if words in self.text():
                time.sleep(0.3)  # let the rest of the frame land
                return self.screen()
            time.sleep(0.1)
        raise AssertionError(f"{words!r} never appeared on screen:\n{self.text()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], check=False, capture_output=True, timeout=10)


@pytest.fixture
def tmux():
    session = Tmux()
    yield session
    session.close()


def screens_in_every_theme(tmux: Tmux, first_theme: str) -> dict[str, str]:
    """The brief in the starting theme, then every theme `t` reaches, then positions and sources."""
    captured = {f"{first_theme}/brief": tmux.wait_for("Airspace incursions")}
    start = THEMES_IN_CYCLE.index(first_theme)
    for name in THEMES_IN_CYCLE[start + 1 :] + THEMES_IN_CYCLE[:start]:
        tmux.press("t")
        captured[f"{name}/brief"] = tmux.wait_for(f"Theme: {name}")
    tmux.press("4")
    captured["positions"] = tmux.wait_for("Positions 1/")
    tmux.press("6")
    captured["sources"] = tmux.wait_for("Sources 1")
    return captured


def test_no_color_in_a_truecolor_terminal_writes_no_colour_at_all(tmux, tmp_path):
    tmux.start({"TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1", "XDG_CONFIG_HOME": str(tmp_path)}, str(DECK))
    captured = screens_in_every_theme(tmux, "mono")
    for where, screen in captured.items():
        assert colour_codes(screen) == {"rich": set(), "basic": set()}, where
        assert "\x1b[" in screen, f"{where}: bold and reverse still reach the terminal"


def test_a_16_colour_terminal_gets_no_256_colour_or_truecolor_codes(tmux, tmp_path):
    tmux.start({"TERM": "xterm", "XDG_CONFIG_HOME": str(tmp_path)}, str(DECK))
    captured = screens_in_every_theme(tmux, "ansi")
    for where, screen in captured.items():
        codes = colour_codes(screen)
        assert codes["rich"] == set(), where
    assert colour_codes(captured["briefing-dark/brief"])["basic"], "colour themes still draw in the 16 colours"


def test_a_truecolor_terminal_does_get_truecolor_codes(tmux, tmp_path):
    """The control: the capture would show 24-bit codes if the app wrote any."""
    tmux.start({"TERM": "xterm-256color", "COLORTERM": "truecolor", "XDG_CONFIG_HOME": str(tmp_path)}, str(DECK))
    screen = tmux.wait_for("Airspace incursions")
    assert any(code.startswith(("38;2", "48;2")) for code in colour_codes(screen)["rich"])
