"""Pilot tests of the positions matrix (key 4): cursor keys, the position window, order, groups, reload."""

from __future__ import annotations

import shutil
from pathlib import Path

from app_support import (
    EXAMPLE_DECK,
    EXAMPLE_MATRIX_ORDER,
    deck_app,
    example_app,
    screen_text,
)
from positions_decks import write_hostile_deck, write_wide_deck

from briefing.deck import load_deck
from briefing.deck.model import Stance
from briefing.views.matrix import matrix_layout
from briefing.ui.app import BriefingApp
from briefing.ui.screens.detail import DetailScreen
from briefing.ui.screens.position_detail import PositionDetailScreen
from briefing.ui.screens.positions import PositionsScreen
from briefing.ui.widgets.countries.entry_list import EntryList
from briefing.ui.widgets.positions.positions_grid import PositionsGrid


def positions_app(path: Path = EXAMPLE_DECK) -> BriefingApp:
    """An app that starts on the matrix (key 4 itself has a test of its own)."""
    return deck_app(path, initial_screen="positions")


async def matrix(pilot) -> PositionsScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PositionsScreen)
    return screen


def cell(screen: PositionsScreen) -> tuple[str, str]:
    grid = screen.grid
    return grid.question.id, grid.country.code


def column_codes(screen: PositionsScreen) -> list[str]:
    return [c.code for c in screen.grid.data.columns]


async def test_key_4_shows_questions_as_rows_and_countries_as_columns():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        screen = await matrix(pilot)
        assert [q.id for q in screen.grid.data.questions] == [
            "shoot-down",
            "article-4",
            "deliberate-test",
        ]
        assert column_codes(screen) == EXAMPLE_MATRIX_ORDER
        text = screen_text(app)
        assert "Shoot down Russian aircraft" in text and "Positions 1/3 · GB" in text
        assert "✔ support" in text and "✘ oppose" in text, (
            "the legend names every glyph"
        )


async def test_arrows_and_hjkl_move_the_cursor_cell_by_cell():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("right", "right", "down")
        assert cell(screen) == ("article-4", "EE")
        await pilot.press("l", "j", "h", "k", "k", "left")
        assert cell(screen) == ("shoot-down", "US")
        await pilot.press("up", "up", "left", "left")
        assert cell(screen) == ("shoot-down", "GB"), "the cursor stops at the edges"
        assert "Positions 1/3 · GB" in screen_text(app)


async def test_home_end_and_g_G_jump_to_the_edges():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("end")
        assert cell(screen) == ("shoot-down", "UA")
        await pilot.press("G")
        assert cell(screen) == ("deliberate-test", "UA")
        await pilot.press("home", "g")
        assert cell(screen) == ("shoot-down", "GB")


async def test_page_keys_move_a_screenful_of_questions(tmp_path):
    app = positions_app(write_wide_deck(tmp_path))
    async with app.run_test(size=(80, 12)) as pilot:
        screen = await matrix(pilot)
        grid = screen.grid
        page = grid.scrollable_content_region.height - 2
        await pilot.press("pagedown")
        assert grid.cursor_row == page > 1
        assert grid.scroll_y > 0, "the header rows stay; the questions scroll"
        await pilot.press(*["pagedown"] * 12)
        assert grid.cursor_row == 11
        await pilot.press(*["pageup"] * 12)
        assert grid.cursor_row == 0 and grid.scroll_y == 0


async def test_status_line_shows_the_cell_position_and_the_tally():
    app = positions_app()
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("end")
        for _ in range(10):
            if screen.grid.country.code == "DE":
                break
            await pilot.press("left")
        text = screen_text(app)
        assert "Germany (DE)  ◐ cautious · as of 25 Sep 2025 · 2 quotes" in text
        assert "Mixed: its envoy joined the private warning" in text
        assert "“escalation trap” — Boris Pistorius, Defence Minister of Germany" in text
        assert "“all measures necessary” — Friedrich Merz, Chancellor of Germany · 25 Sep 2025" in text
        assert "✔ 5  ◐ 3  ✘ 1  · 6" in text


async def test_enter_opens_the_position_with_its_quotes_and_escape_closes_it():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        screen.focus_cell("shoot-down", "DE")
        await pilot.press("enter")
        await pilot.pause()
        window = app.screen
        assert isinstance(window, PositionDetailScreen)
        quotes = window.query_one(EntryList)
        assert [e.key for e in quotes.entries if not e.inert] == [
            "cited:pistorius-escalation-trap",
            "cited:merz-all-measures",
        ]
        text = screen_text(app)
        assert "Germany (DE)" in text and "◐ cautious · as of 25 September 2025" in text
        assert "“escalation trap”" in text
        await pilot.press("enter")
        await pilot.pause()
        assert (
            isinstance(app.screen, DetailScreen)
            and app.screen.item.id == "pistorius-escalation-trap"
        )
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is screen


async def test_enter_on_an_empty_cell_says_there_is_no_position():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        screen.focus_cell("shoot-down", "NATO")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PositionDetailScreen)
        assert "has no recorded" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PositionsScreen), (
            "enter closes a window with nothing to open"
        )


async def test_a_cell_without_a_position_shows_what_its_people_said(tmp_path):
    app = positions_app(write_wide_deck(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        screen.focus_cell("q01", "CH")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert (
            "Also said by its people (1)" in text
            and "“Switzerland stays neutral.”" in text
        )


async def test_o_orders_by_stance_on_this_question_and_again_goes_back():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("right", "o")
        await pilot.pause()
        assert column_codes(screen) == [
            "GB",
            "US",
            "PL",
            "FR",
            "NL",
            "RO",
            "DE",
            "IT",
            "RU",
            "EE",
            "DK",
            "LT",
            "NATO",
            "EU",
            "UA",
        ]
        assert cell(screen) == ("shoot-down", "GB"), (
            "a new order is read from its first column"
        )
        labels = [b.label for b in screen.grid.data.blocks]
        assert labels[:2] == ["✔ support", "◐ cautious"]
        assert "By stance on ▸" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert column_codes(screen) == EXAMPLE_MATRIX_ORDER


async def test_o_on_another_question_orders_by_that_one():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("o", "down", "o")
        await pilot.pause()
        assert (
            screen.order.value == "stance" and screen.stance_question_id == "article-4"
        )
        assert column_codes(screen)[:3] == ["EE", "PL", "DK"]
        assert screen.grid.data.sorted_row == 1


async def test_a_shows_one_groups_countries_at_a_time():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert column_codes(screen) == [
            "GB",
            "US",
            "EE",
            "PL",
            "RO",
            "DK",
            "LT",
            "DE",
            "FR",
            "IT",
            "NL",
            "NATO",
        ]
        await pilot.press("a")
        await pilot.pause()
        assert column_codes(screen) == [
            "EE",
            "PL",
            "RO",
            "DK",
            "LT",
            "DE",
            "FR",
            "IT",
            "NL",
            "EU",
        ]
        assert "EU only" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert column_codes(screen) == EXAMPLE_MATRIX_ORDER


async def test_countries_too_many_for_one_panel_go_on_in_panels_below_never_sideways(tmp_path):
    app = positions_app(write_wide_deck(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        grid = screen.query_one(PositionsGrid)
        assert len(grid.panels) > 1 and grid.scroll_x == 0
        assert grid.virtual_size.width <= grid.scrollable_content_region.width
        seen: set[str] = set()
        for _ in range(len(grid.data.columns)):
            seen |= set(code_rows(screen_text(app)))
            await pilot.press("right")
        assert seen == {c.code for c in grid.data.columns}, "every country comes into view going right"
        assert grid.scroll_x == 0 and grid.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert grid.scroll_y == 0


def code_rows(text: str) -> list[str]:
    """Every country code on the screen's 'Question' header rows."""
    return [code for line in text.splitlines() if line.startswith(" Question") for code in line.split()[1:]]


async def test_click_moves_the_cursor_and_a_second_click_opens():
    app = positions_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        grid = screen.grid
        x = grid.title_width + sum(grid._fit.widths[:3]) + 1
        await pilot.click(PositionsGrid, offset=(x, 3))
        await pilot.pause()
        assert cell(screen) == ("article-4", "PL")
        await pilot.click(PositionsGrid, offset=(x, 3))
        await pilot.pause()
        assert isinstance(app.screen, PositionDetailScreen)


def copy_example(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    return folder / "deck.yaml"


async def test_reload_keeps_the_cell_the_order_and_the_group(tmp_path):
    path = copy_example(tmp_path)
    app = positions_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("a", "down", "o")
        screen.focus_cell("article-4", "DK")
        await pilot.pause()
        text = path.read_text(encoding="utf-8").replace(
            "      - country: DK\n        stance: undecided",
            "      - country: DK\n        stance: support",
        )
        path.write_text(text, encoding="utf-8")
        app.apply_load_result(load_deck(path))
        await pilot.pause()
        assert cell(screen) == ("article-4", "DK")
        assert screen.grid.position.stance is Stance.SUPPORT
        assert screen.group == "NATO" and screen.stance_question_id == "article-4"
        assert column_codes(screen)[:3] == ["EE", "PL", "DK"]


async def test_reload_while_away_is_shown_when_an_item_is_opened_here(tmp_path):
    path = copy_example(tmp_path)
    app = positions_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("1")
        text = path.read_text(encoding="utf-8")
        added = "  - id: new-question\n    title: A question added while away?\n"
        path.write_text(
            text.replace("questions:\n", "questions:\n" + added), encoding="utf-8"
        )
        app.apply_load_result(load_deck(path))
        await pilot.pause()
        await app.open_item(app.deck.get("new-question"))
        await pilot.pause()
        assert app.screen is screen and screen.grid.question.id == "new-question"


async def test_reload_goes_back_to_group_order_when_the_ordering_question_is_deleted(
    tmp_path,
):
    path = copy_example(tmp_path)
    app = positions_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("down", "o")
        text = path.read_text(encoding="utf-8")
        start, end = (
            text.index("  - id: article-4"),
            text.index("  - id: deliberate-test"),
        )
        path.write_text(text[:start] + text[end:], encoding="utf-8")
        result = load_deck(path)
        assert result.ok, result.errors
        app.apply_load_result(result)
        await pilot.pause()
        assert screen.order.value == "group"
        assert column_codes(screen) == [c.code for c in matrix_layout(app.deck).columns]
        assert column_codes(screen)[-4:] == ["NATO", "EE", "EU", "UA"], "EE's only position was deleted"
        assert screen.grid.question.id == "deliberate-test", (
            "the deleted row's neighbour"
        )


async def test_open_item_selects_a_question_or_a_position_from_anywhere():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_item(app.deck.get("article-4"))
        screen = await matrix(pilot)
        assert screen.grid.question.id == "article-4"
        assert screen.current_item().title.startswith("Invoke NATO Article 4")
        await pilot.press("a", "a")
        position = app.deck.get("shoot-down").position_of("GB")
        await app.open_item(position)
        await pilot.pause()
        assert cell(screen) == ("shoot-down", "GB") and screen.group is None, (
            "a hidden column is shown"
        )
        assert screen.current_item() is position


async def test_deck_text_in_the_matrix_is_literal(tmp_path):
    app = positions_app(write_hostile_deck(tmp_path))
    async with app.run_test(size=(120, 24)) as pilot:
        await matrix(pilot)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Is [b]this[/b] a [/] question?" in text
        assert "[bold]Evil[/] $primary [@click=app.quit]land[/]" in text
        assert "“[@click=app.quit]quit[/] now”" in text
        assert app.is_running


async def test_a_deck_without_questions_says_so(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(
        "title: No questions\ncountries:\n  - code: PL\n    name: Poland\n",
        encoding="utf-8",
    )
    app = positions_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await matrix(pilot)
        await pilot.press("down", "right", "enter", "o", "a")
        await pilot.pause()
        assert "This deck has no questions." in screen_text(app)
        assert screen.current_item() is None and isinstance(app.screen, PositionsScreen)
