"""Finding where a deck sets `theme:` reads the deck file the safe way: a swapped-in pipe never blocks."""

from __future__ import annotations

import os
from pathlib import Path

from deadline import within_deadline

from briefing.deck import load_deck
from briefing.ui.theming import theme_setting_place


def test_finding_the_theme_setting_never_blocks_on_a_deck_swapped_for_a_fifo(tmp_path: Path):
    deck_path = tmp_path / "deck.yaml"
    deck_path.write_text("title: T\ntheme: briefing-dark\n", encoding="utf-8")
    deck = load_deck(deck_path).deck
    assert str(theme_setting_place(deck)) == f"{deck_path}:2:8"
    deck_path.unlink()
    os.mkfifo(deck_path)
    assert within_deadline(lambda: theme_setting_place(deck)) == deck.place

