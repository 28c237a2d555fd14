"""The tests' terminal emulator (`tests/emulator_support.py`) against real tmux, where pyte on its
own draws something else: text and wide characters at the right margin, with line wrap on and
off, and zero-width characters. Each output is drawn by both, after Textual's start-up output,
and the two screens must match cell for cell.

tmux draws into a pane running `cat` on the output (the tty in raw mode, so a line feed is not
turned into a carriage return and a line feed); `capture-pane` of that pane is read back into
an emulator line by line. No output here erases, so capturing the pane itself shows every cell.
"""

from __future__ import annotations

import shlex
import time

import pytest
from emulator_support import EmulatedTerminal, first_differences, screen_from_capture
from tmux_support import TmuxTerminal, needs_tmux

from briefing.ui.output.recording import STARTUP

pytestmark = [needs_tmux, pytest.mark.e2e]

SIZE = (12, 4)
FULL_ROW = "\x1b[2;1Hxxxxxxxxxxxx"
OUTPUTS = {
    "text past the margin, wrap off, piles into the last column": "\x1b[1;5Ha中aaaab\x1b[0maXYZ",
    "a wide character past the margin, wrap off, is dropped": "\x1b[2;10Hab中" + FULL_ROW[:6] + "\x1b[2;11Hab中",
    "a wide character in the last column, wrap off, is dropped": FULL_ROW + "\x1b[2;12H中",
    "a wide character in the last column, wrap on, goes to the next line": "\x1b[?7h" + FULL_ROW + "\x1b[2;12H中",
    "text past the margin of the last row, wrap on, scrolls": "\x1b[?7h\x1b[1;1Htop\x1b[4;10Habcdef",
    "a zero-width character at the margin, wrap on, joins the last cell": "\x1b[?7h" + FULL_ROW + "\u0301",
    "a zero-width character at the margin of the last row does not scroll": "\x1b[?7h\x1b[1;1Htop\x1b[4;10Haae\u0301",
    "a zero-width character at the margin, wrap off, joins the last cell": FULL_ROW + "\u0301",
    "an accented letter in the last column, wrap off, puts its accent on the cell before": FULL_ROW[:-1] + "e\u0301",
    "an accented letter in the last column, wrap on, keeps its accent": "\x1b[?7h" + FULL_ROW[:-1] + "e\u0301",
    "a zero-width character joins a wide character, not its second half": "\x1b[2;1Hab中\u0301x",
    "a zero-width character at a line's start joins nothing": "\x1b[1;1Habc\x1b[2;1H\u0301de",
    "a write over half of a wide character blanks the other half": "\x1b[2;1H中中中中中中\x1b[2;2Ha\x1b[2;5Hb",
}


def drawn_by_tmux(output: str, tmp_path) -> EmulatedTerminal:
    path = tmp_path / "output"
    path.write_text(output, encoding="utf-8")
    command = ["sh", "-c", f"stty raw -echo; cat {shlex.quote(str(path))}; tmux wait-for -S drawn; exec sleep 60"]
    with TmuxTerminal(command, size=SIZE) as terminal:
        terminal.tmux("wait-for", "drawn")
        return screen_from_capture(settled_capture(terminal), SIZE)


def settled_capture(terminal: TmuxTerminal, timeout: float = 5.0) -> str:
    """The pane once two captures a moment apart agree (tmux reads the pane's output on its own time)."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        capture = terminal.tmux("capture-pane", "-p", "-e", "-N", "-t", "main").stdout
        if capture == last or time.monotonic() > deadline:
            return capture
        last = capture
        time.sleep(0.05)


@pytest.mark.parametrize("output", OUTPUTS.values(), ids=OUTPUTS.keys())
def test_the_emulator_draws_what_tmux_draws(output, tmp_path):
    full = STARTUP + output + "\x1b[0m\x1b[1;1H"
    emulated = EmulatedTerminal(*SIZE)
    emulated.feed(full)
    assert first_differences(drawn_by_tmux(full, tmp_path), emulated) == []
