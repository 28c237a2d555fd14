"""What a projected screen shows besides the deck screens themselves: windows carry the
classification banner, `b` and `.` blank to the banner alone, no local file names."""

from __future__ import annotations

import pytest
from app_support import EXAMPLE_FOLDER, example_app, screen_text, settle

from briefing.ui.screens.blank import BlankScreen
from briefing.ui.screens.brief import BriefScreen
from briefing.ui.screens.help import HelpScreen

BANNER = "UNCLASSIFIED // OPEN SOURCE"

WINDOWS = {
    "help": ["question_mark"],
    "source detail": ["6", "enter"],
    "position": ["4", "enter"],
    "quote": ["5", "enter"],
    "slide prompt": ["colon"],
    "command palette": ["ctrl+p"],
}


def rows(app) -> list[str]:
    return screen_text(app).splitlines()


@pytest.mark.parametrize("keys", WINDOWS.values(), ids=WINDOWS.keys())
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_window_carries_the_banner_at_the_top_and_above_its_keys(keys, size):
    app = example_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        lines = rows(app)
        assert BANNER in lines[0] and BANNER in lines[-2], "\n".join(lines)
        assert app.screen.query_one("#banner-top").region.y == 0


@pytest.mark.parametrize("screen", ["1", "2", "3", "4", "5", "6"])
@pytest.mark.parametrize("key", ["b", "full_stop"])
async def test_b_and_full_stop_blank_every_screen_to_the_banner_alone_and_back(screen, key):
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(screen)
        await settle(pilot)
        if screen == "5":
            await pilot.press("escape")
        before = screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        assert app.blank and isinstance(app.screen, BlankScreen)
        shown = [line.strip() for line in rows(app) if line.strip()]
        assert shown == [BANNER, BANNER]
        await pilot.press(key)
        await pilot.pause()
        assert not app.blank and screen_text(app) == before


async def test_nothing_moves_behind_the_blank_and_escape_ends_it():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        brief = app.screen
        await pilot.press("b", "right", "pagedown", "2", "j", "slash")
        assert app.blank and brief.slide_index == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is brief and brief.slide_index == 0
        assert app.is_running


async def test_a_window_is_blanked_and_comes_back_as_it_was():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark", "b")
        assert app.blank
        await pilot.press("full_stop")
        assert isinstance(app.screen, HelpScreen)


async def test_set_blank_drives_the_blank_from_outside_the_keys():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_blank(True)
        app.set_blank(True)
        await pilot.pause()
        assert app.blank and len(app.screen_stack) == 2
        app.set_blank(False)
        app.set_blank(False)
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)


async def test_b_typed_in_a_box_is_text_not_a_blank():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("b", "full_stop")
        assert not app.blank
        assert app.screen.query_box.text == "b."


async def test_page_down_and_up_step_slides_while_arrows_and_j_k_scroll_within_one():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        brief = app.screen
        slide = brief.query_one("#slide")
        await pilot.press("pagedown", "pagedown")
        assert brief.slide_index == 2
        await pilot.press("pageup")
        assert brief.slide_index == 1
        await pilot.press("j", "j", "down")
        assert slide.scroll_y == 3 and brief.slide_index == 1
        await pilot.press("k", "up")
        assert slide.scroll_y == 1


@pytest.mark.parametrize("keys", [WINDOWS["source detail"], WINDOWS["position"], WINDOWS["quote"]], ids=["source", "position", "quote"])
async def test_no_window_names_a_local_file(keys):
    app = example_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if keys == WINDOWS["position"]:
            await pilot.press("4", "right")
            keys = ["enter"]
        await pilot.press(*keys)
        await settle(pilot)
        text = screen_text(app)
        assert "Defined at" not in text and str(EXAMPLE_FOLDER) not in text and "deck.yaml" not in text


async def test_the_presenters_notes_pane_says_where_the_slide_is_written():
    app = example_app(show_notes=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("right")
        await pilot.pause()
        incident = app.deck.incidents[0]
        assert f"at deck.yaml:{incident.place.line}:{incident.place.column}" in screen_text(app)

