"""The quote list in a briefing room: a long quote wraps to a second line instead of ending
in '…', and the keys that work are named in the hints line, in the box and in the list."""

from __future__ import annotations

from app_support import example_app, screen_text, settle


async def test_a_long_quote_wraps_to_a_second_line_whole():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        at = next(n for n, line in enumerate(lines) if "“If NATO shoots down" in line)
        assert lines[at].rstrip().endswith("of an alleged")
        assert lines[at + 1].split("”")[0].strip() == "violation of its airspace, this will be war"
        assert lines[at + 2].strip().startswith("Broadcast on French radio")
        assert not any(line.rstrip().endswith("…") for line in lines if "“" in line)


async def test_the_hints_name_the_keys_of_the_box_and_of_the_list():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        hints = screen_text(app).splitlines()[-1]
        for hint in ("↑↓ Choose", "⏎ Open", "^y Copy", "esc List"):
            assert hint in hints
        await pilot.press("escape")
        await pilot.pause()
        hints = screen_text(app).splitlines()[-1]
        for hint in ("⏎ Open", "y Copy", "? Help", "/ Search quotes"):
            assert hint in hints
