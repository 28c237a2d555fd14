"""Choosing the editor command for the `e` key, without a screen (so it is testable)."""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping

from ..deck.model import Place
from ..deck.text import printable

FALLBACK_EDITORS = ("vi", "nano")


class NoEditorError(Exception):
    """No usable editor: the message tells the presenter what to set."""


def editor_command(place: Place, environ: Mapping[str, str] | None = None) -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else vi, else nano, opened at the place's line.

    The file goes last as an absolute path: a relative name such as ``+!touch x.yaml`` or
    ``-x.yaml`` (an include glob or the picker gives such names as found) would reach the
    editor as a command or an option; ``/…/+!touch x.yaml`` cannot.
    """
    env = os.environ if environ is None else environ
    target = _absolute(place.path)
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            words = _editor_words(variable, value)
            if shutil.which(words[0], path=env.get("PATH")) is None:
                raise NoEditorError(f"${variable} is set to {value!r}, but {words[0]!r} was not found")
            return [*words, *line_argument(place), target]
    for name in FALLBACK_EDITORS:
        if shutil.which(name, path=env.get("PATH")) is not None:
            return [name, *line_argument(place), target]
    raise NoEditorError("no editor found: set $VISUAL or $EDITOR (vi and nano are not installed)")


def _editor_words(variable: str, value: str) -> list[str]:
    try:
        words = shlex.split(value)
    except ValueError as error:  # an unclosed quote, a trailing backslash
        raise NoEditorError(f"${variable} is set to {value!r}, which cannot be read as a command "
                            f"({str(error).lower()}): fix its quoting") from None
    if not words:
        raise NoEditorError(f"${variable} is set to {value!r}, which names no command")
    return words


def _absolute(path: str) -> str:
    try:
        return os.path.abspath(path)
    except OSError as error:  # the working folder was deleted
        raise NoEditorError(f"cannot find {printable(path)}: {error.strerror or error}") from None


def line_argument(place: Place) -> list[str]:
    return [f"+{place.line}"] if place.line > 0 else []
