"""The timeline's geometry without a screen: precision, lanes, cells, ticks, selection order."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.deck import load_deck
from briefing.deck.model import Deck
from briefing.timeline_layout import (
    ALL_LANE,
    DAYS_ZOOM,
    NO_COUNTRY_LANE,
    UNDATED_LANE,
    ZOOMS,
    FilterQuery,
    Mark,
    Navigator,
    Placements,
    Timeline,
    build_axis,
    column_of,
    filter_vocabulary,
    lane_cells,
    position,
    quotes_by_subject,
    undated_pieces,
    wall_clock,
)

ZOOM = {zoom.name: zoom for zoom in ZOOMS}
HOURS, DAYS, WEEKS, MONTHS, YEARS = (ZOOM[name] for name in ("hours", "days", "weeks", "months", "years"))

HEADER = """\
title: Timeline test deck
as_of: 2025-09-25
timezone: Europe/Tallinn
countries:
  - {code: EE, name: Estonia}
  - {code: PL, name: Poland}
  - {code: RU, name: Russia}
  - {code: NATO, name: North Atlantic Treaty Organization}
"""


def make_deck(tmp_path: Path, body: str, header: str = HEADER) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(header + body, encoding="utf-8")
    result = load_deck(path)
    assert result.ok, "\n".join(str(d) for d in result.errors)
    return result.deck


def events_deck(tmp_path: Path, *entries: tuple[str, str], countries: str = "[EE]") -> Deck:
    """A deck of events ``(id, when)`` all in the same lane."""
    lines = ["events:"]
    for entry_id, when in entries:
        lines += [f"  - id: {entry_id}", f"    title: Event {entry_id}", f"    when: '{when}'", f"    countries: {countries}"]
    return make_deck(tmp_path, "\n".join(lines) + "\n")


def col(moment: datetime, zoom) -> int:
    """The column of a wall-clock moment in the deck's zone."""
    return column_of(position(moment, zoom.unit), zoom)


def glyphs(timeline: Timeline, zoom, left: int, width: int, lane: int = 0, **options) -> str:
    return "".join(cell.glyph for cell in lane_cells(timeline.lanes[lane], zoom, left, width, **options))


def only_entry(timeline: Timeline):
    (lane,) = [lane for lane in timeline.lanes if lane.dated]
    (placed,) = lane.entries
    return placed


# --- honest precision ----------------------------------------------------------------------

def test_year_precision_spans_its_whole_year_hatched_and_never_as_a_point(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("y", "2024")))
    placed = only_entry(timeline)
    assert placed.extent(MONTHS) == (col(datetime(2024, 1, 1), MONTHS), col(datetime(2024, 12, 1), MONTHS))
    drawn = glyphs(timeline, MONTHS, col(datetime(2024, 1, 1), MONTHS), 12)
    assert drawn == "░" * 12
    assert glyphs(timeline, YEARS, col(datetime(2024, 1, 1), YEARS), 1) == "░"


def test_month_precision_spans_its_month_and_never_becomes_the_first(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("m", "2025-09")))
    placed = only_entry(timeline)
    first, last = placed.extent(DAYS)
    assert (first, last) == (col(datetime(2025, 9, 1), DAYS), col(datetime(2025, 9, 30), DAYS))
    cells = lane_cells(timeline.lanes[0], DAYS, first - 1, 32)
    assert [cell.mark for cell in cells[1:31]] == [Mark.HATCH] * 30
    assert cells[0].entry is None and cells[31].entry is None
    assert not any(cell.mark is Mark.POINT for cell in cells)


def test_month_precision_looks_different_from_an_exact_day_even_in_one_column(tmp_path):
    deck = events_deck(tmp_path, ("month", "2025-09"), ("day", "2025-10-19"))
    timeline = Timeline.build(deck)
    month_col, day_col = col(datetime(2025, 9, 1), MONTHS), col(datetime(2025, 10, 1), MONTHS)
    cells = lane_cells(timeline.lanes[0], MONTHS, month_col, 2)
    assert [cell.glyph for cell in cells] == ["░", "◇"]
    assert day_col == month_col + 1


def test_a_day_is_a_point_at_day_zoom_and_its_whole_day_when_columns_are_hours(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("d", "2025-09-19")))
    (cell,) = lane_cells(timeline.lanes[0], DAYS, col(datetime(2025, 9, 19), DAYS), 1)
    assert (cell.mark, cell.glyph) == (Mark.POINT, "◇")
    midnight = col(datetime(2025, 9, 19), HOURS)
    hours = lane_cells(timeline.lanes[0], HOURS, midnight - 1, 26)
    assert [cell.mark for cell in hours[1:25]] == [Mark.HATCH] * 24
    assert hours[0].entry is None and hours[25].entry is None


def test_minute_precision_is_a_point_at_its_hour_on_the_decks_clock(tmp_path):
    deck = events_deck(tmp_path, ("local", "2025-09-19T09:58+03:00"), ("utc", "2025-09-19T03:10Z"))
    timeline = Timeline.build(deck)
    lane = timeline.lanes[0]
    at_0958 = col(datetime(2025, 9, 19, 9), HOURS)
    at_0610 = col(datetime(2025, 9, 19, 6), HOURS)
    assert lane.entries[0].anchor(HOURS) == at_0610
    assert lane.entries[1].anchor(HOURS) == at_0958
    cells = lane_cells(lane, HOURS, at_0610, 4)
    assert [cell.glyph for cell in cells] == ["◇", " ", " ", "◇"]


def test_interval_is_a_bar_from_its_start_day_to_its_end_day(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("i", "2025-09-22/2025-09-25")))
    start = col(datetime(2025, 9, 22), DAYS)
    assert only_entry(timeline).extent(DAYS) == (start, start + 3)
    assert glyphs(timeline, DAYS, start, 5)[:4] == "◇━━━"


def test_interval_ends_known_to_a_day_are_hatched_when_columns_are_hours(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("i", "2025-09-22/2025-09-24")))
    start = col(datetime(2025, 9, 22), HOURS)
    cells = lane_cells(timeline.lanes[0], HOURS, start, 72)
    marks = [cell.mark for cell in cells]
    assert marks[:24] == [Mark.HATCH] * 24
    assert marks[24:48] == [Mark.BAR] * 24
    assert marks[48:72] == [Mark.HATCH] * 24


def test_until_draws_the_same_bar_as_an_interval(tmp_path):
    body = """\
events:
  - {id: u, title: Until, when: 2025-09-22, until: 2025-09-25, countries: [EE]}
"""
    timeline = Timeline.build(make_deck(tmp_path, body))
    start = col(datetime(2025, 9, 22), DAYS)
    assert only_entry(timeline).extent(DAYS) == (start, start + 3)


def test_the_selected_span_never_covers_where_another_entry_starts(tmp_path):
    deck = events_deck(tmp_path, ("long", "2025-09-09/2025-09-10"), ("next", "2025-09-10/2025-09-25"))
    timeline = Timeline.build(deck)
    lane = timeline.lanes[0]
    start = col(datetime(2025, 9, 9), HOURS)
    cells = lane_cells(lane, HOURS, start, 48, selected=lane.entries[0])
    assert all(cell.selected and cell.entry is lane.entries[0] for cell in cells[:24])
    assert cells[24].entry is lane.entries[1] and not cells[24].selected
    assert all(cell.selected for cell in cells[25:48])


def test_approximate_date_is_marked_with_a_tilde_before_it(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("a", "2025-09-20~")))
    day = col(datetime(2025, 9, 20), DAYS)
    cells = lane_cells(timeline.lanes[0], DAYS, day - 1, 2)
    assert [(cell.mark, cell.glyph) for cell in cells] == [(Mark.APPROX, "~"), (Mark.POINT, "◇")]
    assert cells[0].entry is cells[1].entry


def test_approximate_mark_may_cover_a_span_passing_by_but_never_a_start(tmp_path):
    deck = events_deck(tmp_path, ("month", "2025-09"), ("about", "2025-09-12~"), ("day", "2025-09-14"), ("next", "2025-09-15~"))
    timeline = Timeline.build(deck)
    day = col(datetime(2025, 9, 10), DAYS)
    assert glyphs(timeline, DAYS, day, 6) == "░~◇░◇◇"


def test_approximate_interval_end_is_marked_after_the_bar(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("a", "2025-09-20/2025-09-22~")))
    day = col(datetime(2025, 9, 20), DAYS)
    assert glyphs(timeline, DAYS, day, 4) == "◇━━~"


def test_undated_entries_are_listed_aside_not_dropped(tmp_path):
    body = """\
events:
  - {id: dated, title: Dated, when: 2025-09-19, countries: [EE]}
  - {id: nodate, title: Sometime, countries: [EE]}
incidents:
  - {id: nodate-incident, title: Also sometime, countries: [PL]}
"""
    timeline = Timeline.build(make_deck(tmp_path, body))
    undated = timeline.lanes[-1]
    assert undated.key == UNDATED_LANE and not undated.dated
    assert {placed.id for placed in undated.entries} == {"nodate", "nodate-incident"}
    assert timeline.shown == timeline.total == 3
    text = "".join(piece.text for piece in undated_pieces(undated, 60, None))
    assert "◇ Sometime" in text and "◆ Also sometime" in text


def test_event_crossing_midnight_in_the_decks_timezone_covers_both_local_days(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("night", "2025-09-19T23:30/2025-09-20T00:30")))
    placed = only_entry(timeline)
    item = placed.item
    in_utc = (item.when.start.astimezone(UTC).date(), item.when.end.start.astimezone(UTC).date())
    assert in_utc[0] == in_utc[1], "in UTC the event is on one day; the deck's clock must be used"
    assert placed.extent(DAYS) == (col(datetime(2025, 9, 19), DAYS), col(datetime(2025, 9, 20), DAYS))
    assert glyphs(timeline, DAYS, col(datetime(2025, 9, 19), DAYS), 2) == "◇━"


def test_day_columns_stay_on_calendar_days_across_a_daylight_saving_change(tmp_path):
    deck = events_deck(tmp_path, ("sat", "2025-10-25"), ("sun", "2025-10-26"), ("mon", "2025-10-27"))
    timeline = Timeline.build(deck)
    anchors = [placed.anchor(DAYS) for placed in timeline.lanes[0].entries]
    assert anchors == [col(datetime(2025, 10, d), DAYS) for d in (25, 26, 27)]
    assert [placed.extent(DAYS)[1] - placed.extent(DAYS)[0] for placed in timeline.lanes[0].entries] == [0, 0, 0]


def test_wall_clock_uses_the_decks_zone():
    moment = datetime(2025, 9, 19, 20, 30, tzinfo=UTC)
    from briefing.deck.dates import resolve_timezone

    assert wall_clock(moment, resolve_timezone("Europe/Tallinn")) == datetime(2025, 9, 19, 23, 30)


# --- crowding ------------------------------------------------------------------------------

def test_entries_starting_in_one_column_show_a_count(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-09-19"), ("b", "2025-09-19T10:00"), ("c", "2025-09-19T18:00"))
    timeline = Timeline.build(deck)
    day = col(datetime(2025, 9, 19), DAYS)
    (cell,) = lane_cells(timeline.lanes[0], DAYS, day, 1)
    assert (cell.mark, cell.glyph, cell.count) == (Mark.COUNT, "3", 3)
    hours = lane_cells(timeline.lanes[0], HOURS, col(datetime(2025, 9, 19, 10), HOURS), 1)
    assert hours[0].mark is Mark.POINT, "zooming in separates the timed entries"


def test_more_than_nine_in_a_column_show_a_plus(tmp_path):
    deck = events_deck(tmp_path, *((f"e{n}", f"2025-09-{n:02d}") for n in range(1, 13)))
    timeline = Timeline.build(deck)
    (cell,) = lane_cells(timeline.lanes[0], MONTHS, col(datetime(2025, 9, 1), MONTHS), 1)
    assert (cell.glyph, cell.count) == ("+", 12)


def test_selection_walks_through_a_crowded_column_in_time_order(tmp_path):
    deck = events_deck(tmp_path, ("c", "2025-09-19T18:00"), ("a", "2025-09-19"), ("b", "2025-09-19T10:00"))
    navigator = Navigator(Timeline.build(deck), width=40)
    navigator.fit()
    navigator.zoom_index = DAYS_ZOOM
    seen = []
    for _ in range(3):
        seen.append((navigator.selected.id, navigator.crowd()))
        navigator.move(1)
    assert seen == [("a", (1, 3)), ("b", (2, 3)), ("c", (3, 3))]


def test_clicking_a_crowded_column_again_selects_the_next_entry(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-09-19"), ("b", "2025-09-19T10:00"), ("x", "2025-09-10"))
    navigator = Navigator(Timeline.build(deck), width=40)
    navigator.fit()
    navigator.zoom_index = DAYS_ZOOM
    navigator.reveal()
    column = col(datetime(2025, 9, 19), DAYS) - navigator.left
    assert navigator.select_at(0, column) and navigator.selected.id == "a"
    assert navigator.select_at(0, column) and navigator.selected.id == "b"
    assert navigator.select_at(0, column) and navigator.selected.id == "a"


# --- lanes and filters ---------------------------------------------------------------------

LANES_BODY = """\
incidents:
  - {id: hit, title: Jets over Estonia, when: 2025-09-19, countries: [EE], actor: RU, kind: airspace violation, tags: [jets]}
  - {id: drones, title: Drones over Poland, when: 2025-09-10, countries: [PL], actor: RU, kind: drone incursion, tags: [drones, article-4]}
events:
  - {id: talks, title: Talks, when: 2025-09-22, countries: [NATO, PL], kind: meeting, tags: [article-4]}
  - {id: loose, title: Nobody in particular, when: 2025-09-23}
"""


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
    timeline = Timeline.build(deck, FilterQuery.parse(text), all_in_one=True)
    shown = {placed.id for lane in timeline.lanes for placed in lane.entries}
    assert shown == expected
    assert timeline.shown == len(expected) and timeline.total == 4


def test_filter_vocabulary_offers_codes_kinds_and_tags(tmp_path):
    words = filter_vocabulary(make_deck(tmp_path, LANES_BODY))
    assert {"EE", "RU", 'kind:"drone incursion"', "kind:meeting", "tag:article-4"} <= set(words)


def test_placements_are_reused_by_every_filter(tmp_path):
    deck = make_deck(tmp_path, LANES_BODY)
    placements = Placements.of(deck)
    timeline = Timeline.build(deck, FilterQuery.parse("PL"), placements=placements)
    assert timeline.lanes[0].entries[0] is placements.dated[0]


def test_quotes_about_an_entry_are_indexed_once(tmp_path):
    body = LANES_BODY + """\
people:
  - {id: kallas, name: Kaja Kallas, country: EE}
quotes:
  - {id: q1, by: kallas, text: "It was [bold]deliberate[/]", about: [hit]}
  - {id: q2, by: kallas, text: Second, about: [hit, talks]}
"""
    deck = make_deck(tmp_path, body)
    index = quotes_by_subject(deck)
    assert index["hit"] == deck.quotes_about("hit")
    assert index["talks"] == deck.quotes_about("talks")


# --- the axis ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("zoom_name", "start", "major", "minor"),
    [
        ("hours", datetime(2025, 9, 19), "Fri 19 Sep", "06:00"),
        ("3 hours", datetime(2025, 9, 19), "September 2025", "20"),
        ("days", datetime(2025, 9, 1), "September 2025", "8"),
        ("weeks", datetime(2025, 1, 6), "2025", "Feb"),
        ("months", datetime(2025, 1, 1), "2025", "Q2"),
        ("quarters", datetime(2020, 1, 1), "2020s", "'21"),
        ("years", datetime(2000, 1, 1), "2000s", "2005"),
    ],
)
def test_axis_labels_adapt_to_the_zoom(zoom_name, start, major, minor):
    zoom = ZOOM[zoom_name]
    axis = build_axis(zoom, col(start, zoom), 66)
    assert major in [tick.label for tick in axis.major]
    assert minor in [tick.label for tick in axis.minor]


def test_axis_labels_never_overlap_and_fit_the_width():
    for zoom in ZOOMS:
        axis = build_axis(zoom, col(datetime(2025, 9, 1), zoom), 50)
        for ticks in (axis.major, axis.minor):
            ends = [tick.column + len(tick.label) for tick in ticks]
            assert all(end <= 50 for end in ends)
            assert all(later.column > end for later, end in zip(ticks[1:], ends))


def test_axis_names_the_period_the_view_starts_in():
    axis = build_axis(DAYS, col(datetime(2025, 9, 10), DAYS), 40)
    assert axis.major[0] == (0, "September 2025")


def test_as_of_is_marked_on_the_axis_and_in_empty_lane_cells(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("d", "2025-09-19")))
    left = col(datetime(2025, 9, 15), DAYS)
    axis = build_axis(DAYS, left, 20, timeline)
    as_of = col(datetime(2025, 9, 25), DAYS)
    assert axis.as_of == (as_of, as_of)
    cells = lane_cells(timeline.lanes[0], DAYS, left, 20, as_of=axis.as_of)
    assert cells[as_of - left].glyph == "┊"


# --- navigation ----------------------------------------------------------------------------

def test_left_and_right_walk_the_lane_in_time_order_not_deck_order(tmp_path):
    deck = events_deck(tmp_path, ("late", "2025-09-25"), ("early", "2025-09-01"), ("mid", "2025-09-10"))
    navigator = Navigator(Timeline.build(deck), width=60)
    navigator.fit()
    order = [navigator.selected.id]
    while navigator.move(1):
        order.append(navigator.selected.id)
    assert order == ["early", "mid", "late"]
    assert not navigator.move(1) and navigator.selected.id == "late"


def test_the_timeline_opens_on_the_earliest_entry(tmp_path):
    navigator = Navigator(Timeline.build(make_deck(tmp_path, LANES_BODY)), width=60)
    assert (navigator.lane.key, navigator.selected.id) == ("PL", "drones")


def test_changing_lane_keeps_the_same_entry_when_it_is_there(tmp_path):
    navigator = Navigator(Timeline.build(make_deck(tmp_path, LANES_BODY)), width=60)
    navigator.fit()
    navigator.change_lane(1)
    assert (navigator.lane.key, navigator.selected.id) == ("RU", "drones")


def test_changing_lane_picks_the_entry_nearest_in_time_otherwise(tmp_path):
    navigator = Navigator(Timeline.build(make_deck(tmp_path, LANES_BODY)), width=60)
    navigator.fit()
    navigator.change_lane(2)
    assert (navigator.lane.key, navigator.selected.id) == ("NATO", "talks")
    navigator.change_lane(-1)
    assert (navigator.lane.key, navigator.selected.id) == ("RU", "hit"), "19 Sep is nearer 22 Sep than 10 Sep"


def test_zoom_keeps_the_selection_in_the_same_screen_column(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-03-01"), ("b", "2025-09-19T10:00"), ("c", "2026-01-01"))
    navigator = Navigator(Timeline.build(deck), width=60)
    navigator.fit()
    navigator.move(1)
    navigator.zoom_index = DAYS_ZOOM
    navigator.left = navigator.selected.anchor(DAYS) - 20
    for step, name in ((-1, "3 hours"), (-1, "hours"), (1, "3 hours"), (1, "days"), (1, "weeks"), (1, "months")):
        navigator.zoom_by(step)
        assert navigator.zoom.name == name
        assert navigator.selected.anchor(navigator.zoom) - navigator.left == 20


def test_zoom_in_brings_an_off_screen_selection_back_into_view(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-03-01"), ("b", "2025-09-19"))
    navigator = Navigator(Timeline.build(deck), width=30)
    navigator.fit()
    navigator.pan(-1000)
    navigator.zoom_by(-1)
    assert navigator.selection_visible()


def test_pan_moves_the_view_by_a_quarter_width_and_stops_near_the_data(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-09-01"), ("b", "2025-09-30"))
    navigator = Navigator(Timeline.build(deck), width=40)
    navigator.fit()
    left = navigator.left
    navigator.pan_page(1)
    assert navigator.left == left + 10
    assert navigator.selected.id == "a", "panning never moves the selection"
    for _ in range(100):
        navigator.pan_page(1)
    assert navigator.left == col(datetime(2025, 9, 30), navigator.zoom)


def test_jump_to_as_of_centres_it_and_selects_the_last_entry_by_then(tmp_path):
    deck = events_deck(tmp_path, ("old", "2024-01-01"), ("by-then", "2025-09-24"), ("after", "2025-10-30"))
    navigator = Navigator(Timeline.build(deck), width=40)
    navigator.fit()
    navigator.zoom_index = DAYS_ZOOM
    navigator.first()
    assert navigator.jump_to_as_of()
    assert navigator.selected.id == "by-then"
    as_of = col(datetime(2025, 9, 25), DAYS)
    assert navigator.left <= as_of < navigator.left + navigator.width


def test_jump_to_as_of_keeps_a_long_selected_span_without_panning_to_its_start(tmp_path):
    deck = events_deck(tmp_path, ("year", "2025"))
    navigator = Navigator(Timeline.build(deck), width=40)
    navigator.fit()
    navigator.zoom_index = DAYS_ZOOM
    navigator.reveal()
    assert navigator.jump_to_as_of()
    as_of = col(datetime(2025, 9, 25), DAYS)
    assert navigator.left <= as_of < navigator.left + navigator.width
    assert navigator.selection_overlaps_view() and not navigator.selection_visible()


def test_fit_picks_the_finest_zoom_showing_everything(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-09-10"), ("b", "2025-09-20"))
    navigator = Navigator(Timeline.build(deck), width=70)
    navigator.fit()
    assert navigator.zoom.name == "days", "10 Sep to the 25 Sep as-of is 16 days: too many for 3-hour columns"


def test_replacing_the_timeline_keeps_the_entry_by_id_or_its_neighbour(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-09-01"), ("b", "2025-09-10"), ("c", "2025-09-20"))
    navigator = Navigator(Timeline.build(deck), width=60)
    navigator.fit()
    navigator.move(1)
    navigator.zoom_by(-1)
    zoom = navigator.zoom_index
    reordered = events_deck(tmp_path, ("c", "2025-09-20"), ("new", "2025-09-02"), ("a", "2025-09-01"), ("b", "2025-09-10"))
    navigator.replace_timeline(Timeline.build(reordered))
    assert navigator.selected.id == "b" and navigator.zoom_index == zoom
    without_b = events_deck(tmp_path, ("a", "2025-09-01"), ("c", "2025-09-20"), ("x", "2025-09-11"))
    navigator.replace_timeline(Timeline.build(without_b))
    assert navigator.selected.id == "x", "the entry nearest in time to the deleted one"


def test_click_on_a_lane_label_changes_lane(tmp_path):
    navigator = Navigator(Timeline.build(make_deck(tmp_path, LANES_BODY)), width=60)
    navigator.fit()
    assert navigator.select_at(0, -3)
    assert navigator.lane.key == "EE" and navigator.selected.id == "hit"


def test_click_on_empty_time_selects_nothing(tmp_path):
    navigator = Navigator(Timeline.build(events_deck(tmp_path, ("a", "2025-09-19"))), width=60)
    navigator.fit()
    empty = [i for i, cell in enumerate(navigator.row_cells(0)) if cell.entry is None]
    assert empty and not navigator.select_at(0, empty[0])


def test_undated_row_scrolls_to_show_the_selected_title(tmp_path):
    lines = ["events:"] + [f"  - {{id: u{n}, title: Undated number {n}}}" for n in range(10)]
    navigator = Navigator(Timeline.build(make_deck(tmp_path, "\n".join(lines) + "\n")), width=40)
    navigator.fit()
    assert navigator.lane.key == UNDATED_LANE
    navigator.last()
    pieces = navigator.undated_row(0)
    assert pieces[-1].selected or any(piece.selected for piece in pieces)
    assert "Undated number 9" in "".join(piece.text for piece in pieces)
    assert navigator.select_at(0, 0) and navigator.selected.id != "u0"


def test_a_crowded_lane_counts_every_entry_in_its_columns(tmp_path):
    lines = ["events:"] + [f"  - {{id: e{n}, title: E{n}, when: 2025-09-{1 + n % 28:02d}, countries: [EE]}}" for n in range(2000)]
    timeline = Timeline.build(make_deck(tmp_path, "\n".join(lines) + "\n"))
    cells = lane_cells(timeline.lanes[0], DAYS, col(datetime(2025, 9, 1), DAYS), 28)
    assert sum(cell.count for cell in cells) == 2000
    assert len(cells) == 28
