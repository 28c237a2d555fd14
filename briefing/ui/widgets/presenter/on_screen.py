"""What the audience sees now, for the presenter view: the screen, the item and its facts.

Not the slide itself: at 80×24 the presenter view must also hold the notes and the next
slide, so the item on screen is its kind, title and the few facts a presenter glances at
(when, where, status, grade), drawn from the same `views/` labels as the slide.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from ....deck.model import Deck, Event, Incident, Item
from ....session import Place
from ....session.drive import current_item, slide_number
from ....views.dates import date_text_for
from ....views.labels import event_facts, incident_facts, item_title, kind_of
from ..brief.facts import facts_table

GLANCE_FACTS = ("When", "Where", "Status", "Actor")
"""The facts a presenter glances at; the slide on the projector has the rest."""


class OnScreen(Static):
    """The item the audience sees now (or the title slide), with a few facts."""

    DEFAULT_CSS = """
    OnScreen { height: auto; padding: 0 1; }
    """

    def show(self, deck: Deck, place: Place) -> None:
        self.update(on_screen(deck, place))


def on_screen(deck: Deck, place: Place) -> Group:
    """The lines: a kind line, the title in bold, then the facts as label/value rows."""
    item = current_item(deck, place)
    if item is None and place.screen == "brief":
        kind, title = "Title slide", deck.title
    elif item is None:
        kind, title = "Nothing selected", ""
    else:
        kind, title = kind_of(item).capitalize(), item_title(item)
    lines = [Text(kind, style="dim"), Text(" ".join(title.split()), style="bold")]
    rows = glance_rows(deck, item)
    if rows:
        lines.append(facts_table(rows))
    return Group(*lines)


def glance_rows(deck: Deck, item: Item | None) -> list[tuple[str, str | None]]:
    date_text = date_text_for(deck)
    if isinstance(item, Incident):
        facts = [(f.label, f.value) for f in incident_facts(item, date_text) if f.label in GLANCE_FACTS]
        return facts + [("Grade", ", ".join(grade for grade in item.grades() if grade) or None)]
    if isinstance(item, Event):
        return [(f.label, f.value) for f in event_facts(item, date_text) if f.label in GLANCE_FACTS]
    return []


def location_text(deck: Deck, place: Place, titles: dict[str, str]) -> str:
    """Where the audience is, as the presenter's header says it: 'Brief 3/7', 'Timeline'."""
    if place.screen == "brief":
        where = f"Brief {slide_number(deck, place) + 1}/{len(deck.incidents) + 1}"
    else:
        where = titles.get(place.screen, place.screen)
    return f"{where} · blank" if place.blank else where
