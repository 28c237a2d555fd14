"""Where the tests find the repository, the example deck and the shared test data.

Kept free of Textual so the deck-core tests import nothing of the UI."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXAMPLE_FOLDER = REPO / "decks" / "nato-airspace-2025"
EXAMPLE_DECK = EXAMPLE_FOLDER / "deck.yaml"
EXAMPLE_GROUP_ORDER = ["NATO", "GB", "US", "EE", "PL", "RO", "DK", "LT", "DE", "FR", "IT", "NL", "EU", "RU", "UA"]
"""The example deck's countries grouped as the matrix and the countries list order them."""
EXAMPLE_MATRIX_ORDER = ["GB", "US", "EE", "PL", "RO", "DK", "LT", "DE", "FR", "IT", "NL", "RU", "NATO", "EU", "UA"]
"""The matrix's columns: the same groups, the countries with no position on any question last."""
EXERCISE_DECK = TESTS / "ui" / "exercise_deck" / "deck.yaml"
"""A fictitious exercise deck of fifteen countries and organisations and four questions."""
