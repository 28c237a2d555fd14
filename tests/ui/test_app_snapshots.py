"""What the brief, sources and help screens look like, at 80x24 and 120x40."""

from __future__ import annotations

import pytest
from app_support import example_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title_slide(snap_compare, size):
    assert snap_compare(example_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_incident_slide_with_claims_side_by_side(snap_compare, size):
    assert snap_compare(example_app(), terminal_size=size, press=["colon", "4", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_incident_slide_with_speaker_notes(snap_compare, size):
    assert snap_compare(example_app(show_notes=True), terminal_size=size, press=["right"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_sources_screen(snap_compare, size):
    assert snap_compare(example_app(), terminal_size=size, press=["6"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, size):
    assert snap_compare(example_app(), terminal_size=size, press=["question_mark"])
