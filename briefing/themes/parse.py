"""Parsing a theme file's YAML, key by key at its own line and column (PyYAML is imported here only)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from briefing.deck import yamlsafe
from briefing.deck.model import Diagnostic, Place
from briefing.deck.text import printable

from .colors import BRIEFING_VARIABLES, color_problem, textual_value_problem, textual_variable_names
from .files import (
    ALLOWED_TAGS,
    MAX_THEME_FILE_BYTES,
    THEME_FILE_KEYS,
    THEME_NAME,
    Origin,
    ThemeFile,
    error_at,
    suggestion,
)


def parse_theme_file(path: Path, origin: Origin, data: bytes) -> ThemeFile:
    """A theme file from its bytes; every problem is a diagnostic, nothing raises."""
    root, locator, diagnostics = _compose(data, str(path))
    if root is None:
        return ThemeFile(path, origin, None, Place(str(path), 1, 1), diagnostics=tuple(diagnostics))
    return _ThemeFileParser(path, origin, locator, diagnostics).parse(root)


def load_yaml(path: Path) -> tuple[yaml.Node | None, yamlsafe.Locator | None, list[Diagnostic]]:
    """The composed YAML of a small settings file, through the deck core's hardened reader.

    Decks and themes then share one front door: the same limits, the same messages, and
    the same result with libyaml or PyYAML's pure-Python parser.
    """
    start = Place(str(path), 1, 1)
    data, problem = yamlsafe.read_bytes(path, limit=MAX_THEME_FILE_BYTES, what="a theme file")
    if data is None:
        return None, None, [error_at(start, problem)]
    return _compose(data, str(path))


def _compose(data: bytes, path: str) -> tuple[yaml.Node | None, yamlsafe.Locator | None, list[Diagnostic]]:
    source = yamlsafe.prepare(data, path)
    if source.text is None:
        return None, None, list(source.diagnostics)
    root, problems = yamlsafe.compose(source)
    return root, source.locator, [*source.diagnostics, *problems]


def _is_empty(node: yaml.Node) -> bool:
    """``key:`` with nothing after it (or only a comment, such as an unquoted ``#336699``)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in ("", "~", "null")


class _ThemeFileParser:
    """Walks a composed theme file, checking each key at its own line and column."""

    def __init__(self, path: Path, origin: Origin, locator: yamlsafe.Locator, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.origin = origin
        self.locator = locator
        self.diagnostics = list(diagnostics)
        self.values: dict[str, object] = {}
        self.variables: dict[str, str] = {}
        self.places: dict[str, Place] = {}

    def parse(self, root: yaml.Node) -> ThemeFile:
        start = self._place(root)
        if not isinstance(root, yaml.MappingNode):
            self._error(root, "a theme file is a mapping of keys such as name:, extends:, primary:, variables:")
            return self._result(start)
        if not self._tag_ok(root):
            return self._result(start)
        for key_node, value in self._pairs(root, "key"):
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

    def _place(self, node: yaml.Node) -> Place:
        return self.locator.place(node.start_mark)

    def _error(self, node: yaml.Node, message: str) -> None:
        self.diagnostics.append(error_at(self._place(node), message))

    def _tag_ok(self, node: yaml.Node) -> bool:
        if node.tag in ALLOWED_TAGS:
            return True
        shown = "!!" + node.tag.removeprefix("tag:yaml.org,2002:") if node.tag.startswith("tag:yaml.org,2002:") else node.tag
        self._error(node, f"YAML tag '{shown}' is not allowed in a theme file")
        return False

    def _pairs(self, mapping: yaml.MappingNode, what: str) -> Iterable[tuple[yaml.ScalarNode, yaml.Node]]:
        """Key nodes with their value nodes; duplicate and non-text keys are errors."""
        seen: dict[str, int] = {}
        for key_node, value_node in mapping.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, f"a {what} must be plain text")
                continue
            if not self._tag_ok(key_node):
                continue
            key = key_node.value
            if key in seen:
                self._error(key_node, f"duplicate {what} '{key}' (first at line {seen[key]})")
                continue
            seen[key] = key_node.start_mark.line + 1
            yield key_node, value_node

    def _parse_key(self, key_node: yaml.ScalarNode, node: yaml.Node) -> None:
        key = key_node.value
        if key not in THEME_FILE_KEYS:
            self._error(key_node, f"unknown key '{key}'{suggestion(key, THEME_FILE_KEYS)}")
            return
        self.places[key] = self._place(node)
        if key == "variables":
            self._parse_variables(node)
        elif key in ("dark", "ansi"):
            self._parse_flag(key, node)
        elif key in ("name", "extends"):
            self._parse_name(key, node)
        else:
            self._parse_color(key, node)

    def _scalar(self, key: str, node: yaml.Node, expected: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and self._tag_ok(node):
            if _is_empty(node):
                self._error(node, f"{key} is empty; expected {expected}")
                return None
            return node.value
        if not isinstance(node, yaml.ScalarNode):
            self._error(node, f"{key} must be {expected}, not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
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
        if not isinstance(node, yaml.MappingNode):
            self._error(node, "variables must be a mapping of variable names to values")
            return
        if not self._tag_ok(node):
            return
        known = (*BRIEFING_VARIABLES, *sorted(textual_variable_names()))
        for key_node, value_node in self._pairs(node, "variable"):
            name = key_node.value
            if name not in BRIEFING_VARIABLES and name not in textual_variable_names():
                self._error(key_node, f"unknown variable '{name}'{suggestion(name, known)}")
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
            self.places[f"variables.{name}"] = self._place(node)
