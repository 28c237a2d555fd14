"""The text of ``briefing themes``, and of a theme problem in one line."""

from __future__ import annotations

from pathlib import Path

from briefing.deck.model import Diagnostic
from briefing.deck.text import printable

from .library import ThemeLibrary
from .resolve import ALIASES


def format_theme_listing(library: ThemeLibrary, *, current: str | None = None, home: Path | None = None) -> str:
    """The text of ``briefing themes``: name, origin, dark or light, file; then problems.

    ``current`` (the theme briefing would pick here) is marked with ``*``.
    """
    home = Path.home() if home is None else home
    ordered = sorted(library.entries.values(), key=lambda entry: (entry.origin == "textual", entry.name))
    width = max([len(entry.name) for entry in ordered] + [4])
    replaced = {entry.name: entry.origin for entry in library.replaced}
    lines = [f"  {'name':<{width}}  {'from':<8}  {'mode':<5}  file"]
    for entry in ordered:
        mark = "*" if entry.name == current else " "
        where = _short_path(entry.path, home) if entry.path else ""
        if entry.name in replaced:
            where += f" (replaces the {replaced[entry.name]} theme)"
        lines.append(f"{mark} {entry.name:<{width}}  {entry.origin:<8}  {'dark' if entry.dark else 'light':<5}  {where}".rstrip())
    aliases = ", ".join(f"{alias} = {target}" for alias, target in ALIASES.items() if target in library.entries)
    if aliases:
        lines += ["", f"aliases: {aliases}"]
    if current:
        lines.append("* = the theme briefing picks here without --theme or a deck's theme:")
    if library.diagnostics:
        lines += ["", "problems in theme files:"]
        lines += [f"  {diagnostic}" for diagnostic in library.diagnostics]
    return "\n".join(lines) + "\n"


def _short_path(path: Path, home: Path) -> str:
    try:
        return "~/" + printable(str(Path(path).relative_to(home)))
    except ValueError:
        return printable(str(path))


def first_problem_text(diagnostics: tuple[Diagnostic, ...]) -> str:
    """The first error (else warning) and how many more: one notification's worth."""
    errors = [d for d in diagnostics if d.is_error] or list(diagnostics)
    more = len(errors) - 1
    return str(errors[0]) + (f" (and {more} more: briefing themes lists them)" if more > 0 else "")
