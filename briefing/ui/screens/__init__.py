"""The deck screens, each reached by a number key, in DESIGN's order.

A screen's module is imported the first time the presenter opens it, not at start-up:
only the first screen stands between the command and its first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from ...deck.model import Country, Event, Incident, Person, Position, Question, Quote, Source
from ..startup import mark_styled

if TYPE_CHECKING:
    from .base import DeckScreen


@dataclass(frozen=True)
class ScreenSpec:
    key: str
    name: str
    title: str
    module: str
    class_name: str
    handles: tuple[type, ...]
    """The model types this screen shows: `open_item` routes them here."""

    def screen_class(self) -> type[DeckScreen]:
        return getattr(import_module(self.module, __package__), self.class_name)

    def make_screen(self) -> DeckScreen:
        return mark_styled(self.screen_class()())


SCREEN_SPECS: tuple[ScreenSpec, ...] = (
    ScreenSpec("1", "brief", "Brief", ".brief", "BriefScreen", (Incident,)),
    ScreenSpec("2", "timeline", "Timeline", ".timeline", "TimelineScreen", (Event,)),
    ScreenSpec("3", "countries", "Countries", ".countries", "CountriesScreen", (Country, Person)),
    ScreenSpec("4", "positions", "Positions", ".positions", "PositionsScreen", (Question, Position)),
    ScreenSpec("5", "quotes", "Quotes", ".quotes", "QuotesScreen", (Quote,)),
    ScreenSpec("6", "sources", "Sources", ".sources", "SourcesScreen", (Source,)),
)

SCREEN_NAMES = tuple(spec.name for spec in SCREEN_SPECS)
