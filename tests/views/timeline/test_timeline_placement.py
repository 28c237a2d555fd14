"""Entries placed at the precision their dates were given, on the deck's wall clock."""

from __future__ import annotations

from datetime import UTC, datetime

from timeline_decks import DAYS, DAYS_X3, HOURS, MONTHS, YEARS, col, events_deck, glyphs, make_deck, only_entry

from briefing.views.timeline import UNDATED_LANE, Mark, Timeline, lane_cells, undated_pieces, wall_clock


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


def test_a_when_window_is_hatched_as_uncertainty_like_a_month_never_as_a_bar(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("i", "2025-09-22/2025-09-25")))
    start = col(datetime(2025, 9, 22), DAYS)
    placed = only_entry(timeline)
    assert placed.extent(DAYS) == (start, start + 3) and not placed.is_interval
    assert glyphs(timeline, DAYS, start, 5)[:4] == "░░░░"
    assert glyphs(timeline, DAYS_X3, start, 1) == "░", "one column of a magnified zoom"


def test_a_when_window_is_hatched_through_every_hour_of_it(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("i", "2025-09-22/2025-09-24")))
    start = col(datetime(2025, 9, 22), HOURS)
    cells = lane_cells(timeline.lanes[0], HOURS, start, 72)
    assert [cell.mark for cell in cells] == [Mark.HATCH] * 72


def until_deck(tmp_path, when: str, until: str):
    body = f"""\
events:
  - {{id: u, title: Until, when: "{when}", until: "{until}", countries: [EE]}}
"""
    return Timeline.build(make_deck(tmp_path, body))


def test_until_draws_a_bar_of_what_lasted(tmp_path):
    timeline = until_deck(tmp_path, "2025-09-22", "2025-09-25")
    start = col(datetime(2025, 9, 22), DAYS)
    assert only_entry(timeline).extent(DAYS) == (start, start + 3)
    assert glyphs(timeline, DAYS, start, 4) == "◇━━━"


def test_the_ends_of_what_lasted_known_to_a_day_are_hatched_when_columns_are_hours(tmp_path):
    timeline = until_deck(tmp_path, "2025-09-22", "2025-09-24")
    start = col(datetime(2025, 9, 22), HOURS)
    marks = [cell.mark for cell in lane_cells(timeline.lanes[0], HOURS, start, 72)]
    assert marks[:24] == [Mark.HATCH] * 24
    assert marks[24:48] == [Mark.BAR] * 24
    assert marks[48:72] == [Mark.HATCH] * 24


def test_a_window_start_with_an_until_is_hatched_then_a_bar(tmp_path):
    timeline = until_deck(tmp_path, "2025-09-20/2025-09-21", "2025-09-24")
    start = col(datetime(2025, 9, 20), DAYS)
    assert glyphs(timeline, DAYS, start, 5) == "░░━━━"


def test_ongoing_runs_to_the_as_of_date_and_stays_open_to_the_right(tmp_path):
    timeline = until_deck(tmp_path, "2025-09-22", "ongoing")
    placed = only_entry(timeline)
    start = col(datetime(2025, 9, 22), DAYS)
    assert placed.ongoing and placed.extent(DAYS) == (start, col(datetime(2025, 9, 25), DAYS))
    assert glyphs(timeline, DAYS, start, 6) == "◇━━━→ "


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


def test_approximate_end_is_marked_after_the_bar(tmp_path):
    timeline = until_deck(tmp_path, "2025-09-20", "2025-09-22~")
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
    assert glyphs(timeline, DAYS, col(datetime(2025, 9, 19), DAYS), 2) == "░░", "a window: the moment is in one of them"


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
