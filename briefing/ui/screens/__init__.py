"""The deck screens, each reached by a number key, in DESIGN's order."""

from __future__ import annotations

from dataclasses import dataclass

from .base import DeckScreen
from .brief import BriefScreen
from .countries import CountriesScreen
from .positions import PositionsScreen
from .quotes import QuotesScreen
from .sources import SourcesScreen
from .timeline import TimelineScreen


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    name: str
    title: str
    screen: type[DeckScreen]


SCREEN_SPECS: tuple[ScreenSpec, ...] = (
    ScreenSpec("1", "brief", "Brief", BriefScreen),
    ScreenSpec("2", "timeline", "Timeline", TimelineScreen),
    ScreenSpec("3", "countries", "Countries", CountriesScreen),
    ScreenSpec("4", "positions", "Positions", PositionsScreen),
    ScreenSpec("5", "quotes", "Quotes", QuotesScreen),
    ScreenSpec("6", "sources", "Sources", SourcesScreen),
)

SCREEN_NAMES = tuple(spec.name for spec in SCREEN_SPECS)
