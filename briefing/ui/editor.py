"""Choosing the editor command for the `e` key, without a screen (so it is testable)."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping

from ..deck.model import Place

FALLBACK_EDITORS = ("vi", "nano")


class NoEditorError(Exception):
    """No usable editor: the message tells the presenter what to set."""


def editor_command(place: Place, environ: Mapping[str, str] | None = None) -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else vi, else nano, opened at the place's line."""
    env = os.environ if environ is None else environ
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            words = shlex.split(value)
            if shutil.which(words[0], path=env.get("PATH")) is None:
                raise NoEditorError(f"${variable} is set to {value!r}, but {words[0]!r} was not found")
            return [*words, *line_argument(place), place.path]
    for name in FALLBACK_EDITORS:
        if shutil.which(name, path=env.get("PATH")) is not None:
            return [name, *line_argument(place), place.path]
    raise NoEditorError("no editor found: set $VISUAL or $EDITOR (vi and nano are not installed)")


def line_argument(place: Place) -> list[str]:
    return [f"+{place.line}"] if place.line > 0 else []
