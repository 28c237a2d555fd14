"""The built-in themes: they load, register into Textual, and keep their promises.

Colours are checked as Textual will draw them: the theme's full colour system
(``Theme.to_color_system().generate()``, which fills in what the theme leaves out) with the
theme's variables on top, the way ``App.get_css_variables`` builds it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Static

from briefing.themes import (
    BRIEFING_VARIABLES,
    BUILTIN_THEME_DIR,
    THEME_VARIABLE_DEFAULTS,
    ThemeLibrary,
    contrast_ratio,
    read_theme_file,
)

BUILT_INS = ("briefing-dark", "briefing-light", "high-contrast", "ansi", "mono", "ops-room")
COLOUR_THEMES = ("briefing-dark", "briefing-light", "high-contrast", "ops-room")

TEXT_VARIABLES = tuple(name for name in BRIEFING_VARIABLES if not name.startswith("banner") and name != "timeline-lane")
"""Briefing's variables drawn as text on the background. The lane is a faint rule, not text."""


@pytest.fixture(scope="module")
def library() -> ThemeLibrary:
    return ThemeLibrary.discover(user_dir=Path("/nonexistent/briefing-test-themes"))


def css_variables(library: ThemeLibrary, name: str) -> dict[str, str]:
    theme = library.get(name).theme
    return {**theme.to_color_system().generate(), **theme.variables}


def drawn(value: str, under: Color) -> Color:
    """The opaque colour a CSS colour value shows on top of ``under`` ('auto 87%', '#fff 40%')."""
    text, _, opacity = value.partition(" ")
    color = under.get_contrast_text(1.0) if text == "auto" else Color.parse(text)
    if opacity:
        color = color.with_alpha(float(opacity.rstrip("%")) / 100)
    return under + color if color.a < 1 else color


def text_pairs(variables: dict[str, str]) -> list[tuple[str, float]]:
    """Every (label, contrast) pair of text the UI draws on a background."""
    background = Color.parse(variables["background"])

    def ratio(front: str, back: str) -> float:
        under = drawn(variables[back], background)
        return contrast_ratio(drawn(variables[front], under), under)

    pairs = [(f"{front} on {back}", ratio(front, back)) for front in ("foreground", "text") for back in ("background", "surface", "panel")]
    pairs += [(f"{name} on {back}", ratio(name, back)) for name in TEXT_VARIABLES for back in ("background", "surface")]
    pairs.append(("banner", ratio("banner-foreground", "banner-background")))
    pairs.append(("footer key", ratio("footer-key-foreground", "footer-background")))
    pairs.append(("footer text", ratio("footer-foreground", "footer-background")))
    pairs.append(("block cursor", ratio("block-cursor-foreground", "block-cursor-background")))
    return pairs


def test_built_in_folder_is_the_repositorys_themes_folder_beside_the_package():
    import briefing

    assert BUILTIN_THEME_DIR == Path(briefing.__file__).resolve().parent.parent / "themes"
    assert {path.stem for path in BUILTIN_THEME_DIR.glob("*.yaml")} == set(BUILT_INS)


def test_every_built_in_loads_without_a_diagnostic(library):
    assert library.diagnostics == ()
    for name in BUILT_INS:
        assert library.get(name).origin == "built-in"


@pytest.mark.parametrize("name", BUILT_INS)
def test_every_built_in_sets_every_briefing_variable_itself(name):
    assert set(BRIEFING_VARIABLES) <= set(read_theme_file(BUILTIN_THEME_DIR / f"{name}.yaml").variables)


@pytest.mark.parametrize("name", ("briefing-dark", "high-contrast", "ops-room", "ansi", "mono"))
def test_dark_built_ins_are_dark(library, name):
    assert library.get(name).dark is True


def test_light_built_in_is_light(library):
    assert library.get("briefing-light").dark is False


def test_high_contrast_text_is_at_least_7_to_1_everywhere(library):
    low = [(label, round(ratio, 2)) for label, ratio in text_pairs(css_variables(library, "high-contrast")) if ratio < 7]
    assert low == []


@pytest.mark.parametrize("name", ("briefing-dark", "briefing-light", "ops-room"))
def test_colour_themes_text_is_at_least_4_5_to_1(library, name):
    low = [(label, round(ratio, 2)) for label, ratio in text_pairs(css_variables(library, name)) if ratio < 4.5]
    assert low == []


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#336699", "#336699") == pytest.approx(1)


@pytest.mark.parametrize("name", COLOUR_THEMES)
def test_stances_and_statuses_have_distinct_colours(library, name):
    variables = library.get(name).theme.variables
    for group in ("stance-support stance-oppose stance-cautious stance-undecided stance-none", "status-confirmed status-disputed status-denied status-unverified"):
        colours = [Color.parse(variables[key]).hex for key in group.split()]
        assert len(set(colours)) == len(colours), group


def colour_values(variables: dict[str, str]) -> dict[str, Color]:
    """Every value that is a colour (style words, 'auto', 'initial' and 'transparent' aside)."""
    colours = {}
    for name, value in variables.items():
        text = value.split()[0] if value.split() else value
        if name.endswith("-style") or name.endswith("-style-hover") or text in ("auto", "initial", "transparent"):
            continue
        colours[name] = Color.parse(text)
    return colours


def test_mono_uses_no_hue_and_lets_no_color_strip_it(library):
    variables = css_variables(library, "mono")
    hued = {name: color.hex for name, color in colour_values(variables).items() if color.hsl.s > 0}
    assert hued == {}
    assert library.get("mono").theme.ansi is True


def test_mono_marks_the_cursor_by_reverse_not_colour(library):
    assert "reverse" in library.get("mono").theme.variables["block-cursor-text-style"]


@pytest.mark.parametrize("name", ("ansi", "mono"))
def test_ansi_built_ins_use_only_the_terminals_own_colours(library, name):
    variables = css_variables(library, name)
    rgb = {key: value for key, value in variables.items() if key in colour_values(variables) and colour_values(variables)[key].ansi is None}
    assert rgb == {}
    assert library.get(name).theme.ansi is True


class ThemeProbe(App):
    """Uses every briefing variable in its stylesheet, as the real screens will."""

    CSS = "\n".join(f"#{name} {{ color: ${name}; background: $banner-background; }}" for name in BRIEFING_VARIABLES)

    def __init__(self, library: ThemeLibrary) -> None:
        super().__init__()
        self.library = library

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return THEME_VARIABLE_DEFAULTS

    def compose(self) -> ComposeResult:
        for name in BRIEFING_VARIABLES:
            yield Static(name, id=name)

    def on_mount(self) -> None:
        for theme in self.library.themes():
            self.register_theme(theme)


async def test_every_theme_registers_into_a_textual_app_and_switches_on_without_error(tmp_path):
    (tmp_path / "bare-ansi.yaml").write_text("ansi: true\nprimary: ansi_red\n")
    library = ThemeLibrary.discover(user_dir=tmp_path)
    assert library.get("bare-ansi") is not None
    app = ThemeProbe(library)
    async with app.run_test(size=(40, 20)) as pilot:
        for name in library.names():
            app.theme = name
            await pilot.pause()
            assert app.theme_variables["stance-support"] == library.get(name).theme.variables["stance-support"]
            support = app.query_one("#stance-support").styles.color
            assert support == Color.parse(library.get(name).theme.variables["stance-support"]), name
