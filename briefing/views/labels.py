"""The words and glyphs that name deck things, the same on every screen and in every handout.

Everything returned is plain, unescaped text: a screen wraps it in ``Content`` or ``Text``
(never markup) and each export escapes it for its own syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
from .dates import DateText, is_uncertain, span_text
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
    """Name, role and country of whoever said something, each said once: 'Gitanas Nausėda,
    President of Lithuania' (the role already names the country), 'Kaja Kallas, Estonia',
    'UK government spokesperson' (role and country restate the name), 'Russia (RU)'."""
    if isinstance(speaker, Country):
        return country_label(speaker)
    parts = [one_line(speaker.name)]
    role = one_line(speaker.role or "")
    if role and not _restates(role, parts[0], speaker.country):
        parts.append(role)
    if speaker.country is not None and not names_country(" ".join(parts), speaker.country):
        parts.append(one_line(speaker.country.name))
    return ", ".join(parts)


_WORD = re.compile(r"\w+")
_FILLER_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "the", "to"})


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)} - _FILLER_WORDS


def _restates(role: str, name: str, country: Country | None) -> bool:
    """Whether the role adds nothing to the name: every word of it is in the name, or names
    the speaker's country (which the label gives anyway)."""
    known = _words(name) | (_words(country.name) if country is not None else set())
    return _words(role) <= known


def names_country(text: str, country: Country) -> bool:
    """Whether ``text`` already names ``country``: its name at the start of a word ('Russian
    Ambassador' names Russia), its code ('US President') or the initials of a name of
    several words ('UK government' names the United Kingdom)."""
    name = one_line(country.name)
    if name and re.search(r"(?<!\w)" + re.escape(name), text, re.IGNORECASE):
        return True
    words = set(_WORD.findall(text))
    initials = "".join(word[0] for word in name.split()).upper()
    return country.code in words or (len(initials) > 1 and initials in words)


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


@dataclass(frozen=True, slots=True)
class ClaimSide:
    """The claims (and denials) one side makes about an incident, under the words that name it."""

    side: str
    heading: str
    claims: tuple[Claim, ...]


def claims_by_side(incident: Incident) -> tuple[ClaimSide, ...]:
    """Others' claims first, then the actor's own, each in deck order; a side with no claims
    is left out. With no actor named every claim is on one side, headed 'Claims'."""
    sides: dict[str, list[Claim]] = {"other": [], "actor": []}
    for claim in incident.claims:
        sides[claim_side(claim, incident.actor)].append(claim)
    return tuple(ClaimSide(side, side_heading(side, incident.actor), tuple(claims)) for side, claims in sides.items() if claims)


def side_heading(side: str, actor: Country | None) -> str:
    """'Russia says' for the actor's side, 'Others say' for the rest, 'Claims' with no actor."""
    if actor is None:
        return "Claims"
    return f"{one_line(actor.name)} says" if side == "actor" else "Others say"


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
        when = span_text(item.when, None, date_text)
        return f"quote by {one_line(item.speaker.name)}{', ' + when if when else ''}"
    return f"{kind_of(item)}: {one_line(item.title)}"


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled line of what is known about an item: 'When', '19 September 2025'."""

    label: str
    value: str


def _facts(pairs: tuple[tuple[str, str | None], ...]) -> tuple[Fact, ...]:
    return tuple(Fact(label, value) for label, value in pairs if value)


def incident_facts(incident: Incident, date_text: DateText) -> tuple[Fact, ...]:
    """An incident's facts in the order and with the labels of its slide; absent ones left out."""
    return _facts(
        (
            ("When", span_text(incident.when, incident.until, date_text)),
            ("Where", incident.where and one_line(incident.where)),
            ("Affected", countries_label(incident.countries)),
            ("Actor", incident.actor and country_label(incident.actor)),
            ("Kind", incident.kind and one_line(incident.kind)),
            ("Assets", incident.assets and one_line(incident.assets)),
            ("Duration", incident.duration and one_line(incident.duration)),
            ("Response", incident.response and one_line(incident.response)),
            ("Status", incident.status and incident.status.value),
            ("Tags", ", ".join(one_line(tag) for tag in incident.tags)),
        )
    )


def event_facts(event: Event, date_text: DateText) -> tuple[Fact, ...]:
    """An event's facts besides its title: when, where, the countries concerned, kind, tags."""
    return _facts(
        (
            ("When", span_text(event.when, event.until, date_text)),
            ("Where", event.where and one_line(event.where)),
            ("Countries", countries_label(event.countries)),
            ("Kind", event.kind and one_line(event.kind)),
            ("Tags", ", ".join(one_line(tag) for tag in event.tags)),
        )
    )


# --------------------------------------------------------------------------- quotes


def quote_label(number: int) -> str:
    """A quote's short label, 'Q7': its place in the deck's quotes, counted from 1."""
    return f"Q{number}"


def quote_attribution(quote: Quote, date_text: DateText) -> str:
    """'Gitanas Nausėda, President of Lithuania; 22 September 2025; Interview in New York'."""
    parts = [speaker_label(quote.speaker), span_text(quote.when, None, date_text), quote.where and one_line(quote.where)]
    return "; ".join(part for part in parts if part)


def quote_reference(quote: Quote, label: str, short_date: DateText) -> str:
    """'Q7 (Donald Tusk, 22 Sep 2025)': enough to find the quote where it is given in full.

    A window date ('22–25 Sep') is left out: here it would read as a span of days."""
    details = [one_line(quote.speaker.name)]
    if quote.when is not None and not is_uncertain(quote.when):
        details.append(short_date(quote.when))
    return f"{label} ({', '.join(details)})"


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


def source_label(number: int) -> str:
    """A source's short label, 'S1': its place in the deck's sources, counted from 1."""
    return f"S{number}"


SHORT_TITLE = 40
"""At most this many characters of a title name a source that has no publisher."""


def source_cite(source: Source, label: str | None, credibility: int | None = None) -> str:
    """'S1 Bloomberg, B2': a source named short, with its grade, where it is cited; the full
    reference (title, date, address) is given once, in the list of sources. Without a
    publisher the title names it, cut short at a word: 'S2 Wire report on the Moscow …, C'."""
    name = one_line(source.publisher) if source.publisher else short_title(source.title)
    return f"{' '.join(part for part in (label, name) if part)}, {source_grade(source, credibility)}"


def short_title(title: str, most: int = SHORT_TITLE) -> str:
    """A title cut at the last word that fits ``most`` characters, with '…' when cut."""
    text = one_line(title)
    if len(text) <= most:
        return text
    head = text[: most - 1].rsplit(" ", 1)[0] if " " in text[: most - 1] else text[: most - 1]
    return head.rstrip(" ,;:.-—") + "…"


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
