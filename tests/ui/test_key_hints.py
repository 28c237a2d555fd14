"""The key hints line: what it shows, how it fits, and that a click presses the key."""

from app_support import example_app, screen_text

from briefing.ui.widgets.key_hints import KeyHints


def last_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def brief_hints(width: int) -> str:
    """The hints line of the brief's first slide in a terminal `width` columns wide."""
    app = example_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        return last_line(app)


async def test_hints_show_the_screens_keys_in_order_and_the_palette_at_the_right():
    line = await brief_hints(80)
    assert line.split()[:4] == ["←", "Prev", "→", "Next"]
    assert line.index("? Help") < line.index("q Quit")
    assert line.rstrip().endswith("▏^p palette")


async def test_a_narrow_terminal_cuts_the_hints_and_keeps_the_palette():
    line = await brief_hints(44)
    assert "…" in line
    assert line.rstrip().endswith("▏^p palette")


async def test_clicking_a_hint_presses_its_key():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        x = last_line(app).index("→ Next") + 2
        await pilot.click(KeyHints, offset=(x, 0))
        await pilot.pause()
        assert "Brief 2/5" in screen_text(app)


async def test_hints_follow_the_screen():
    app = example_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "o Order" in last_line(app)
        assert "→ Next" not in last_line(app)
