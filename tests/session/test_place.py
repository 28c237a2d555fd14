"""A Place is a value: it round-trips through JSON and refuses what it cannot mean."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.session import (
    SCREENS,
    CountriesView,
    Place,
    PlaceError,
    PositionsView,
    QuotesView,
    SourcesView,
    TimelineView,
)

ids = st.none() | st.text(max_size=40)
texts = st.text(max_size=60)

places = st.builds(
    Place,
    screen=st.sampled_from(SCREENS),
    slide=st.integers(min_value=0, max_value=10_000),
    slide_id=ids,
    blank=st.booleans(),
    detail=ids,
    timeline=st.builds(
        TimelineView,
        zoom=st.none() | st.integers(0, 20),
        left=st.none() | st.integers(-10**9, 10**9),
        selected=ids,
        lane=ids,
        filter=texts,
        all_in_one=st.booleans(),
    ),
    countries=st.builds(
        CountriesView,
        selected=ids,
        section=ids,
        group=ids,
        filter=texts,
        marked=st.lists(st.text(max_size=8), max_size=10).map(tuple),
        comparing=st.booleans(),
        differences_only=st.booleans(),
        entry=ids,
        expanded=st.lists(st.text(max_size=12), max_size=5).map(tuple),
    ),
    positions=st.builds(
        PositionsView, question=ids, country=ids, order=st.sampled_from(("group", "stance")), group=ids, stance_question=ids
    ),
    quotes=st.builds(QuotesView, query=texts, selected=ids),
    sources=st.builds(SourcesView, selected=ids, cited=ids),
)


@given(places)
def test_place_written_to_json_and_read_back_is_equal(place):
    assert Place.from_json(json.loads(json.dumps(place.to_json()))) == place


def test_default_place_is_the_title_slide_of_the_brief():
    place = Place()
    assert (place.screen, place.slide, place.blank) == ("brief", 0, False)
    assert Place.from_json({}) == place


def test_place_from_a_newer_peer_ignores_keys_it_does_not_know():
    data = Place(screen="quotes", quotes=QuotesView("tusk")).to_json()
    data["laser_pointer"] = {"x": 3}
    data["quotes"]["highlight"] = True
    assert Place.from_json(data) == Place(screen="quotes", quotes=QuotesView("tusk"))


@pytest.mark.parametrize(
    "data, complaint",
    [
        ([], "expected an object"),
        ({"screen": "settings"}, "unknown screen"),
        ({"slide": -1}, "negative"),
        ({"slide": "3"}, "place.slide: expected int"),
        ({"slide": True}, "place.slide: expected a whole number"),
        ({"blank": 1}, "place.blank: expected bool"),
        ({"quotes": {"query": 7}}, "place.quotes.query: expected text"),
        ({"quotes": {"query": "x" * 1_001}}, "longer than 1000"),
        ({"countries": {"marked": ["EE"] * 101}}, "at most 100"),
        ({"countries": {"marked": "EE"}}, "expected a list"),
        ({"timeline": "zoomed"}, "place.timeline: expected an object"),
    ],
)
def test_place_from_json_refuses_what_it_cannot_mean(data, complaint):
    with pytest.raises(PlaceError, match=complaint):
        Place.from_json(data)


def test_with_view_replaces_one_screen_and_keeps_the_rest():
    place = Place(screen="timeline", slide=2, timeline=TimelineView(zoom=3, selected="poland-drones"))
    moved = place.with_view(quotes=QuotesView("shoot"))
    assert moved.quotes.query == "shoot"
    assert moved.timeline == place.timeline and moved.slide == 2
