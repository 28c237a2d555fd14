"""Which theme a run starts with, and what the terminal can show."""

from __future__ import annotations

import pytest
from theme_files import write

from briefing.themes.choice import ThemeChoiceError, app_ansi_color, choose_theme, detect_color_depth, select_theme


@pytest.mark.parametrize(
    ("environ", "depth"),
    [
        ({"NO_COLOR": "1", "COLORTERM": "truecolor", "TERM": "xterm-256color"}, "mono"),
        ({"NO_COLOR": "", "TERM": "xterm-256color"}, "mono"),
        ({"TERM": "dumb"}, "mono"),
        ({"TERM": "xterm"}, "ansi"),
        ({"TERM": "linux"}, "ansi"),
        ({"TERM": "xterm-16color"}, "ansi"),
        ({"TERM": "screen"}, "ansi"),
        ({}, "ansi"),
        ({"TERM": "xterm-256color"}, "256"),
        ({"TERM": "tmux-256color"}, "256"),
        ({"TERM": "xterm-kitty"}, "256"),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, "truecolor"),
        ({"TERM": "xterm", "COLORTERM": "24bit"}, "truecolor"),
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor", "TEXTUAL_COLOR_SYSTEM": "standard"}, "ansi"),
        ({"TERM": "xterm", "TEXTUAL_COLOR_SYSTEM": "256"}, "256"),
        ({"TERM": "xterm", "TEXTUAL_COLOR_SYSTEM": "truecolor"}, "truecolor"),
        ({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "auto"}, "256"),
    ],
)
def test_detect_color_depth(environ, depth):
    assert detect_color_depth(environ) == depth


def test_only_a_no_color_terminal_forces_textuals_native_ansi_mode():
    assert [app_ansi_color(depth) for depth in ("mono", "ansi", "256", "truecolor")] == [True, None, None, None]


def test_cli_theme_beats_deck_and_user_default(library):
    choice = choose_theme(library, cli="ops-room", deck_theme="briefing-light", user_default="mono", color_depth="truecolor")
    assert (choice.name, choice.reason) == ("ops-room", "--theme")


def test_deck_theme_beats_user_default_and_colour_depth(library):
    choice = choose_theme(library, deck_theme="briefing-light", user_default="mono", color_depth="ansi")
    assert (choice.name, choice.reason) == ("briefing-light", "deck")


def test_user_default_beats_colour_depth(library):
    choice = choose_theme(library, user_default="high-contrast", color_depth="mono")
    assert (choice.name, choice.reason) == ("high-contrast", "user default")


@pytest.mark.parametrize(("depth", "name"), [("mono", "mono"), ("ansi", "ansi"), ("256", "briefing-dark"), ("truecolor", "briefing-dark")])
def test_colour_depth_picks_the_theme_when_nothing_else_does(library, depth, name):
    assert choose_theme(library, color_depth=depth).name == name


def test_alias_dark_from_the_deck_means_briefing_dark(library):
    assert choose_theme(library, deck_theme="dark", color_depth="ansi").name == "briefing-dark"


def test_textual_themes_stay_selectable(library):
    assert choose_theme(library, cli="nord", color_depth="truecolor").name == "nord"


def test_unknown_cli_theme_is_an_error_listing_the_names(library):
    with pytest.raises(ThemeChoiceError) as raised:
        choose_theme(library, cli="ops-rom", color_depth="truecolor")
    message = str(raised.value)
    assert message.startswith("unknown theme 'ops-rom' (did you mean 'ops-room'?); available: ")
    for name in ("ansi", "briefing-dark", "briefing-light", "high-contrast", "mono", "ops-room", "textual-dark"):
        assert name in message


def test_unknown_deck_theme_warns_at_the_deck_and_falls_through(library):
    from briefing.deck.model import Place

    choice = choose_theme(library, deck_theme="nope", deck_place=Place("deck.yaml", 9, 8), user_default="mono", color_depth="truecolor")
    assert choice.name == "mono"
    assert [str(d) for d in choice.diagnostics] == ["deck.yaml:9:8: warning: the deck's theme 'nope' is unknown; using another theme"]


def test_unknown_user_default_warns_where_it_was_set_and_falls_through_to_colour_depth(tmp_path):
    choice = select_theme(environ={"BRIEFING_THEME": "nope", "TERM": "xterm", "XDG_CONFIG_HOME": str(tmp_path)}).choice
    assert choice.name == "ansi"
    assert [str(d) for d in choice.diagnostics] == ["$BRIEFING_THEME:1:1: warning: your default theme 'nope' is unknown; using another theme"]


def test_deck_theme_file_relative_to_the_deck_folder(tmp_path):
    deck_dir = tmp_path / "deck"
    write(deck_dir, "look/navy.yaml", 'name: navy\nextends: briefing-dark\nbackground: "#000033"\n')
    selection = select_theme(deck_theme="look/navy.yaml", deck_dir=deck_dir, environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert (selection.choice.name, selection.choice.reason) == ("navy", "deck")
    assert selection.library.get("navy").origin == "deck"


def test_deck_theme_file_outside_the_deck_folder_is_refused(tmp_path):
    write(tmp_path, "elsewhere.yaml", "name: elsewhere\nprimary: red\n")
    selection = select_theme(deck_theme="../elsewhere.yaml", deck_dir=tmp_path / "deck", environ={"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert selection.choice.name == "briefing-dark"
    assert [d.message for d in selection.choice.diagnostics] == ["theme file ../elsewhere.yaml is outside the deck's folder"]


def test_broken_deck_theme_file_warns_with_its_first_error_and_falls_through(tmp_path):
    write(tmp_path, "look.yaml", "primary: bleu\n")
    selection = select_theme(deck_theme="look.yaml", deck_dir=tmp_path, environ={"TERM": "xterm", "XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert selection.choice.name == "ansi"
    assert "look.yaml:1:10: error: 'bleu' is not a colour" in selection.choice.diagnostics[0].message


def test_cli_theme_file_with_errors_raises_with_its_diagnostics(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mine.yaml", "primary: red\nbogus: 1\n")
    with pytest.raises(ThemeChoiceError) as raised:
        select_theme(cli="mine.yaml", environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert [f"{d.place.line}:{d.place.column}" for d in raised.value.diagnostics] == ["2:1"]
    assert raised.value.diagnostics[0].message.startswith("unknown key 'bogus'")


def test_cli_theme_file_is_loaded_and_chosen(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mine.yaml", "name: mine\nextends: ops-room\n")
    selection = select_theme(cli="./mine.yaml", environ={"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert selection.choice.name == "mine"
    assert selection.library.get("mine").origin == "file"


def test_select_theme_reads_environment_for_default_and_depth(tmp_path):
    write(tmp_path, "briefing/config.yaml", "theme: briefing-light\n")
    assert select_theme(environ={"XDG_CONFIG_HOME": str(tmp_path)}).choice.name == "briefing-light"
    assert select_theme(environ={"XDG_CONFIG_HOME": str(tmp_path / "none"), "NO_COLOR": "1"}).choice.name == "mono"
