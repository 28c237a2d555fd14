"""The words and glyphs that name deck things, the same on every screen and in every handout.

Everything returned is plain, unescaped text: a screen wraps it in ``Content`` or ``Text``
(never markup) and each export escapes it for its own syntax.
"""

from __future__ import annotations

from ..deck.model import (
    CREDIBILITY_WORDS,
    RELIABILITY_WORDS,
    Claim,
    Country,
    Event,
    Incident,
    Item,
    Person,
    Position,
    Question,
    Quote,
    Source,
    Speaker,
    Stance,
    Status,
)
from .dates import DateText
from .text import one_line

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

NO_STANCE = "no position"


# --------------------------------------------------------------------------- countries and people


def country_label(country: Country) -> str:
    """'Estonia (EE)'; an organisation whose name is its code is just 'NATO'."""
    name = one_line(country.name)
    return name if name == country.code else f"{name} ({country.code})"


def countries_label(countries: tuple[Country, ...]) -> str:
    return ", ".join(country_label(country) for country in countries)


def speaker_label(speaker: Speaker) -> str:
    """Name, role and country of whoever said something: 'Gitanas Nausėda, President of
    Lithuania' (the role already names the country), 'Kaja Kallas, Estonia', 'Russia (RU)'."""
    if isinstance(speaker, Country):
        return country_label(speaker)
    parts = [one_line(speaker.name)]
    if speaker.role:
        parts.append(one_line(speaker.role))
    if speaker.country is not None and (not speaker.role or speaker.country.name not in speaker.role):
        parts.append(one_line(speaker.country.name))
    return ", ".join(parts)


def claimant(claim: Claim) -> Country | None:
    """The country a claim speaks for: the country itself, or the speaker's country."""
    by = claim.by
    return by if isinstance(by, Country) else by.country


def claim_side(claim: Claim, actor: Country | None) -> str:
    """'actor' when the claim comes from the side the incident is attributed to, else 'other'."""
    if actor is None:
        return "other"
    country = claimant(claim)
    return "actor" if country is not None and country.code == actor.code else "other"


def stance_label(stance: Stance | None) -> str:
    return stance.value if stance is not None else NO_STANCE


# --------------------------------------------------------------------------- items


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


def citing_label(item: Incident | Event | Quote, date_text: DateText) -> str:
    """How an item that cites a source is named in a sources list: 'incident: Three MiG-31 ...'."""
    if isinstance(item, Quote):
        when = f", {date_text(item.when)}" if item.when is not None else ""
        return f"quote by {one_line(item.speaker.name)}{when}"
    return f"{kind_of(item)}: {one_line(item.title)}"


# --------------------------------------------------------------------------- quotes


def quote_attribution(quote: Quote, date_text: DateText) -> str:
    """'Gitanas Nausėda, President of Lithuania; 22 September 2025; Interview in New York'."""
    parts = [speaker_label(quote.speaker)]
    if quote.when is not None:
        parts.append(date_text(quote.when))
    if quote.where:
        parts.append(one_line(quote.where))
    return "; ".join(parts)


def quote_source(quote: Quote) -> str | None:
    return one_line(quote.source.title) if quote.source is not None else None


def quote_subjects(quote: Quote) -> str:
    return "; ".join(f"{subject.kind} {one_line(subject.title)}" for subject in quote.about)


# --------------------------------------------------------------------------- sources and grades


def source_grade(source: Source, credibility: int | None = None) -> str:
    """The bare Admiralty grade, 'B2', or 'ungraded': where a line has room for no more."""
    return source.grade(credibility) or "ungraded"


def grade_text(source: Source, credibility: int | None) -> str | None:
    """'B2 (usually reliable, probably true)': the Admiralty grade with what it means."""
    grade = source.grade(credibility)
    if not grade:
        return None
    words = [RELIABILITY_WORDS.get(source.reliability or "", ""), CREDIBILITY_WORDS.get(credibility or 0, "")]
    meaning = ", ".join(word for word in words if word)
    return f"{grade} ({meaning})" if meaning else grade


def grade_phrase(source: Source, credibility: int | None) -> str:
    """'grade B2 (usually reliable, probably true)', or 'ungraded'."""
    grade = grade_text(source, credibility)
    return f"grade {grade}" if grade else "ungraded"


def graded_source(source: Source, credibility: int | None = None) -> str:
    """'Bloomberg B2 (usually reliable, probably true)': a source as a detail names it, its
    grade with what the grade means beside it, so an audience reads how far to trust it."""
    name = one_line(source.publisher or source.title)
    return f"{name} {grade_text(source, credibility) or 'ungraded'}"


def admiralty_scale() -> tuple[str, str]:
    """The whole Admiralty scale in words, the source's reliability then the information's
    credibility, for a legend: 'Reliability: A completely reliable, B usually reliable, …'."""
    reliability = ", ".join(f"{letter} {words}" for letter, words in RELIABILITY_WORDS.items())
    credibility = ", ".join(f"{digit} {words}" for digit, words in CREDIBILITY_WORDS.items())
    return f"Reliability: {reliability}", f"Credibility: {credibility}"


def reliability_text(source: Source) -> str:
    """The source's own reliability for a sources list: 'B (usually reliable)'."""
    return grade_text(source, None) or "not graded"


def source_details(source: Source, date_text: DateText) -> str:
    """'Bloomberg, 25 September 2025': who published it and when, as far as the deck says."""
    parts = []
    if source.publisher:
        parts.append(one_line(source.publisher))
    if source.date is not None:
        parts.append(date_text(source.date))
    return ", ".join(parts)


def as_of_text(position: Position, date_text: DateText) -> str:
    """' (as of 25 September 2025)' when the position is dated, else ''."""
    return f" (as of {date_text(position.as_of)})" if position.as_of is not None else ""
