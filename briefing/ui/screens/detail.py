"""A modal with every field of one item: for items no screen shows in full (yet), and sources.

It is projected, so it never names the file an item is written in: that is the presenter's
business (`e`, `briefing validate`, the notes pane).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...deck.model import Country, Deck, Event, Incident, Item, Person, Position, Question, Quote, Source
from ...views.dates import when_text
from ...views.labels import countries_label, graded_source, item_title, kind_of, reliability_text, speaker_label
from ..widgets.brief.facts import Facts
from .window import WindowScreen


class DetailScreen(WindowScreen[None]):
    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    DetailScreen > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    DetailScreen #detail-title { text-style: bold; color: $primary; }
    DetailScreen #detail-kind { color: $text-muted; }
    DetailScreen Facts { margin: 0; }
    """
    BINDINGS = [Binding("escape,q,enter", "close", "Close")]

    def __init__(self, deck: Deck, item: Item) -> None:
        super().__init__()
        self.deck = deck
        self.item = item

    def compose_window(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Content(kind_of(self.item).capitalize()), id="detail-kind")
            yield Static(Content(item_title(self.item)), id="detail-title")
            yield Facts(detail_rows(self.deck, self.item))

    def action_close(self) -> None:
        self.dismiss(None)


def detail_rows(deck: Deck, item: Item) -> list[tuple[str, str | None]]:
    """Every field worth reading for any kind of item."""
    if isinstance(item, Quote):
        return [
            ("Said by", speaker_label(item.speaker)),
            ("When", when_text(item.when)),
            ("Where", item.where),
            ("Source", f"{item.source.title} — {graded_source(item.source)}" if item.source else None),
            ("About", "; ".join(f"{s.kind} {s.title}" for s in item.about) or None),
        ]
    if isinstance(item, Event):
        return [
            ("When", when_text(item.when, item.until)),
            ("Where", item.where),
            ("Countries", countries_label(item.countries) or None),
            ("Kind", item.kind),
            ("Summary", item.summary),
            ("Sources", "; ".join(f"{s.title} — {graded_source(s)}" for s in item.sources) or None),
        ]
    if isinstance(item, Source):
        cited = deck.citing(item.id)
        return [
            ("Publisher", item.publisher),
            ("Date", when_text(item.date) if item.date else None),
            ("Reliability", reliability_text(item)),
            ("URL", item.url),
            ("Cited by", f"{len(cited)} item{'s' if len(cited) != 1 else ''}"),
        ]
    if isinstance(item, Person):
        return [("Role", item.role), ("Country", item.country.name if item.country else None)]
    if isinstance(item, Country):
        return [("Code", item.code), ("Groups", ", ".join(item.groups) or None)]
    if isinstance(item, Question):
        return [(p.country.name, f"{p.stance.value}: {p.summary or ''}".rstrip(": ")) for p in item.positions]
    if isinstance(item, Position):
        return [("Stance", item.stance.value), ("Summary", item.summary), ("As of", when_text(item.as_of) if item.as_of else None)]
    if isinstance(item, Incident):
        sources = "; ".join(f"{s.title} — {graded_source(s, item.credibility)}" for s in item.sources)
        return [
            ("When", when_text(item.when, item.until)),
            ("Where", item.where),
            ("Sources", sources or None),
            ("Summary", item.summary),
        ]
    return []
