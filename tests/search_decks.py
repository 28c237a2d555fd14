"""Small decks for the quote search tests, built from model objects directly."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

from briefing.deck.dates import parse_date
from briefing.deck.model import (
    Country,
    DatePoint,
    Deck,
    Person,
    Place,
    Quote,
    Source,
    Subject,
)

PLACE = Place("t.yaml", 1, 1)

LITHUANIA = Country("LT", "Lithuania", PLACE)
POLAND = Country("PL", "Poland", PLACE)
RUSSIA = Country("RU", "Russia", PLACE)
NAUSEDA = Person("nauseda", "Gitanas Nausėda", PLACE, "President of Lithuania", LITHUANIA)
TUSK = Person("tusk", "Donald Tusk", PLACE, "Prime Minister of Poland", POLAND)
MESHKOV = Person("meshkov", "Alexey Meshkov", PLACE, "Russian Ambassador to France", RUSSIA)
ARTICLE = Source(
    "article", "Europeans Privately Tell Russia They're Ready To Shoot Down Jets", PLACE, publisher="Bloomberg"
)
RADIO = Source("rtl", "Interview on RTL", PLACE, publisher="RTL")
SHOOT_DOWN = Subject("question", "shoot-down", "Shoot down Russian aircraft that violate NATO airspace?", PLACE)
ESTONIA_MIG31 = Subject("incident", "estonia-mig31", "Three MiG-31 jets enter Estonian airspace", PLACE)


def when(text: str) -> DatePoint:
    return parse_date(text, tz=timezone.utc)


def quote(
    identifier: str,
    text: str,
    date: str | None = None,
    *,
    by: Person = NAUSEDA,
    where: str | None = None,
    source: Source | None = None,
    about: tuple[Subject, ...] = (),
) -> Quote:
    return Quote(identifier, by, text, PLACE, when(date) if date else None, where, source, about)


def deck_of(*quotes: Quote, timezone_name: str = "UTC") -> Deck:
    people = tuple({q.speaker.id: q.speaker for q in quotes}.values())
    return Deck("Test deck", Path("t.yaml"), PLACE, timezone=timezone_name, people=people, quotes=quotes)


def example_quotes() -> tuple[Quote, ...]:
    """Quotes in the style of the example deck, with the accents and curly quotes it has."""
    return (
        quote(
            "nauseda-testing",
            "Russia is testing us, testing our preparedness, testing our commitment to retaliate.",
            "2025-09-22",
            where="Interview in New York, on the sidelines of the UN General Assembly",
            source=ARTICLE,
            about=(SHOOT_DOWN,),
        ),
        quote(
            "meshkov-war",
            "If NATO shoots down a Russian plane under the pretext of an alleged violation of its airspace, "
            "this will be war.",
            "2025-09-25",
            by=MESHKOV,
            where="Broadcast on the French radio station RTL",
            source=RADIO,
            about=(SHOOT_DOWN,),
        ),
        quote(
            "tusk-territory",
            "We will shoot down objects when they violate our territory — it’s “not up for discussion”.",
            "2025-09",
            by=TUSK,
            where="Warsaw",
            source=ARTICLE,
            about=(SHOOT_DOWN, ESTONIA_MIG31),
        ),
        quote("tusk-nauseda", "Nausėda was right: Russia’s jets were testing NATO’s resolve.", None, by=TUSK),
        quote("nauseda-solidarity", "I think it’s very important to show the solidarity.", "2025-09-22"),
    )


def ids(result) -> list[str]:
    return [hit.quote.id for hit in result.hits]


def highlighted(hit) -> list[str]:
    return [hit.quote.text[start:end] for start, end in hit.spans]
