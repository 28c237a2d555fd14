"""End to end in tmux: `/` from the brief, a query, and `y` reaching the terminal's clipboard.

tmux with ``set-clipboard on`` takes an application's OSC 52 into its own paste buffer
(and passes it on to the terminal outside), so the buffer shows exactly what a terminal
at the other end of an SSH connection would have put on the clipboard.
"""

from __future__ import annotations

import time

import pytest
from app_support import EXAMPLE_DECK, REPO
from tmux_support import TmuxTerminal, briefing_command, needs_tmux

pytestmark = [needs_tmux, pytest.mark.e2e]

CITATION = (
    "“Russia is testing us, testing our preparedness, testing our commitment to retaliate” — "
    "Gitanas Nausėda, President of Lithuania, 22 September 2025 (Bloomberg)"
)


def wait_for_buffer(term: TmuxTerminal, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        result = term.tmux("show-buffer", check=False)
        if result.returncode == 0 and result.stdout:
            return result.stdout
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing reached tmux's clipboard; the screen shows:\n{term.screen()}")
        time.sleep(0.05)


def test_search_from_the_brief_and_copy_a_quote_by_osc52():
    with TmuxTerminal(briefing_command("--no-watch", str(EXAMPLE_DECK)), cwd=REPO, env={"LANG": "C.UTF-8"}) as term:
        term.tmux("set-option", "-s", "set-clipboard", "on")
        term.wait_for("Brief 1/")
        term.send("/")
        term.wait_for("12 quotes, newest first")
        term.type("nausėda retal")
        term.wait_for("1 quote matches")
        term.wait_for("Gitanas Nausėda")
        term.send("C-y")
        assert wait_for_buffer(term) == CITATION
        term.wait_for("Copied to the clipboard")
        term.send("Escape", "Escape")
        term.wait_for("Brief 1/")
        term.send("q")
        term.wait_exit()
