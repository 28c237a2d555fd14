"""What a lane's columns show where entries crowd: counts, and walking through them."""

from __future__ import annotations

from datetime import datetime

from timeline_decks import DAYS, HOURS, MONTHS, col, events_deck

from briefing.views.timeline import DAYS_ZOOM, Mark, Navigator, Timeline, lane_cells


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


def test_a_magnified_column_is_drawn_in_several_cells_without_claiming_part_of_a_day():
    from briefing.views.timeline import Cell, cell_text

    day = Cell(Mark.POINT, "◆", entry=None, count=1)
    bar = Cell(Mark.BAR, "━")
    hatch = Cell(Mark.HATCH, "░")
    assert cell_text(bar, None, 3) == "━━━" and cell_text(hatch, bar, 2) == "░░"
    assert cell_text(day, None, 3) == "◆  ", "a day's glyph, then the rest of the day blank"
    assert cell_text(day, bar, 3) == "◆━━", "an entry passing through the day goes on behind the glyph"
    assert cell_text(Cell(Mark.GRID, "·"), None, 3) == "·  "
    assert cell_text(day, bar, 1) == "◆"
