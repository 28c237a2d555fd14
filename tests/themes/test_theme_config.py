"""The user's default theme and themes folder."""

from __future__ import annotations

from pathlib import Path

from theme_files import write

from briefing.themes.config import read_user_default
from briefing.themes.library import ThemeLibrary


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


def test_a_config_folder_we_may_not_look_into_is_a_diagnostic_not_a_crash(tmp_path, out_of_reach):
    out_of_reach(tmp_path / "briefing")
    default = read_user_default({"XDG_CONFIG_HOME": str(tmp_path)})
    assert default.name is None
    assert [Path(d.place.path).name for d in default.diagnostics] == ["config.yaml"]
