"""The lean output over a real terminal: briefing in tmux with it and without it
(BRIEFING_LEAN_OUTPUT=0), the same keys to both, and after every key the two look the same
cell for cell (`capture-pane -e`: characters, colours and attributes).

What is captured is what tmux *draws*, not its record of the app's pane: capture-pane leaves
out the cells at the end of a line that an erase (EL) painted with a background colour, which
are exactly the cells the lean output erases rather than writes. So each app's tmux is
attached by a tmux client running in a second tmux, and that outer pane is captured. The
client is told its terminal has no background colour erase, so tmux draws every blank as a
space in its colours, which the outer tmux keeps and captures.
"""

from __future__ import annotations

import shutil
import time

import pytest
from app_support import EXAMPLE_DECK
from emulator_support import EmulatedTerminal, first_differences, screen_from_capture
from tmux_support import TmuxTerminal, briefing_command, needs_tmux

pytestmark = [needs_tmux, pytest.mark.e2e]

SIZE = (100, 30)
STEPS = [
    ("Right",), ("Right",), ("Space",), ("Left",), ("End",), ("Home",),
    ("2",), ("Right",), ("3",), ("Down",), ("4",), ("Right",), ("5",), ("Down",), ("6",), ("Down",), ("1",),
    ("?",), ("Escape",), ("/",), ("-l", "drone"), ("Escape",), ("Escape",), ("t",), ("Right",), ("b",), (".",), ("Home",),
    ("e",),  # hands the terminal to $EDITOR and takes it back: the screen is drawn again
]


class DrawnApp:
    """An app in a tmux of its own, and what that tmux draws, seen through a client in another tmux."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        # Empty COLUMNS and LINES: under pytest the pane inherits COLUMNS=80 LINES=24, which
        # Python's terminal size (and so Textual) takes over the terminal's own size.
        self.app = TmuxTerminal(command, size=SIZE, env={**env, "COLUMNS": "", "LINES": ""})
        self.client = None

    def __enter__(self) -> "DrawnApp":
        """Both tmux servers start at the final size with no status line, and the client
        attaches before the app starts: nothing is resized while the app starts (an app
        started while tmux still resizes may keep a size the window no longer has)."""
        self.client = TmuxTerminal(["tmux", "-L", self.app.socket, "attach-session", "-t", "main"], size=SIZE, env={"TMUX": ""})
        _start_idle(self.app, "terminal-overrides", "*:bce@:Tc")
        _start_idle(self.client)
        self.client.tmux("respawn-pane", "-k", "-t", "main", self.client.shell_command)
        deadline = time.monotonic() + 10
        while self.app.tmux("list-clients", "-F", "#{client_width}x#{client_height}").stdout.strip() != "{}x{}".format(*SIZE):
            assert time.monotonic() < deadline, "the tmux client never attached at the expected size"
            time.sleep(0.05)
        self.app.tmux("respawn-pane", "-k", "-t", "main", self.app.shell_command)
        return self

    def __exit__(self, *exc) -> None:
        self.client.__exit__(*exc)
        self.app.__exit__(*exc)

    def send(self, *keys: str) -> None:
        self.app.send(*keys)

    def resize(self, width: int, height: int) -> None:
        self.client.tmux("resize-window", "-t", "main", "-x", str(width), "-y", str(height))

    def capture(self) -> str:
        """The drawn screen's characters and attributes, trailing blanks kept."""
        return self.client.tmux("capture-pane", "-p", "-e", "-N", "-t", "main").stdout

    def cells(self, size: tuple[int, int]) -> EmulatedTerminal:
        """The capture replayed into an emulator."""
        return screen_from_capture(self.capture(), size)


def _start_idle(terminal: TmuxTerminal, *server_option: str) -> None:
    width, height = SIZE
    terminal.tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), "sleep 3600")
    terminal.tmux("set-option", "-t", "main", "remain-on-exit", "on")
    terminal.tmux("set-option", "-g", "status", "off")
    if server_option:
        terminal.tmux("set-option", "-s", *server_option)


def settled(drawn: DrawnApp, size: tuple[int, int], quiet: float = 0.3, timeout: float = 10.0) -> EmulatedTerminal:
    """The drawn screen once it has not changed for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    last = drawn.capture()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = drawn.capture()
        if now == last:
            return drawn.cells(size)
        last = now
    raise AssertionError(f"the screen never settled:\n{drawn.app.screen()}")


def assert_same(textual: DrawnApp, lean: DrawnApp, size: tuple[int, int], after: str, timeout: float = 10.0) -> None:
    """Both screens settled and alike. The two apps run side by side, not in step: one may draw
    a late frame (a worker's result) after the other, so a difference must outlast `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        differences = first_differences(settled(textual, size), settled(lean, size))
        if not differences:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"after {after}:\n" + "\n".join(differences))


def send(apps, *keys: str) -> None:
    for app in apps:
        app.send(*keys)


@pytest.mark.parametrize("colours", [{"COLORTERM": "truecolor"}, {"COLORTERM": "", "TERM": "xterm"}], ids=["truecolor", "16 colours"])
def test_briefing_in_tmux_looks_the_same_with_and_without_the_lean_output(tmp_path, colours):
    decks = {}
    for name in ("textual", "lean"):
        shutil.copytree(EXAMPLE_DECK.parent, tmp_path / name)
        decks[name] = tmp_path / name / "deck.yaml"
    env = {**colours, "EDITOR": "true", "VISUAL": "true"}
    textual = DrawnApp(briefing_command(str(decks["textual"])), env={**env, "BRIEFING_LEAN_OUTPUT": "0"})
    lean = DrawnApp(briefing_command(str(decks["lean"])), env=env)
    with textual, lean:
        both = (textual, lean)
        for drawn in both:
            drawn.app.wait_for("Brief 1/")
        send(both, "c")  # the clock off: its minute could turn between the two captures
        assert_same(textual, lean, SIZE, "start")
        for keys in STEPS:
            send(both, *keys)
            assert_same(textual, lean, SIZE, " ".join(keys))
        for deck in decks.values():
            deck.write_text(deck.read_text(encoding="utf-8").replace("title: Airspace incursions", "title: Edited incursions", 1), encoding="utf-8")
        for drawn in both:
            drawn.app.wait_for("Edited incursions")
        assert_same(textual, lean, SIZE, "a reload")
        for drawn in both:
            drawn.resize(80, 24)
        assert_same(textual, lean, (80, 24), "a resize to 80x24")
        send(both, "Right")
        assert_same(textual, lean, (80, 24), "Right at 80x24")
        for drawn in both:
            drawn.resize(*SIZE)
        assert_same(textual, lean, SIZE, "a resize back")
