"""What a deck says about each country: facts, groups, the countries filter, comparisons.

The countries screen, the positions matrix (``briefing.views.matrix``) and the handouts read
everything through here, so the rules (what counts as a country's quote, who is in a group)
are plain Python, tested without a screen. Facts for every country come from one pass over
the deck: a 10,000-incident deck costs one walk, not one walk per country.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..deck.model import Claim, Country, Deck, Event, Incident, Person, Position, Question, Quote, Stance
from .filter import FilterQuery, FilterTerm, starts_a_word
from .labels import claimant

NO_GROUP = "no group"
FILTER_FIELDS = ("group",)


@dataclass(frozen=True, slots=True)
class CountryCounts:
    """The four numbers the country list shows beside each country."""

    affected: int
    attributed: int
    quotes: int
    positions: int

    @property
    def any(self) -> bool:
        """Whether the list has anything to say of the country beyond its name."""
        return bool(self.affected or self.attributed or self.quotes or self.positions)



@dataclass(frozen=True, slots=True)
class QuestionStance:
    """A country's position on one question, or ``position=None`` when it has none."""

    question: Question
    position: Position | None

    @property
    def stance(self) -> Stance | None:
        return self.position.stance if self.position is not None else None


@dataclass(frozen=True, slots=True)
class PersonQuotes:
    person: Person
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class ClaimMade:
    """A claim (or denial) with the incident it is about, since a Claim does not know it."""

    incident: Incident
    claim: Claim


@dataclass(frozen=True, slots=True)
class CountryFacts:
    """Everything in a deck that concerns one country, each list in deck order."""

    country: Country
    stances: tuple[QuestionStance, ...]
    people: tuple[PersonQuotes, ...]
    affected: tuple[Incident, ...]
    attributed: tuple[Incident, ...]
    claims: tuple[ClaimMade, ...]
    events: tuple[Event, ...]

    @property
    def positions(self) -> tuple[Position, ...]:
        return tuple(s.position for s in self.stances if s.position is not None)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Quotes by the country's people: a quote is always said by a person."""
        return tuple(q for entry in self.people for q in entry.quotes)

    @property
    def counts(self) -> CountryCounts:
        return CountryCounts(
            affected=len(self.affected),
            attributed=len(self.attributed),
            quotes=sum(len(entry.quotes) for entry in self.people),
            positions=len(self.positions),
        )


def claimant_code(claim: Claim) -> str | None:
    country = claimant(claim)
    return country.code if country is not None else None


def country_facts(deck: Deck) -> dict[str, CountryFacts]:
    """Facts for every declared country, by code, built in one pass over the deck."""
    people: dict[str, list[Person]] = defaultdict(list)
    for person in deck.people:
        if person.country is not None:
            people[person.country.code].append(person)
    quotes_by_person: dict[str, list[Quote]] = defaultdict(list)
    for quote in deck.quotes:
        quotes_by_person[quote.speaker.id].append(quote)
    affected: dict[str, list[Incident]] = defaultdict(list)
    attributed: dict[str, list[Incident]] = defaultdict(list)
    claims: dict[str, list[ClaimMade]] = defaultdict(list)
    for incident in deck.incidents:
        for code in _unique_codes(incident.countries):
            affected[code].append(incident)
        if incident.actor is not None:
            attributed[incident.actor.code].append(incident)
        for claim in incident.claims:
            code = claimant_code(claim)
            if code is not None:
                claims[code].append(ClaimMade(incident, claim))
    events: dict[str, list[Event]] = defaultdict(list)
    for event in deck.events:
        for code in _unique_codes(event.countries):
            events[code].append(event)
    cells = positions_by_cell(deck)
    return {
        country.code: CountryFacts(
            country=country,
            stances=tuple(
                QuestionStance(q, cells.get((q.id, country.code)))
                for q in deck.questions
            ),
            people=tuple(
                PersonQuotes(p, tuple(quotes_by_person.get(p.id, ())))
                for p in people.get(country.code, ())
            ),
            affected=tuple(affected.get(country.code, ())),
            attributed=tuple(attributed.get(country.code, ())),
            claims=tuple(claims.get(country.code, ())),
            events=tuple(events.get(country.code, ())),
        )
        for country in deck.countries
    }


def _unique_codes(countries: Iterable[Country]) -> list[str]:
    """Codes in order, once each: a country listed twice is still one incident for it."""
    return list(dict.fromkeys(c.code for c in countries))


def positions_by_cell(deck: Deck) -> dict[tuple[str, str], Position]:
    """Every position by (question id, country code); the first wins if a deck repeats one."""
    cells: dict[tuple[str, str], Position] = {}
    for question in deck.questions:
        for position in question.positions:
            cells.setdefault((question.id, position.country.code), position)
    return cells


# --------------------------------------------------------------------------- groups and filters


def deck_groups(deck: Deck) -> tuple[str, ...]:
    """Every group named by a country (NATO, EU ...), in the order the deck first names them."""
    return tuple(dict.fromkeys(g for country in deck.countries for g in country.groups))


def memberships(country: Country, groups: Sequence[str]) -> tuple[str, ...]:
    """The groups a country belongs to, in deck group order.

    An organisation whose code is a group name (the NATO entry itself) counts as a member
    of its own group, so filtering by NATO shows NATO beside its members.
    """
    own = set(country.groups)
    if country.code in groups:
        own.add(country.code)
    return tuple(g for g in groups if g in own)


def in_group(country: Country, group: str | None) -> bool:
    return group is None or group in country.groups or country.code == group


def matches_text(country: Country, text: str) -> bool:
    """Every word of ``text`` (the filter grammar of ``briefing.views.filter``) matches the
    country: a bare word starts a word of its code, name or a group; ``group:NATO`` aims at
    its groups, the organisation itself included."""
    return FilterQuery.parse(text, FILTER_FIELDS).matches(country, _term_matches)


def _term_matches(term: FilterTerm, country: Country) -> bool:
    if term.aims_at("group") and any(starts_a_word(term.value, group) for group in (*country.groups, country.code)):
        return True
    return term.field != "group" and (starts_a_word(term.value, country.code) or starts_a_word(term.value, country.name))


def filter_countries(
    countries: Iterable[Country], text: str = "", group: str | None = None
) -> tuple[Country, ...]:
    return tuple(c for c in countries if in_group(c, group) and matches_text(c, text))


def next_group(groups: Sequence[str], current: str | None) -> str | None:
    """The group filter after ``current``: all, then each group, then all again."""
    cycle: list[str | None] = [None, *groups]
    position = cycle.index(current) if current in cycle else 0
    return cycle[(position + 1) % len(cycle)]


def group_label(country: Country, groups: Sequence[str]) -> str:
    return " · ".join(memberships(country, groups)) or NO_GROUP


# --------------------------------------------------------------------------- comparing countries


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One question with each compared country's position, in the order they were given."""

    question: Question
    positions: tuple[Position | None, ...]

    @property
    def stances(self) -> tuple[Stance | None, ...]:
        return tuple(p.stance if p is not None else None for p in self.positions)

    @property
    def differs(self) -> bool:
        """True when the stances are not all the same; having no position is a stance here."""
        return len(set(self.stances)) > 1


def compare(deck: Deck, codes: Sequence[str]) -> tuple[ComparisonRow, ...]:
    """Every question, aligned across the countries ``codes``: the compare view's rows."""
    cells = positions_by_cell(deck)
    return tuple(
        ComparisonRow(q, tuple(cells.get((q.id, code)) for code in codes))
        for q in deck.questions
    )


def related_quotes(deck: Deck, question: Question, code: str) -> tuple[Quote, ...]:
    """Quotes by the country's people about ``question`` that its position does not cite."""
    position = question.position_of(code)
    cited = {q.id for q in position.quotes} if position is not None else set()
    return tuple(
        q
        for q in deck.quotes_about(question.id)
        if q.id not in cited
        and q.speaker.country is not None
        and q.speaker.country.code == code
    )


def differing_questions(rows: Iterable[ComparisonRow]) -> tuple[Question, ...]:
    return tuple(row.question for row in rows if row.differs)


def first_with_something_to_show(codes: Sequence[str], facts: Mapping[str, CountryFacts]) -> str | None:
    """Where the country list opens: the first country with a count that is not zero (an
    organisation the deck only lists, all zeros, is not a first slide), else the first."""
    return next((code for code in codes if facts[code].counts.any), codes[0] if codes else None)
