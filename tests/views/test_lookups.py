"""Quotes about each item and items citing each source, for a whole deck in one pass."""

from __future__ import annotations

from timeline_decks import LANES_BODY, make_deck

from briefing.views.lookups import lookups_for


def test_quotes_about_an_entry_are_those_the_deck_finds_for_it(tmp_path):
    body = LANES_BODY + """\
people:
  - {id: kallas, name: Kaja Kallas, country: EE}
quotes:
  - {id: q1, by: kallas, text: "It was [bold]deliberate[/]", about: [hit]}
  - {id: q2, by: kallas, text: Second, about: [hit, talks, hit]}
"""
    deck = make_deck(tmp_path, body)
    lookups = lookups_for(deck)
    assert lookups.quotes_about("hit") == deck.quotes_about("hit")
    assert lookups.quotes_about("talks") == deck.quotes_about("talks")
    assert lookups.quotes_about("nothing") == ()


def test_items_citing_a_source_are_those_the_deck_finds_for_it(example_deck):
    lookups = lookups_for(example_deck)
    for source in example_deck.sources:
        assert set(lookups.cited_by(source.id)) == set(example_deck.citing(source.id))
