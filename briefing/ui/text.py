"""Turning deck values into display text: labels, glyphs, and markup-safe Content.

Deck text is untrusted, so everything here builds :class:`Content` from plain strings;
nothing from a deck is ever parsed as markup. The loader has already removed control
characters, and Content strips the few that remain harmless-but-messy.
"""

from __future__ import annotations

from textual.content import Content

from ..deck.model import (
    Claim,
    Country,
    DatePoint,
    Event,
    Incident,
    Item,
    Person,
    Position,
    Question,
    Quote,
    Source,
    Stance,
    Status,
)

STANCE_GLYPHS: dict[Stance | None, str] = {
    Stance.SUPPORT: "✔",
    Stance.OPPOSE: "✘",
    Stance.CAUTIOUS: "◐",
    Stance.UNDECIDED: "?",
    None: "·",
}

STATUS_GLYPHS: dict[Status | None, str] = {
    Status.CONFIRMED: "●",
    Status.DISPUTED: "◐",
    Status.DENIED: "✘",
    Status.UNVERIFIED: "○",
    None: " ",
}


def plain(text: str | None) -> Content:
    """Deck text as inert Content: brackets, dollars and all show literally."""
    return Content(text or "")


def when_text(point: DatePoint | None, until: DatePoint | None = None) -> str:
    """A date (and optional end) at the precision the deck gave, or 'undated'."""
    if point is None:
        return "undated"
    if until is None or until == point:
        return point.format()
    return f"{point.format()} – {until.format()}"


def country_label(country: Country) -> str:
    return f"{country.name} ({country.code})"


def countries_label(countries: tuple[Country, ...]) -> str:
    return ", ".join(country_label(c) for c in countries)


def speaker_label(speaker: Country | Person) -> str:
    """Name, role and country of whoever said something."""
    if isinstance(speaker, Country):
        return country_label(speaker)
    parts = [speaker.name]
    if speaker.role:
        parts.append(speaker.role)
    if speaker.country is not None and (not speaker.role or speaker.country.name not in speaker.role):
        parts.append(speaker.country.name)
    return ", ".join(parts)


def claim_side(claim: Claim, actor: Country | None) -> str:
    """'actor' when the claim comes from the side the incident is attributed to."""
    if actor is None:
        return "other"
    by = claim.by
    country = by if isinstance(by, Country) else by.country
    return "actor" if country is not None and country.code == actor.code else "other"


def source_grade(source: Source, credibility: int | None = None) -> str:
    return source.grade(credibility) or "ungraded"


def kind_of(item: Item) -> str:
    """A one-word name for an item's kind, as a user would say it."""
    return {
        Incident: "incident",
        Event: "event",
        Quote: "quote",
        Question: "question",
        Source: "source",
        Country: "country",
        Person: "person",
        Position: "position",
    }.get(type(item), "item")


def item_title(item: Item) -> str:
    """The line a list shows for an item."""
    if isinstance(item, Quote):
        return f"{item.speaker.name}: “{item.text}”"
    if isinstance(item, (Country, Person)):
        return item.name
    if isinstance(item, Position):
        return f"{item.country.name}: {item.stance.value}"
    return item.title


def item_id(item: Item) -> str:
    if isinstance(item, Country):
        return item.code
    if isinstance(item, Position):
        return f"{item.question_id}:{item.country.code}"
    return item.id
