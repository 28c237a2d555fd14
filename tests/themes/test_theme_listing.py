"""`briefing themes`: the listing."""

from __future__ import annotations

from theme_files import library_with, write

from briefing.themes.library import BUILTIN_THEME_DIR
from briefing.themes.listing import format_theme_listing


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
