"""Decks, theme files and config.yaml check their YAML nodes one way: same rules, same words, same codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.deck import load_deck
from briefing.themes.config import read_user_default
from briefing.themes.files import read_theme_file


def deck_problems(folder: Path, text: str) -> list[tuple[str, str, str]]:
    (folder / "deck.yaml").write_text(text, encoding="utf-8")
    return [(f"{d.place.line}:{d.place.column}", d.message, d.code) for d in load_deck(folder / "deck.yaml").errors]


def theme_problems(folder: Path, text: str) -> list[tuple[str, str, str]]:
    (folder / "night.yaml").write_text(text, encoding="utf-8")
    return [(f"{d.place.line}:{d.place.column}", d.message, d.code) for d in read_theme_file(folder / "night.yaml").diagnostics]


def config_problems(folder: Path, text: str) -> list[tuple[str, str, str]]:
    (folder / "briefing").mkdir()
    (folder / "briefing" / "config.yaml").write_text(text, encoding="utf-8")
    default = read_user_default({"XDG_CONFIG_HOME": str(folder)})
    return [(f"{d.place.line}:{d.place.column}", d.message, d.code) for d in default.diagnostics]


READERS = {  # how to read one, a first line it accepts, and a key whose value it reads
    "a deck": (deck_problems, "title: T\n", "subtitle"),
    "a theme file": (theme_problems, "primary: red\n", "secondary"),
    "config.yaml": (config_problems, "other: setting\n", "theme"),
}


@pytest.mark.parametrize("document", READERS)
def test_a_duplicate_key_is_an_error_at_the_second(tmp_path, document):
    problems, first_line, _ = READERS[document]
    assert problems(tmp_path, first_line * 2) == [("2:1", f"duplicate key {first_line.split(':')[0]!r} (first at line 1)", "BRF107")]


@pytest.mark.parametrize("document", READERS)
def test_a_tag_is_refused_naming_the_file_kind(tmp_path, document):
    problems, first_line, key = READERS[document]
    found = problems(tmp_path, f"{first_line}{key}: !!python/object:os.system echo\n")
    assert (f"2:{len(key) + 3}", (f"tags such as '!!python/object:os.system' are not allowed in {document} "
                   "(remove it: every value is plain text)"), "BRF109") in found


@pytest.mark.parametrize("document", READERS)
def test_a_key_that_is_not_text_is_an_error(tmp_path, document):
    problems, first_line, _ = READERS[document]
    assert ("2:3", "a key must be text, not a list", "BRF108") in problems(tmp_path, first_line + "? [a, b]\n: c\n")


@pytest.mark.parametrize("document", READERS)
def test_a_file_that_is_not_a_mapping_says_what_it_must_be(tmp_path, document):
    problems, _, _ = READERS[document]
    [(place, message, code)] = problems(tmp_path, "- a\n- b\n")
    assert (place, code) == ("1:1", "BRF201")
    assert message.startswith(f"{document} must be a mapping of keys (") and message.endswith("), not a list")


def test_a_tag_that_only_repeats_the_plain_kind_is_harmless(tmp_path):
    assert deck_problems(tmp_path, "title: !!str T\n") == []
    assert theme_problems(tmp_path, "primary: !!str red\n") == []
