"""`Deck.zone`: the deck's timezone setting as a tzinfo, in one place, with UTC when it names none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefing.deck import load_deck
from briefing.deck.model import Deck, Place


def _deck(timezone: str) -> Deck:
    return Deck(title="T", path=Path("deck.yaml"), place=Place("deck.yaml", 1, 1), timezone=timezone)


def test_a_loaded_decks_zone_is_its_timezone(tmp_path):
    (tmp_path / "deck.yaml").write_text("title: T\ntimezone: Europe/Tallinn\n", encoding="utf-8")
    zone = load_deck(tmp_path / "deck.yaml").deck.zone
    assert datetime(2025, 9, 19, 12, tzinfo=zone).utcoffset() == timedelta(hours=3)


def test_an_offset_timezone_is_a_fixed_zone():
    assert datetime(2025, 1, 1, tzinfo=_deck("+05:30").zone).utcoffset() == timedelta(hours=5, minutes=30)


def test_a_timezone_that_names_no_zone_falls_back_to_utc():
    assert _deck("Mars/Olympus").zone is UTC
    assert _deck("UTC").zone is UTC
