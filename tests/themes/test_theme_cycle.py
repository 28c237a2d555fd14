"""The order `t` steps through themes."""

from __future__ import annotations

from pathlib import Path

from briefing.themes.cycle import BUILT_IN_CYCLE, cycle_order, describe, next_in_cycle
from briefing.themes.library import ThemeLibrary


def test_cycle_puts_built_ins_first_then_users_and_textuals_only_when_picked():
    library = ThemeLibrary.discover(user_dir=Path("/nonexistent/briefing-themes"))
    order = cycle_order(library.entries.values(), picked=["nord"])
    assert order == [*BUILT_IN_CYCLE, "nord"]
    assert next_in_cycle(order, "nord") == "briefing-dark"
    assert next_in_cycle(order, "gruvbox") == "briefing-dark"


def test_an_empty_cycle_has_no_next_theme():
    assert next_in_cycle([], "briefing-dark") is None


def test_a_theme_is_described_by_where_it_comes_from_and_its_mode(library):
    assert describe(library.get("briefing-light")) == "built-in, light"
    assert describe(library.get("nord")) == "textual, dark"
