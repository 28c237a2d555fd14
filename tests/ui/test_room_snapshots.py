"""Every screen and window as a briefing room sees it, at 80×24 and 120×40, on the example
deck and on the fifteen-country, four-question exercise deck; and every screen in 16
colours (the `ansi` theme) and under NO_COLOR.

Each picture was looked at (converted with scripts/svg2png) before it was accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import EXAMPLE_DECK, EXERCISE_DECK, deck_app

from briefing.deck import load_deck
from briefing.themes.request import ThemeRequest, choose_themes
from briefing.ui.app import BriefingApp
from briefing.ui.screens.timeline import TimelineScreen

DECKS = {"example": EXAMPLE_DECK, "exercise": EXERCISE_DECK}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
VIEWS = {
    "brief-title": [],
    "brief-incident": ["pagedown", "pagedown", "pagedown"],
    "timeline": ["2"],
    "countries": ["3"],
    "positions": ["4"],
    "quotes": ["5", "escape"],
    "sources": ["6"],
    "blank": ["4", "b"],
    "help": ["question_mark"],
    "slide-prompt": ["colon"],
    # A query, not the empty list: Textual gathers the empty list from its providers in the
    # order a set of classes iterates, which changes from one process to the next.
    "palette": ["ctrl+p", *"dron"],
    "source-detail": ["6", "enter"],
    "position-detail": ["4", "enter"],
    "quote-detail": ["5", "enter"],
}
SCREENS = ("brief-incident", "timeline", "countries", "positions", "quotes", "sources", "blank")


async def open_first_event(pilot) -> None:
    """The timeline with its first event opened across the screen."""
    await pilot.press("2")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    screen.focus_item(screen.deck.events[0])
    await pilot.pause()


@pytest.fixture
def colour_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("size", SIZES, ids=SIZES)
@pytest.mark.parametrize("view", VIEWS, ids=VIEWS)
@pytest.mark.parametrize("deck", DECKS, ids=DECKS)
def test_every_screen_and_window(snap_compare, colour_terminal, deck, view, size):
    app = deck_app(DECKS[deck])
    assert snap_compare(app, terminal_size=SIZES[size], press=VIEWS[view])


@pytest.mark.parametrize("size", SIZES, ids=SIZES)
@pytest.mark.parametrize("deck", DECKS, ids=DECKS)
def test_an_opened_event(snap_compare, colour_terminal, deck, size):
    assert snap_compare(deck_app(DECKS[deck]), terminal_size=SIZES[size], run_before=open_first_event, press=["enter"])


def themed(theme: str) -> BriefingApp:
    result = load_deck(EXAMPLE_DECK)
    request = ThemeRequest.for_deck(theme, result.deck, user_dir=Path("/nonexistent/briefing-themes"), environ={})
    return BriefingApp(EXAMPLE_DECK, result, themes=choose_themes(request, watch=False), show_clock=False)


@pytest.mark.parametrize("view", SCREENS)
def test_every_screen_in_sixteen_colours(snap_compare, colour_terminal, view):
    assert snap_compare(themed("ansi"), terminal_size=(80, 24), press=VIEWS[view])


@pytest.mark.parametrize("view", SCREENS)
def test_every_screen_under_no_color(snap_compare, monkeypatch, view):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("BRIEFING_THEME", raising=False)
    assert snap_compare(themed("mono"), terminal_size=(80, 24), press=VIEWS[view])
