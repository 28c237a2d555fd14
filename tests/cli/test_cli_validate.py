"""`briefing validate`, `briefing schema`, `--version`: output, exit status, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import EXAMPLE_DECK as EXAMPLE
from paths import TESTS

from briefing import __version__
from briefing.cli import main
from briefing.deck.schema import json_schema

CORPUS = TESTS / "deck" / "bad_decks"


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "good.yaml").write_text("title: Good\n")
    (tmp_path / "decks" / "warned.yaml").write_text('title: "Bell \\a"\n')
    (tmp_path / "decks" / "bad.yaml").write_text("title: x\nincidents:\n  - id: a\n    title: A\n    countries: [XX]\n    tittle: y\n")
    return tmp_path


def test_valid_deck_exits_0_silently(folder, capsys):
    assert main(["validate", "decks/good.yaml"]) == 0
    assert capsys.readouterr().out == ""


def test_warnings_alone_exit_0_and_are_printed(folder, capsys):
    assert main(["validate", "decks/warned.yaml"]) == 0
    assert capsys.readouterr().out.startswith("decks/warned.yaml:1:8: warning: removed 1 control character")


def test_invalid_deck_prints_every_problem_with_the_path_as_typed_and_exits_1(folder, capsys):
    assert main(["validate", "decks/bad.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "decks/bad.yaml:5:17: error: unknown country 'XX' (declare it under countries:)",
        "decks/bad.yaml:6:5: error: unknown key 'tittle' in an incident (did you mean 'title'?)",
    ]


def test_several_decks_are_all_checked(folder, capsys):
    assert main(["validate", "decks/bad.yaml", "decks/good.yaml", "./decks/warned.yaml"]) == 1
    out = capsys.readouterr().out
    assert "decks/bad.yaml:5:17" in out and "./decks/warned.yaml:1:8: warning" in out


def test_quiet_leaves_out_warnings(folder, capsys):
    assert main(["validate", "-q", "decks/warned.yaml"]) == 0
    assert capsys.readouterr().out == ""


def test_missing_deck_is_an_error_not_a_traceback(folder, capsys):
    assert main(["validate", "decks/nope.yaml"]) == 1
    assert capsys.readouterr().out == "decks/nope.yaml:1:1: error: file not found\n"


@pytest.mark.parametrize("argv", [["validate"], ["validate", "--bogus", "x.yaml"], ["schema", "extra"], ["--no-such-option"]])
def test_usage_errors_exit_2_with_argparse_message(argv, capsys):
    assert main(argv) == 2
    assert "usage: briefing" in capsys.readouterr().err


def test_schema_prints_the_json_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"briefing {__version__}"


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the example deck is not there")
def test_example_deck_validates_even_under_strict(capsys):
    assert main(["validate", "--strict", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("case", ["non_utf8_bytes", "yaml_alias_bomb", "yaml_python_tag", "empty_file"])
def test_the_installed_command_and_python_m_print_the_corpus_expectations(case):
    folder = CORPUS / case
    for command in (["briefing"], [sys.executable, "-m", "briefing"]):
        done = subprocess.run([*command, "validate", "deck.yaml"], cwd=folder, capture_output=True, text=True, timeout=60, check=False)
        assert (done.returncode, done.stdout, done.stderr) == (1, (folder / "expect.txt").read_text(), "")
