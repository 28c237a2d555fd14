"""Parsed theme files, kept by content: a start reads its themes without PyYAML when none changed.

Every start reads the built-in theme files (and the user's): six small YAML files whose
parsing is the only reason a warm start would import PyYAML. A parse depends only on the
file's path, origin and bytes and on the code (the theme checks and Textual's variable
names), so parses are kept by (path, origin, digest of the bytes) and handed to
``briefing.themes.files`` before the themes are read; a file whose bytes differ is parsed
as always. The entry is dropped whole when briefing, Python or the code changed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import __version__
from ..deck.model import Diagnostic, Place, Severity
from ..themes.files import ThemeFile, ThemeFileKey
from .code import code_files, code_unchanged
from .folder import CacheFolder

FORMAT = 1
ENTRY_NAME = "themes.json"
CODE_PACKAGES = ("briefing.themes", "textual", "yaml", "yaml._yaml", "briefing.deck.yamlsafe", "briefing.deck.reading", "briefing.deck.text")
MAX_FILES = 256


def stored_theme_files(folder: CacheFolder) -> dict[ThemeFileKey, ThemeFile]:
    """The theme parses kept by earlier starts, if this briefing's code wrote them (never raises)."""
    try:
        data = folder.read(ENTRY_NAME)
        if data is None:
            return {}
        entry = json.loads(data)
        if entry.get("identity") != _identity() or not code_unchanged(entry["code"]):
            return {}
        return dict(_file_from(each) for each in entry["files"])
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is never trusted, only ignored
        return {}


def store_theme_files(folder: CacheFolder, parsed: Mapping[ThemeFileKey, ThemeFile]) -> bool:
    """Keep these parses (the newest :data:`MAX_FILES`) for the next start; never raises."""
    try:
        files = [_file_data(key, file) for key, file in list(parsed.items())[-MAX_FILES:]]
        entry = {"identity": _identity(), "code": code_files(_is_theme_code), "files": files}
        return folder.write(ENTRY_NAME, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only a slower next start
        return False


def _identity() -> list[Any]:
    return [FORMAT, __version__, sys.version]


def _is_theme_code(name: str) -> bool:
    """Our theme modules every one; of Textual and PyYAML, the top file (an upgrade rewrites it)."""
    return name == "briefing.themes" or name.startswith("briefing.themes.") or name in CODE_PACKAGES


def _file_data(key: ThemeFileKey, file: ThemeFile) -> list[Any]:
    path, origin, digest = key
    body = {
        "path": str(file.path),
        "origin": file.origin,
        "name": file.name,
        "place": _place_data(file.place),
        "extends": file.extends,
        "values": dict(file.values),
        "variables": dict(file.variables),
        "places": {name: _place_data(place) for name, place in file.places.items()},
        "diagnostics": [
            [*_place_data(d.place), d.severity.value, d.message, d.code, d.suggestion] for d in file.diagnostics
        ],
    }
    return [path, origin, digest.hex(), body]


def _file_from(data: list[Any]) -> tuple[ThemeFileKey, ThemeFile]:
    path, origin, digest, body = data
    values = body["values"]
    if not all(isinstance(name, str) and isinstance(value, str | bool) for name, value in values.items()):
        raise TypeError("theme values are text or true/false")
    file = ThemeFile(
        path=Path(_text(body["path"])),
        origin=body["origin"],
        name=body["name"] if body["name"] is None else _text(body["name"]),
        place=_place(body["place"]),
        extends=body["extends"] if body["extends"] is None else _text(body["extends"]),
        values=values,
        variables={_text(name): _text(value) for name, value in body["variables"].items()},
        places={_text(name): _place(place) for name, place in body["places"].items()},
        diagnostics=tuple(_diagnostic(d) for d in body["diagnostics"]),
        digest=bytes.fromhex(digest),
    )
    return (_text(path), origin, file.digest), file


def _diagnostic(data: list[Any]) -> Diagnostic:
    code, suggestion = data[5], data[6]
    return Diagnostic(
        _place(data[:3]), Severity(data[3]), _text(data[4]), _text(code), suggestion if suggestion is None else _text(suggestion)
    )


def _place_data(place: Place) -> list[Any]:
    return [place.path, place.line, place.column]


def _place(data: list[Any]) -> Place:
    path, line, column = data
    if type(line) is not int or type(column) is not int:
        raise TypeError("a place's line and column are whole numbers")
    return Place(_text(path), line, column)


def _text(data: Any) -> str:
    if not isinstance(data, str):
        raise TypeError("expected text")
    return data
