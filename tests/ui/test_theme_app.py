"""Themes in the running app: start-up precedence through `present`, `t`, the palette,
live reload of theme files, a deck's `theme:` changing, and NO_COLOR."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from app_support import EXAMPLE_DECK, screen_ansi
from textual.color import Color

from briefing import commands
from briefing.cli import _present_parser
from briefing.deck import load_deck
from briefing.themes.cycle import BUILT_IN_CYCLE
from briefing.themes.request import ThemeRequest, choose_themes
from briefing.ui.app import BriefingApp
from briefing.ui.widgets.banner import Banner
from briefing.watch.tracking import TrackedFiles

DECK_TEXT = "title: Theme test deck\nclassification: TEST // BANNER\n"
TERMINAL_ENV = ("NO_COLOR", "COLORTERM", "TEXTUAL_COLOR_SYSTEM", "BRIEFING_THEME", "TERM")


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    """A 256-colour terminal with no NO_COLOR and a user config folder of the test's own."""
    for name in TERMINAL_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "config" / "briefing" / "themes").mkdir(parents=True)
    return tmp_path / "config" / "briefing"


def write_deck(folder: Path, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "deck.yaml"
    path.write_text(DECK_TEXT + extra, encoding="utf-8")
    return path


def user_theme(config: Path, name: str, text: str) -> Path:
    path = config / "themes" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def app_from_present(monkeypatch, argv: list[str]) -> BriefingApp | int:
    """What `briefing ARGS` would present, without starting the terminal: the app, or the exit code."""
    built: list[BriefingApp] = []

    def capture(self, *args, **kwargs):
        built.append(self)
        return 0

    monkeypatch.setattr(BriefingApp, "run", capture)
    monkeypatch.setattr(commands, "wants_plain_text", lambda *a, **k: False)
    code = commands.present(_present_parser().parse_args(argv))
    return built[0] if built else code


def themed_app(deck_path: Path, cli: str | None, config: Path, *, watch: bool = False) -> BriefingApp:
    result = load_deck(deck_path)
    request = ThemeRequest.for_deck(cli, result.deck, user_dir=config / "themes", environ={"TERM": "xterm-256color"})
    return BriefingApp(deck_path, result, themes=choose_themes(request, watch=watch), show_clock=False, watch=watch)


def recorded_notifications(app: BriefingApp) -> list[tuple[str, str]]:
    """Make `app.notify` also record (message, severity)."""
    seen: list[tuple[str, str]] = []
    original = app.notify

    def notify(message, *, title="", severity="information", timeout=None, markup=True):
        assert markup is False, "theme notifications name files and themes: never markup"
        seen.append((message, severity))
        original(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def wait_until(pilot, condition, timeout: float = 8.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


# --------------------------------------------------------------------------- precedence via present


async def test_cli_theme_beats_the_decks_theme_and_the_users_default(clean_env, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_THEME", "high-contrast")
    deck = write_deck(tmp_path / "deck", "theme: ops-room\n")
    app = app_from_present(monkeypatch, [str(deck), "--theme", "light"])
    async with app.run_test(size=(80, 24)):
        assert app.theme == "briefing-light"


async def test_deck_theme_beats_the_users_default(clean_env, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_THEME", "high-contrast")
    deck = write_deck(tmp_path / "deck", "theme: ops-room\n")
    app = app_from_present(monkeypatch, [str(deck)])
    async with app.run_test(size=(80, 24)):
        assert app.theme == "ops-room"


async def test_deck_theme_file_beside_the_deck_is_loaded_and_chosen(clean_env, tmp_path, monkeypatch):
    deck = write_deck(tmp_path / "deck", "theme: look.yaml\n")
    (tmp_path / "deck" / "look.yaml").write_text('name: deck-look\nextends: briefing-dark\nprimary: "#ff8800"\n')
    app = app_from_present(monkeypatch, [str(deck)])
    async with app.run_test(size=(80, 24)):
        assert app.theme == "deck-look"
        assert app.current_theme.primary == "#ff8800"


async def test_users_default_from_config_yaml_beats_the_colour_depth(clean_env, tmp_path, monkeypatch):
    (clean_env / "config.yaml").write_text("theme: ops-room\n")
    app = app_from_present(monkeypatch, [str(write_deck(tmp_path / "deck"))])
    async with app.run_test(size=(80, 24)):
        assert app.theme == "ops-room"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TERM": "xterm-256color"}, "briefing-dark"),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "briefing-dark"),
        ({"TERM": "xterm"}, "ansi"),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, "mono"),
    ],
    ids=["256", "truecolor", "16", "no-color"],
)
async def test_colour_depth_decides_when_nothing_else_does(clean_env, tmp_path, monkeypatch, environ, expected):
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    app = app_from_present(monkeypatch, [str(write_deck(tmp_path / "deck"))])
    async with app.run_test(size=(80, 24)):
        assert app.theme == expected


def test_unknown_cli_theme_is_a_usage_error_before_any_app(clean_env, tmp_path, monkeypatch, capsys):
    result = app_from_present(monkeypatch, [str(write_deck(tmp_path / "deck")), "--theme", "briefing-drak"])
    assert result == commands.EXIT_USAGE
    error = capsys.readouterr().err
    assert "unknown theme 'briefing-drak'" in error and "did you mean 'briefing-dark'" in error


def test_broken_cli_theme_file_prints_its_errors_at_line_and_column(clean_env, tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nprimary: bleu\n")
    result = app_from_present(monkeypatch, [str(write_deck(tmp_path / "deck")), "--theme", str(bad)])
    assert result == commands.EXIT_USAGE
    assert f"{bad}:2:10: error: 'bleu' is not a colour" in capsys.readouterr().err


async def test_broken_deck_theme_warns_in_the_app_and_falls_through(clean_env, tmp_path, monkeypatch):
    deck = write_deck(tmp_path / "deck", "theme: nosuch-theme\n")
    app = app_from_present(monkeypatch, [str(deck)])
    seen = recorded_notifications(app)
    async with app.run_test(size=(80, 24)):
        assert app.theme == "briefing-dark"
        assert any(f"{deck}:3:8: warning: the deck's theme 'nosuch-theme' is unknown" in message for message, _ in seen)


# --------------------------------------------------------------------------- t and the palette


async def test_t_cycles_built_ins_then_user_themes_and_wraps_naming_each(clean_env, tmp_path):
    user_theme(clean_env, "zz-night", "extends: briefing-dark\nprimary: '#336699'\n")
    user_theme(clean_env, "aa-day", "extends: briefing-light\n")
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env)
    seen = recorded_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        visited = [app.theme]
        for _ in range(len(BUILT_IN_CYCLE) + 2):
            await pilot.press("t")
            visited.append(app.theme)
        assert visited == [*BUILT_IN_CYCLE, "aa-day", "zz-night", "briefing-dark"]
        assert [message for message, _ in seen] == [f"Theme: {name}" for name in visited[1:]]


async def test_a_textual_theme_chosen_at_start_stays_in_the_cycle(clean_env, tmp_path):
    app = themed_app(write_deck(tmp_path / "deck"), "nord", clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "nord"
        await pilot.press("t")
        assert app.theme == "briefing-dark"
        for _ in BUILT_IN_CYCLE:
            await pilot.press("t")
        assert app.theme == "nord"


async def test_palette_switches_to_a_theme_by_name(clean_env, tmp_path):
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme: ops-ro")
        assert await wait_until(pilot, lambda: _palette_has(app, "Theme: ops-room"))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.theme == "ops-room")


async def test_palette_reaches_textuals_own_themes_too(clean_env, tmp_path):
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"theme: gruvbox")
        assert await wait_until(pilot, lambda: _palette_has(app, "Theme: gruvbox"))
        await pilot.press("enter")
        assert await wait_until(pilot, lambda: app.theme == "gruvbox")
        await pilot.press("t")
        assert app.theme == "briefing-dark", "a theme picked in the palette joins the cycle at its end"


def _palette_has(app: BriefingApp, label: str) -> bool:
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    return any(label in str(option.prompt) for command_list in lists for option in command_list.options)


# --------------------------------------------------------------------------- live reload


def background_code(app: BriefingApp) -> str:
    """The SGR code of the screen's background as the app now draws it."""
    red, green, blue = Color.parse(app.get_css_variables()["background"]).rgb
    return f"48;2;{red};{green};{blue}m"


async def test_editing_the_current_theme_file_repaints_with_the_new_colours(clean_env, tmp_path):
    path = user_theme(clean_env, "night", "extends: briefing-dark\nbackground: '#102030'\n")
    app = themed_app(write_deck(tmp_path / "deck"), "night", clean_env, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = background_code(app)
        assert before in screen_ansi(app)
        await asyncio.sleep(0.3)  # the watcher is up
        path.write_text("extends: briefing-dark\nbackground: '#302010'\n")
        assert await wait_until(pilot, lambda: app.current_theme.background == "#302010")
        after = background_code(app)
        assert await wait_until(pilot, lambda: after in screen_ansi(app))
        assert before != after and before not in screen_ansi(app)


async def test_a_theme_file_change_repaints_without_reloading_the_deck(clean_env, tmp_path):
    path = user_theme(clean_env, "night", "extends: briefing-dark\nprimary: '#336699'\n")
    app = themed_app(write_deck(tmp_path / "deck"), "night", clean_env, watch=True)
    seen = recorded_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        published = []
        app.deck_changed.subscribe(app, published.append)
        assert await wait_until(pilot, lambda: app.session.following)
        assert path.resolve() in {p.resolve() for p in app.session.extra_paths}
        path.write_text("extends: briefing-dark\nprimary: '#00aa00'\n")
        assert await wait_until(pilot, lambda: app.current_theme.primary == "#00aa00")
        await pilot.pause(0.3)
        assert published == [], "the deck is not shown again for a theme file"
        assert not [message for message, _ in seen if "Deck reloaded" in message or "no changes" in message]


async def test_a_theme_file_added_to_the_users_folder_joins_and_is_followed(clean_env, tmp_path):
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_until(pilot, lambda: app.session.following)
        path = user_theme(clean_env, "fresh", "extends: ops-room\nprimary: '#123456'\n")
        assert await wait_until(pilot, lambda: "fresh" in app.theming.cycle_names())
        app.theming.switch_to("fresh")
        path.write_text("extends: ops-room\nprimary: '#654321'\n")
        assert await wait_until(pilot, lambda: app.current_theme.primary == "#654321")


async def test_a_new_theme_file_saved_again_before_the_follower_reads_it_shows_the_save(clean_env, tmp_path, monkeypatch):
    """The folder check reads a new theme file and hands it to the follower, whose worker
    takes it up a moment later (on a busy machine, much later): a save in between is a change."""
    path = clean_env / "themes" / "fresh.yaml"
    take_up = TrackedFiles.follow_extras

    def saved_just_before(files, paths, digests):
        if path in paths and "#123456" in path.read_text():
            path.write_text("extends: ops-room\nprimary: '#654321'\n")
        take_up(files, paths, digests)

    monkeypatch.setattr(TrackedFiles, "follow_extras", saved_just_before)
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await wait_until(pilot, lambda: app.session.following)
        user_theme(clean_env, "fresh", "extends: ops-room\nprimary: '#123456'\n")
        assert await wait_until(pilot, lambda: "fresh" in app.theming.cycle_names())
        app.theming.switch_to("fresh")
        assert await wait_until(pilot, lambda: app.current_theme.primary == "#654321")


async def test_without_following_the_deck_no_theme_file_is_followed(clean_env, tmp_path):
    user_theme(clean_env, "night", "extends: briefing-dark\n")
    app = themed_app(write_deck(tmp_path / "deck"), "night", clean_env, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.session.following and not app.theming.followed


async def test_a_bad_theme_file_on_live_reload_keeps_the_previous_theme_and_shows_the_error(clean_env, tmp_path):
    path = user_theme(clean_env, "night", "extends: briefing-dark\nprimary: '#336699'\n")
    app = themed_app(write_deck(tmp_path / "deck"), "night", clean_env, watch=True)
    seen = recorded_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await asyncio.sleep(0.3)
        path.write_text("extends: briefing-dark\nprimary: '#336699'\nvariables:\n  stance-suport: red\n")
        assert await wait_until(pilot, lambda: any(severity == "error" for _, severity in seen))
        message = next(message for message, severity in seen if severity == "error")
        assert f"{path}:4:3: error: unknown variable 'stance-suport'" in message
        assert "Keeping the theme 'night'" in message
        assert app.theme == "night"
        assert app.current_theme.primary == "#336699"
        path.write_text("extends: briefing-dark\nprimary: '#00aa00'\n")
        assert await wait_until(pilot, lambda: app.current_theme.primary == "#00aa00")
        assert await wait_until(pilot, lambda: seen[-1][0] == "Theme files reloaded: no errors")


async def test_a_broken_override_of_the_current_built_in_keeps_the_last_good_override(clean_env, tmp_path):
    path = user_theme(clean_env, "briefing-dark", "extends: briefing-dark\nprimary: '#123456'\n")
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "briefing-dark" and app.current_theme.primary == "#123456"
        path.write_text("extends: briefing-dark\nprimary: '#12345'\n")
        app.theming.reload()
        await pilot.pause()
        assert app.current_theme.primary == "#123456", "not the built-in the library falls back to"
        assert "briefing-dark" in app.theming.cycle_names()


async def test_a_half_written_file_followed_by_a_good_save_shows_no_error(clean_env, tmp_path):
    path = user_theme(clean_env, "night", "extends: briefing-dark\nprimary: '#336699'\n")
    app = themed_app(write_deck(tmp_path / "deck"), "night", clean_env)
    seen = recorded_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        path.write_text("")
        app.theming.reload()
        path.write_text("extends: briefing-dark\nprimary: '#654321'\n")
        app.theming.reload()
        await pilot.pause(0.5)
        assert app.current_theme.primary == "#654321"
        assert not [message for message, severity in seen if severity == "error"]


async def test_a_new_theme_file_joins_the_cycle(clean_env, tmp_path):
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env)
    async with app.run_test(size=(80, 24)):
        user_theme(clean_env, "fresh", "extends: ops-room\n")
        app.theming.reload()
        assert app.theming.cycle_names()[-1] == "fresh"
        assert "fresh" in app.available_themes


async def test_a_decks_new_theme_on_reload_is_shown(clean_env, tmp_path):
    deck = write_deck(tmp_path / "deck")
    app = themed_app(deck, None, clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "briefing-dark"
        deck.write_text(DECK_TEXT + "theme: high-contrast\n")
        app.apply_load_result(load_deck(deck))
        await pilot.pause()
        assert app.theme == "high-contrast"


async def test_a_decks_new_theme_does_not_override_the_cli_theme(clean_env, tmp_path):
    deck = write_deck(tmp_path / "deck")
    app = themed_app(deck, "ops-room", clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        deck.write_text(DECK_TEXT + "theme: high-contrast\n")
        app.apply_load_result(load_deck(deck))
        await pilot.pause()
        assert app.theme == "ops-room"


# --------------------------------------------------------------------------- NO_COLOR


async def test_no_color_strips_every_colour_and_keeps_the_banner_reversed(clean_env, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_from_present(monkeypatch, [str(EXAMPLE_DECK), "--theme", "ops-room"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.ansi_color is True
        ansi = screen_ansi(app)
        assert "38;2;" not in ansi and "48;2;" not in ansi and "38;5;" not in ansi
        strip = app.screen.query_one("#banner-top", Banner).render_line(0)
        assert strip.cell_length == 80
        assert all(segment.style.reverse for segment in strip), "one solid band, padding included"


async def test_no_color_marks_the_cursor_by_reverse_in_every_theme(clean_env, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = themed_app(write_deck(tmp_path / "deck"), "briefing-dark", clean_env)
    async with app.run_test(size=(80, 24)):
        variables = app.get_css_variables()
        assert variables["block-cursor-text-style"] == "reverse bold underline"
        assert variables["block-cursor-blurred-text-style"] == "underline"


async def test_without_no_color_textual_keeps_each_themes_own_colour_mode(clean_env, tmp_path):
    app = themed_app(write_deck(tmp_path / "deck"), "briefing-dark", clean_env)
    async with app.run_test(size=(80, 24)):
        assert app.ansi_color is None
        assert "38;2;" in screen_ansi(app)


async def test_a_theme_picked_in_textuals_own_theme_picker_joins_the_cycle(clean_env, tmp_path):
    app = themed_app(write_deck(tmp_path / "deck"), None, clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "dracula"  # what Textual's "Theme" command does
        await pilot.pause()
        assert app.theming.cycle_names()[-1] == "dracula"


async def test_a_deleted_theme_file_leaves_the_cycle_but_not_the_screen(clean_env, tmp_path):
    path = user_theme(clean_env, "night", "extends: briefing-dark\nprimary: '#336699'\n")
    app = themed_app(write_deck(tmp_path / "deck"), "night", clean_env)
    async with app.run_test(size=(80, 24)) as pilot:
        path.unlink()
        app.theming.reload()
        await pilot.pause()
        assert app.theme == "night" and app.current_theme.primary == "#336699"
        assert "night" not in app.theming.cycle_names()
        await pilot.press("t")
        assert app.theme == "briefing-dark"


# --------------------------------------------------------------------------- briefing themes


def test_briefing_themes_lists_every_theme_and_marks_the_one_picked_here(clean_env, capsys):
    from briefing.cli import main

    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    assert "* briefing-dark" in out and "  mono " in out and "textual" in out


def test_briefing_themes_exits_1_and_reports_a_broken_file_at_line_and_column(clean_env, capsys):
    from briefing.cli import main

    bad = user_theme(clean_env, "bad", "primary: bleu\n")
    assert main(["themes"]) == 1
    assert f"{bad}:1:10: error: 'bleu' is not a colour" in capsys.readouterr().out
