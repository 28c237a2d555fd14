"""What the quote search screen looks like at 80x24: a query with its matches, an error."""

from __future__ import annotations

from app_support import EXAMPLE_DECK, deck_app, settle

from briefing.deck import load_deck
from briefing.themes.request import ThemeRequest, choose_themes
from briefing.ui.app import BriefingApp


def typing(text: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*text)
        await settle(pilot)

    return run_before


def quotes_app(**options):
    return deck_app(EXAMPLE_DECK, initial_screen="quotes", **options)


def test_query_with_highlighted_matches(snap_compare):
    assert snap_compare(quotes_app(), terminal_size=(80, 24), run_before=typing("nato airspace"))


def test_query_with_a_typo_after_moving_down(snap_compare):
    assert snap_compare(quotes_app(), terminal_size=(80, 24), run_before=typing("aispace"), press=["down"])


def test_malformed_query_error_inline_keeps_results(snap_compare):
    async def run_before(pilot) -> None:
        await typing("shoot")(pilot)
        pilot.app.focused.insert_text_at_cursor(" before:notadate")
        await settle(pilot)

    assert snap_compare(quotes_app(), terminal_size=(80, 24), run_before=run_before)


def mono_quotes_app(user_dir) -> BriefingApp:
    result = load_deck(EXAMPLE_DECK)
    request = ThemeRequest.for_deck("mono", result.deck, user_dir=user_dir, environ={"TERM": "xterm-256color"})
    themes = choose_themes(request, watch=False)
    return BriefingApp(EXAMPLE_DECK, result, themes=themes, show_clock=False, initial_screen="quotes")


def test_mono_theme_marks_matches_without_colour(snap_compare, tmp_path):
    app = mono_quotes_app(tmp_path / "no-user-themes")
    assert snap_compare(app, terminal_size=(80, 24), run_before=typing("shoot"), press=["down"])
