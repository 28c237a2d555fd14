"""Pilot tests of the presenting shell: the brief, sources, help, palette, frame and keys."""

from __future__ import annotations

import gc

import pytest
from app_support import EXAMPLE_DECK, deck_app, example_app, screen_text

from briefing.deck.model import Incident
from briefing.ui.screens.brief import BriefScreen
from briefing.ui.screens.detail import DetailScreen
from briefing.ui.screens.help import HelpScreen
from briefing.ui.screens.sources import SourcesScreen


async def test_brief_opens_on_the_title_slide_with_progress():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Airspace incursions on NATO's eastern flank" in text
        assert f"Brief 1/{1 + len(app.deck.incidents)}" in text
        assert "Key judgments" in text or "Summary" in text


async def test_every_next_key_steps_forward_and_every_previous_key_back():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        for key in ("right", "space", "n", "l"):
            await pilot.press(key)
        assert screen.slide_index == 4
        for key in ("left", "p", "h"):
            await pilot.press(key)
        assert screen.slide_index == 1
        assert app.deck.incidents[0].title in screen_text(app)


async def test_first_and_last_keys_jump_to_the_ends_and_stop_there():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("G")
        last = len(app.deck.incidents)
        assert screen.slide_index == last
        await pilot.press("right")
        assert screen.slide_index == last
        await pilot.press("home")
        assert screen.slide_index == 0
        await pilot.press("end", "g")
        assert screen.slide_index == 0


async def test_colon_number_enter_jumps_to_that_slide():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("colon", "3", "enter")
        await pilot.pause()
        assert app.screen.slide_index == 2
        assert f"Brief 3/{1 + len(app.deck.incidents)}" in screen_text(app)


async def test_incident_slide_shows_facts_claims_quotes_and_graded_sources():
    app = example_app()
    async with app.run_test(size=(120, 80)) as pilot:
        estonia = next(i for i in app.deck.incidents if "Estonia" in i.title)
        await app.open_item(estonia)
        await pilot.pause()
        text = screen_text(app)
        assert "19 September 2025" in text
        assert "MiG-31" in text
        assert "Russia says" in text and "Others say" in text, "claims and denials side by side"
        assert "Bloomberg B2 (usually reliable, probably true)" in text, "sources carry their Admiralty grade and its meaning"


async def test_an_organisation_named_by_its_code_is_named_once_as_in_the_handouts(tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "title: T\ncountries:\n  - {code: NATO, name: NATO}\n  - {code: EE, name: Estonia}\n"
        "incidents:\n  - {id: i, title: Jets scrambled, when: 2025-09-19, countries: [EE], actor: NATO}\n",
        encoding="utf-8",
    )
    app = deck_app(deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.open_item(app.deck.get("i"))
        await pilot.pause()
        text = screen_text(app)
        assert "NATO" in text and "NATO (NATO)" not in text
        assert "Estonia (EE)" in text


async def test_number_keys_switch_screens_and_escape_goes_back():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("1")
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("6", "escape")
        assert isinstance(app.screen, BriefScreen)


async def test_enter_on_a_citing_incident_in_sources_opens_its_slide():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert isinstance(app.screen.current_item(), Incident)


async def test_enter_on_a_source_shows_its_detail():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert "Bloomberg" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, SourcesScreen)


async def test_help_lists_the_screens_keys_from_its_bindings():
    app = example_app()
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Next", "Prev", "Go to slide", "Edit at source", "Reload", "Quit", "Sources"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, BriefScreen)


async def test_palette_jumps_to_an_incident_by_its_words():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"romania 50")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        assert "Romania" in screen.current_item().title


async def test_banner_shows_at_top_and_bottom():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "UNCLASSIFIED // OPEN SOURCE" in lines[0]
        assert "UNCLASSIFIED // OPEN SOURCE" in lines[-2]


async def test_notes_show_only_with_the_notes_option():
    app = example_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        assert "Speaker notes" not in screen_text(app)
    app = example_app(show_notes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        noted = next(n for n, i in enumerate(app.deck.incidents, start=1) if i.notes)
        await pilot.press(*["right"] * noted)
        text = screen_text(app)
        assert "Speaker notes" in text
        first_words = " ".join(app.deck.incidents[noted - 1].notes.split()[:3])
        assert first_words in " ".join(text.split())


async def test_notes_go_below_the_slide_when_narrow():
    app = example_app(show_notes=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#notes").has_class("-below")
    app = example_app(show_notes=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#notes").has_class("-below")


async def test_stopwatch_and_clock_keys_toggle_the_header():
    app = example_app(show_clock=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert app.stopwatch.running
        assert "⏱" in screen_text(app)
        await pilot.press("S")
        assert app.stopwatch.elapsed() < 1
        await pilot.press("c")
        assert not app.clock_visible


@pytest.mark.parametrize(("editor", "explained"), [
    ("no-such-editor-here", "no-such-editor-here"),
    ('vim "', "cannot be read as a command"),  # an unclosed quote: a notice, not a crash
])
async def test_edit_without_an_editor_explains_and_keeps_running(monkeypatch, editor, explained):
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert any(explained in str(n.message) for n in app._notifications)
        assert isinstance(app.screen, BriefScreen)


async def test_edit_opens_the_current_incident_at_its_line(monkeypatch):
    calls = []
    monkeypatch.setattr("briefing.ui.app.subprocess.run", lambda command, check: calls.append(command))
    monkeypatch.setattr("briefing.ui.app.editor_command", lambda place: ["ed", f"+{place.line}", place.path])

    class FakeSuspend:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    app = example_app()
    monkeypatch.setattr(app, "suspend", lambda: FakeSuspend())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("right", "e")
        await pilot.pause()
        incident = app.deck.incidents[0]
        assert calls == [["ed", f"+{incident.place.line}", incident.place.path]]


async def test_a_collector_paused_for_start_up_runs_again_after_the_first_paint():
    gc.disable()
    try:
        app = example_app(collector_paused=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Brief 1/5" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()


def test_presenting_from_the_command_line_never_leaves_the_collector_paused(tmp_path, capsys):
    from briefing.cli import main

    assert main([str(tmp_path / "missing.yaml")]) == 1
    assert gc.isenabled()


async def test_a_theme_switch_redraws_the_slide_in_the_new_themes_colours():
    from briefing.ui.widgets.brief.slide import Slide

    app = deck_app(EXAMPLE_DECK)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        slide = app.screen.query_one(Slide)
        dark_title = slide.slide_styles().title
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        light_title = slide.slide_styles().title
        assert light_title != dark_title
        assert light_title.bgcolor.triplet.hex.lower() == app.current_theme.background.lower()
