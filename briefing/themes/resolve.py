"""``extends`` followed over every theme: the Textual themes briefing registers, made from files.

Themes come from four layers, later ones replacing earlier ones of the same name:
Textual's own, the built-ins, the user's folder, and files named by the deck or ``--theme``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme

from briefing.deck.model import Diagnostic
from briefing.deck.suggest import closest, did_you_mean
from briefing.deck.text import printable

from .colors import THEME_COLOR_KEYS, derive_briefing_variables, relative_luminance
from .files import Origin, ThemeFile, error_at, warning_at

ALIASES = {"dark": "briefing-dark", "light": "briefing-light"}
"""Short names a deck or the command line may use (the design's example says ``theme: dark``)."""

LAYER: dict[str, int] = {"textual": 0, "built-in": 1, "user": 2, "deck": 3, "file": 4}

@dataclass(frozen=True, slots=True)
class ThemeEntry:
    """A theme ready to register: where it came from and the Textual theme it makes."""

    name: str
    origin: Origin
    path: Path | None
    dark: bool
    theme: Theme


@dataclass(frozen=True, slots=True, eq=False)
class Candidate:
    name: str
    origin: Origin
    file: ThemeFile | None = None
    textual: Theme | None = None

    @property
    def layer(self) -> int:
        return LAYER[self.origin]


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


class Resolver:
    """Resolves ``extends`` chains over every candidate, reporting unknown names and cycles.

    A theme extends the strongest theme of that name in its own layer or below (a built-in
    never depends on a user's file); ``extends`` naming the theme's own name means the one it
    replaces, so a user's ``briefing-dark.yaml`` can tweak the built-in.
    """

    def __init__(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self.specs: dict[int, _Spec | None] = {}
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[Candidate] = []
        self.in_cycle: set[int] = set()

    def spec(self, candidate: Candidate) -> _Spec | None:
        key = id(candidate)
        if key not in self.specs:
            self.stack.append(candidate)
            self.specs[key] = self._resolve(candidate)
            self.stack.pop()
        return self.specs[key]

    def _resolve(self, candidate: Candidate) -> _Spec | None:
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

    def _base_of(self, candidate: Candidate) -> Candidate | None:
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
            hint = did_you_mean(closest(file.extends, names)) or " (briefing themes lists the names)"
            self._report(file, f"unknown theme '{file.extends}' to extend{hint}")
            return None
        base = max(visible, key=lambda other: other.layer)
        on_stack = [index for index, member in enumerate(self.stack) if member is base]
        if on_stack:
            self._report_cycle(self.stack[on_stack[0]:])
            return None
        return base

    def _report_cycle(self, cycle: list[Candidate]) -> None:
        """One error per member, at its own ``extends``, with the chain starting from it."""
        names = [member.name for member in cycle]
        for index, member in enumerate(cycle):
            chain = " -> ".join([*names[index:], *names[:index], member.name])
            self.in_cycle.add(id(member))
            self._report(member.file, f"extends makes a cycle: {chain}")
            self.specs[id(member)] = None

    def _report(self, file: ThemeFile, message: str) -> None:
        self.diagnostics.append(error_at(file.places.get("extends", file.place), message))


def _where(candidate: Candidate) -> str:
    return printable(str(candidate.file.path)) if candidate.file else candidate.origin


def build_entry(candidate: Candidate, spec: _Spec) -> tuple[ThemeEntry, list[Diagnostic]]:
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
    return [warning_at(file.places.get("dark", file.places.get("background", file.place)), message)]


def file_candidates(files: list[ThemeFile], diagnostics: list[Diagnostic]) -> list[Candidate]:
    """One candidate per good name; a second file with the same name and origin is an error."""
    first: dict[tuple[str, str], ThemeFile] = {}
    candidates = []
    for file in files:
        if file.name is None or not file.ok:
            continue
        key = (file.origin, file.name)
        if key in first:
            where = first[key].places.get("name", first[key].place)
            diagnostics.append(error_at(file.places.get("name", file.place), f"theme '{file.name}' is already defined at {where}"))
            continue
        first[key] = file
        candidates.append(Candidate(file.name, file.origin, file=file))
    return sorted(candidates, key=lambda candidate: candidate.layer)
