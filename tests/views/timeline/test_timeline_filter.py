"""The timeline's `f` filter: countries, kinds and tags, every word."""

from __future__ import annotations

import pytest
from timeline_decks import LANES_BODY, make_deck

from briefing.views.timeline import Timeline, entry_filter, filter_vocabulary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EE", {"hit"}),
        ("estonia", {"hit"}),
        ("atlantic", {"talks"}),
        ("incur", {"drones"}),
        ("ee", {"hit"}),
        ("country:RU", {"hit", "drones"}),
        ("kind:drone", {"drones"}),
        ('kind:"drone incursion"', {"drones"}),
        ("tag:article-4", {"drones", "talks"}),
        ("article-4 PL", {"drones", "talks"}),
        ("article-4 NATO", {"talks"}),
        ("nothing-like-this", set()),
        ('kind:"unbalanced', set()),
        ("", {"hit", "drones", "talks", "loose"}),
    ],
)
def test_filter_matches_country_kind_or_tag_and_all_words(tmp_path, text, expected):
    deck = make_deck(tmp_path, LANES_BODY)
    timeline = Timeline.build(deck, entry_filter(text), all_in_one=True)
    shown = {placed.id for lane in timeline.lanes for placed in lane.entries}
    assert shown == expected
    assert timeline.shown == len(expected) and timeline.total == 4


def test_filter_vocabulary_offers_codes_kinds_and_tags(tmp_path):
    words = filter_vocabulary(make_deck(tmp_path, LANES_BODY))
    assert {"EE", "RU", 'kind:"drone incursion"', "kind:meeting", "tag:article-4"} <= set(words)
