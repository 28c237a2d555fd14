"""Deck text is untrusted: markup shows as text and escape sequences never reach the screen."""

from __future__ import annotations

import pytest
from app_support import deck_app, screen_text

from briefing.deck import load_deck
from briefing.ui.screens import SCREEN_SPECS

MARKUP = "[bold]B[/bold] a [/] b [@click=app.quit]Q[/] [$primary]P[/]"
ESCAPES = r"\e[31mRED\e[0m \e]0;pwned\a \e]8;;http://x\e\\link\e]8;;\e\\"
PAYLOAD = f'"{MARKUP} {ESCAPES}"'


def hostile_deck_text() -> str:
    p = PAYLOAD
    return f"""\
title: {p}
subtitle: {p}
as_of: 2025-09-25
classification: {p}
summary: {p}
key_judgments:
  - text: {p}
    confidence: low
sources:
  - id: src
    title: {p}
    publisher: {p}
    reliability: C
countries:
  - code: AA
    name: {p}
  - code: BB
    name: {p}
people:
  - id: who
    name: {p}
    role: {p}
    country: AA
incidents:
  - id: inc
    title: {p}
    when: 2025-09-19
    where: {p}
    countries: [AA]
    actor: BB
    kind: {p}
    assets: {p}
    duration: {p}
    response: {p}
    status: disputed
    claims:
      - by: BB
        text: {p}
      - by: who
        text: {p}
    summary: {p}
    notes: {p}
    sources: [src]
    credibility: 3
    tags: [t]
events:
  - id: ev
    title: {p}
    when: 2025-09-20
    countries: [AA, BB]
    summary: {p}
    sources: [src]
questions:
  - id: q
    title: {p}
    positions:
      - country: AA
        stance: support
        summary: {p}
        quotes: [quo]
quotes:
  - id: quo
    by: who
    text: {p}
    when: 2025-09-21
    where: {p}
    source: src
    about: [inc, q]
"""


@pytest.fixture
def hostile_deck(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(hostile_deck_text(), encoding="utf-8")
    return path


def test_loader_removes_escape_sequences_with_warnings(hostile_deck):
    result = load_deck(hostile_deck)
    assert result.ok, [str(d) for d in result.errors]
    assert result.warnings, "removed control characters are reported"
    assert "\x1b" not in result.deck.title and "\x07" not in result.deck.title
    assert MARKUP in result.deck.title


def _assert_inert(app, where: str) -> None:
    text = screen_text(app)
    assert "\x1b" not in text and "\x07" not in text, where
    assert app.is_running, where


async def test_every_screen_shows_markup_as_text_and_nothing_acts(hostile_deck):
    app = deck_app(hostile_deck, show_notes=True)
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        for spec in SCREEN_SPECS:
            await pilot.press(spec.key)
            await pilot.pause()
            for key in ("right", "down", "enter"):
                await pilot.press(key)
                await pilot.pause()
                _assert_inert(app, f"{spec.name} after {key}")
            if app.screen.is_modal:
                await pilot.press("escape")
            await pilot.click(offset=(5, 5))
            _assert_inert(app, f"{spec.name} after a click")
        await pilot.press("1", "right")
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Q[/]" in text
        assert "[bold]B[/bold]" in text
        assert "[$primary]P[/]" in text


async def test_title_slide_and_palette_show_markup_literally(hostile_deck):
    app = deck_app(hostile_deck)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert "[bold]B[/bold] a [/] b [@click=app.quit]Q[/]" in screen_text(app)
        await pilot.press("ctrl+p", *"click")
        await pilot.pause(0.3)
        _assert_inert(app, "palette")
        assert "[@click=app.quit]" in screen_text(app)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        _assert_inert(app, "help")
