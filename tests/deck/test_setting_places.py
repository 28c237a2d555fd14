"""Where a deck sets `theme:` comes from the load, not from reading the deck file again."""

from __future__ import annotations

import os
from pathlib import Path

from deadline import within_deadline

from briefing.deck import load_deck


def test_theme_setting_place_is_where_the_value_is_written(tmp_path: Path):
    deck_path = tmp_path / "deck.yaml"
    deck_path.write_text("title: T\ntheme: briefing-dark\n", encoding="utf-8")
    deck = load_deck(deck_path).deck
    assert str(deck.setting_place("theme")) == f"{deck_path}:2:8"


def test_theme_setting_place_never_reads_a_deck_file_swapped_for_a_fifo(tmp_path: Path):
    deck_path = tmp_path / "deck.yaml"
    deck_path.write_text("title: T\ntheme: briefing-dark\n", encoding="utf-8")
    deck = load_deck(deck_path).deck
    deck_path.unlink()
    os.mkfifo(deck_path)
    assert str(within_deadline(lambda: deck.setting_place("theme"))) == f"{deck_path}:2:8"


def test_an_unset_setting_is_placed_at_the_deck(tmp_path: Path):
    deck_path = tmp_path / "deck.yaml"
    deck_path.write_text("title: T\n", encoding="utf-8")
    deck = load_deck(deck_path).deck
    assert deck.setting_place("theme") == deck.place
