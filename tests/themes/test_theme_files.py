"""One theme file read and checked: keys, colours, variables, and every kind of bad file."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES
from theme_files import library_with, messages, write

from briefing.themes.colors import BRIEFING_VARIABLES
from briefing.themes.files import MAX_THEME_FILE_BYTES


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
    ("python tag", "primary: !!python/object:os.system red\n", "1:10: error: tags such as '!!python/object:os.system' are not allowed in a theme file"),
    ("local tag", "primary: !colour red\n", "1:10: error: tags such as '!colour' are not allowed in a theme file"),
    ("no primary", "dark: true\n", "1:1: error: a theme needs primary: (or extends: another theme)"),
    ("invalid yaml", "primary: [red\n", "2:1: error: invalid YAML"),
    ("tab indentation", "variables:\n\tstance-none: red\n", "2:1: error: tab character here"),
    ("a list", "- primary\n", "1:1: error: a theme file must be a mapping of keys"),
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
