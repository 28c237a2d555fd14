"""Every built-in theme on the brief's title slide and the positions matrix at 80x24, and
`mono` as NO_COLOR draws it (no colour at all: banner, cursor and marks by reverse, bold,
underline and glyphs)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import EXAMPLE_DECK

from briefing.deck import load_deck
from briefing.themes.request import ThemeRequest, choose_themes
from briefing.ui.app import BriefingApp

BUILT_INS = ("briefing-dark", "briefing-light", "high-contrast", "ansi", "mono", "ops-room")
SCREENS = {"brief": [], "positions": ["4"]}


def themed_example_app(theme: str) -> BriefingApp:
    """The example deck in `theme`, reading only the built-in themes (never the user's)."""
    result = load_deck(EXAMPLE_DECK)
    request = ThemeRequest.for_deck(theme, result.deck, user_dir=Path("/nonexistent/briefing-themes"), environ={})
    return BriefingApp(EXAMPLE_DECK, result, themes=choose_themes(request, watch=False), show_clock=False)


@pytest.fixture
def colour_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("theme", BUILT_INS)
def test_built_in_theme(snap_compare, colour_terminal, theme, screen):
    assert snap_compare(themed_example_app(theme), terminal_size=(80, 24), press=SCREENS[screen])


@pytest.mark.parametrize("screen", SCREENS)
def test_no_color_draws_mono_without_any_colour(snap_compare, monkeypatch, screen):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("BRIEFING_THEME", raising=False)
    app = themed_example_app("mono")
    assert app.ansi_color is True
    assert snap_compare(app, terminal_size=(80, 24), press=SCREENS[screen])
