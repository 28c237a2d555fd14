"""`briefing FOLDER` with standard output not a terminal lists the decks instead of starting the picker into a pipe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from paths import REPO


def run_briefing(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "TERM": "xterm-256color"}
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=REPO, capture_output=True, env=env, timeout=60, check=False)


def test_a_folder_of_decks_piped_lists_each_deck_and_exits(tmp_path: Path):
    (tmp_path / "good.yaml").write_text("title: The good deck\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("title: x\nnope: 1\n", encoding="utf-8")
    (tmp_path / "esc\x1b]0;PWNED\x07.yaml").write_text("title: Escaped name\n", encoding="utf-8")
    run = run_briefing(str(tmp_path))
    assert run.returncode == 0, run.stderr
    out = run.stdout.decode("utf-8")
    assert out.splitlines() == [
        f"{tmp_path}/bad.yaml: 1 error, first: {tmp_path}/bad.yaml:2:1: error: unknown key 'nope' in the deck",
        f"{tmp_path}/esc\\x1b]0;PWNED\\x07.yaml: Escaped name",
        f"{tmp_path}/good.yaml: The good deck",
    ]
    assert "\x1b" not in out


def test_an_empty_folder_piped_is_a_clear_error(tmp_path: Path):
    run = run_briefing(str(tmp_path))
    assert run.returncode == 1
    assert run.stdout == b""
    assert run.stderr.decode("utf-8") == f"briefing: no decks in {tmp_path} (a deck is FOLDER/deck.yaml or a .yaml file)\n"
