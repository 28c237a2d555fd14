"""Theme files -> Textual themes.

A theme file is a small YAML mapping: Textual's theme colours, briefing's own variables
(stance and status colours, the classification banner, timeline marks, search matches) and
``extends: NAME`` to change only a few values of another theme. Themes come from four
places, later ones replacing earlier ones of the same name: Textual's own themes, the
built-ins in the ``themes/`` folder (``share/briefing/themes`` for a wheel), the user's folder
(``$XDG_CONFIG_HOME/briefing/themes``) and files named by the deck or ``--theme``.

Nothing here raises on a bad theme file or prints: every problem becomes a
:class:`~briefing.deck.model.Diagnostic` at file:line:col and the broken theme is left out,
so the app keeps running on the theme it has. The package uses Textual's ``Theme`` and
``Color`` but no widget: ``briefing themes`` lists themes without starting an app.

- ``colors``: contrast, briefing's variables made from a theme's colours, colour checks;
- ``files``: one theme file read and checked;
- ``resolve``: ``extends`` followed, the Textual themes built;
- ``library``: every theme by name, from the folders and named files;
- ``config``: the user's folder and default theme;
- ``choice``: which theme to start with, and what the terminal can show;
- ``request``: a run's theme sources, read again on reload, and the files to follow;
- ``cycle``: the order `t` steps through;
- ``listing``: the text of ``briefing themes``.
"""

from .choice import (
    ColorDepth,
    ThemeChoice,
    ThemeChoiceError,
    ThemeSelection,
    app_ansi_color,
    choose_theme,
    detect_color_depth,
    named_theme_files,
    select_theme,
    startup_ansi_color,
)
from .colors import BRIEFING_VARIABLES, THEME_VARIABLE_DEFAULTS, contrast_ratio, relative_luminance
from .config import UserDefault, read_user_default, user_config_dir, user_theme_dir
from .cycle import BUILT_IN_CYCLE, cycle_order, describe, next_in_cycle
from .files import MAX_THEME_FILE_BYTES, THEME_FILE_SUFFIXES, Origin, ThemeFile, read_theme_file
from .library import BUILTIN_THEME_DIR, ThemeLibrary
from .listing import first_problem_text, format_theme_listing
from .request import ChosenThemes, ThemeRequest, choose_themes
from .resolve import ALIASES, ThemeEntry

__all__ = [
    "ALIASES",
    "BRIEFING_VARIABLES",
    "BUILTIN_THEME_DIR",
    "BUILT_IN_CYCLE",
    "MAX_THEME_FILE_BYTES",
    "THEME_FILE_SUFFIXES",
    "THEME_VARIABLE_DEFAULTS",
    "ChosenThemes",
    "ColorDepth",
    "Origin",
    "ThemeChoice",
    "ThemeChoiceError",
    "ThemeEntry",
    "ThemeFile",
    "ThemeLibrary",
    "ThemeRequest",
    "ThemeSelection",
    "UserDefault",
    "app_ansi_color",
    "choose_theme",
    "choose_themes",
    "contrast_ratio",
    "cycle_order",
    "describe",
    "detect_color_depth",
    "first_problem_text",
    "format_theme_listing",
    "named_theme_files",
    "next_in_cycle",
    "read_theme_file",
    "read_user_default",
    "relative_luminance",
    "select_theme",
    "startup_ansi_color",
    "user_config_dir",
    "user_theme_dir",
]
