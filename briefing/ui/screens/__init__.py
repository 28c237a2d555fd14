"""The deck screens, each reached by a number key, in DESIGN's order."""

from __future__ import annotations

from dataclasses import dataclass

from .base import DeckScreen
from .brief import BriefScreen
from .sources import SourcesScreen


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    name: str
    title: str
    screen: type[DeckScreen]


SCREEN_SPECS: tuple[ScreenSpec, ...] = (
    ScreenSpec("1", "brief", "Brief", BriefScreen),
    ScreenSpec("6", "sources", "Sources", SourcesScreen),
)

SCREEN_NAMES = tuple(spec.name for spec in SCREEN_SPECS)
