"""The selected country's pane: its positions, people, incidents, claims and events.

Each section is a heading in one keyboard list; every entry stands for a deck item, so
enter can take the presenter to it. Entry keys are stable ids, so a reload keeps the
highlighted entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ....deck.model import Incident, Quote
from ....views.countries import ClaimMade, CountryFacts, PersonQuotes, QuestionStance
from ....views.labels import country_label
from .entries import (
    Block,
    claim_blocks,
    event_blocks,
    incident_blocks,
    person_blocks,
    position_blocks,
    quote_blocks,
)
from .entry_list import Entry, EntryList

T = TypeVar("T")
PREVIEW = 20
QUOTES_PREVIEW = 3

SECTIONS = (
    ("positions", "Positions"),
    ("people", "People and their quotes"),
    ("affected", "Incidents affecting it"),
    ("attributed", "Incidents attributed to it"),
    ("claims", "Claims and denials it made"),
    ("events", "Events it took part in"),
)


class CountryPane(Vertical):
    DEFAULT_CSS = """
    CountryPane { height: 1fr; }
    CountryPane #country-heading { height: 1; padding: 0 1; background: $panel; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="country-heading")
        yield EntryList(id="country-entries")

    @property
    def entries(self) -> EntryList:
        return self.query_one(EntryList)

    def show_country(
        self,
        facts: CountryFacts,
        groups: str,
        zone: tzinfo,
        keep: str | None = None,
        expanded: frozenset[str] = frozenset(),
    ) -> None:
        """Fill the pane for one country, highlighting the entry keyed ``keep`` if it is still there."""
        heading = self.query_one("#country-heading", Static)
        heading.update(
            Content.assemble(
                country_label(facts.country), (f" · {groups}", "not bold dim")
            )
        )
        self.entries.set_entries(country_entries(facts, zone, expanded), keep)

    def show_empty(self, text: str) -> None:
        """No country to show (an empty deck, or a filter that matches none): say why."""
        self.query_one("#country-heading", Static).update(Content(text))
        self.entries.set_entries([])


@dataclass(frozen=True, slots=True)
class ShowMore:
    """The target of a '… N more' entry: enter shows the rest of that section."""

    section: str


def country_entries(
    facts: CountryFacts, zone: tzinfo, expanded: frozenset[str] = frozenset()
) -> list[Entry]:
    """Every section with its entries, in the order the pane shows them.

    Long sections show their first PREVIEW items and a '… N more' entry, so stepping
    through the countries of a 10,000-incident deck stays quick; ``expanded`` lists the
    sections (or people, as ``person:<id>``) to show in full.
    """
    titles = dict(SECTIONS)

    def section(
        key: str,
        items: Sequence[T],
        make: Callable[[T], list[Entry]],
        preview: int = PREVIEW,
    ) -> list[Entry]:
        return [
            Entry.section(key, titles[key], len(items)),
            *_capped(key, items, make, expanded, preview),
        ]

    def person(said: PersonQuotes) -> list[Entry]:
        key = f"person:{said.person.id}"

        def quote(q: Quote) -> list[Entry]:
            return [
                Entry(
                    f"{key}:quote:{q.id}",
                    quote_blocks(q, zone, speaker=False),
                    target=q,
                )
            ]

        head = Entry(
            key, person_blocks(said.person, len(said.quotes)), target=said.person
        )
        return [head, *_capped(key, said.quotes, quote, expanded, QUOTES_PREVIEW)]

    def claim(made: ClaimMade) -> list[Entry]:
        number = made.incident.claims.index(made.claim)
        return [
            Entry(f"claim:{made.incident.id}:{number}", claim_blocks(made), target=made)
        ]

    def incident(key: str) -> Callable[[Incident], list[Entry]]:
        return lambda i: [
            Entry(f"{key}:{i.id}", incident_blocks(i, zone), target=i)
        ]

    entries = [Entry.section("positions", titles["positions"], len(facts.positions))]
    if not facts.stances:
        entries.append(Entry.note("no-questions", "This deck asks no questions."))
    entries += _capped(
        "positions",
        facts.stances,
        lambda s: _stance_entries(s, zone),
        expanded,
        PREVIEW,
    )
    entries += section("people", facts.people, person)
    entries += section("affected", facts.affected, incident("affected"))
    entries += section("attributed", facts.attributed, incident("attributed"))
    entries += section("claims", facts.claims, claim)
    entries += section(
        "events",
        facts.events,
        lambda e: [Entry(f"event:{e.id}", event_blocks(e, zone), target=e)],
    )
    return entries


def _stance_entries(stance: QuestionStance, zone: tzinfo) -> list[Entry]:
    """The position (or its absence) on one question, then the quotes that back it."""
    key = f"position:{stance.question.id}"
    entries = [
        Entry(
            key,
            position_blocks(stance.question, stance.position, zone),
            target=stance,
        )
    ]
    if stance.position is not None:
        entries += [
            Entry(f"{key}:quote:{q.id}", quote_blocks(q, zone), target=q)
            for q in stance.position.quotes
        ]
    return entries


def _capped(
    section: str,
    items: Sequence[T],
    make: Callable[[T], list[Entry]],
    expanded: frozenset[str],
    preview: int,
) -> list[Entry]:
    """Entries for the first ``preview`` items and a '… N more' entry, unless the section is expanded."""
    shown = (
        items if section in expanded or len(items) <= preview + 1 else items[:preview]
    )
    entries = [entry for item in shown for entry in make(item)]
    hidden = len(items) - len(shown)
    if hidden:
        text = Content.styled(f"… {hidden} more: enter shows them all", "italic")
        entries.append(
            Entry(f"more:{section}", [Block(text, 2)], target=ShowMore(section))
        )
    return entries
