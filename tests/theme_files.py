"""Theme files written for the tests of briefing.themes (tests/themes/)."""

from __future__ import annotations

from pathlib import Path

from briefing.themes.library import ThemeLibrary


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def library_with(user_dir: Path, builtin_dir: Path | None = None) -> ThemeLibrary:
    return ThemeLibrary.discover(user_dir=user_dir, builtin_dir=builtin_dir)


def messages(library_or_file) -> list[str]:
    """Diagnostics as 'line:col: severity: message', without the folder part of the path."""
    return [f"{Path(d.place.path).name}:{d.place.line}:{d.place.column}: {d.severity.value}: {d.message}" for d in library_or_file.diagnostics]
