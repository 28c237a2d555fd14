"""The library: the folders read, same names, broken overrides, briefing's variables for all."""

from __future__ import annotations

import os

from textual.color import Color
from textual.theme import BUILTIN_THEMES
from theme_files import library_with, messages, write

from briefing.deck.reading import content_digest
from briefing.themes.choice import select_theme
from briefing.themes.files import MAX_THEME_FILE_BYTES
from briefing.themes.colors import BRIEFING_VARIABLES, THEME_VARIABLE_DEFAULTS


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


def test_the_library_says_what_it_read_of_each_file_even_a_broken_one(tmp_path):
    """Live reload follows a theme file from the bytes the library read, not from a later look."""
    good = write(tmp_path, "good.yaml", "primary: red\n")
    broken = write(tmp_path, "broken.yaml", "primary: [\n")
    too_big = write(tmp_path, "big.yaml", "#" * (MAX_THEME_FILE_BYTES + 1))
    library = library_with(tmp_path)
    assert library.digests[good] == content_digest(b"primary: red\n")
    assert library.digests[broken] == content_digest(b"primary: [\n")
    assert too_big not in library.digests


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
