"""Which theme to start with: ``--theme``, the deck's ``theme:``, the user's default, the terminal."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from textual.theme import Theme

from briefing.deck.model import NOWHERE, Diagnostic, Place
from briefing.deck.suggest import closest, did_you_mean

from .config import read_user_default
from .files import THEME_FILE_SUFFIXES, Origin, error_at, warning_at
from .library import ThemeLibrary, same_file_key
from .resolve import ThemeEntry

ColorDepth = Literal["mono", "ansi", "256", "truecolor"]

THEME_BY_COLOR_DEPTH: dict[str, str] = {
    "mono": "mono",
    "ansi": "ansi",
    "256": "briefing-dark",
    "truecolor": "briefing-dark",
}
LAST_RESORT_BY_COLOR_DEPTH = {"mono": "ansi-dark", "ansi": "ansi-dark", "256": "textual-dark", "truecolor": "textual-dark"}


def detect_color_depth(environ: Mapping[str, str] | None = None) -> ColorDepth:
    """How many colours the terminal shows, read the way Textual and Rich read it.

    ``NO_COLOR`` (set at all: Textual then removes colour) -> mono; ``TEXTUAL_COLOR_SYSTEM``
    overrides detection; a dumb terminal -> mono; ``COLORTERM=truecolor|24bit`` ->
    truecolor; a ``TERM`` ending in ``256color`` or ``kitty`` -> 256; anything else -> ansi.
    """
    environ = os.environ if environ is None else environ
    if "NO_COLOR" in environ:
        return "mono"
    forced = environ.get("TEXTUAL_COLOR_SYSTEM", "").strip().lower()
    if forced in ("standard", "windows"):
        return "ansi"
    if forced in ("256", "truecolor"):
        return forced  # type: ignore[return-value]
    term = environ.get("TERM", "").strip().lower()
    if term in ("dumb", "unknown"):
        return "mono"
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor"
    colors = term.rpartition("-")[2]
    return "256" if colors in ("256color", "kitty") else "ansi"


def app_ansi_color(color_depth: ColorDepth) -> bool | None:
    """What to pass as ``App(ansi_color=...)`` for this terminal.

    Textual picks its NO_COLOR filter once, in ``App.__init__``, from the theme current at
    that moment (never briefing's): without ``ansi_color=True`` it greys colours but still
    writes 24-bit colour codes. ``True`` makes it strip colour and keep bold, underline and
    reverse. ``None`` lets each theme's ``ansi`` flag decide.
    """
    return True if color_depth == "mono" else None


def is_theme_file_reference(reference: str) -> bool:
    """True when a --theme or deck ``theme:`` value names a file rather than a theme."""
    return "/" in reference or "\\" in reference or reference.endswith(THEME_FILE_SUFFIXES) or reference.startswith("~")


def theme_file_path(reference: str, base_dir: Path | None) -> Path:
    """The file a reference names, relative to ``base_dir`` (the deck's folder or the cwd)."""
    path = Path(os.path.expanduser(reference))
    return path if path.is_absolute() or base_dir is None else Path(base_dir) / path


class ThemeChoiceError(ValueError):
    """``--theme`` names no usable theme: a usage error, shown with the available names."""

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


@dataclass(frozen=True, slots=True)
class ThemeChoice:
    """The theme to start with, why it was chosen, and what was skipped on the way."""

    name: str
    reason: str
    diagnostics: tuple[Diagnostic, ...] = ()


def choose_theme(
    library: ThemeLibrary,
    *,
    cli: str | None = None,
    deck_theme: str | None = None,
    deck_dir: Path | None = None,
    deck_place: Place | None = None,
    user_default: str | None = None,
    user_default_place: Place | None = None,
    color_depth: ColorDepth = "truecolor",
) -> ThemeChoice:
    """``--theme``, then the deck's ``theme:``, then the user's default, then the colour depth.

    A bad ``--theme`` raises :class:`ThemeChoiceError` (the user asked for it by name); a
    deck's or the user's unusable theme is a warning and the next rule decides.
    """
    if cli:
        entry = _entry_for_reference(library, cli, Path.cwd())
        if entry is None:
            raise _cli_error(library, cli)
        return ThemeChoice(entry.name, "--theme")
    diagnostics: list[Diagnostic] = []
    if deck_theme:
        entry = _entry_for_reference(library, deck_theme, deck_dir)
        if entry is not None:
            return ThemeChoice(entry.name, "deck")
        diagnostics.append(warning_at(deck_place or NOWHERE, _unusable(library, deck_theme, deck_dir, "the deck's theme")))
    if user_default:
        entry = library.get(user_default)
        if entry is not None:
            return ThemeChoice(entry.name, "user default", tuple(diagnostics))
        diagnostics.append(warning_at(user_default_place or NOWHERE, _unusable(library, user_default, None, "your default theme")))
    return ThemeChoice(_by_color_depth(library, color_depth), f"colour depth: {color_depth}", tuple(diagnostics))


def _entry_for_reference(library: ThemeLibrary, reference: str, base_dir: Path | None) -> ThemeEntry | None:
    if is_theme_file_reference(reference):
        return library.entry_for_file(theme_file_path(reference, base_dir))
    return library.get(reference)


def _by_color_depth(library: ThemeLibrary, color_depth: str) -> str:
    name = THEME_BY_COLOR_DEPTH.get(color_depth, "briefing-dark")
    if library.get(name) is None:
        return LAST_RESORT_BY_COLOR_DEPTH.get(color_depth, "textual-dark")
    return name


def _unusable(library: ThemeLibrary, reference: str, base_dir: Path | None, what: str) -> str:
    if is_theme_file_reference(reference):
        path = theme_file_path(reference, base_dir)
        problems = [d for d in library.errors if same_file_key(Path(d.place.path)) == same_file_key(path)]
        if problems:
            return f"{what} file {reference} has errors (first: {problems[0]}); using another theme"
        return f"{what} file {reference} was not found; using another theme"
    if reference in library.broken:
        return f"{what} '{reference}' has errors; using another theme"
    return f"{what} '{reference}' is unknown{did_you_mean(closest(reference, library.names()))}; using another theme"


def _cli_error(library: ThemeLibrary, reference: str) -> ThemeChoiceError:
    if is_theme_file_reference(reference):
        path = theme_file_path(reference, Path.cwd())
        problems = tuple(d for d in library.diagnostics if same_file_key(Path(d.place.path)) == same_file_key(path))
        if problems:
            return ThemeChoiceError(f"--theme {reference}: the theme file has errors", problems)
        return ThemeChoiceError(f"--theme {reference}: no such theme file")
    if reference in library.broken:
        return ThemeChoiceError(f"--theme {reference}: that theme's file has errors", library.problems_with(reference))
    names = ", ".join(library.names())
    return ThemeChoiceError(f"unknown theme '{reference}'{did_you_mean(closest(reference, library.names()))}; available: {names}")


@dataclass(frozen=True, slots=True)
class ThemeSelection:
    library: ThemeLibrary
    choice: ThemeChoice

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Problems in theme files, then what choosing skipped."""
        return (*self.library.diagnostics, *self.choice.diagnostics)


def select_theme(
    *,
    cli: str | None = None,
    deck_theme: str | None = None,
    deck_dir: Path | None = None,
    deck_place: Place | None = None,
    environ: Mapping[str, str] | None = None,
    user_dir: Path | None = None,
    builtin_dir: Path | None = None,
) -> ThemeSelection:
    """Read every theme (including files named by ``cli`` or the deck) and pick one.

    The one call the app makes at start and again when a theme file changes. Raises
    :class:`ThemeChoiceError` only for a bad ``--theme``.
    """
    environ = os.environ if environ is None else environ
    extra, outside = named_theme_files(cli=cli, deck_theme=deck_theme, deck_dir=deck_dir, deck_place=deck_place)
    library = ThemeLibrary.discover(user_dir=user_dir, extra_files=extra, builtin_dir=builtin_dir, environ=environ)
    user_default = read_user_default(environ)
    choice = choose_theme(
        library,
        cli=cli,
        deck_theme=None if outside else deck_theme,
        deck_dir=deck_dir,
        deck_place=deck_place,
        user_default=user_default.name,
        user_default_place=user_default.place,
        color_depth=detect_color_depth(environ),
    )
    extra_diagnostics = (*outside, *user_default.diagnostics, *choice.diagnostics)
    return ThemeSelection(library, ThemeChoice(choice.name, choice.reason, extra_diagnostics))


def named_theme_files(
    *,
    cli: str | None = None,
    deck_theme: str | None = None,
    deck_dir: Path | None = None,
    deck_place: Place | None = None,
) -> tuple[tuple[tuple[Path, Origin], ...], tuple[Diagnostic, ...]]:
    """The theme files ``--theme`` and the deck's ``theme:`` name, as ``extra_files`` for
    :meth:`ThemeLibrary.discover`, and an error for a deck's file outside the deck's folder.

    Public so that a live reload can re-read the same files without choosing again (a
    ``--theme`` file that breaks while the app runs must not raise).
    """
    extra: list[tuple[Path, Origin]] = []
    outside: list[Diagnostic] = []
    if deck_theme and is_theme_file_reference(deck_theme):
        path = theme_file_path(deck_theme, deck_dir)
        if deck_dir is not None and not _inside(path, Path(deck_dir)):
            outside.append(error_at(deck_place or NOWHERE, f"theme file {deck_theme} is outside the deck's folder"))
        else:
            extra.append((path, "deck"))
    if cli and is_theme_file_reference(cli):
        extra.append((theme_file_path(cli, Path.cwd()), "file"))
    return tuple(extra), tuple(outside)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def startup_ansi_color(environ: Mapping[str, str] | None = None) -> bool | None:
    """`App(ansi_color=...)` for this terminal: True under NO_COLOR, so Textual strips colour
    instead of greying it into truecolor codes (it decides once, in `App.__init__`)."""
    return app_ansi_color(detect_color_depth(os.environ if environ is None else environ))


NO_COLOR_STYLE_VARIABLES: dict[str, str] = {
    "block-cursor-text-style": "reverse bold underline",
    "block-cursor-blurred-text-style": "underline",
    "input-cursor-text-style": "reverse",
    "button-focus-text-style": "reverse bold",
}
"""Under NO_COLOR every colour is stripped, and Textual marks cursors by colour alone: these
mark them by reverse and underline instead, whatever theme is showing. Underline as well as
reverse, because Textual 8.2's `Widget.get_visual_style` drops reverse, so an OptionList's
cursor (the sources screen, the palette) would otherwise be only bold."""


def for_no_color(theme: Theme) -> Theme:
    """The theme with cursors marked by reverse and underline rather than colour."""
    return replace(theme, variables={**theme.variables, **NO_COLOR_STYLE_VARIABLES})
