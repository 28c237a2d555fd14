"""Which quotes are about an item and which items cite a source, for a whole deck at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..deck.model import Deck, Event, Incident, Quote

Citing = Incident | Event | Quote


@dataclass(frozen=True, slots=True)
class Lookups:
    """Same answers as ``Deck.quotes_about`` and ``Deck.citing``, computed in one pass.

    Those scan every quote on each call: asked once per incident (a handout) or once per
    move (the timeline's detail), that is quadratic on a 10,000-incident deck.
    """

    about: dict[str, tuple[Quote, ...]]
    citing: dict[str, tuple[Citing, ...]]

    def quotes_about(self, item_id: str) -> tuple[Quote, ...]:
        return self.about.get(item_id, ())

    def cited_by(self, source_id: str) -> tuple[Citing, ...]:
        return self.citing.get(source_id, ())


def lookups_for(deck: Deck) -> Lookups:
    about: dict[str, list[Quote]] = defaultdict(list)
    citing: dict[str, list[Citing]] = defaultdict(list)
    for quote in deck.quotes:
        for subject_id in dict.fromkeys(subject.id for subject in quote.about):
            about[subject_id].append(quote)
    for item in (*deck.incidents, *deck.events):
        for source_id in dict.fromkeys(source.id for source in item.sources):
            citing[source_id].append(item)
    for quote in deck.quotes:
        if quote.source is not None:
            citing[quote.source.id].append(quote)
    return Lookups({k: tuple(v) for k, v in about.items()}, {k: tuple(v) for k, v in citing.items()})
