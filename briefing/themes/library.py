"""The library: every theme briefing can show, by name, and what went wrong reading them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from textual.theme import BUILTIN_THEMES, Theme

from briefing.catalog import shipped_folder
from briefing.deck.model import Diagnostic

from .config import user_theme_dir
from .files import Origin, ThemeFile, read_theme_file, theme_files_in
from .resolve import ALIASES, Candidate, Resolver, ThemeEntry, build_entry, file_candidates

BUILTIN_THEME_DIR = shipped_folder("themes")


@dataclass(frozen=True, slots=True)
class ThemeLibrary:
    """Every theme briefing can show, by name, plus what went wrong reading theme files.

    ``entries`` holds the winner for each name (a user's theme replaces a built-in of the
    same name); ``replaced`` the ones it replaced; ``broken`` maps the name (or file stem)
    of each theme file with errors to its files. Broken themes are left out: on a live
    reload keep whatever theme of that name is already registered.
    """

    entries: Mapping[str, ThemeEntry]
    diagnostics: tuple[Diagnostic, ...] = ()
    files: tuple[Path, ...] = ()
    folders: tuple[Path, ...] = ()
    replaced: tuple[ThemeEntry, ...] = ()
    broken: Mapping[str, tuple[Path, ...]] = field(default_factory=dict)
    digests: Mapping[Path, bytes] = field(default_factory=dict)
    """Each file read, to `content_digest` of the bytes read: live reload follows it from there."""

    @classmethod
    def discover(
        cls,
        *,
        user_dir: Path | None = None,
        extra_files: Iterable[tuple[Path, Origin]] = (),
        builtin_dir: Path | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ThemeLibrary:
        """Read the built-ins, the user's folder and any files the deck or --theme name.

        ``user_dir`` None means ``$XDG_CONFIG_HOME/briefing/themes`` from ``environ``
        (default ``os.environ``). ``extra_files`` pairs each path with its origin,
        ``"deck"`` or ``"file"`` (from ``--theme``).
        """
        builtin_dir = BUILTIN_THEME_DIR if builtin_dir is None else builtin_dir
        user_dir = user_theme_dir(environ) if user_dir is None else user_dir
        files = [read_theme_file(path, "built-in") for path in theme_files_in(builtin_dir)]
        files += [read_theme_file(path, "user") for path in theme_files_in(user_dir)]
        files += [read_theme_file(Path(path), origin) for path, origin in extra_files]
        return cls.from_files(files, folders=(builtin_dir, user_dir))

    @classmethod
    def from_files(cls, files: Iterable[ThemeFile], *, folders: tuple[Path, ...] = ()) -> ThemeLibrary:
        """A library from already-read files plus Textual's own themes."""
        files = list(files)
        diagnostics = [d for file in files for d in file.diagnostics]
        candidates = [Candidate(theme.name, "textual", textual=theme) for theme in BUILTIN_THEMES.values()]
        candidates += file_candidates(files, diagnostics)
        resolver = Resolver(candidates)
        built: dict[str, list[ThemeEntry]] = {}
        broken: dict[str, tuple[Path, ...]] = {}
        for file in files:
            if not file.ok:
                name = file.name or file.path.stem
                broken[name] = (*broken.get(name, ()), file.path)
        for candidate in candidates:
            spec = resolver.spec(candidate)
            if spec is None:
                broken[candidate.name] = (*broken.get(candidate.name, ()), candidate.file.path)
                continue
            entry, problems = build_entry(candidate, spec)
            diagnostics += problems
            built.setdefault(entry.name, []).append(entry)
        diagnostics += resolver.diagnostics
        entries = {name: versions[-1] for name, versions in sorted(built.items())}
        replaced = tuple(entry for versions in built.values() for entry in versions[:-1])
        return cls(
            entries=entries,
            diagnostics=tuple(sorted(set(diagnostics), key=Diagnostic.sort_key)),
            files=tuple(file.path for file in files),
            folders=folders,
            replaced=replaced,
            broken=broken,
            digests={file.path: file.digest for file in files if file.digest is not None},
        )

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    def names(self) -> list[str]:
        return list(self.entries)

    def problems_with(self, name: str) -> tuple[Diagnostic, ...]:
        """The errors that keep theme ``name`` (a broken file's name or stem) out."""
        paths = {same_file_key(path) for path in self.broken.get(name, ())}
        return tuple(d for d in self.errors if same_file_key(Path(d.place.path)) in paths)

    def get(self, name: str) -> ThemeEntry | None:
        """The theme called ``name`` (or an alias such as ``dark``), or None."""
        entry = self.entries.get(name)
        if entry is None and name in ALIASES:
            entry = self.entries.get(ALIASES[name])
        return entry

    def entry_for_file(self, path: Path) -> ThemeEntry | None:
        """The theme a given file defines, if that file was read and is good."""
        wanted = same_file_key(path)
        for entry in (*self.entries.values(), *self.replaced):
            if entry.path is not None and same_file_key(entry.path) == wanted:
                return entry
        return None

    def themes(self) -> tuple[Theme, ...]:
        """Every theme to pass to ``App.register_theme`` (Textual's own included: they gain
        briefing's variables)."""
        return tuple(entry.theme for entry in self.entries.values())


def same_file_key(path: Path) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return os.path.abspath(path)


