"""`extends`: inheriting, replacing a built-in, cycles, unknown names, dark or light."""

from __future__ import annotations

from theme_files import library_with, messages, write

from briefing.themes.files import read_theme_file
from briefing.themes.library import BUILTIN_THEME_DIR
from briefing.themes.listing import format_theme_listing


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
