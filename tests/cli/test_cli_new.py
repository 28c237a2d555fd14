"""`briefing new FOLDER`: a deck with one of everything that validates and presents, the schemas
its modelines name beside it, and never a file overwritten."""

from __future__ import annotations

from datetime import date

import pytest
from app_support import deck_app, screen_text

from briefing.cli import main
from briefing.deck import load_deck
from briefing.deck.schema import include_json_schema, json_schema, schema_text
from briefing.new_deck import Refusal, new, write_new_files
from briefing.validate import validate

TODAY = date(2025, 10, 1)
WRITTEN = ("deck.yaml", "deck.schema.json", "deck-include.schema.json")


@pytest.fixture
def new_deck(tmp_path):
    folder = tmp_path / "baltic-drones"
    assert new([str(folder)], today=TODAY) == 0
    return folder / "deck.yaml"


def test_the_new_deck_validates_without_a_warning(new_deck):
    result = load_deck(new_deck)
    assert result.ok
    assert [str(d) for d in result.diagnostics] == []


def test_the_new_deck_has_one_of_everything(new_deck):
    deck = load_deck(new_deck).deck
    assert deck.title == "Baltic drones"
    assert deck.as_of is not None and deck.as_of.text == "2025-10-01"
    [incident] = deck.incidents
    [source] = incident.sources
    assert (source.reliability, incident.credibility) == ("B", 3)
    assert len(deck.events) == 1
    assert len(deck.quotes) == 1
    [question] = deck.questions
    assert [position.stance.value for position in question.positions] == ["support", "oppose"]


async def test_the_new_deck_presents(new_deck):
    app = deck_app(new_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Baltic drones" in screen_text(app)
        await pilot.press("right")
        await pilot.pause()
        assert "What happened, as a headline" in screen_text(app)


def test_the_modelines_name_the_schemas_written_beside_the_deck(new_deck):
    folder = new_deck.parent
    assert new_deck.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=deck.schema.json"
    assert "# # yaml-language-server: $schema=deck-include.schema.json" in new_deck.read_text(encoding="utf-8")
    assert (folder / "deck.schema.json").read_text(encoding="utf-8") == schema_text(json_schema())
    assert (folder / "deck-include.schema.json").read_text(encoding="utf-8") == schema_text(include_json_schema())


def test_new_says_what_it_wrote_and_how_to_present_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "ops"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wrote ops/deck.yaml, ops/deck.schema.json, ops/deck-include.schema.json\n")
    assert "briefing ops/deck.yaml" in out
    assert sorted(path.name for path in (tmp_path / "ops").iterdir()) == sorted(WRITTEN)


@pytest.mark.parametrize("existing", WRITTEN)
def test_new_never_overwrites_a_file_and_then_writes_none(tmp_path, capsys, existing):
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"briefing new: {tmp_path / existing} already exists: briefing new never overwrites a file "
        "(choose another folder, or move it)\n"
    )
    assert (tmp_path / existing).read_text(encoding="utf-8") == "mine\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == [existing]


def test_new_refuses_a_symlink_in_the_way_even_a_dangling_one(tmp_path):
    (tmp_path / "deck.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert main(["new", str(tmp_path)]) == 1
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_new_refuses_a_file_given_as_the_folder(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["new", str(tmp_path / "notes.txt")]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err


def test_a_failed_write_takes_back_the_files_already_written(tmp_path):
    def unwritable() -> str:
        raise OSError(28, "No space left on device", str(tmp_path / "c"))

    with pytest.raises(OSError):
        write_new_files(tmp_path, {"a": lambda: "a", "b": lambda: "b", "c": unwritable})
    assert list(tmp_path.iterdir()) == []


def test_a_file_appearing_meanwhile_is_not_overwritten(tmp_path):
    def appears() -> str:
        (tmp_path / "b").write_text("theirs", encoding="utf-8")
        return "a"

    with pytest.raises(Refusal):
        write_new_files(tmp_path, {"a": appears, "b": lambda: "mine"})
    assert [path.name for path in tmp_path.iterdir()] == ["b"]
    assert (tmp_path / "b").read_text(encoding="utf-8") == "theirs"


def test_any_title_stays_text(tmp_path):
    title = "Drones: \"night\" #1 [x] {y} & 'z' — ė"
    assert new([str(tmp_path / "d"), "--title", title], today=TODAY) == 0
    assert load_deck(tmp_path / "d" / "deck.yaml").deck.title == title


def test_new_without_a_folder_is_a_usage_error(capsys):
    assert main(["new"]) == 2
    assert "FOLDER" in capsys.readouterr().err


def test_a_title_with_escape_sequences_and_line_breaks_becomes_one_clean_line(tmp_path):
    assert new([str(tmp_path / "d"), "--title", "Drones\n\x1b[31mover\x07 Poland\u2028today"], today=TODAY) == 0
    result = load_deck(tmp_path / "d" / "deck.yaml")
    assert result.deck.title == "Drones over Poland today"
    assert result.diagnostics == ()


def test_a_title_that_is_not_utf8_is_a_usage_error(tmp_path, capsys):
    assert main(["new", str(tmp_path / "d"), "--title", "caf\udce9"]) == 2
    assert "the title must be UTF-8 text" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_paths_are_shown_with_escape_sequences_as_text(tmp_path, capsys):
    folder = tmp_path / "ops\x1b[31m"
    assert main(["new", str(folder), "--title", "Ops"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "ops\\x1b[31m/deck.yaml" in out


def test_the_new_deck_passes_the_craft_checks_under_strict(new_deck, capsys):
    capsys.readouterr()
    assert validate([str(new_deck), "--strict"]) == 0
    assert capsys.readouterr().out == ""
