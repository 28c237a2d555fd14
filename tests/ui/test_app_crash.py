"""A crash ends the app with a non-zero status, the error and a hint: no traceback dump."""

from __future__ import annotations

import argparse

from app_support import EXAMPLE_DECK, example_app

from briefing import commands
from briefing.ui.app import BriefingApp


def _crashing_clock(self) -> None:
    raise RuntimeError("clock broke \x1b]0;PWNED\x07 here")


def _present_args() -> argparse.Namespace:
    return argparse.Namespace(deck=str(EXAMPLE_DECK), theme=None, no_watch=True, poll=False, screen=None, notes=False)


def test_a_crash_makes_present_exit_non_zero_with_one_line_and_a_hint(monkeypatch, capsys):
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)
    monkeypatch.setattr(BriefingApp, "action_toggle_clock", _crashing_clock)
    monkeypatch.setattr(commands, "wants_plain_text", lambda: False)
    run = BriefingApp.run

    async def press_c(pilot) -> None:
        await pilot.press("c")

    monkeypatch.setattr(BriefingApp, "run", lambda self, **_: run(self, headless=True, size=(80, 24), auto_pilot=press_c))
    status = commands.present(_present_args())
    err = capsys.readouterr().err
    assert status == 1
    assert "briefing crashed: RuntimeError: clock broke \\x1b]0;PWNED\\x07 here" in err
    assert "BRIEFING_DEBUG=1" in err
    assert "Traceback" not in err and "\x1b]0;" not in err
    assert len(err.strip().splitlines()) == 2


def test_with_briefing_debug_a_crash_prints_the_full_traceback(monkeypatch, capsys):
    monkeypatch.setenv("BRIEFING_DEBUG", "1")
    monkeypatch.setattr(BriefingApp, "action_toggle_clock", _crashing_clock)
    app = example_app()

    async def press_c(pilot) -> None:
        await pilot.press("c")

    app.run(headless=True, size=(80, 24), auto_pilot=press_c)
    assert app.return_code == 1
    assert "Traceback" in capsys.readouterr().err

