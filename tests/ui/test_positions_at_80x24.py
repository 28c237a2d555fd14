"""The positions matrix in a briefing room: every country's stance readable at 80×24 with no
sideways scrolling, labels whole, the cursor on a position, the room below used."""

from __future__ import annotations

import pytest
from app_support import EXAMPLE_DECK, EXERCISE_DECK, deck_app, screen_text

from briefing.views.labels import STANCE_GLYPHS

GLYPHS = set(STANCE_GLYPHS.values())


def matrix_rows(text: str, questions: int) -> tuple[list[str], list[list[str]]]:
    """The codes on the screen's header row and the glyphs on each question row after it,
    read off the screen as characters, left to right."""
    lines = text.splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith(" Question"))
    codes = lines[header].split()[1:]
    rows = [[ch for ch in line if ch in GLYPHS] for line in lines[header + 1:header + 1 + questions]]
    return codes, rows


def expected_glyph(deck, question, code: str) -> str:
    position = question.position_of(code)
    return STANCE_GLYPHS[position.stance if position is not None else None]


@pytest.mark.parametrize("path", [EXAMPLE_DECK, EXERCISE_DECK], ids=["example", "exercise"])
async def test_every_countrys_stance_is_on_the_screen_at_80x24_without_scrolling_sideways(path):
    app = deck_app(path, initial_screen="positions")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        deck = app.deck
        codes, rows = matrix_rows(screen_text(app), len(deck.questions))
        assert sorted(codes) == sorted(c.code for c in deck.countries) and len(codes) == 15
        for question, glyphs in zip(deck.questions, rows):
            assert glyphs == [expected_glyph(deck, question, code) for code in codes], question.id
        assert "✘" in rows[0], "Russia's oppose, the only one on the first question, is in sight"
        grid = app.screen.grid
        assert grid.virtual_size.width <= grid.scrollable_content_region.width


async def test_countries_with_no_position_at_all_come_last_under_their_own_label():
    app = deck_app(EXAMPLE_DECK, initial_screen="positions")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        codes, _rows = matrix_rows(screen_text(app), 3)
        assert codes[-3:] == ["NATO", "EU", "UA"]
        band = screen_text(app).splitlines()[2]
        assert band.rstrip().endswith("no positions")


@pytest.mark.parametrize("keys", [[], ["o"], ["down", "o"], ["a"]], ids=["groups", "stances", "stances-2", "one-group"])
@pytest.mark.parametrize("path", [EXAMPLE_DECK, EXERCISE_DECK], ids=["example", "exercise"])
async def test_block_labels_are_never_cut(path, keys):
    app = deck_app(path, initial_screen="positions")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        grid = app.screen.grid
        text = screen_text(app)
        labels = [block.label for panel in grid.panels for block in panel.blocks]
        assert labels and all(f" {label} " in text for label in labels), labels
        bands = [line for line in text.splitlines()[2:] if "─" in line or "no group" in line]
        assert not any("…" in line[grid.title_width:] for line in bands)


@pytest.mark.parametrize("path, cell", [(EXAMPLE_DECK, ("shoot-down", "GB")), (EXERCISE_DECK, ("close-baltic", "NO"))])
async def test_the_cursor_starts_on_the_first_cell_that_holds_a_position(path, cell):
    app = deck_app(path, initial_screen="positions")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grid = app.screen.grid
        assert (grid.question.id, grid.country.code) == cell and grid.position is not None


async def test_the_room_under_the_matrix_shows_the_selected_positions_summary_and_quotes():
    app = deck_app(EXAMPLE_DECK, initial_screen="positions")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.focus_cell("shoot-down", "DE")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        matrix_end = max(n for n, line in enumerate(lines) if line.startswith(" Are the incursions"))
        below = "\n".join(lines[matrix_end + 1:])
        assert "Germany (DE)  ◐ cautious" in below and "warns that it risks Putin's" in below
        assert "“escalation trap” — Boris Pistorius" in below and "“all measures necessary”" in below
        assert all(line.strip() for line in lines[matrix_end + 1:matrix_end + 4]), "no blank rows under the matrix"
