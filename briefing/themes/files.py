"""Theme files as written: one YAML mapping each, checked key by key at its own line and column.

Nothing here raises on a bad file or prints: every problem becomes a
:class:`~briefing.deck.model.Diagnostic` at file:line:col. ``extends`` is only read here;
``briefing.themes.resolve`` follows it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import yaml

from briefing.deck import yamlsafe
from briefing.deck.model import Diagnostic, Place, Severity
from briefing.deck.result import content_digest
from briefing.deck.nodes import NodeChecker, kind_of
from briefing.deck.suggest import closest, did_you_mean
from briefing.deck.text import printable

from .colors import BRIEFING_VARIABLES, THEME_COLOR_KEYS, color_problem, textual_value_problem, textual_variable_names

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
    """Parse one theme file; every problem is a diagnostic, nothing raises."""
    data, problem = yamlsafe.read_bytes(path, limit=MAX_THEME_FILE_BYTES, what="a theme file")
    digest = content_digest(data) if data is not None else None
    root, locator, diagnostics = _compose(path, data, problem)
    if root is None:
        return ThemeFile(path, origin, None, Place(str(path), 1, 1), diagnostics=tuple(diagnostics), digest=digest)
    return replace(_ThemeFileParser(path, origin, locator, diagnostics).parse(root), digest=digest)


def load_yaml(path: Path) -> tuple[yaml.Node | None, yamlsafe.Locator | None, list[Diagnostic]]:
    """The composed YAML of a small settings file, through the deck core's hardened reader.

    Decks and themes then share one front door: the same limits, the same messages, and
    the same result with libyaml or PyYAML's pure-Python parser.
    """
    return _compose(path, *yamlsafe.read_bytes(path, limit=MAX_THEME_FILE_BYTES, what="a theme file"))


def _compose(
    path: Path, data: bytes | None, problem: yamlsafe.ReadProblem | None
) -> tuple[yaml.Node | None, yamlsafe.Locator | None, list[Diagnostic]]:
    if data is None:
        return None, None, [Diagnostic(Place(str(path), 1, 1), Severity.ERROR, problem.message, problem.code)]
    source = yamlsafe.prepare(data, str(path))
    if source.text is None:
        return None, None, list(source.diagnostics)
    root, problems = yamlsafe.compose(source)
    return root, source.locator, [*source.diagnostics, *problems]


def error_at(place: Place, message: str) -> Diagnostic:
    return Diagnostic(place, Severity.ERROR, message)


def warning_at(place: Place, message: str) -> Diagnostic:
    return Diagnostic(place, Severity.WARNING, message)


def _is_empty(node: yaml.Node) -> bool:
    """``key:`` with nothing after it (or only a comment, such as an unquoted ``#336699``)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in ("", "~", "null")


class _ThemeFileParser:
    """Walks a composed theme file, checking each key at its own line and column."""

    def __init__(self, path: Path, origin: Origin, locator: yamlsafe.Locator, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.origin = origin
        self.diagnostics = list(diagnostics)
        self.nodes = NodeChecker(locator, self.diagnostics, "a theme file")
        self.values: dict[str, object] = {}
        self.variables: dict[str, str] = {}
        self.places: dict[str, Place] = {}

    def parse(self, root: yaml.Node) -> ThemeFile:
        start = self.nodes.place(root)
        if not self.nodes.is_mapping(root, "a theme file", "name: ..., primary: ..., variables: ..."):
            return self._result(start)
        for key_node, value, _ in self.nodes.pairs(root):
            self._parse_key(key_node, value)
        if "primary" not in self.values and "extends" not in self.values and self.ok:
            self.diagnostics.append(error_at(start, "a theme needs primary: (or extends: another theme)"))
        return self._result(start)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    def _result(self, start: Place) -> ThemeFile:
        name = self.values.get("name")
        if name is None:
            stem = self.path.stem.lower()
            name = stem if THEME_NAME.fullmatch(stem) else None
            if name is None and self.ok:
                self.diagnostics.append(error_at(start, f"cannot name a theme '{printable(self.path.stem)}': add name: with lowercase letters, digits, - and _"))
        return ThemeFile(
            path=self.path,
            origin=self.origin,
            name=name,
            place=start,
            extends=self.values.get("extends"),
            values=self.values,
            variables=self.variables,
            places=self.places,
            diagnostics=tuple(sorted(self.diagnostics, key=Diagnostic.sort_key)),
        )

    def _error(self, node: yaml.Node, message: str) -> None:
        self.diagnostics.append(error_at(self.nodes.place(node), message))

    def _parse_key(self, key_node: yaml.ScalarNode, node: yaml.Node) -> None:
        key = key_node.value
        if key not in THEME_FILE_KEYS:
            self._error(key_node, f"unknown key '{key}'{did_you_mean(closest(key, THEME_FILE_KEYS))}")
            return
        self.places[key] = self.nodes.place(node)
        if key == "variables":
            self._parse_variables(node)
        elif key in ("dark", "ansi"):
            self._parse_flag(key, node)
        elif key in ("name", "extends"):
            self._parse_name(key, node)
        else:
            self._parse_color(key, node)

    def _scalar(self, key: str, node: yaml.Node, expected: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and self.nodes.tag_ok(node):
            if _is_empty(node):
                self._error(node, f"{key} is empty; expected {expected}")
                return None
            return node.value
        if not isinstance(node, yaml.ScalarNode):
            self._error(node, f"{key} must be {expected}, not {kind_of(node)}")
        return None

    def _parse_flag(self, key: str, node: yaml.Node) -> None:
        text = self._scalar(key, node, "true or false")
        if text is None:
            return
        if not node.style and text in ("true", "false"):
            self.values[key] = text == "true"
        else:
            self._error(node, f"{key} must be true or false, not '{text}'")

    def _parse_name(self, key: str, node: yaml.Node) -> None:
        text = self._scalar(key, node, "a theme name")
        if text is None:
            return
        if key == "name" and not THEME_NAME.fullmatch(text):
            self._error(node, f"theme name '{text}' must be lowercase letters, digits, - and _ (at most 64)")
            return
        self.values[key] = text

    def _parse_color(self, key: str, node: yaml.Node) -> None:
        if _is_empty(node):
            self._error(node, f'{key} is empty; a colour starting with # must be quoted: {key}: "#336699"')
            return
        text = self._scalar(key, node, "a colour")
        if text is None:
            return
        problem = color_problem(text)
        if problem:
            self._error(node, problem)
        else:
            self.values[key] = text

    def _parse_variables(self, node: yaml.Node) -> None:
        if not self.nodes.is_mapping(node, "variables", "a variable's name: its value"):
            return
        known = (*BRIEFING_VARIABLES, *sorted(textual_variable_names()))
        for key_node, value_node, _ in self.nodes.pairs(node, "variable"):
            name = key_node.value
            if name not in BRIEFING_VARIABLES and name not in textual_variable_names():
                self._error(key_node, f"unknown variable '{name}'{did_you_mean(closest(name, known))}")
                continue
            self._parse_variable(name, value_node)

    def _parse_variable(self, name: str, node: yaml.Node) -> None:
        if _is_empty(node):
            self._error(node, f'{name} is empty; a colour starting with # must be quoted: {name}: "#336699"')
            return
        text = self._scalar(name, node, "a value")
        if text is None:
            return
        problem = color_problem(text) if name in BRIEFING_VARIABLES else textual_value_problem(name, text)
        if problem:
            self._error(node, problem)
        else:
            self.variables[name] = text
            self.places[f"variables.{name}"] = self.nodes.place(node)


def theme_files_in(folder: Path) -> list[Path]:
    """The theme files of a folder: its ``.yaml`` and ``.yml`` files not starting with a dot."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / name for name in names if name.endswith(THEME_FILE_SUFFIXES) and not name.startswith(".")]
