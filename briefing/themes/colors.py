"""Colour maths for themes: contrast, briefing's variables made from a theme's colours,
and whether a value is a colour (or text style) Textual can use.

Uses Textual's ``Color`` and ``Theme`` but no widget.
"""

from __future__ import annotations

import re
from functools import lru_cache

from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

THEME_COLOR_KEYS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
BRIEFING_VARIABLES = (
    "stance-support",
    "stance-oppose",
    "stance-cautious",
    "stance-undecided",
    "stance-none",
    "status-confirmed",
    "status-disputed",
    "status-denied",
    "status-unverified",
    "banner-background",
    "banner-foreground",
    "timeline-lane",
    "timeline-exact",
    "timeline-approximate",
    "timeline-as-of",
    "search-highlight",
)

_DEFAULT_DARK_BACKGROUND = "#121212"
_DEFAULT_LIGHT_BACKGROUND = "#efefef"



def relative_luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        scaled = value / 255
        return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4

    red, green, blue = color.rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(foreground: Color | str, background: Color | str) -> float:
    """WCAG 2 contrast ratio (1 to 21); a translucent foreground is first laid on the background."""
    back = Color.parse(background)
    front = Color.parse(foreground)
    if front.a < 1:
        front = back + front
    lighter, darker = sorted((relative_luminance(front), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def derive_briefing_variables(theme: Theme) -> dict[str, str]:
    """Briefing's variables made from a theme's own colours, for themes that do not set them.

    Text colours follow Textual's own recipe for ``$text-success`` and friends (the theme
    colour tinted over the contrasting text colour), so they stay readable on the theme's
    background. ANSI themes keep the terminal's palette names.
    """
    primary = theme.primary
    secondary = theme.secondary or primary
    warning = theme.warning or primary
    error = theme.error or secondary
    success = theme.success or secondary
    accent = theme.accent or primary
    background = Color.parse(theme.background or (_DEFAULT_DARK_BACKGROUND if theme.dark else _DEFAULT_LIGHT_BACKGROUND))
    if theme.ansi or background.ansi is not None:
        return _ansi_variables(primary, secondary, warning, error, success, accent)
    foreground = Color.parse(theme.foreground) if theme.foreground else background.inverse
    contrast_text = background.get_contrast_text(1.0)

    def text(color: str) -> str:
        return contrast_text.tint(Color.parse(color).with_alpha(0.66)).hex

    def faded(amount: float) -> str:
        return foreground.blend(background, amount).hex

    banner = Color.parse(primary)
    return {
        "stance-support": text(success),
        "stance-oppose": text(error),
        "stance-cautious": text(warning),
        "stance-undecided": text(secondary),
        "stance-none": faded(0.45),
        "status-confirmed": text(success),
        "status-disputed": text(warning),
        "status-denied": text(error),
        "status-unverified": faded(0.45),
        "banner-background": banner.hex,
        "banner-foreground": banner.get_contrast_text(1.0).hex,
        "timeline-lane": faded(0.75),
        "timeline-exact": text(primary),
        "timeline-approximate": faded(0.35),
        "timeline-as-of": text(accent),
        "search-highlight": text(warning),
    }


def _ansi_variables(primary: str, secondary: str, warning: str, error: str, success: str, accent: str) -> dict[str, str]:
    muted = "ansi_bright_black"
    return {
        "stance-support": success,
        "stance-oppose": error,
        "stance-cautious": warning,
        "stance-undecided": secondary,
        "stance-none": muted,
        "status-confirmed": success,
        "status-disputed": warning,
        "status-denied": error,
        "status-unverified": muted,
        "banner-background": primary,
        "banner-foreground": "ansi_bright_white",
        "timeline-lane": muted,
        "timeline-exact": primary,
        "timeline-approximate": secondary,
        "timeline-as-of": accent,
        "search-highlight": warning,
    }


THEME_VARIABLE_DEFAULTS: dict[str, str] = derive_briefing_variables(BUILTIN_THEMES["textual-dark"])
"""Briefing's variables for a theme that sets none; the app returns this from
``get_theme_variable_defaults()``. Every theme in a :class:`ThemeLibrary` already carries
all of them, so these matter only for themes registered some other way."""


def color_problem(text: str) -> str | None:
    """Why ``text`` is not a colour Textual can parse, or None when it is one."""
    try:
        Color.parse(text)
    except ColorParseError as error:
        hint = f" (did you mean '{error.suggested_color}'?)" if error.suggested_color else ""
        return f"'{text}' is not a colour{hint}; write #RRGGBB, rgb(r,g,b), hsl(h,s%,l%), a colour name or ansi_NAME"
    except Exception:  # Color.parse raises ValueError and friends on some malformed numbers
        return f"'{text}' is not a colour; write #RRGGBB, rgb(r,g,b), hsl(h,s%,l%), a colour name or ansi_NAME"
    return None


@lru_cache(maxsize=1)
def textual_variable_names() -> frozenset[str]:
    """Every variable Textual's colour system defines or its own themes override."""
    from textual.design import ColorSystem

    names = set(ColorSystem(primary="#000000").generate())
    names |= set(ColorSystem(primary="ansi_red", ansi=True).generate())
    for theme in BUILTIN_THEMES.values():
        names |= set(theme.variables)
    return frozenset(names - set(BRIEFING_VARIABLES))


def _is_style_variable(name: str) -> bool:
    return name.endswith("-style") or name.endswith("-style-hover")


def textual_value_problem(name: str, value: str) -> str | None:
    """Why ``value`` would break Textual's stylesheet for variable ``name``, or None."""
    if _is_style_variable(name):
        from textual.css.constants import VALID_STYLE_FLAGS

        words = value.split()
        wrong = [word for word in words if word not in VALID_STYLE_FLAGS]
        if not words or wrong:
            return f"'{value}' is not a text style; use words from: {', '.join(sorted(VALID_STYLE_FLAGS))}"
        return None
    color, _, alpha = value.strip().partition(" ")
    if alpha and not re.fullmatch(r"\s*\d{1,3}(\.\d+)?%", alpha):
        return f"'{value}' is not a colour with an opacity; write e.g. '#336699 40%'"
    if color in ("auto", "initial") or (color == "transparent" and not alpha):
        return None
    return color_problem(color)
