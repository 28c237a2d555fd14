"""The `e` key with hostile file names: a name is always opened as a file, never read as an option."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from briefing.catalog import decks_in_folder
from briefing.deck import load_deck
from briefing.deck.model import Place
from briefing.ui.editor import NoEditorError, editor_command

HOSTILE_NAMES = ["+!touch PWNED.yaml", "-x.yaml", "+5.yaml", "-.yaml", "--help.yaml"]


def _recording_editor(folder: Path) -> dict[str, str]:
    program = folder / "bin" / "ed-rec"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return {"EDITOR": "ed-rec", "PATH": str(program.parent)}


def _deck_with_include(folder: Path, name: str) -> None:
    (folder / "deck.yaml").write_text("title: Hostile names\ninclude: ['*.yaml']\n", encoding="utf-8")
    (folder / name).write_text("sources:\n  - id: s1\n    title: From a hostile file name\n", encoding="utf-8")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_editor_gets_the_absolute_path_of_an_include_glob_match(tmp_path, monkeypatch, name):
    _deck_with_include(tmp_path, name)
    env = _recording_editor(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = load_deck("deck.yaml")
    assert result.ok, [str(d) for d in result.diagnostics]
    place = result.deck.sources[0].place
    assert place.path == name  # the loader keeps the path as the user would type it
    command = editor_command(place, env)
    assert command == ["ed-rec", "+2", str(tmp_path / name)]
    assert command[-1].startswith("/")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_editor_gets_the_absolute_path_of_a_picker_deck(tmp_path, monkeypatch, name):
    (tmp_path / name).write_text("title: A deck with a hostile name\n", encoding="utf-8")
    env = _recording_editor(tmp_path)
    monkeypatch.chdir(tmp_path)
    [deck_path] = decks_in_folder(Path("."))
    result = load_deck(deck_path)
    command = editor_command(result.deck.place, env)
    assert command[-1] == str(tmp_path / name)


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_opens_a_file_named_like_a_command_instead_of_running_it(tmp_path, monkeypatch):
    name = "+!touch PWNED.yaml"
    _deck_with_include(tmp_path, name)
    monkeypatch.chdir(tmp_path)
    place = load_deck("deck.yaml").deck.sources[0].place
    env = {"EDITOR": "vim -u NONE -i NONE -N -n -es", "PATH": os.environ["PATH"]}
    command = editor_command(place, env)
    subprocess.run(command, cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, timeout=30, check=False)
    assert not (tmp_path / "PWNED.yaml").exists()


@pytest.mark.parametrize("value", ['vim "', "vim '", "vim \\"])
def test_an_unparsable_editor_variable_is_explained_not_raised(tmp_path, value):
    env = {"EDITOR": value, "PATH": str(tmp_path)}
    with pytest.raises(NoEditorError, match=r"\$EDITOR .* cannot be read as a command"):
        editor_command(Place("d.yaml", 1, 1), env)
