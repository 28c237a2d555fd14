"""What the countries screen looks like: list, pane, a country with no positions, the comparison."""

from __future__ import annotations

import pytest
from app_support import EXAMPLE_DECK, deck_app
from positions_decks import write_wide_deck


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=size_id)
def test_example_deck_countries(snap_compare, size):
    app = deck_app(EXAMPLE_DECK, initial_screen="countries")
    assert snap_compare(app, terminal_size=size, press=["down", "down", "down"])


def test_example_deck_country_pane_focused_on_a_quote(snap_compare):
    app = deck_app(EXAMPLE_DECK, initial_screen="countries")
    keys = ["down"] * 7 + ["enter", "down"]
    assert snap_compare(app, terminal_size=(80, 24), press=keys)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=size_id)
def test_forty_countries(snap_compare, tmp_path, size):
    app = deck_app(write_wide_deck(tmp_path), initial_screen="countries")
    assert snap_compare(app, terminal_size=size, press=["a", "down"])


def test_country_without_positions(snap_compare, tmp_path):
    """Switzerland takes no position: every question is listed with '· no position'."""
    app = deck_app(write_wide_deck(tmp_path), initial_screen="countries")
    assert snap_compare(
        app, terminal_size=(80, 24), press=["f", "s", "w", "i", "enter"]
    )


def test_comparison_of_marked_countries(snap_compare):
    app = deck_app(EXAMPLE_DECK, initial_screen="countries")
    keys = [
        "down",
        "down",
        "down",
        "m",
        "down",
        "down",
        "down",
        "down",
        "m",
        "down",
        "down",
        "down",
        "m",
        "v",
        "down",
    ]
    assert snap_compare(app, terminal_size=(80, 24), press=keys)
