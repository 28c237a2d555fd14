"""Lanes: one per country involved, or one for all; placements made once per deck."""

from __future__ import annotations

from timeline_decks import LANES_BODY, make_deck

from briefing.views.timeline import ALL_LANE, NO_COUNTRY_LANE, Placements, Timeline, entry_filter


def test_each_entry_sits_in_the_lane_of_every_country_involved(tmp_path):
    timeline = Timeline.build(make_deck(tmp_path, LANES_BODY))
    lanes = {lane.key: [placed.id for placed in lane.entries] for lane in timeline.lanes}
    assert list(lanes) == ["EE", "PL", "RU", "NATO", NO_COUNTRY_LANE]
    assert lanes == {"EE": ["hit"], "PL": ["drones", "talks"], "RU": ["drones", "hit"], "NATO": ["talks"], NO_COUNTRY_LANE: ["loose"]}
    assert timeline.lanes[0].label == "EE Estonia"


def test_the_all_view_puts_every_dated_entry_on_one_lane_in_time_order(tmp_path):
    timeline = Timeline.build(make_deck(tmp_path, LANES_BODY), all_in_one=True)
    (lane,) = timeline.lanes
    assert lane.key == ALL_LANE
    assert [placed.id for placed in lane.entries] == ["drones", "hit", "talks", "loose"]


def test_placements_are_reused_by_every_filter(tmp_path):
    deck = make_deck(tmp_path, LANES_BODY)
    placements = Placements.of(deck)
    timeline = Timeline.build(deck, entry_filter("PL"), placements=placements)
    assert timeline.lanes[0].entries[0] is placements.dated[0]
