"""Fixtures for the tests of briefing.themes."""

from __future__ import annotations

import pytest
from theme_files import library_with

from briefing.themes.library import ThemeLibrary


@pytest.fixture
def library(tmp_path) -> ThemeLibrary:
    """Textual's themes and the built-ins, no user themes."""
    return library_with(tmp_path / "no-user-themes")
