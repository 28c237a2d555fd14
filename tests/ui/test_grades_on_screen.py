"""Admiralty grades read unaided wherever they appear: the scale under the sources, the
meaning beside a grade in every detail, wrapped lines under their first word."""

from __future__ import annotations

from app_support import example_app, screen_text, settle

from briefing.ui.widgets.quotes.quote_detail import context_rows


async def test_the_sources_screen_spells_out_the_whole_scale_and_each_sources_grade():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        text = screen_text(app)
        assert " B (usually reliable)  Bloomberg — Europeans Privately" in text
        flat = " ".join(text.split())
        assert "Reliability: A completely reliable, B usually reliable, C fairly reliable" in flat
        assert "Credibility: 1 confirmed by other sources, 2 probably true, 3 possibly true" in flat
        assert "↳ incident Drones disrupt air traffic in Denmark · B3" in text


async def test_wrapped_lines_hang_under_the_first_word_of_their_text():
    app = example_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        for start, text_start in (("   ↳ event    Kremlin says", "Kremlin"), (" Reliability: A", "A completely")):
            at = next(n for n, line in enumerate(lines) if line.startswith(start))
            following = lines[at + 1]
            column = lines[at].index(text_start)
            assert following[:column].strip() == "" and following[column] != " ", (lines[at], following)


async def test_a_grade_in_a_detail_says_what_it_means():
    app = example_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6", "enter")
        await pilot.pause()
        assert "Reliability  B (usually reliable)" in screen_text(app)
        await pilot.press("escape", "5")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Source   Europeans Privately Tell Russia They’re Ready To Shoot Down Jets — Bloomberg B (usually" in screen_text(app)
        assert dict(context_rows(app.screen.quote))["Source"].endswith("— Bloomberg B (usually reliable)")
        await pilot.press("escape", "escape", "2")
        await pilot.pause()
        text = screen_text(app)
        assert "Sources   Bloomberg B2 (usually reliable," in text and "probably true)" in text
