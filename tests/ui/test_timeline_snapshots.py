"""What the timeline looks like: the example deck's September 2025 at several zooms, and a
deck with one entry per kind of date precision."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import deck_app, example_app

SMALL = (80, 24)
LARGE = (120, 40)

PRECISION_DECK = """\
title: Every kind of date
as_of: 2025-09-25
timezone: Europe/Tallinn
countries:
  - {code: EE, name: Estonia}
  - {code: LV, name: Latvia}
  - {code: PL, name: Poland}
  - {code: RU, name: Russia}
  - {code: SE, name: Sweden}
  - {code: NATO, name: NATO}
incidents:
  - {id: day, title: A day, when: 2025-09-19, countries: [EE], actor: RU}
  - {id: month-incident, title: Some day in August, when: 2025-08, countries: [LV]}
  - {id: approximate, title: About the 12th, when: 2025-09-12~, countries: [PL]}
events:
  - {id: minute, title: At 09:58 that day, when: "2025-09-19T09:58+03:00", countries: [EE]}
  - {id: month, title: Some day in September, when: 2025-09, countries: [PL]}
  - {id: interval, title: Four days, when: 2025-09-21/2025-09-24, countries: [RU]}
  - {id: midnight, title: Across midnight, when: "2025-09-14T23:30/2025-09-15T00:30", countries: [LV]}
  - {id: year, title: Some time in 2025, when: 2025, countries: [SE]}
  - {id: undated, title: No date given, countries: [NATO]}
"""


def precision_app(tmp_path: Path):
    path = tmp_path / "deck.yaml"
    path.write_text(PRECISION_DECK, encoding="utf-8")
    return deck_app(path, initial_screen="timeline")


def timeline_app(**options):
    return example_app(initial_screen="timeline", **options)


def test_example_deck_september_2025_by_country(snap_compare):
    assert snap_compare(timeline_app(), terminal_size=SMALL)


def test_example_deck_september_2025_at_120x40(snap_compare):
    assert snap_compare(timeline_app(), terminal_size=LARGE)


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param(["plus"], id="3-hour-columns"),
        pytest.param(["plus", "plus"], id="hour-columns"),
        pytest.param(["minus", "minus"], id="day-columns"),
        pytest.param(["minus"] * 5, id="week-columns"),
        pytest.param(["minus"] * 6, id="month-columns"),
    ],
)
def test_example_deck_zoomed_around_the_selection(snap_compare, keys):
    assert snap_compare(timeline_app(), terminal_size=SMALL, press=keys)


def test_all_entries_on_one_lane_with_crowded_columns(snap_compare):
    assert snap_compare(timeline_app(), terminal_size=SMALL, press=["a", "right", "right", "right", "right", "right"])


def test_filter_prompt_while_typing(snap_compare):
    assert snap_compare(timeline_app(), terminal_size=SMALL, press=["f", "R", "U"])


def test_event_detail_expanded_with_its_quotes(snap_compare):
    keys = ["a"] + ["right"] * 7 + ["enter"]
    assert snap_compare(timeline_app(), terminal_size=SMALL, press=keys)


def test_no_color_reads_kind_precision_and_selection_from_glyphs(snap_compare, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(timeline_app(), terminal_size=SMALL, press=["right"])


def test_every_kind_of_date_precision_fitted(snap_compare, tmp_path):
    assert snap_compare(precision_app(tmp_path), terminal_size=SMALL)


async def zoom_to_days(pilot) -> None:
    """Zoom in from the fitted view until a column is a day, one cell wide."""
    navigator = pilot.app.screen.navigator
    while navigator.zoom.name != "days":
        await pilot.press("plus")


def test_every_kind_of_date_precision_in_day_columns(snap_compare, tmp_path):
    app = precision_app(tmp_path)
    assert snap_compare(app, terminal_size=LARGE, run_before=zoom_to_days, press=["up", "up", "up", "up", "0"])
