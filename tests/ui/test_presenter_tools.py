"""The stopwatch and the editor command: pure logic behind the `s`, `S` and `e` keys."""

from __future__ import annotations

import stat

import pytest

from briefing.deck.model import Place
from briefing.ui.clock import Stopwatch
from briefing.ui.editor import NoEditorError, editor_command


class FakeTime:
    def __init__(self) -> None:
        self.value = 100.0

    def __call__(self) -> float:
        return self.value


def test_stopwatch_counts_only_while_running():
    now = FakeTime()
    watch = Stopwatch(now=now)
    now.value += 5
    assert watch.elapsed() == 0
    watch.toggle()
    now.value += 65
    assert watch.text() == "01:05"
    watch.toggle()
    now.value += 100
    assert watch.elapsed() == 65


def test_stopwatch_reset_keeps_running_state():
    now = FakeTime()
    watch = Stopwatch(now=now)
    watch.toggle()
    now.value += 3700
    assert watch.text() == "1:01:40"
    watch.reset()
    assert watch.running and watch.elapsed() == 0
    now.value += 2
    assert watch.elapsed() == 2


def _fake_program(folder, name):
    program = folder / name
    program.write_text("#!/bin/sh\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program


def test_editor_command_prefers_visual_and_opens_at_line(tmp_path):
    _fake_program(tmp_path, "myvis")
    _fake_program(tmp_path, "myed")
    env = {"VISUAL": "myvis --wait", "EDITOR": "myed", "PATH": str(tmp_path)}
    assert editor_command(Place("/decks/x/deck.yaml", 42, 7), env) == ["myvis", "--wait", "+42", "/decks/x/deck.yaml"]


def test_editor_command_falls_back_to_vi_then_nano(tmp_path):
    _fake_program(tmp_path, "nano")
    assert editor_command(Place("/d.yaml", 3, 1), {"PATH": str(tmp_path)}) == ["nano", "+3", "/d.yaml"]
    _fake_program(tmp_path, "vi")
    assert editor_command(Place("d.yaml", 3, 1), {"PATH": str(tmp_path)})[0] == "vi"


def test_editor_command_explains_a_missing_editor(tmp_path):
    with pytest.raises(NoEditorError, match="EDITOR"):
        editor_command(Place("d.yaml", 1, 1), {"EDITOR": "nosuchedit", "PATH": str(tmp_path)})
    with pytest.raises(NoEditorError, match="set \\$VISUAL or \\$EDITOR"):
        editor_command(Place("d.yaml", 1, 1), {"PATH": str(tmp_path)})
