"""The Navigator: walking lanes in time order, zooming, panning, fitting, clicking."""

from __future__ import annotations

from datetime import datetime

from timeline_decks import DAYS, LANES_BODY, col, events_deck, make_deck

from briefing.views.timeline import DAYS_ZOOM, UNDATED_LANE, Navigator, Timeline, lane_cells
from briefing.views.timeline.navigation import FIT_MARGIN


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
    navigator.left = navigator.selected.anchor(DAYS) - 24
    steps = (
        (-1, "days ×2"), (-1, "days ×3"), (-1, "3 hours"), (-1, "hours"), (1, "3 hours"),
        (1, "days ×3"), (1, "days ×2"), (1, "days"), (1, "weeks ×3"), (1, "weeks ×2"), (1, "weeks"), (1, "months"),
    )
    for step, name in steps:
        navigator.zoom_by(step)
        zoom = navigator.zoom
        assert zoom.name == name
        assert (navigator.selected.anchor(zoom) - navigator.left) * zoom.scale == 24, "the same terminal cell"


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
    assert navigator.zoom.name == "days ×3", "10 Sep to the 25 Sep as-of is 16 days: too many for 3-hour columns"
    assert navigator.width == 23


def test_fit_leaves_a_margin_and_centres_the_entries(tmp_path):
    deck = events_deck(tmp_path, ("a", "2025-09-10"), ("b", "2025-09-20"))
    navigator = Navigator(Timeline.build(deck), width=60)
    navigator.fit()
    first = navigator.timeline.lanes[0].entries[0].anchor(navigator.zoom)
    last = navigator.timeline.as_of_columns(navigator.zoom)[1]
    assert navigator.zoom.name == "days ×3" and navigator.width == 20
    assert first - navigator.left >= FIT_MARGIN and navigator.left + navigator.width - 1 - last >= FIT_MARGIN
    narrower = Navigator(Timeline.build(deck), width=57)
    narrower.fit()
    assert narrower.zoom.name == "days ×2", "16 days and two margins of two do not fit in 19 columns of three cells"


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
