"""Theme files -> Textual themes.

A theme file is a small YAML mapping: Textual's theme colours, briefing's own variables
(stance and status colours, the classification banner, timeline marks, search matches) and
``extends: NAME`` to change only a few values of another theme. Themes come from four
places, later ones replacing earlier ones of the same name: Textual's own themes, the
built-ins in the ``themes/`` folder (``share/briefing/themes`` for a wheel), the user's folder
(``$XDG_CONFIG_HOME/briefing/themes``) and files named by the deck or ``--theme``.

Nothing here raises on a bad theme file or prints: every problem becomes a
:class:`~briefing.deck.model.Diagnostic` at file:line:col and the broken theme is left out,
so the app keeps running on the theme it has. This module uses Textual's ``Theme`` and
``Color`` but no widget: ``briefing themes`` lists themes without starting an app.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Literal, Mapping

import yaml
from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from briefing.catalog import shipped_folder
from briefing.deck import yamlsafe
from briefing.deck.model import NOWHERE, Diagnostic, Place, Severity
from briefing.deck.text import printable

Origin = Literal["textual", "built-in", "user", "deck", "file"]
ColorDepth = Literal["mono", "ansi", "256", "truecolor"]

BUILTIN_THEME_DIR = shipped_folder("themes")
MAX_THEME_FILE_BYTES = 64 * 1024
THEME_FILE_SUFFIXES = (".yaml", ".yml")

THEME_COLOR_KEYS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
THEME_FILE_KEYS = ("name", "extends", "dark", "ansi", *THEME_COLOR_KEYS, "variables")

BRIEFING_VARIABLES = (
    "stance-support",
    "stance-oppose",
    "stance-cautious",
    "stance-undecided",
    "stance-none",
    "status-confirmed",
    "status-disputed",
    "status-denied",
    "status-unverified",
    "banner-background",
    "banner-foreground",
    "timeline-lane",
    "timeline-exact",
    "timeline-approximate",
    "timeline-as-of",
    "search-highlight",
)

ALIASES = {"dark": "briefing-dark", "light": "briefing-light"}
"""Short names a deck or the command line may use (the design's example says ``theme: dark``)."""

THEME_BY_COLOR_DEPTH: dict[str, str] = {
    "mono": "mono",
    "ansi": "ansi",
    "256": "briefing-dark",
    "truecolor": "briefing-dark",
}
_LAST_RESORT_BY_COLOR_DEPTH = {"mono": "ansi-dark", "ansi": "ansi-dark", "256": "textual-dark", "truecolor": "textual-dark"}

_LAYER: dict[str, int] = {"textual": 0, "built-in": 1, "user": 2, "deck": 3, "file": 4}
_THEME_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)
_DEFAULT_DARK_BACKGROUND = "#121212"
_DEFAULT_LIGHT_BACKGROUND = "#efefef"


# --------------------------------------------------------------------------- colours


def relative_luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        scaled = value / 255
        return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4

    red, green, blue = color.rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(foreground: Color | str, background: Color | str) -> float:
    """WCAG 2 contrast ratio (1 to 21); a translucent foreground is first laid on the background."""
    back = Color.parse(background)
    front = Color.parse(foreground)
    if front.a < 1:
        front = back + front
    lighter, darker = sorted((relative_luminance(front), relative_luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def derive_briefing_variables(theme: Theme) -> dict[str, str]:
    """Briefing's variables made from a theme's own colours, for themes that do not set them.

    Text colours follow Textual's own recipe for ``$text-success`` and friends (the theme
    colour tinted over the contrasting text colour), so they stay readable on the theme's
    background. ANSI themes keep the terminal's palette names.
    """
    primary = theme.primary
    secondary = theme.secondary or primary
    warning = theme.warning or primary
    error = theme.error or secondary
    success = theme.success or secondary
    accent = theme.accent or primary
    background = Color.parse(theme.background or (_DEFAULT_DARK_BACKGROUND if theme.dark else _DEFAULT_LIGHT_BACKGROUND))
    if theme.ansi or background.ansi is not None:
        return _ansi_variables(primary, secondary, warning, error, success, accent)
    foreground = Color.parse(theme.foreground) if theme.foreground else background.inverse
    contrast_text = background.get_contrast_text(1.0)

    def text(color: str) -> str:
        return contrast_text.tint(Color.parse(color).with_alpha(0.66)).hex

    def faded(amount: float) -> str:
        return foreground.blend(background, amount).hex

    banner = Color.parse(primary)
    return {
        "stance-support": text(success),
        "stance-oppose": text(error),
        "stance-cautious": text(warning),
        "stance-undecided": text(secondary),
        "stance-none": faded(0.45),
        "status-confirmed": text(success),
        "status-disputed": text(warning),
        "status-denied": text(error),
        "status-unverified": faded(0.45),
        "banner-background": banner.hex,
        "banner-foreground": banner.get_contrast_text(1.0).hex,
        "timeline-lane": faded(0.75),
        "timeline-exact": text(primary),
        "timeline-approximate": faded(0.35),
        "timeline-as-of": text(accent),
        "search-highlight": text(warning),
    }


def _ansi_variables(primary: str, secondary: str, warning: str, error: str, success: str, accent: str) -> dict[str, str]:
    muted = "ansi_bright_black"
    return {
        "stance-support": success,
        "stance-oppose": error,
        "stance-cautious": warning,
        "stance-undecided": secondary,
        "stance-none": muted,
        "status-confirmed": success,
        "status-disputed": warning,
        "status-denied": error,
        "status-unverified": muted,
        "banner-background": primary,
        "banner-foreground": "ansi_bright_white",
        "timeline-lane": muted,
        "timeline-exact": primary,
        "timeline-approximate": secondary,
        "timeline-as-of": accent,
        "search-highlight": warning,
    }


THEME_VARIABLE_DEFAULTS: dict[str, str] = derive_briefing_variables(BUILTIN_THEMES["textual-dark"])
"""Briefing's variables for a theme that sets none; the app returns this from
``get_theme_variable_defaults()``. Every theme in a :class:`ThemeLibrary` already carries
all of them, so these matter only for themes registered some other way."""


def _color_problem(text: str) -> str | None:
    """Why ``text`` is not a colour Textual can parse, or None when it is one."""
    try:
        Color.parse(text)
    except ColorParseError as error:
        hint = f" (did you mean '{error.suggested_color}'?)" if error.suggested_color else ""
        return f"'{text}' is not a colour{hint}; write #RRGGBB, rgb(r,g,b), hsl(h,s%,l%), a colour name or ansi_NAME"
    except Exception:  # Color.parse raises ValueError and friends on some malformed numbers
        return f"'{text}' is not a colour; write #RRGGBB, rgb(r,g,b), hsl(h,s%,l%), a colour name or ansi_NAME"
    return None


# --------------------------------------------------------------------------- Textual's variables


@lru_cache(maxsize=1)
def _textual_variable_names() -> frozenset[str]:
    """Every variable Textual's colour system defines or its own themes override."""
    from textual.design import ColorSystem

    names = set(ColorSystem(primary="#000000").generate())
    names |= set(ColorSystem(primary="ansi_red", ansi=True).generate())
    for theme in BUILTIN_THEMES.values():
        names |= set(theme.variables)
    return frozenset(names - set(BRIEFING_VARIABLES))


def _is_style_variable(name: str) -> bool:
    return name.endswith("-style") or name.endswith("-style-hover")


def _textual_value_problem(name: str, value: str) -> str | None:
    """Why ``value`` would break Textual's stylesheet for variable ``name``, or None."""
    if _is_style_variable(name):
        from textual.css.constants import VALID_STYLE_FLAGS

        words = value.split()
        wrong = [word for word in words if word not in VALID_STYLE_FLAGS]
        if not words or wrong:
            return f"'{value}' is not a text style; use words from: {', '.join(sorted(VALID_STYLE_FLAGS))}"
        return None
    color, _, alpha = value.strip().partition(" ")
    if alpha and not re.fullmatch(r"\s*\d{1,3}(\.\d+)?%", alpha):
        return f"'{value}' is not a colour with an opacity; write e.g. '#336699 40%'"
    if color in ("auto", "initial") or (color == "transparent" and not alpha):
        return None
    return _color_problem(color)


# --------------------------------------------------------------------------- theme files


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

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def read_theme_file(path: Path, origin: Origin = "file") -> ThemeFile:
    """Parse one theme file; every problem is a diagnostic, nothing raises."""
    root, locator, diagnostics = _load_yaml(path)
    if root is None:
        return ThemeFile(path, origin, None, Place(str(path), 1, 1), diagnostics=tuple(diagnostics))
    return _ThemeFileParser(path, origin, locator, diagnostics).parse(root)


def _load_yaml(path: Path) -> tuple[yaml.Node | None, yamlsafe.Locator | None, list[Diagnostic]]:
    """The composed YAML of a small settings file, through the deck core's hardened reader.

    Decks and themes then share one front door: the same limits, the same messages, and
    the same result with libyaml or PyYAML's pure-Python parser.
    """
    start = Place(str(path), 1, 1)
    data, problem = yamlsafe.read_bytes(path, limit=MAX_THEME_FILE_BYTES, what="a theme file")
    if data is None:
        return None, None, [_error(start, problem)]
    source = yamlsafe.prepare(data, str(path))
    if source.text is None:
        return None, None, list(source.diagnostics)
    root, problems = yamlsafe.compose(source)
    return root, source.locator, [*source.diagnostics, *problems]


def _error(place: Place, message: str) -> Diagnostic:
    return Diagnostic(place, Severity.ERROR, message)


def _warning(place: Place, message: str) -> Diagnostic:
    return Diagnostic(place, Severity.WARNING, message)


def _is_empty(node: yaml.Node) -> bool:
    """``key:`` with nothing after it (or only a comment, such as an unquoted ``#336699``)."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in ("", "~", "null")


def _suggestion(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


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
            self.diagnostics.append(_error(start, "a theme needs primary: (or extends: another theme)"))
        return self._result(start)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    def _result(self, start: Place) -> ThemeFile:
        name = self.values.get("name")
        if name is None:
            stem = self.path.stem.lower()
            name = stem if _THEME_NAME.fullmatch(stem) else None
            if name is None and self.ok:
                self.diagnostics.append(_error(start, f"cannot name a theme '{printable(self.path.stem)}': add name: with lowercase letters, digits, - and _"))
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
        self.diagnostics.append(_error(self._place(node), message))

    def _tag_ok(self, node: yaml.Node) -> bool:
        if node.tag in _ALLOWED_TAGS:
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
            self._error(key_node, f"unknown key '{key}'{_suggestion(key, THEME_FILE_KEYS)}")
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
        if key == "name" and not _THEME_NAME.fullmatch(text):
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
        problem = _color_problem(text)
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
        known = (*BRIEFING_VARIABLES, *sorted(_textual_variable_names()))
        for key_node, value_node in self._pairs(node, "variable"):
            name = key_node.value
            if name not in BRIEFING_VARIABLES and name not in _textual_variable_names():
                self._error(key_node, f"unknown variable '{name}'{_suggestion(name, known)}")
                continue
            self._parse_variable(name, value_node)

    def _parse_variable(self, name: str, node: yaml.Node) -> None:
        if _is_empty(node):
            self._error(node, f'{name} is empty; a colour starting with # must be quoted: {name}: "#336699"')
            return
        text = self._scalar(name, node, "a value")
        if text is None:
            return
        problem = _color_problem(text) if name in BRIEFING_VARIABLES else _textual_value_problem(name, text)
        if problem:
            self._error(node, problem)
        else:
            self.variables[name] = text
            self.places[f"variables.{name}"] = self._place(node)


# --------------------------------------------------------------------------- resolving extends


@dataclass(frozen=True, slots=True)
class ThemeEntry:
    """A theme ready to register: where it came from and the Textual theme it makes."""

    name: str
    origin: Origin
    path: Path | None
    dark: bool
    theme: Theme


@dataclass(frozen=True, slots=True, eq=False)
class _Candidate:
    name: str
    origin: Origin
    file: ThemeFile | None = None
    textual: Theme | None = None

    @property
    def layer(self) -> int:
        return _LAYER[self.origin]


@dataclass(frozen=True, slots=True)
class _Spec:
    """A theme's settings after ``extends``: what Theme() will be built from."""

    colors: Mapping[str, str | None]
    variables: Mapping[str, str]
    dark: bool | None = None
    ansi: bool = False
    luminosity_spread: float = 0.15
    text_alpha: float = 0.95


def _spec_of_textual(theme: Theme) -> _Spec:
    return _Spec(
        colors={key: getattr(theme, key) for key in THEME_COLOR_KEYS},
        variables=dict(theme.variables),
        dark=theme.dark,
        ansi=theme.ansi,
        luminosity_spread=theme.luminosity_spread,
        text_alpha=theme.text_alpha,
    )


def _overlay(base: _Spec, file: ThemeFile) -> _Spec:
    colors = {**base.colors, **{key: file.values[key] for key in THEME_COLOR_KEYS if key in file.values}}
    return _Spec(
        colors=colors,
        variables={**base.variables, **file.variables},
        dark=file.values.get("dark", base.dark),
        ansi=file.values.get("ansi", base.ansi),
        luminosity_spread=base.luminosity_spread,
        text_alpha=base.text_alpha,
    )


_ROOT = _Spec(colors={key: None for key in THEME_COLOR_KEYS}, variables={})


class _Resolver:
    """Resolves ``extends`` chains over every candidate, reporting unknown names and cycles.

    A theme extends the strongest theme of that name in its own layer or below (a built-in
    never depends on a user's file); ``extends`` naming the theme's own name means the one it
    replaces, so a user's ``briefing-dark.yaml`` can tweak the built-in.
    """

    def __init__(self, candidates: list[_Candidate]) -> None:
        self.candidates = candidates
        self.specs: dict[int, _Spec | None] = {}
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[_Candidate] = []
        self.in_cycle: set[int] = set()

    def spec(self, candidate: _Candidate) -> _Spec | None:
        key = id(candidate)
        if key not in self.specs:
            self.stack.append(candidate)
            self.specs[key] = self._resolve(candidate)
            self.stack.pop()
        return self.specs[key]

    def _resolve(self, candidate: _Candidate) -> _Spec | None:
        if candidate.textual is not None:
            return _spec_of_textual(candidate.textual)
        file = candidate.file
        assert file is not None
        if not file.ok:
            return None
        if file.extends is None:
            return _overlay(_ROOT, file)
        base = self._base_of(candidate)
        if base is None:
            return None
        base_spec = self.spec(base)
        if base_spec is None:
            if id(candidate) not in self.in_cycle:
                self._report(file, f"cannot extend '{file.extends}': that theme has errors ({_where(base)})")
            return None
        return _overlay(base_spec, file)

    def _base_of(self, candidate: _Candidate) -> _Candidate | None:
        file = candidate.file
        wanted = file.extends
        if wanted in ALIASES and not any(other.name == wanted for other in self.candidates):
            wanted = ALIASES[wanted]
        visible = [
            other
            for other in self.candidates
            if other.name == wanted
            and other is not candidate
            and (other.layer < candidate.layer or (other.layer == candidate.layer and wanted != candidate.name))
        ]
        if not visible and wanted == candidate.name:
            self._report(file, f"theme '{wanted}' cannot extend itself: there is no built-in or Textual theme of that name")
            return None
        if not visible:
            names = sorted({c.name for c in self.candidates if c.layer <= candidate.layer} - {candidate.name})
            hint = _suggestion(file.extends, names) or " (briefing themes lists the names)"
            self._report(file, f"unknown theme '{file.extends}' to extend{hint}")
            return None
        base = max(visible, key=lambda other: other.layer)
        on_stack = [index for index, member in enumerate(self.stack) if member is base]
        if on_stack:
            self._report_cycle(self.stack[on_stack[0]:])
            return None
        return base

    def _report_cycle(self, cycle: list[_Candidate]) -> None:
        """One error per member, at its own ``extends``, with the chain starting from it."""
        names = [member.name for member in cycle]
        for index, member in enumerate(cycle):
            chain = " -> ".join([*names[index:], *names[:index], member.name])
            self.in_cycle.add(id(member))
            self._report(member.file, f"extends makes a cycle: {chain}")
            self.specs[id(member)] = None

    def _report(self, file: ThemeFile, message: str) -> None:
        self.diagnostics.append(_error(file.places.get("extends", file.place), message))


def _where(candidate: _Candidate) -> str:
    return printable(str(candidate.file.path)) if candidate.file else candidate.origin


def _build_entry(candidate: _Candidate, spec: _Spec) -> tuple[ThemeEntry, list[Diagnostic]]:
    """The registrable entry, with briefing's variables filled in and ``dark`` checked.

    ``primary`` is always set: a file without ``extends`` must give it, and every theme
    that can be extended has it.
    """
    file = candidate.file
    dark = spec.dark if spec.dark is not None else _looks_dark(spec)
    theme = Theme(
        name=candidate.name,
        **{key: spec.colors[key] for key in THEME_COLOR_KEYS},
        dark=dark,
        ansi=spec.ansi,
        luminosity_spread=spec.luminosity_spread,
        text_alpha=spec.text_alpha,
        variables=dict(spec.variables),
    )
    missing = {**derive_briefing_variables(theme), **(_ansi_widget_variables(dark) if theme.ansi else {})}
    theme.variables = {**{k: v for k, v in missing.items() if k not in theme.variables}, **theme.variables}
    diagnostics = _dark_mismatch(file, spec, dark) if file else []
    path = file.path if file else None
    return ThemeEntry(candidate.name, candidate.origin, path, dark, theme), diagnostics


def _ansi_widget_variables(dark: bool) -> dict[str, str]:
    """Variables Textual's widgets use that its ANSI colour system does not define.

    Textual's own ``ansi-dark`` and ``ansi-light`` set them by hand; an ANSI theme without
    them fails with "reference to undefined variable" when it is switched on.
    """
    source = BUILTIN_THEMES["ansi-dark" if dark else "ansi-light"].variables
    return {name: source[name] for name in ("ansi-background", "ansi-foreground")}


def _looks_dark(spec: _Spec) -> bool:
    background = spec.colors.get("background")
    if background is None or spec.ansi:
        return True
    color = Color.parse(background)
    return color.ansi is not None or relative_luminance(color) < 0.18


def _dark_mismatch(file: ThemeFile, spec: _Spec, dark: bool) -> list[Diagnostic]:
    """Warn when ``dark`` contradicts the background this file sets: Textual shades by it."""
    background = spec.colors.get("background")
    if spec.ansi or background is None or not ({"dark", "background"} & set(file.values)):
        return []
    color = Color.parse(background)
    if color.ansi is not None:
        return []
    luminance = relative_luminance(color)
    if dark and luminance > 0.4:
        message = f"background '{background}' is light but the theme is dark: add dark: false"
    elif not dark and luminance < 0.1:
        message = f"background '{background}' is dark but the theme says dark: false"
    else:
        return []
    return [_warning(file.places.get("dark", file.places.get("background", file.place)), message)]


# --------------------------------------------------------------------------- the library


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
        files = [read_theme_file(path, "built-in") for path in _theme_files_in(builtin_dir)]
        files += [read_theme_file(path, "user") for path in _theme_files_in(user_dir)]
        files += [read_theme_file(Path(path), origin) for path, origin in extra_files]
        return cls.from_files(files, folders=(builtin_dir, user_dir))

    @classmethod
    def from_files(cls, files: Iterable[ThemeFile], *, folders: tuple[Path, ...] = ()) -> ThemeLibrary:
        """A library from already-read files plus Textual's own themes."""
        files = list(files)
        diagnostics = [d for file in files for d in file.diagnostics]
        candidates = [_Candidate(theme.name, "textual", textual=theme) for theme in BUILTIN_THEMES.values()]
        candidates += _file_candidates(files, diagnostics)
        resolver = _Resolver(candidates)
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
            entry, problems = _build_entry(candidate, spec)
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
        )

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    def names(self) -> list[str]:
        return list(self.entries)

    def problems_with(self, name: str) -> tuple[Diagnostic, ...]:
        """The errors that keep theme ``name`` (a broken file's name or stem) out."""
        paths = {_same_file_key(path) for path in self.broken.get(name, ())}
        return tuple(d for d in self.errors if _same_file_key(Path(d.place.path)) in paths)

    def get(self, name: str) -> ThemeEntry | None:
        """The theme called ``name`` (or an alias such as ``dark``), or None."""
        entry = self.entries.get(name)
        if entry is None and name in ALIASES:
            entry = self.entries.get(ALIASES[name])
        return entry

    def entry_for_file(self, path: Path) -> ThemeEntry | None:
        """The theme a given file defines, if that file was read and is good."""
        wanted = _same_file_key(path)
        for entry in (*self.entries.values(), *self.replaced):
            if entry.path is not None and _same_file_key(entry.path) == wanted:
                return entry
        return None

    def themes(self) -> tuple[Theme, ...]:
        """Every theme to pass to ``App.register_theme`` (Textual's own included: they gain
        briefing's variables)."""
        return tuple(entry.theme for entry in self.entries.values())


def _same_file_key(path: Path) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return os.path.abspath(path)


def _theme_files_in(folder: Path) -> list[Path]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [folder / name for name in names if name.endswith(THEME_FILE_SUFFIXES) and not name.startswith(".")]


def _file_candidates(files: list[ThemeFile], diagnostics: list[Diagnostic]) -> list[_Candidate]:
    """One candidate per good name; a second file with the same name and origin is an error."""
    first: dict[tuple[str, str], ThemeFile] = {}
    candidates = []
    for file in files:
        if file.name is None or not file.ok:
            continue
        key = (file.origin, file.name)
        if key in first:
            where = first[key].places.get("name", first[key].place)
            diagnostics.append(_error(file.places.get("name", file.place), f"theme '{file.name}' is already defined at {where}"))
            continue
        first[key] = file
        candidates.append(_Candidate(file.name, file.origin, file=file))
    return sorted(candidates, key=lambda candidate: candidate.layer)


# --------------------------------------------------------------------------- where and which


def user_config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/briefing`` (an absolute XDG_CONFIG_HOME only, as the spec says)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME", "")
    if not base or not os.path.isabs(base):
        home = environ.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, ".config")
    return Path(base) / "briefing"


def user_theme_dir(environ: Mapping[str, str] | None = None) -> Path:
    return user_config_dir(environ) / "themes"


@dataclass(frozen=True, slots=True)
class UserDefault:
    """The user's default theme name, where it was set, and any problem reading it."""

    name: str | None
    place: Place = NOWHERE
    diagnostics: tuple[Diagnostic, ...] = ()


def read_user_default(environ: Mapping[str, str] | None = None) -> UserDefault:
    """The user's default theme: ``BRIEFING_THEME``, else ``theme:`` in ``config.yaml``.

    Other keys in ``config.yaml`` are left alone: the file may grow other settings.
    """
    environ = os.environ if environ is None else environ
    if environ.get("BRIEFING_THEME", "").strip():
        return UserDefault(environ["BRIEFING_THEME"].strip(), Place("$BRIEFING_THEME", 1, 1))
    path = user_config_dir(environ) / "config.yaml"
    if not path.exists():
        return UserDefault(None)
    root, locator, diagnostics = _load_yaml(path)
    if root is None:
        return UserDefault(None, diagnostics=tuple(diagnostics))
    return _theme_setting(root, locator)


def _theme_setting(root: yaml.Node, locator: yamlsafe.Locator) -> UserDefault:
    if not isinstance(root, yaml.MappingNode):
        return UserDefault(None, diagnostics=(_error(locator.place(root.start_mark), "config.yaml must be a mapping such as theme: briefing-dark"),))
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "theme":
            if isinstance(value, yaml.ScalarNode) and value.tag in _ALLOWED_TAGS and value.value.strip():
                return UserDefault(value.value.strip(), locator.place(value.start_mark))
            return UserDefault(None, diagnostics=(_error(locator.place(value.start_mark), "theme: must be a theme name"),))
    return UserDefault(None)


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
        diagnostics.append(_warning(deck_place or NOWHERE, _unusable(library, deck_theme, deck_dir, "the deck's theme")))
    if user_default:
        entry = library.get(user_default)
        if entry is not None:
            return ThemeChoice(entry.name, "user default", tuple(diagnostics))
        diagnostics.append(_warning(user_default_place or NOWHERE, _unusable(library, user_default, None, "your default theme")))
    return ThemeChoice(_by_color_depth(library, color_depth), f"colour depth: {color_depth}", tuple(diagnostics))


def _entry_for_reference(library: ThemeLibrary, reference: str, base_dir: Path | None) -> ThemeEntry | None:
    if is_theme_file_reference(reference):
        return library.entry_for_file(theme_file_path(reference, base_dir))
    return library.get(reference)


def _by_color_depth(library: ThemeLibrary, color_depth: str) -> str:
    name = THEME_BY_COLOR_DEPTH.get(color_depth, "briefing-dark")
    if library.get(name) is None:
        return _LAST_RESORT_BY_COLOR_DEPTH.get(color_depth, "textual-dark")
    return name


def _unusable(library: ThemeLibrary, reference: str, base_dir: Path | None, what: str) -> str:
    if is_theme_file_reference(reference):
        path = theme_file_path(reference, base_dir)
        problems = [d for d in library.errors if _same_file_key(Path(d.place.path)) == _same_file_key(path)]
        if problems:
            return f"{what} file {reference} has errors (first: {problems[0]}); using another theme"
        return f"{what} file {reference} was not found; using another theme"
    if reference in library.broken:
        return f"{what} '{reference}' has errors; using another theme"
    return f"{what} '{reference}' is unknown{_suggestion(reference, library.names())}; using another theme"


def _cli_error(library: ThemeLibrary, reference: str) -> ThemeChoiceError:
    if is_theme_file_reference(reference):
        path = theme_file_path(reference, Path.cwd())
        problems = tuple(d for d in library.diagnostics if _same_file_key(Path(d.place.path)) == _same_file_key(path))
        if problems:
            return ThemeChoiceError(f"--theme {reference}: the theme file has errors", problems)
        return ThemeChoiceError(f"--theme {reference}: no such theme file")
    if reference in library.broken:
        return ThemeChoiceError(f"--theme {reference}: that theme's file has errors", library.problems_with(reference))
    names = ", ".join(library.names())
    return ThemeChoiceError(f"unknown theme '{reference}'{_suggestion(reference, library.names())}; available: {names}")


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
            outside.append(_error(deck_place or NOWHERE, f"theme file {deck_theme} is outside the deck's folder"))
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


# --------------------------------------------------------------------------- `briefing themes`


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
