"""`briefing validate --format text|json|github`, `--strict` and `--quiet`: what is printed and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.deck.model import Diagnostic, Place, Severity
from briefing.validate import as_github, as_json

BAD = "title: x\nincidents:\n  - id: a\n    title: A\n    countries: [XX]\n    tittle: y\n"
ONE_SOURCE = (
    "title: One source\nsources:\n  - {id: s, title: S, reliability: B}\n"
    "incidents:\n  - {id: a, title: A, sources: [s], credibility: 2}\n"
)


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "decks" / "one-source.yaml").write_text(ONE_SOURCE, encoding="utf-8")
    (tmp_path / "decks" / "good.yaml").write_text("title: Good\n", encoding="utf-8")
    return tmp_path


def printed(argv: list[str], capsys) -> tuple[int, list[str]]:
    status = main(["validate", *argv])
    return status, capsys.readouterr().out.splitlines()


# text, and the craft checks in it

def test_text_is_the_default_and_prints_craft_warnings_of_a_deck_that_loads(folder, capsys):
    status, lines = printed(["decks/one-source.yaml"], capsys)
    assert status == 0
    assert lines == [
        ("decks/one-source.yaml:3:5: warning: the whole deck rests on this one source ('s'): nothing in it is "
        "corroborated, and one error there is an error everywhere; add an independent source, or say so in the "
        "summary and set single_source: acknowledged"),
    ]
    assert printed(["--format", "text", "decks/one-source.yaml"], capsys) == (status, lines)


def test_a_deck_with_errors_gets_no_craft_checks(folder, capsys):
    (folder / "decks" / "bad.yaml").write_text(BAD + "    sources: [nowhere]\n", encoding="utf-8")
    status, lines = printed(["decks/bad.yaml"], capsys)
    assert status == 1 and all(": error: " in line for line in lines)


# --strict and --quiet

def test_strict_makes_a_warning_fail(folder, capsys):
    assert printed(["--strict", "decks/one-source.yaml"], capsys)[0] == 1
    assert printed(["--strict", "decks/good.yaml"], capsys) == (0, [])


def test_quiet_prints_only_what_fails(folder, capsys):
    assert printed(["--quiet", "decks/one-source.yaml"], capsys) == (0, [])
    status, lines = printed(["--quiet", "--strict", "decks/one-source.yaml"], capsys)
    assert status == 1 and len(lines) == 1 and ": warning: the whole deck rests" in lines[0]


def test_the_status_is_the_worst_of_every_deck(folder, capsys):
    status, lines = printed(["decks/good.yaml", "decks/bad.yaml", "decks/one-source.yaml"], capsys)
    assert status == 1 and len(lines) == 3


# json

def test_json_is_one_object_a_line_with_every_field(folder, capsys):
    status, lines = printed(["--format", "json", "decks/bad.yaml"], capsys)
    assert status == 1
    assert [json.loads(line) for line in lines] == [
        {"file": "decks/bad.yaml", "line": 5, "column": 17, "severity": "error", "code": "BRF301",
         "message": "unknown country 'XX' (declare it under countries:)", "suggestion": None},
        {"file": "decks/bad.yaml", "line": 6, "column": 5, "severity": "error", "code": "BRF202",
         "message": "unknown key 'tittle' in an incident (did you mean 'title'?)", "suggestion": "title"},
    ]


def test_json_of_a_clean_deck_prints_nothing(folder, capsys):
    assert printed(["-f", "json", "decks/good.yaml"], capsys) == (0, [])


def test_json_shows_control_characters_as_escapes_and_keeps_letters():
    diagnostic = Diagnostic(Place("decks/\x1b[31mė.yaml", 2, 3), Severity.WARNING, "bell \x07 here", "BRF110", "a\nb")
    line = as_json(diagnostic)
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line
    assert json.loads(line) == {"file": "decks/\\x1b[31mė.yaml", "line": 2, "column": 3, "severity": "warning",
                                "code": "BRF110", "message": "bell \\x07 here", "suggestion": "a\\x0ab"}


# github

def test_github_prints_workflow_commands_at_each_place(folder, capsys):
    status, lines = printed(["--format", "github", "decks/bad.yaml", "decks/one-source.yaml"], capsys)
    assert status == 1
    assert lines[0] == "::error file=decks/bad.yaml,line=5,col=17,title=BRF301::unknown country 'XX' (declare it under countries:)"
    assert lines[2].startswith("::warning file=decks/one-source.yaml,line=3,col=5,title=BRF702::the whole deck rests")


def test_github_paths_are_relative_to_the_working_directory(folder, capsys):
    _status, lines = printed(["-f", "github", str(folder / "decks" / "bad.yaml"), "./decks/bad.yaml"], capsys)
    assert [line.split(",")[0] for line in lines] == ["::error file=decks/bad.yaml"] * 4


def test_github_keeps_a_path_outside_the_working_directory_as_given(tmp_path, monkeypatch):
    (tmp_path / "inside").mkdir()
    monkeypatch.chdir(tmp_path / "inside")
    outside = str(tmp_path / "deck.yaml")
    assert as_github(Diagnostic(Place(outside, 1, 1), Severity.ERROR, "m", "BRF101")).startswith(f"::error file={outside},")


def test_github_escapes_percent_and_line_breaks_in_the_message_and_commas_and_colons_in_properties():
    diagnostic = Diagnostic(Place("a,b:c%.yaml", 1, 2), Severity.ERROR, "100% sure:\r\nno, not at all", "BRF105")
    assert as_github(diagnostic) == "::error file=a%2Cb%3Ac%25.yaml,line=1,col=2,title=BRF105::100%25 sure:\\x0d\\x0ano, not at all"


def test_github_escapes_what_printable_leaves_and_never_lets_a_line_break_start_a_command():
    diagnostic = Diagnostic(Place("deck.yaml", 1, 1), Severity.ERROR, "x\n::error::injected", "BRF105")
    line = as_github(diagnostic)
    assert "\n" not in line and line.count("::") == 4


def test_github_escapes_by_the_toolkits_rules():
    from briefing.validate import _data, _property

    assert _data("50%\r\n:,") == "50%25%0D%0A:,"
    assert _property("50%\r\n:,") == "50%25%0D%0A%3A%2C"
