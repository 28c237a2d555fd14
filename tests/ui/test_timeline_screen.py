"""The timeline screen driven by keys and the mouse, on the example deck and small test decks."""

from __future__ import annotations

import shutil
from pathlib import Path

from app_support import EXAMPLE_DECK, deck_app, example_app, screen_text
from textual import events

from briefing.deck import load_deck
from briefing.ui.screens.timeline import TimelineScreen
from briefing.ui.widgets.timeline.filter_prompt import LastWordSuggester, TimelineFilter
from briefing.ui.widgets.timeline.lanes import TimelineLanes
from briefing.views.timeline import ZOOMS

SIZE = (80, 24)


def timeline_app(**options):
    return example_app(initial_screen="timeline", **options)


def selected_id(app) -> str | None:
    item = app.screen.current_item()
    return item.id if item is not None else None


def focus(app, entry_id: str) -> None:
    screen = app.screen
    assert isinstance(screen, TimelineScreen)
    assert screen.focus_item(screen.deck.get(entry_id))


async def test_right_walks_every_entry_in_time_order_in_the_all_view():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "home")
        expected = [entry.id for entry in app.deck.timeline_entries()]
        seen = [selected_id(app)]
        for _ in expected[1:]:
            await pilot.press("right")
            seen.append(selected_id(app))
        assert seen == expected
        await pilot.press("left", "left")
        assert selected_id(app) == expected[-3]


async def test_down_changes_lane_keeping_an_entry_that_is_in_both():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        focus(app, "moscow-warning")
        nav = app.screen.navigator
        assert nav.lane.key == "DE"
        await pilot.press("down")
        assert (nav.lane.key, selected_id(app)) == ("FR", "moscow-warning")
        await pilot.press("up", "up")
        assert nav.lane.key == "DK" and nav.lane_index == nav.timeline.lane_index("DK")


async def test_zoom_in_and_out_through_every_level_keeps_the_selection_visible():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        focus(app, "estonia-mig31")
        nav = app.screen.navigator
        names = []
        for key in ["plus"] * 3 + ["minus"] * (len(ZOOMS) + 2):
            await pilot.press(key)
            names.append(nav.zoom.name)
            assert nav.selection_visible(), nav.zoom.name
            assert selected_id(app) == "estonia-mig31"
        assert names[:3] == ["3 hours", "hours", "hours"]
        assert names[-1] == "years"
        assert app.screen.query_one("#timeline-axis").captions()[0] == "years"


async def test_shift_arrows_pan_by_a_quarter_screen_without_moving_the_selection():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        nav = app.screen.navigator
        before, selected = nav.left, selected_id(app)
        await pilot.press("shift+right")
        assert nav.left == before + nav.width // 4
        await pilot.press("shift+left", "shift+left")
        assert nav.left == before - nav.width // 4
        assert selected_id(app) == selected


async def test_the_wheel_pans_and_shift_wheel_does_not():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        lanes = app.screen.query_one(TimelineLanes)
        nav = app.screen.navigator
        before = nav.left
        lanes.post_message(events.MouseScrollDown(lanes, 20, 1, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert nav.left > before
        panned = nav.left
        lanes.post_message(events.MouseScrollUp(lanes, 20, 1, 0, -1, 0, True, False, False))
        await pilot.pause()
        assert nav.left == panned


async def test_zero_jumps_to_the_as_of_date():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        for _ in range(6):
            await pilot.press("shift+left")
        nav = app.screen.navigator
        as_of = nav.axis().as_of
        assert as_of is None or not nav.left <= as_of[0] < nav.left + nav.width
        await pilot.press("0")
        as_of = nav.axis().as_of
        assert nav.left <= as_of[0] < nav.left + nav.width
        assert selected_id(app) == "meshkov-rtl-warning", "the last entry of 25 September"


async def test_filter_keeps_entries_of_the_country_typed_and_enter_closes_the_prompt():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "E", "E")
        prompt = app.screen.query_one(TimelineFilter)
        assert prompt.is_open and prompt.has_focus
        await pilot.press("enter")
        assert not prompt.is_open
        assert app.screen.query_one(TimelineLanes).has_focus
        timeline = app.screen.navigator.timeline
        shown = {placed.id for lane in timeline.lanes for placed in lane.entries}
        assert shown == {"estonia-mig31", "estonia-article-4"}
        assert "2/14 shown" in screen_text(app)


async def test_escape_in_the_filter_prompt_puts_back_the_previous_filter():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"RO", "enter")
        assert app.screen.filter_query.text == "RO"
        await pilot.press("f", "space", *"kind:xyz")
        assert app.screen.navigator.timeline.shown == 0
        await pilot.press("escape")
        assert app.screen.filter_query.text == "RO"
        assert app.screen.navigator.timeline.shown == 2
        assert app.current_mode == "timeline", "escape closed the prompt, it did not leave the screen"


async def test_enter_on_an_incident_opens_its_brief_slide():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        focus(app, "estonia-mig31")
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "brief"
        assert selected_id(app) == "estonia-mig31"
        await pilot.press("escape")
        assert app.current_mode == "timeline"


async def test_enter_on_an_event_expands_its_detail_and_escape_closes_it_then_goes_back():
    app = example_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        focus(app, "moscow-warning")
        await pilot.press("enter")
        screen = app.screen
        assert screen.has_class("-detail-expanded")
        text = screen_text(app)
        assert "British, French and German envoys" in text and "22–25 September 2025" in text
        await pilot.press("escape")
        assert not screen.has_class("-detail-expanded") and app.current_mode == "timeline"
        await pilot.press("escape")
        assert app.current_mode == "brief"


async def test_detail_pane_shows_date_at_precision_status_grades_and_quotes():
    app = timeline_app()
    async with app.run_test(size=(120, 40)) as pilot:
        focus(app, "estonia-mig31")
        await pilot.pause()
        text = screen_text(app)
        for expected in ("19 September 2025", "Estonia (EE)", "Russia (RU)", "✘ denied", "Bloomberg B"):
            assert expected in text, expected
        focus(app, "romania-drone")
        await pilot.pause()
        text = screen_text(app)
        assert "Quotes about it (2)" in text
        assert "When it comes to your own" in text


async def test_click_selects_the_entry_drawn_there():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        nav = screen.navigator
        lanes = screen.query_one(TimelineLanes)
        row = nav.timeline.lane_index("RO")
        target = nav.timeline.lanes[row].entries[0]
        assert target.id == "romania-drone"
        x = lanes.label_width + (target.anchor(nav.zoom) - nav.left) * nav.zoom.scale
        assert await pilot.click(TimelineLanes, offset=(x, row - int(lanes.scroll_y)))
        assert selected_id(app) == "romania-drone" and nav.lane.key == "RO"


async def test_lanes_scroll_to_keep_the_current_lane_on_screen():
    app = timeline_app()
    async with app.run_test(size=SIZE) as pilot:
        lanes = app.screen.query_one(TimelineLanes)
        rows = len(app.screen.navigator.timeline.lanes)
        assert rows > lanes.scrollable_content_region.height, "the example deck has more lanes than fit at 80x24"
        for _ in range(rows):
            await pilot.press("down")
        await pilot.pause()
        assert lanes.scroll_y > 0
        assert lanes.scroll_y <= rows - 1 < lanes.scroll_y + lanes.scrollable_content_region.height


def _copy_example(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    return folder / "deck.yaml"


async def test_reload_keeps_zoom_filter_and_the_selected_entry_by_id(tmp_path):
    path = _copy_example(tmp_path)
    app = deck_app(path, initial_screen="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"RU", "enter", "plus")
        focus(app, "meshkov-rtl-warning")
        nav = app.screen.navigator
        zoom = nav.zoom_index
        text = path.read_text(encoding="utf-8").replace("title: Drones cross into Poland", "title: Drones cross into Poland (edited)")
        path.write_text(text, encoding="utf-8")
        app.apply_load_result(load_deck(path))
        await pilot.pause()
        assert selected_id(app) == "meshkov-rtl-warning"
        assert nav.zoom_index == zoom and app.screen.filter_query.text == "RU"
        assert any("(edited)" in placed.item.title for lane in nav.timeline.lanes for placed in lane.entries)


async def test_reload_that_deletes_the_selected_entry_selects_its_neighbour(tmp_path):
    path = _copy_example(tmp_path)
    app = deck_app(path, initial_screen="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        focus(app, "macron-france24")
        text = path.read_text(encoding="utf-8")
        start = text.index("  - id: macron-france24")
        end = text.index("  - id: denmark-article-4-option")
        path.write_text(text[:start] + text[end:], encoding="utf-8")
        app.apply_load_result(load_deck(path))
        await pilot.pause()
        assert selected_id(app) in {"peskov-international-rules", "denmark-article-4-option"}


async def test_reload_while_on_another_screen_is_applied_on_return(tmp_path):
    path = _copy_example(tmp_path)
    app = deck_app(path, initial_screen="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        text = path.read_text(encoding="utf-8").replace("title: Drones cross into Poland", "title: Renamed drones")
        path.write_text(text, encoding="utf-8")
        app.apply_load_result(load_deck(path))
        await pilot.press("2")
        await pilot.pause()
        titles = {placed.item.title for lane in app.screen.navigator.timeline.lanes for placed in lane.entries}
        assert "Renamed drones" in titles


UNTRUSTED = """\
title: Untrusted
as_of: 2025-09-25
countries:
  - {code: EE, name: "[red]Estonia[/]"}
events:
  - {id: dated, title: "[bold]x[/] [@click=app.quit]boom[/] $primary", when: 2025-09-19, countries: [EE], kind: "[/]"}
  - {id: loose, title: "[link=http://example.org]undated[/link] a [/] b"}
"""


async def test_deck_text_is_shown_literally_never_as_markup(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(UNTRUSTED, encoding="utf-8")
    app = deck_app(path, initial_screen="timeline")
    async with app.run_test(size=(120, 30)) as pilot:
        focus(app, "dated")
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]x[/] [@click=app.quit]boom[/]" in text and "$primary" in text
        assert "[red]Estonia[/] (EE)" in text and "Kind      [/]" in text
        await pilot.press("down")
        await pilot.pause()
        assert "[link=http://example.org]undated[/link] a [/] b" in screen_text(app)
        assert app.is_running


async def test_a_deck_without_entries_shows_an_empty_timeline(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text("title: Empty\n", encoding="utf-8")
    app = deck_app(path, initial_screen="timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "down", "plus", "minus", "shift+left", "0", "enter", "a")
        assert selected_id(app) is None
        assert "no incidents or events" in screen_text(app)


async def test_filter_prompt_completes_the_word_being_typed():
    suggester = LastWordSuggester(("EE", "RU", 'kind:"drone incursion"', "tag:article-4"))
    assert await suggester.get_suggestion("PL kind:dro") == 'PL kind:"drone incursion"'
    assert await suggester.get_suggestion("ta") == "tag:article-4"
    assert await suggester.get_suggestion("EE ") is None
    assert await suggester.get_suggestion("zz") is None
