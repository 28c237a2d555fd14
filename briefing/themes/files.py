"""Theme files as written: one YAML mapping each, checked key by key at its own line and column.

Nothing here raises on a bad file or prints: every problem becomes a
:class:`~briefing.deck.model.Diagnostic` at file:line:col. ``extends`` is only read here;
``briefing.themes.resolve`` follows it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Mapping

from briefing.deck.model import Diagnostic, Place, Severity
from briefing.deck.reading import content_digest, read_bytes

from .colors import THEME_COLOR_KEYS

Origin = Literal["textual", "built-in", "user", "deck", "file"]

MAX_THEME_FILE_BYTES = 64 * 1024
THEME_FILE_SUFFIXES = (".yaml", ".yml")
THEME_FILE_KEYS = ("name", "extends", "dark", "ansi", *THEME_COLOR_KEYS, "variables")

THEME_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

@dataclass(frozen=True, slots=True)
class ThemeFile:
    """One theme file as written, before ``extends`` is resolved."""

    path: Path
    origin: Origin
    name: str | None
    place: Place
    extends: str | None = None
    values: Mapping[str, object] = field(default_factory=dict)
    variables: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, Place] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    digest: bytes | None = None
    """`content_digest` of the bytes parsed (None: not read). Live reload follows the file from
    this, so a save landing between this read and the follower's first look is still a change."""

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def read_theme_file(path: Path, origin: Origin = "file") -> ThemeFile:
    """Parse one theme file; every problem is a diagnostic, nothing raises.

    A file whose bytes were parsed before (this run, or a start before it: the start-up
    cache hands those in through :func:`remember_theme_files`) is not parsed again, so a
    warm start reads its themes without importing PyYAML.
    """
    data, problem = read_bytes(path, limit=MAX_THEME_FILE_BYTES, what="a theme file")
    if data is None:
        start = Place(str(path), 1, 1)
        return ThemeFile(path, origin, None, start, diagnostics=(Diagnostic(start, Severity.ERROR, problem.message, problem.code),))
    digest = content_digest(data)
    key = (str(path), origin, digest)
    parsed = _parsed.get(key)
    if parsed is None:
        from .parse import parse_theme_file

        parsed = _parsed[key] = replace(parse_theme_file(path, origin, data), digest=digest)
        _parsed_this_run[key] = parsed
    return parsed


ThemeFileKey = tuple[str, Origin, bytes]
"""A theme file's path, origin and the digest of its bytes: its parse depends on nothing else."""
_parsed: dict[ThemeFileKey, ThemeFile] = {}
_parsed_this_run: dict[ThemeFileKey, ThemeFile] = {}


def remember_theme_files(parsed: Mapping[ThemeFileKey, ThemeFile]) -> None:
    """Parses made before (the start-up cache's): ``read_theme_file`` returns these for the same bytes."""
    _parsed.update(parsed)


def theme_files_parsed_this_run() -> dict[ThemeFileKey, ThemeFile]:
    """The theme files parsed (not remembered) in this run: what the start-up cache should keep."""
    return dict(_parsed_this_run)


def error_at(place: Place, message: str) -> Diagnostic:
    return Diagnostic(place, Severity.ERROR, message)


def warning_at(place: Place, message: str) -> Diagnostic:
    return Diagnostic(place, Severity.WARNING, message)


def theme_files_in(folder: Path) -> list[Path]:
    """The theme files of a folder: its ``.yaml`` and ``.yml`` files not starting with a dot."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / name for name in names if name.endswith(THEME_FILE_SUFFIXES) and not name.startswith(".")]
