"""The timeline as a room reads it: the window fits the entries, an unknown day is drawn as
uncertainty and never as a duration, what is ongoing stays open, a legend names the glyphs,
an opened event uses the width, and the presenter's notes follow the selection."""

from __future__ import annotations

from datetime import datetime

from app_support import example_app, screen_text

from briefing.ui.screens.timeline import TimelineScreen
from briefing.views.timeline.scale import column_start


def timeline_app(**options):
    return example_app(initial_screen="timeline", **options)


def lane_line(app, code: str) -> str:
    return next(line for line in screen_text(app).splitlines() if line.startswith(f"{code} "))


def focus(app, entry_id: str) -> None:
    screen = app.screen
    assert isinstance(screen, TimelineScreen) and screen.focus_item(screen.deck.get(entry_id))


async def test_the_window_fits_the_entries_with_a_margin_not_a_month_either_side():
    app = timeline_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        nav = app.screen.navigator
        first, end = column_start(nav.left, nav.zoom), column_start(nav.left + nav.width, nav.zoom)
        assert datetime(2025, 9, 3) <= first <= datetime(2025, 9, 7)
        assert datetime(2025, 9, 27) <= end <= datetime(2025, 10, 1)
        axis = "\n".join(screen_text(app).splitlines()[2:4])
        assert "August" not in axis and "October" not in axis
        assert " 9  10 11 12" in axis, "a day to every three cells, each labelled"


async def test_a_when_window_is_drawn_as_uncertainty_never_as_a_solid_bar():
    app = timeline_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        moscow = lane_line(app, "DE")
        assert "░░░" in moscow and "━" not in moscow, "the Moscow meeting (22–25 September) is one unknown day"


async def test_ongoing_is_drawn_open_to_the_right_from_its_start():
    app = timeline_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        denmark = lane_line(app, "DK")
        assert "◆━━━━━◇━━━━━→ " in denmark, "from 22 September, past the as-of date of the 25th"


async def test_a_one_line_legend_names_every_symbol_and_a_narrow_one_the_most_needed():
    app = timeline_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        legend = next(line for line in screen_text(app).splitlines() if "incident, event" in line)
        for words in ("◆ ◇ incident, event", "━ lasted", "▒ ░ day unknown", "→ ongoing", "┊ as of", "~ about"):
            assert words in legend
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        legend = next(line for line in screen_text(app).splitlines() if "incident, event" in line)
        assert "┊ as of" in legend and "about" not in legend and "…" not in legend, "left out whole, never cut"


async def test_an_opened_event_uses_the_whole_width():
    app = timeline_app()
    async with app.run_test(size=(120, 40)) as pilot:
        focus(app, "trump-ukraine-territory")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "President Trump urged Ukraine to win back all the territory Russia has captured, with EU support" in text


async def test_the_selected_entrys_speaker_notes_show_with_notes_only():
    notes = "The Russian side took"
    app = timeline_app(show_notes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        focus(app, "moscow-warning")
        await pilot.pause()
        text = screen_text(app)
        assert "Speaker notes" in text and notes in text
        focus(app, "macron-france24")
        await pilot.pause()
        assert notes not in screen_text(app) and "none for this entry" in screen_text(app)
    app = timeline_app()
    async with app.run_test(size=(120, 40)) as pilot:
        focus(app, "moscow-warning")
        await pilot.pause()
        assert "Speaker notes" not in screen_text(app) and notes not in screen_text(app)
