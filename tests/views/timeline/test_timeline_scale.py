"""The axis: labels that adapt to the zoom, never overlap, and mark the as-of date."""

from __future__ import annotations

from datetime import datetime

import pytest
from timeline_decks import DAYS, ZOOM, col, events_deck

from briefing.views.timeline import ZOOMS, Timeline, build_axis, lane_cells


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
            assert all(end <= 50 * zoom.scale for end in ends), "tick columns are terminal cells"
            assert all(later.column > end for later, end in zip(ticks[1:], ends))


def test_axis_names_the_period_the_view_starts_in():
    axis = build_axis(DAYS, col(datetime(2025, 9, 10), DAYS), 40)
    assert axis.major[0] == (0, "September 2025")


def test_as_of_is_marked_on_the_axis_and_in_empty_lane_cells(tmp_path):
    timeline = Timeline.build(events_deck(tmp_path, ("d", "2025-09-19")))
    left = col(datetime(2025, 9, 15), DAYS)
    axis = build_axis(DAYS, left, 20, timeline.as_of_columns(DAYS))
    as_of = col(datetime(2025, 9, 25), DAYS)
    assert axis.as_of == (as_of, as_of)
    cells = lane_cells(timeline.lanes[0], DAYS, left, 20, as_of=axis.as_of)
    assert cells[as_of - left].glyph == "┊"
