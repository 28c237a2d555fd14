"""NEL, U+2028 and U+2029: YAML reads them as line breaks, editors do not; the deck never keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.deck import load_deck
from briefing.deck.yamlsafe import LOADERS

CORPUS = Path(__file__).parent / "bad_decks"
SEPARATORS = ("\x85", "\u2028", "\u2029")


@pytest.mark.parametrize("loader", LOADERS)
def test_separators_become_spaces_and_block_text_stays_whole(loader, monkeypatch):
    monkeypatch.chdir(CORPUS / "good_line_separators_removed")
    deck = load_deck("deck.yaml", loader=loader).deck
    assert deck.title == "Line separator in plain text"
    assert deck.summary == "A block scalar with a paragraph separator and a next line,\nstill one valid block.\n"
    assert deck.classification == "OPEN"


@pytest.mark.parametrize("loader", LOADERS)
def test_escaped_separators_in_double_quotes_are_removed(loader, monkeypatch):
    monkeypatch.chdir(CORPUS / "good_line_separators_removed")
    subtitle = load_deck("deck.yaml", loader=loader).deck.subtitle
    assert not any(separator in subtitle for separator in SEPARATORS)


@pytest.mark.parametrize("loader", LOADERS)
def test_a_later_error_is_on_the_line_an_editor_shows(loader, monkeypatch):
    monkeypatch.chdir(CORPUS / "line_separators_keep_editor_lines")
    [error] = load_deck("deck.yaml", loader=loader).errors
    assert (error.place.line, error.place.column) == (5, 1)
