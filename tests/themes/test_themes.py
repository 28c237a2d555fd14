"""Theme files: parsing, extends, bad files, where themes come from and which one is chosen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from briefing.themes import (
    BRIEFING_VARIABLES,
    BUILTIN_THEME_DIR,
    MAX_THEME_FILE_BYTES,
    THEME_VARIABLE_DEFAULTS,
    ThemeChoiceError,
    ThemeLibrary,
    app_ansi_color,
    choose_theme,
    detect_color_depth,
    format_theme_listing,
    read_theme_file,
    read_user_default,
    select_theme,
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def library_with(user_dir: Path, builtin_dir: Path | None = None) -> ThemeLibrary:
    return ThemeLibrary.discover(user_dir=user_dir, builtin_dir=builtin_dir)


def messages(library_or_file) -> list[str]:
    """Diagnostics as 'line:col: severity: message', without the folder part of the path."""
    return [f"{Path(d.place.path).name}:{d.place.line}:{d.place.column}: {d.severity.value}: {d.message}" for d in library_or_file.diagnostics]


# --------------------------------------------------------------------------- parsing


def test_theme_file_gives_textual_theme_with_its_colours_and_variables(tmp_path, yaml_loader):
    write(tmp_path, "night.yaml", 'name: night\ndark: true\nprimary: "#336699"\nbackground: "#101010"\nvariables:\n  stance-support: "#00ff00"\n')
    entry = library_with(tmp_path).get("night")
    assert entry.origin == "user"
    assert entry.path == tmp_path / "night.yaml"
    assert entry.dark is True
    assert entry.theme.primary == "#336699"
    assert entry.theme.background == "#101010"
    assert entry.theme.variables["stance-support"] == "#00ff00"


def test_theme_name_defaults_to_the_file_stem(tmp_path):
    write(tmp_path, "dusk.yaml", "primary: navy\n")
    assert library_with(tmp_path).get("dusk").theme.name == "dusk"


def test_theme_without_variables_gets_every_briefing_variable_derived_from_its_colours(tmp_path):
    write(tmp_path, "plain.yaml", 'primary: "#336699"\nsuccess: "#00aa00"\nerror: "#cc0000"\n')
    variables = library_with(tmp_path).get("plain").theme.variables
    assert set(BRIEFING_VARIABLES) <= set(variables)
    for name in BRIEFING_VARIABLES:
        Color.parse(variables[name])
    assert variables["stance-support"] != variables["stance-oppose"]


def test_dark_is_inferred_from_a_light_background_when_not_given(tmp_path):
    write(tmp_path, "paper.yaml", 'primary: "#336699"\nbackground: "#fafafa"\n')
    assert library_with(tmp_path).get("paper").dark is False


def test_textual_variables_are_accepted_in_variables(tmp_path):
    write(tmp_path, "t.yaml", 'primary: red\nvariables:\n  block-cursor-text-style: "reverse bold"\n  input-selection-background: "#336699 35%"\n  text: "auto 90%"\n')
    library = library_with(tmp_path)
    assert library.diagnostics == ()
    assert library.get("t").theme.variables["block-cursor-text-style"] == "reverse bold"


def test_every_variable_value_in_textuals_own_themes_is_accepted(tmp_path):
    lines = ["primary: red", "variables:"]
    seen = set()
    for theme in BUILTIN_THEMES.values():
        for name, value in theme.variables.items():
            if name not in seen:
                seen.add(name)
                lines.append(f'  {name}: "{value}"')
    write(tmp_path, "copy.yaml", "\n".join(lines) + "\n")
    assert messages(library_with(tmp_path)) == []


def test_tab_after_a_key_is_an_error_with_either_yaml_parser(tmp_path, yaml_loader):
    write(tmp_path, "tab.yaml", "primary:\tred\n")
    found = messages(library_with(tmp_path))
    assert [line.split(": error: ")[0] for line in found] == ["tab.yaml:1:9"]
    assert "tab character" in found[0]


def test_bom_and_crlf_line_endings_load(tmp_path, yaml_loader):
    write(tmp_path, "win.yaml", b'\xef\xbb\xbfname: win\r\nprimary: "#123456"\r\n')
    assert library_with(tmp_path).get("win").theme.primary == "#123456"


def test_yaml_11_words_such_as_no_are_not_read_as_false_in_names(tmp_path):
    write(tmp_path, "n.yaml", "name: no\nprimary: red\n")
    assert library_with(tmp_path).get("no") is not None


# --------------------------------------------------------------------------- extends


def test_extends_inherits_everything_and_changes_only_what_it_sets(tmp_path):
    write(tmp_path, "briefing-warm.yaml", 'extends: briefing-dark\naccent: "#ff8800"\nvariables:\n  stance-support: "#00ff00"\n')
    library = library_with(tmp_path)
    base, child = library.get("briefing-dark").theme, library.get("briefing-warm").theme
    assert child.accent == "#ff8800"
    assert child.background == base.background
    assert child.dark == base.dark
    assert child.variables["stance-support"] == "#00ff00"
    assert child.variables["stance-oppose"] == base.variables["stance-oppose"]


def test_extends_a_textual_theme_keeps_its_ansi_flag(tmp_path):
    write(tmp_path, "mine.yaml", "extends: ansi-dark\nsuccess: ansi_bright_green\n")
    theme = library_with(tmp_path).get("mine").theme
    assert theme.ansi is True
    assert theme.variables["stance-support"] == "ansi_bright_green"


def test_extends_an_alias(tmp_path):
    write(tmp_path, "mine.yaml", 'extends: light\naccent: "#aa5500"\n')
    assert library_with(tmp_path).get("mine").dark is False


def test_a_user_theme_replaces_the_built_in_of_the_same_name_and_may_extend_it(tmp_path):
    write(tmp_path, "briefing-dark.yaml", 'extends: briefing-dark\naccent: "#ff00ff"\n')
    library = library_with(tmp_path)
    entry = library.get("briefing-dark")
    assert entry.origin == "user"
    assert entry.theme.accent == "#ff00ff"
    assert entry.theme.primary == read_theme_file(BUILTIN_THEME_DIR / "briefing-dark.yaml").values["primary"]
    assert [replaced.origin for replaced in library.replaced] == ["built-in"]
    assert "(replaces the built-in theme)" in format_theme_listing(library)


def test_a_built_in_cannot_extend_a_users_theme(tmp_path):
    builtin, user = tmp_path / "builtin", tmp_path / "user"
    write(builtin, "base.yaml", "extends: users-own\n")
    write(user, "users-own.yaml", "primary: red\n")
    library = library_with(user, builtin_dir=builtin)
    assert library.get("base") is None
    assert messages(library) == ["base.yaml:1:10: error: unknown theme 'users-own' to extend (briefing themes lists the names)"]


def test_extends_cycle_is_reported_at_each_extends_and_neither_theme_loads(tmp_path):
    write(tmp_path, "a.yaml", "name: a\nextends: b\n")
    write(tmp_path, "b.yaml", "name: b\nextends: a\n")
    library = library_with(tmp_path)
    assert library.get("a") is None and library.get("b") is None
    assert messages(library) == [
        "a.yaml:2:10: error: extends makes a cycle: a -> b -> a",
        "b.yaml:2:10: error: extends makes a cycle: b -> a -> b",
    ]


def test_extending_its_own_name_needs_a_lower_theme_of_that_name(tmp_path):
    write(tmp_path, "selfish.yaml", "extends: selfish\n")
    assert messages(library_with(tmp_path)) == ["selfish.yaml:1:10: error: theme 'selfish' cannot extend itself: there is no built-in or Textual theme of that name"]


def test_theme_extending_a_cycle_says_which_theme_has_errors(tmp_path):
    write(tmp_path, "a.yaml", "extends: b\n")
    write(tmp_path, "b.yaml", "extends: a\n")
    write(tmp_path, "c.yaml", "extends: a\n")
    found = messages(library_with(tmp_path))
    assert any(line.startswith("c.yaml:1:10: error: cannot extend 'a': that theme has errors") for line in found)


def test_unknown_extends_suggests_a_close_name(tmp_path):
    write(tmp_path, "x.yaml", "extends: briefing-drak\n")
    assert messages(library_with(tmp_path)) == ["x.yaml:1:10: error: unknown theme 'briefing-drak' to extend (did you mean 'briefing-dark'?)"]


def test_extending_a_dark_theme_with_a_light_background_warns_but_loads(tmp_path):
    write(tmp_path, "x.yaml", 'extends: briefing-dark\nbackground: "#ffffff"\n')
    library = library_with(tmp_path)
    assert library.get("x") is not None
    assert messages(library) == ["x.yaml:2:13: warning: background '#ffffff' is light but the theme is dark: add dark: false"]


# --------------------------------------------------------------------------- bad files


BAD_FILES = [
    ("unknown key", 'primay: "#fff"\n', "1:1: error: unknown key 'primay' (did you mean 'primary'?)"),
    ("bad colour", "primary: bleu\n", "1:10: error: 'bleu' is not a colour (did you mean 'blue'?)"),
    ("unquoted hash colour", "primary: #336699\n", '1:9: error: primary is empty; a colour starting with # must be quoted: primary: "#336699"'),
    ("bad variable colour", 'primary: red\nvariables:\n  stance-none: "#12345"\n', "3:16: error: '#12345' is not a colour"),
    ("unknown variable", 'primary: red\nvariables:\n  stance-suport: red\n', "3:3: error: unknown variable 'stance-suport' (did you mean 'stance-support'?)"),
    ("bad text style", "primary: red\nvariables:\n  block-cursor-text-style: blod\n", "3:28: error: 'blod' is not a text style"),
    ("bad opacity", 'primary: red\nvariables:\n  input-selection-background: "#fff 40"\n', "3:31: error: '#fff 40' is not a colour with an opacity"),
    ("yaml 1.1 boolean", "primary: red\ndark: yes\n", "2:7: error: dark must be true or false, not 'yes'"),
    ("quoted boolean", 'primary: red\ndark: "true"\n', "2:7: error: dark must be true or false, not 'true'"),
    ("duplicate key", "primary: red\nprimary: blue\n", "2:1: error: duplicate key 'primary' (first at line 1)"),
    ("bad name", "name: My Theme\nprimary: red\n", "1:7: error: theme name 'My Theme' must be lowercase letters"),
    ("list for a colour", "primary: [red]\n", "1:10: error: primary must be a colour, not a list"),
    ("variables not a mapping", "primary: red\nvariables: red\n", "2:12: error: variables must be a mapping"),
    ("python tag", "primary: !!python/object:os.system red\n", "1:10: error: YAML tag '!!python/object:os.system' is not allowed"),
    ("local tag", "primary: !colour red\n", "1:10: error: YAML tag '!colour' is not allowed"),
    ("no primary", "dark: true\n", "1:1: error: a theme needs primary: (or extends: another theme)"),
    ("invalid yaml", "primary: [red\n", "2:1: error: invalid YAML"),
    ("tab indentation", "variables:\n\tstance-none: red\n", "2:1: error: tab character here"),
    ("a list", "- primary\n", "1:1: error: a theme file is a mapping"),
    ("empty", "", "1:1: error: empty file"),
    ("only a comment", "# nothing yet\n", "1:1: error: empty file: it holds only comments"),
    ("two documents", "primary: red\n---\nprimary: blue\n", "2:1: error: invalid YAML"),
]


@pytest.fixture(params=["c", "python"])
def yaml_loader(request, monkeypatch):
    """Run a test with libyaml and again with PyYAML's pure-Python parser: they disagree on some input."""
    from briefing.deck import yamlsafe

    if request.param not in yamlsafe.LOADERS:
        pytest.skip("libyaml is not installed")
    monkeypatch.setattr(yamlsafe, "default_loader", request.param)
    return request.param


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in BAD_FILES], ids=[case[0] for case in BAD_FILES])
def test_bad_theme_file_gets_an_error_at_line_and_column_and_is_left_out(tmp_path, text, expected, yaml_loader):
    write(tmp_path, "bad.yaml", text)
    library = library_with(tmp_path)
    found = messages(library)
    assert any(line.startswith(f"bad.yaml:{expected}") for line in found), found
    assert library.get("bad") is None
    assert "bad" in library.broken
    assert library.get("briefing-dark") is not None


def test_file_that_is_not_utf8_is_an_error_at_the_bad_byte(tmp_path):
    write(tmp_path, "bad.yaml", b"name: bad\nprimary: r\xffd\n")
    assert messages(library_with(tmp_path)) == ["bad.yaml:2:11: error: not UTF-8: byte 0xff cannot be decoded here (save the file as UTF-8)"]


def test_control_character_is_removed_with_a_warning_and_the_theme_loads(tmp_path, yaml_loader):
    write(tmp_path, "bell.yaml", "primary: red\x07\n")
    library = library_with(tmp_path)
    assert library.get("bell").theme.primary == "red"
    assert [line.split(": warning: ")[0] for line in messages(library)] == ["bell.yaml:1:13"]


def test_file_too_large_is_an_error(tmp_path):
    write(tmp_path, "big.yaml", "primary: red\n" + "# padding\n" * (MAX_THEME_FILE_BYTES // 10))
    assert messages(library_with(tmp_path)) == [f"big.yaml:1:1: error: file too large: over {MAX_THEME_FILE_BYTES // 1024} KiB (the limit for a theme file)"]


def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path):
    write(tmp_path, "deep.yaml", "primary: " + "[" * 20000 + "\n")
    found = messages(library_with(tmp_path))
    assert len(found) == 1 and found[0].startswith("deep.yaml:1:") and "nesting deeper than" in found[0]


def test_alias_bomb_is_an_error_and_does_not_expand(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]" for level in range(1, 12)]
    lines.append("primary: *a11")
    write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    found = messages(library_with(tmp_path))
    assert "bomb.yaml:1:1: error: unknown key 'a0'" in found
    assert any(line.startswith("bomb.yaml:") and "primary must be a colour, not a list" in line for line in found)


def test_folder_named_like_a_theme_file_is_an_error(tmp_path):
    (tmp_path / "odd.yaml").mkdir()
    assert messages(library_with(tmp_path)) == ["odd.yaml:1:1: error: this is a folder, not a file"]


def test_two_user_files_with_the_same_name_keep_the_first(tmp_path):
    write(tmp_path, "a.yaml", "name: same\nprimary: red\n")
    write(tmp_path, "b.yaml", "name: same\nprimary: blue\n")
    library = library_with(tmp_path)
    assert library.get("same").theme.primary == "red"
    assert messages(library) == [f"b.yaml:1:7: error: theme 'same' is already defined at {tmp_path / 'a.yaml'}:1:7"]


def test_hidden_and_non_yaml_files_in_the_user_folder_are_ignored(tmp_path):
    write(tmp_path, ".#lock.yaml", "garbage: [")
    write(tmp_path, "notes.txt", "garbage: [")
    write(tmp_path, "theme.yaml.swp", "garbage: [")
    assert library_with(tmp_path).diagnostics == ()


def test_a_missing_user_folder_is_not_an_error(tmp_path):
    assert library_with(tmp_path / "nowhere").diagnostics == ()


def test_broken_user_override_leaves_the_built_in_in_place_and_reports_the_name(tmp_path):
    write(tmp_path, "briefing-dark.yaml", "extends: briefing-dark\naccent: nope\n")
    library = library_with(tmp_path)
    assert library.get("briefing-dark").origin == "built-in"
    assert library.broken["briefing-dark"] == (tmp_path / "briefing-dark.yaml",)
    assert [str(d).split(": error: ")[0] for d in library.problems_with("briefing-dark")] == [f"{tmp_path / 'briefing-dark.yaml'}:2:9"]


# --------------------------------------------------------------------------- colour depth


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


# --------------------------------------------------------------------------- precedence


@pytest.fixture
def library(tmp_path) -> ThemeLibrary:
    return library_with(tmp_path / "no-user-themes")


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


def test_user_default_comes_from_briefing_theme_before_config_yaml(tmp_path):
    write(tmp_path, "briefing/config.yaml", "theme: ops-room\nother_setting: 3\n")
    environ = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert read_user_default(environ).name == "ops-room"
    assert str(read_user_default(environ).place) == f"{tmp_path / 'briefing' / 'config.yaml'}:1:8"
    assert read_user_default({**environ, "BRIEFING_THEME": "mono"}).name == "mono"


def test_broken_config_yaml_is_a_diagnostic_not_a_crash(tmp_path):
    write(tmp_path, "briefing/config.yaml", "theme: [\n")
    default = read_user_default({"XDG_CONFIG_HOME": str(tmp_path)})
    assert default.name is None
    assert [f"{Path(d.place.path).name}:{d.place.line}" for d in default.diagnostics] == ["config.yaml:2"]


def test_user_themes_come_from_xdg_config_home_or_home(tmp_path):
    write(tmp_path, "xdg/briefing/themes/from-xdg.yaml", "primary: red\n")
    write(tmp_path, "home/.config/briefing/themes/from-home.yaml", "primary: red\n")
    xdg = ThemeLibrary.discover(environ={"XDG_CONFIG_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home")})
    home = ThemeLibrary.discover(environ={"HOME": str(tmp_path / "home")})
    assert xdg.get("from-xdg") is not None and xdg.get("from-home") is None
    assert home.get("from-home") is not None


def test_select_theme_reads_environment_for_default_and_depth(tmp_path):
    write(tmp_path, "briefing/config.yaml", "theme: briefing-light\n")
    assert select_theme(environ={"XDG_CONFIG_HOME": str(tmp_path)}).choice.name == "briefing-light"
    assert select_theme(environ={"XDG_CONFIG_HOME": str(tmp_path / "none"), "NO_COLOR": "1"}).choice.name == "mono"


# --------------------------------------------------------------------------- listing


def test_listing_shows_name_origin_mode_and_file_and_reports_broken_files(tmp_path):
    write(tmp_path, "paper.yaml", 'primary: "#336699"\ndark: false\n')
    write(tmp_path, "broken.yaml", "primary: red\ncolour: blue\n")
    text = format_theme_listing(library_with(tmp_path), current="briefing-dark", home=tmp_path)
    lines = text.splitlines()
    assert lines[0].split() == ["name", "from", "mode", "file"]
    assert any(line.split() == ["*", "briefing-dark", "built-in", "dark", str(BUILTIN_THEME_DIR / "briefing-dark.yaml")] for line in lines)
    assert any(line.split() == ["paper", "user", "light", "~/paper.yaml"] for line in lines)
    assert any(line.split() == ["textual-light", "textual", "light"] for line in lines)
    assert any(line.startswith(f"  {tmp_path / 'broken.yaml'}:2:1: error: unknown key 'colour'") for line in lines)


def test_listing_puts_briefings_themes_before_textuals(library):
    names = [line.split()[0] for line in format_theme_listing(library).splitlines()[1:] if line.strip() and not line.startswith(("aliases", "*"))]
    assert names.index("ops-room") < names.index("textual-dark")


# --------------------------------------------------------------------------- defaults


def test_theme_variable_defaults_name_exactly_briefings_variables_and_are_colours():
    assert set(THEME_VARIABLE_DEFAULTS) == set(BRIEFING_VARIABLES)
    for value in THEME_VARIABLE_DEFAULTS.values():
        Color.parse(value)


def test_textual_themes_gain_briefing_variables_and_keep_their_own(library):
    nord = library.get("nord").theme
    assert set(BRIEFING_VARIABLES) <= set(nord.variables)
    assert nord.variables["block-cursor-background"] == BUILTIN_THEMES["nord"].variables["block-cursor-background"]
    assert "stance-support" not in BUILTIN_THEMES["nord"].variables, "Textual's own theme object must not be changed"


def test_reading_themes_never_touches_the_environment_it_is_not_given(tmp_path):
    before = dict(os.environ)
    select_theme(environ={"XDG_CONFIG_HOME": str(tmp_path)})
    assert dict(os.environ) == before
