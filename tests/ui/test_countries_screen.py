"""Pilot tests of the countries screen (key 3): list, filters, pane sections, jumps, compare, reload."""

from __future__ import annotations

import shutil
from pathlib import Path

from app_support import EXAMPLE_DECK, deck_app, example_app, screen_text
from positions_decks import write_hostile_deck

from briefing.deck import load_deck
from briefing.ui.app import BriefingApp
from briefing.ui.screens.brief import BriefScreen
from briefing.ui.screens.countries import CountriesScreen
from briefing.ui.screens.detail import DetailScreen
from briefing.ui.screens.positions import PositionsScreen
from briefing.ui.screens.quotes import QuotesScreen
from briefing.ui.widgets.countries.country_table import CountryTable
from briefing.ui.widgets.countries.entry_list import EntryList

EXAMPLE_CODES = [
    "NATO",
    "EU",
    "EE",
    "PL",
    "RO",
    "DK",
    "LT",
    "DE",
    "FR",
    "IT",
    "NL",
    "GB",
    "US",
    "RU",
    "UA",
]


def countries_app(path: Path = EXAMPLE_DECK) -> BriefingApp:
    """An app that starts on the countries screen (key 3 itself has a test of its own)."""
    return deck_app(path, initial_screen="countries")


async def open_countries(pilot) -> CountriesScreen:
    if pilot.app.current_mode != "countries":
        await pilot.press("3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CountriesScreen)
    return screen


async def select(pilot, screen: CountriesScreen, code: str) -> None:
    """Put the list cursor on ``code`` (the keys that move it have tests of their own)."""
    assert screen.table.select_code(code)
    await pilot.pause()


def entry_keys(screen: CountriesScreen) -> list[str]:
    return [entry.key for entry in screen.pane.entries.entries]


def highlighted_key(screen: CountriesScreen) -> str | None:
    entry = screen.pane.entries.highlighted_entry
    return entry.key if entry is not None else None


async def focus_entry(pilot, screen: CountriesScreen, key: str) -> None:
    """Focus the pane with the entry ``key`` highlighted."""
    entries = screen.pane.entries
    entries.focus()
    assert entries.highlight_key(key), f"no entry {key} in {entry_keys(screen)}"
    await pilot.pause()


# --------------------------------------------------------------------------- the list


async def test_key_3_lists_every_country_with_its_counts():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        assert screen.table.codes == EXAMPLE_CODES
        text = screen_text(app)
        assert (
            "Affected" in text
            and "Attributed" in text
            and "Quotes" in text
            and "Positions" in text
        )
        russia = [str(cell) for cell in screen.table.get_row("RU")]
        assert russia[1:] == ["RU", "Russia", "", "0", "3", "1", "2"]
        assert "Countries 3/15" in text, "it opens on Estonia, the first with something to show"


async def test_down_shows_the_next_countrys_pane_and_location():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.current_item() == app.deck.country("RO")
        assert "Romania (RO) · NATO · EU" in screen_text(app)
        assert "Countries 5/15" in screen_text(app)


async def test_right_l_left_h_step_countries_in_the_list_and_the_pane():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("right", "l", "right", "left")
        await pilot.pause()
        assert screen.table.current_code == "RO"
        screen.pane.entries.focus()
        await pilot.press("l", "h", "h")
        await pilot.pause()
        assert screen.table.current_code == "PL" and screen.pane.entries.has_focus
        await pilot.press("tab")
        assert not screen.pane.entries.has_focus


async def test_n_space_and_p_step_through_countries_from_the_pane_too():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        screen.pane.entries.focus()
        await pilot.press("n", "space", "n", "p")
        await pilot.pause()
        assert screen.table.current_code == "RO"
        assert screen.pane.entries.has_focus
        await pilot.press("G")
        assert screen.table.current_code == "RO", "G in the pane moves within the pane"
        screen.table.focus()
        await pilot.press("G")
        await pilot.pause()
        assert screen.table.current_code == "UA"
        await pilot.press("g")
        await pilot.pause()
        assert screen.table.current_code == "NATO"


async def test_typing_in_the_filter_narrows_the_list_at_once():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("f")
        await pilot.press(*"pol")
        await pilot.pause()
        assert screen.table.codes == ["PL"]
        assert "Poland (PL)" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.table.has_focus
        assert screen.table.codes == ["PL"], "leaving the filter keeps it"


async def test_filter_keys_type_text_instead_of_acting():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("f", "m", "a", "b", "q")
        await pilot.pause()
        assert app.is_running and screen.marked == [] and screen.group is None
        await pilot.press(
            "backspace", "backspace", "backspace", "backspace", "u", "n", "i", "t", "e", "d", "enter"
        )
        await pilot.pause()
        assert screen.table.codes == ["GB", "US"]
        assert screen.table.has_focus


async def test_a_filter_that_matches_nothing_says_so():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("f", *"atlantis", "down")
        await pilot.pause()
        assert screen.table.codes == []
        assert "No country matches the filter." in screen_text(app)
        assert screen.current_item() is None


async def test_a_cycles_the_group_filter_nato_eu_all():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert screen.table.codes == [
            "NATO",
            "EE",
            "PL",
            "RO",
            "DK",
            "LT",
            "DE",
            "FR",
            "IT",
            "NL",
            "GB",
            "US",
        ]
        assert "NATO · 12/15" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert "GB" not in screen.table.codes and "EU" in screen.table.codes
        await pilot.press("a")
        await pilot.pause()
        assert screen.table.codes == EXAMPLE_CODES


# --------------------------------------------------------------------------- the pane


async def test_pane_has_every_section_and_a_position_for_every_question():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "PL")
        keys = entry_keys(screen)
        sections = [k for k in keys if k.startswith("section:")]
        assert sections == [
            "section:positions",
            "section:people",
            "section:affected",
            "section:attributed",
            "section:claims",
            "section:events",
        ]
        assert [k for k in keys if k.startswith("position:")] == [
            "position:shoot-down",
            "position:article-4",
            "position:deliberate-test",
        ]
        text = screen_text(app)
        assert (
            "· no position  Are the incursions deliberate on Russia's part?"
            in text
        )
        assert "Incidents attributed to it · none" in text


async def test_pane_shows_the_quotes_that_back_a_position():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "DE")
        keys = entry_keys(screen)
        assert "position:shoot-down:quote:pistorius-escalation-trap" in keys
        assert "position:shoot-down:quote:merz-all-measures" in keys
        assert "“escalation trap”" in screen_text(app)


async def test_square_brackets_jump_between_sections_with_entries():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "PL")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.pane.entries.has_focus
        assert highlighted_key(screen) == "person:tusk"
        await pilot.press("right_square_bracket")
        assert highlighted_key(screen) == "affected:poland-drones"
        await pilot.press("right_square_bracket")
        assert highlighted_key(screen) == "event:poland-article-4", (
            "empty sections are skipped"
        )
        await pilot.press("right_square_bracket")
        assert highlighted_key(screen) == "event:poland-article-4", (
            "no section after the last"
        )
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert highlighted_key(screen) == "person:tusk"
        await pilot.press("left_square_bracket")
        assert highlighted_key(screen) == "position:shoot-down"


async def test_enter_on_an_incident_opens_it_in_the_brief():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "RU")
        await focus_entry(pilot, screen, "attributed:romania-drone")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert app.screen.current_item().id == "romania-drone"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen, "escape goes back to the countries screen"


async def test_enter_on_a_claim_opens_the_incident_it_is_about():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "DK")
        await focus_entry(pilot, screen, "claim:denmark-drones:0")
        assert screen.current_item().id == "denmark-drones"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.current_item().id == "denmark-drones"


async def test_enter_on_a_position_opens_the_matrix_at_its_cell():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "DE")
        await focus_entry(pilot, screen, "position:shoot-down")
        await pilot.press("enter")
        await pilot.pause()
        matrix = app.screen
        assert isinstance(matrix, PositionsScreen)
        assert (matrix.grid.question.id, matrix.grid.country.code) == (
            "shoot-down",
            "DE",
        )


async def test_enter_on_a_missing_position_opens_the_matrix_at_that_country():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "UA")
        await focus_entry(pilot, screen, "position:article-4")
        await pilot.press("enter")
        await pilot.pause()
        matrix = app.screen
        assert isinstance(matrix, PositionsScreen)
        assert (matrix.grid.question.id, matrix.grid.country.code) == (
            "article-4",
            "UA",
        )
        assert matrix.grid.position is None


async def wait_for_quote(pilot, app, quote_id: str) -> None:
    """The quotes screen builds its index in a worker: wait until the quote is selected."""
    for _ in range(200):
        item = app.screen.current_item() if isinstance(app.screen, QuotesScreen) else None
        if item is not None and item.id == quote_id:
            return
        await pilot.pause(0.02)
    raise AssertionError(f"quote {quote_id} was never selected on {app.screen}")


async def test_enter_on_a_quote_opens_quote_search_and_on_a_person_a_window():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "DE")
        await focus_entry(
            pilot, screen, "person:pistorius:quote:pistorius-escalation-trap"
        )
        await pilot.press("enter")
        await wait_for_quote(pilot, app, "pistorius-escalation-trap")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("up")
        await pilot.press("enter")
        await pilot.pause()
        assert (
            isinstance(app.screen, DetailScreen) and app.screen.item.id == "pistorius"
        )


async def test_enter_on_an_event_opens_it_on_the_timeline_or_in_a_window():
    app = countries_app()
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "FR")
        await focus_entry(pilot, screen, "event:macron-france24")
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.screen, DetailScreen):
            assert app.screen.item.id == "macron-france24"
        else:
            assert (
                app.current_mode == "timeline"
                and app.screen.current_item().id == "macron-france24"
            )


async def test_enter_on_the_list_moves_into_the_pane():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.pane.entries.has_focus
        assert highlighted_key(screen) == "position:shoot-down"
        assert screen.current_item().id == "shoot-down"


async def test_a_long_section_shows_a_preview_and_enter_shows_the_rest(tmp_path):
    incidents = "\n".join(
        f"  - id: i{n:02d}\n    title: Incident {n}\n    countries: [PL]"
        for n in range(30)
    )
    path = tmp_path / "deck.yaml"
    path.write_text(
        f"title: Many\ncountries:\n  - code: PL\n    name: Poland\nincidents:\n{incidents}\n",
        encoding="utf-8",
    )
    app = countries_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        keys = entry_keys(screen)
        assert len([k for k in keys if k.startswith("affected:")]) == 20
        assert "more:affected" in keys
        await focus_entry(pilot, screen, "more:affected")
        await pilot.press("enter")
        await pilot.pause()
        assert len([k for k in entry_keys(screen) if k.startswith("affected:")]) == 30
        assert highlighted_key(screen) == "affected:i20"


# --------------------------------------------------------------------------- marks and compare


async def test_m_marks_countries_and_v_compares_them_question_by_question():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "PL")
        await pilot.press("m")
        await select(pilot, screen, "DE")
        await pilot.press("m")
        assert screen.marked == ["PL", "DE"]
        assert "marked PL DE" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        grid = screen.compare_view.grid
        assert screen.comparing and grid.has_focus
        assert [c.code for c in grid.data.columns] == ["PL", "DE"]
        assert grid.data.differs == (True, True, True)
        text = screen_text(app)
        assert "≠ " in text and "✔ support" in text and "◐ cautious" in text
        assert "Compare 2" in text


async def test_d_shows_only_the_questions_where_compared_countries_differ():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "EE")
        await pilot.press("m")
        await select(pilot, screen, "PL")
        await pilot.press("m", "v")
        await pilot.pause()
        grid = screen.compare_view.grid
        assert len(grid.data.questions) == 3 and grid.data.differs == (
            True,
            False,
            False,
        )
        await pilot.press("d")
        await pilot.pause()
        assert [q.id for q in grid.data.questions] == ["shoot-down"]
        await pilot.press("d")
        await pilot.pause()
        assert len(grid.data.questions) == 3


async def test_compare_shows_each_countrys_summary_for_the_current_question():
    app = countries_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "PL")
        await pilot.press("m")
        await select(pilot, screen, "NL")
        await pilot.press("m", "v")
        await pilot.pause()
        assert "Tusk has made robust calls" in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert "Article 4 was invoked following the drone" in screen_text(app)


async def test_enter_in_the_comparison_opens_the_position_window():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "PL")
        await pilot.press("m")
        await select(pilot, screen, "DE")
        await pilot.press("m", "v", "right", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PositionDetailScreen"
        assert "Mixed: its envoy joined the private warning" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.comparing


async def test_escape_closes_the_comparison_and_v_with_one_mark_explains():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("m", "v")
        await pilot.pause()
        assert not screen.comparing
        assert any("Mark two or more" in n.message for n in app._notifications)
        await pilot.press("down", "m", "v")
        await pilot.pause()
        assert screen.comparing
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.comparing and app.screen is screen and screen.table.has_focus


async def test_M_clears_every_mark():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("m", "down", "m", "v")
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert screen.marked == [] and not screen.comparing
        assert "marked" not in screen_text(app)


async def test_m_again_unmarks():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("m", "m")
        assert screen.marked == []


# --------------------------------------------------------------------------- reload and jumps


def copy_example(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    return folder / "deck.yaml"


async def test_reload_keeps_country_filter_marks_and_entry(tmp_path):
    path = copy_example(tmp_path)
    app = countries_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("a")
        await select(pilot, screen, "EE")
        await pilot.press("m")
        await select(pilot, screen, "DE")
        await pilot.press("m")
        await focus_entry(pilot, screen, "person:pistorius")
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "name: Germany", "name: Federal Republic of Germany"
            ),
            encoding="utf-8",
        )
        app.apply_load_result(load_deck(path))
        await pilot.pause()
        assert screen.table.current_code == "DE"
        assert screen.group == "NATO" and screen.marked == ["EE", "DE"]
        assert highlighted_key(screen) == "person:pistorius"
        assert "Federal Republic of Germany (DE)" in screen_text(app)


async def test_reload_while_on_another_screen_shows_on_return(tmp_path):
    path = copy_example(tmp_path)
    app = countries_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "DE")
        await pilot.press("6")
        await pilot.pause()
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("name: Germany", "name: Bundesrepublik"), encoding="utf-8"
        )
        app.apply_load_result(load_deck(path))
        await pilot.pause()
        assert screen._stale
        await pilot.press("3")
        await pilot.pause()
        assert screen.table.current_code == "DE"
        assert "Bundesrepublik (DE)" in screen_text(app)


async def test_reload_moves_to_the_next_country_when_the_selected_one_is_deleted(
    tmp_path,
):
    path = copy_example(tmp_path)
    app = countries_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "UA")
        await pilot.press("m")
        text = path.read_text(encoding="utf-8")
        text = text.replace("  - code: UA\n    name: Ukraine\n", "").replace(
            "countries: [US, UA, EU]", "countries: [US, EU]"
        )
        path.write_text(text, encoding="utf-8")
        result = load_deck(path)
        assert result.ok, result.errors
        app.apply_load_result(result)
        await pilot.pause()
        assert screen.table.current_code == "RU"
        assert screen.marked == []


async def test_a_bad_reload_keeps_the_screen_as_it_was(tmp_path):
    path = copy_example(tmp_path)
    app = countries_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await select(pilot, screen, "PL")
        path.write_text("title: [unclosed\n", encoding="utf-8")
        app.apply_load_result(load_deck(path))
        await pilot.pause()
        assert screen.table.current_code == "PL"
        assert "Poland (PL)" in screen_text(app)


async def test_open_item_reveals_a_country_hidden_by_the_filters():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("a", "f", *"pol", "enter")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await app.open_item(app.deck.country("RU"))
        await pilot.pause()
        assert app.screen is screen
        assert screen.table.current_code == "RU" and screen.group is None
        assert screen.query_one("FilterBar").text == ""


async def test_open_item_on_a_person_selects_their_country_and_entry():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_item(app.deck.get("hummelgaard"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CountriesScreen)
        assert screen.table.current_code == "DK"
        assert (
            highlighted_key(screen) == "person:hummelgaard"
            and screen.pane.entries.has_focus
        )
        assert screen.current_item().id == "hummelgaard"


async def test_deck_text_is_shown_literally_never_as_markup(tmp_path):
    app = countries_app(write_hostile_deck(tmp_path))
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await open_countries(pilot)
        text = screen_text(app)
        assert "[bold]Evil[/] $primary [@click=app.quit]land[/]" in text
        assert "Is [b]this[/b] a [/] question?" in text
        assert "[link=https://evil.example]click[/link] $accent" in text
        await pilot.press("enter", "down")
        assert highlighted_key(screen) == "position:q1:quote:quote1"
        await pilot.press("enter")
        await wait_for_quote(pilot, app, "quote1")
        assert "[@click=app.quit]quit[/] now" in screen_text(app)
        assert "[i]Person[/i]" in screen_text(app)
        assert app.is_running


async def test_a_deck_without_countries_says_so(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text("title: Empty\n", encoding="utf-8")
    app = countries_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("down", "m", "v", "n", "right_square_bracket", "enter")
        await pilot.pause()
        assert "This deck declares no countries." in screen_text(app)
        assert screen.current_item() is None and not screen.comparing


async def test_the_list_and_pane_sit_side_by_side_on_a_wide_terminal():
    app = countries_app()
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_countries(pilot)
        table, pane = screen.table, screen.pane
        assert (
            table.region.y == pane.region.y - 0 or table.region.right <= pane.region.x
        )
        assert table.region.right <= pane.region.x
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert table.region.bottom <= pane.region.y


async def test_table_fits_80_columns_with_every_count():
    app = countries_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        table = screen.query_one(CountryTable)
        assert table.virtual_size.width <= table.size.width
        assert isinstance(screen.pane.entries, EntryList)
