"""The countries screen in a briefing room: it opens on a country with something to show,
one row is highlighted at a time, home and end work, the pane has one indentation."""

from __future__ import annotations

from app_support import example_app, screen_ansi, screen_text
from rich.style import Style

from briefing.ui.screens.countries import CountriesScreen


async def open_countries(pilot) -> CountriesScreen:
    await pilot.press("3")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CountriesScreen)
    return screen


def background_sgr(style: Style) -> str:
    """The truecolor SGR a background is written with, e.g. '48;2;1;2;3'."""
    r, g, b = style.bgcolor.get_truecolor()
    return f"48;2;{r};{g};{b}"


def rows_with(app, style: Style) -> list[int]:
    """The screen rows drawn on this background, the classification banners left out."""
    sgr = background_sgr(style)
    return [n for n, line in enumerate(screen_ansi(app).splitlines()) if sgr in line and "UNCLASSIFIED" not in line]


async def test_it_opens_on_the_first_country_with_something_to_show_not_an_empty_organisation():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        assert screen.table.current_code == "EE"
        assert "Estonia (EE) · NATO · EU" in screen_text(app) and "Countries 3/15" in screen_text(app)


async def test_exactly_one_row_is_highlighted_where_the_keys_act():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        table, entries = screen.table, screen.pane.entries
        cursor = table.get_component_rich_style("datatable--cursor")
        assert len(rows_with(app, cursor)) == 1, "the list's cursor row"
        entry = entries.get_component_rich_style("option-list--option-highlighted")
        assert entry.bgcolor == entries.rich_style.bgcolor, "the pane's current entry is not highlighted"
        await pilot.press("enter")
        await pilot.pause()
        cursor = table.get_component_rich_style("datatable--cursor")
        assert cursor.bgcolor == table.rich_style.bgcolor and cursor.bold, "the list's row is bold, not highlighted"
        entry = entries.get_component_rich_style("option-list--option-highlighted")
        highlighted = rows_with(app, entry)
        assert entry.bgcolor != entries.rich_style.bgcolor and highlighted
        assert highlighted == list(range(highlighted[0], highlighted[-1] + 1)), "one entry (of one or more lines)"


async def test_home_and_end_go_to_the_first_and_last_country():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_countries(pilot)
        await pilot.press("end")
        await pilot.pause()
        assert screen.table.current_code == "UA" and "Ukraine (UA)" in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert screen.table.current_code == "NATO"


async def test_section_headings_and_entries_share_one_indentation_with_the_panes_heading():
    app = example_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await open_countries(pilot)
        lines = screen_text(app).splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith(" Estonia (EE)"))
        pane = [line for line in lines[start:] if line.strip() and "UNCLASSIFIED" not in line][:-1]
        headings = [line for line in pane if line.lstrip().startswith(("Positions", "People", "Incidents", "Claims", "Events"))]
        entries = [line for line in pane if line.lstrip()[:1] in ("·", "✔", "✘", "◇", "◆")]
        assert headings and entries
        assert {len(line) - len(line.lstrip()) for line in [pane[0], *headings, *entries]} == {1}
