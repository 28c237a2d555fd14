"""What the positions matrix looks like: the example deck, and 40 countries by 12 questions."""

from __future__ import annotations

import pytest
from app_support import EXAMPLE_DECK, deck_app
from positions_decks import write_wide_deck

SIZES = [(80, 24), (200, 50)]


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=size_id)
def test_example_deck_matrix(snap_compare, size):
    assert snap_compare(
        deck_app(EXAMPLE_DECK, initial_screen="positions"), terminal_size=size
    )


def test_example_deck_matrix_ordered_by_stance(snap_compare):
    app = deck_app(EXAMPLE_DECK, initial_screen="positions")
    assert snap_compare(
        app, terminal_size=(80, 24), press=["right", "right", "right", "right", "o"]
    )


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_forty_countries_by_twelve_questions(snap_compare, tmp_path, size):
    app = deck_app(write_wide_deck(tmp_path), initial_screen="positions")
    assert snap_compare(app, terminal_size=size)


def test_forty_countries_scrolled_to_the_last_column(snap_compare, tmp_path):
    app = deck_app(write_wide_deck(tmp_path), initial_screen="positions")
    assert snap_compare(app, terminal_size=(80, 24), press=["end", "down"])


def test_question_without_positions(snap_compare, tmp_path):
    """The last question has no positions: a row of no-position glyphs and a tally of 40 '·'."""
    app = deck_app(write_wide_deck(tmp_path), initial_screen="positions")
    assert snap_compare(app, terminal_size=(80, 24), press=["G"])


def test_country_without_positions_in_the_position_window(snap_compare, tmp_path):
    """CH takes no position: its cell opens a window saying so, with what its people said."""

    async def open_swiss_cell(pilot):
        pilot.app.screen.focus_cell("q01", "CH")
        await pilot.pause()

    app = deck_app(write_wide_deck(tmp_path), initial_screen="positions")
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=open_swiss_cell, press=["enter"]
    )
