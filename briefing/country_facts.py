"""What a deck says about each country, and how countries line up on the questions.

The countries screen and the positions matrix read everything through this module, so the
rules (what counts as a country's quote, who is in a group, how a matrix is ordered) are
plain Python, tested without a screen. Facts for every country come from one pass over
the deck: a 10,000-incident deck costs one walk, not one walk per country.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from .deck.model import (
    Claim,
    Country,
    Deck,
    Event,
    Incident,
    Person,
    Position,
    Question,
    Quote,
    Stance,
)

STANCE_ORDER: tuple[Stance | None, ...] = (
    Stance.SUPPORT,
    Stance.UNDECIDED,
    Stance.CAUTIOUS,
    Stance.OPPOSE,
    None,
)
"""Most in favour first: undecided has no view yet, cautious leans against; no position last."""

NO_GROUP = "no group"


@dataclass(frozen=True, slots=True)
class CountryCounts:
    """The four numbers the country list shows beside each country."""

    affected: int
    attributed: int
    quotes: int
    positions: int


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
    """The country a claim speaks for: the country itself, or the speaker's country."""
    by = claim.by
    if isinstance(by, Country):
        return by.code
    return by.country.code if by.country is not None else None


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
    """Every word of ``text`` is found, ignoring case, in the code, the name or a group."""
    haystack = " ".join((country.code, country.name, *country.groups)).casefold()
    return all(word in haystack for word in text.casefold().split())


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


# --------------------------------------------------------------------------- the matrix


class MatrixOrder(str, Enum):
    GROUP = "group"
    STANCE = "stance"


@dataclass(frozen=True, slots=True)
class ColumnBlock:
    """A run of neighbouring columns that share a group (or a stance): one label above them."""

    label: str
    start: int
    count: int


def order_by_group(
    countries: Sequence[Country], groups: Sequence[str]
) -> tuple[Country, ...]:
    """Members of the same groups side by side, in deck group order; countries in no group last.

    Within a block the deck's own order is kept.
    """
    rank = {g: i for i, g in enumerate(groups)}

    def key(indexed: tuple[int, Country]) -> tuple[bool, tuple[int, ...], int]:
        index, country = indexed
        ranks = tuple(rank[g] for g in memberships(country, groups))
        return (not ranks, ranks, index)

    return tuple(country for _, country in sorted(enumerate(countries), key=key))


def stance_rank(stance: Stance | None) -> int:
    return STANCE_ORDER.index(stance)


def order_by_stance(
    countries: Sequence[Country],
    question: Question,
    groups: Sequence[str],
    cells: dict[tuple[str, str], Position],
) -> tuple[Country, ...]:
    """Countries by their stance on ``question`` (support first, no position last), by group within."""
    by_group = order_by_group(countries, groups)
    return tuple(
        sorted(by_group, key=lambda c: stance_rank(_stance(cells, question.id, c.code)))
    )


def _stance(
    cells: dict[tuple[str, str], Position], question_id: str, code: str
) -> Stance | None:
    position = cells.get((question_id, code))
    return position.stance if position is not None else None


def stance_label(stance: Stance | None) -> str:
    return stance.value if stance is not None else "no position"


def _runs(labels: Sequence[str]) -> tuple[ColumnBlock, ...]:
    blocks: list[ColumnBlock] = []
    for index, label in enumerate(labels):
        if blocks and blocks[-1].label == label:
            last = blocks[-1]
            blocks[-1] = ColumnBlock(label, last.start, last.count + 1)
        else:
            blocks.append(ColumnBlock(label, index, 1))
    return tuple(blocks)


def group_blocks(
    ordered: Sequence[Country], groups: Sequence[str]
) -> tuple[ColumnBlock, ...]:
    return _runs([group_label(c, groups) for c in ordered])


def stance_blocks(
    ordered: Sequence[Country],
    question: Question,
    cells: dict[tuple[str, str], Position],
) -> tuple[ColumnBlock, ...]:
    return _runs([stance_label(_stance(cells, question.id, c.code)) for c in ordered])


@dataclass(frozen=True, slots=True)
class MatrixLayout:
    """The matrix's columns in display order and the labelled blocks above them."""

    columns: tuple[Country, ...]
    blocks: tuple[ColumnBlock, ...]


def matrix_layout(
    deck: Deck,
    order: MatrixOrder = MatrixOrder.GROUP,
    *,
    stance_question: Question | None = None,
    group: str | None = None,
    cells: dict[tuple[str, str], Position] | None = None,
) -> MatrixLayout:
    """Which countries the matrix shows (those in ``group``, or all), in which order."""
    groups = deck_groups(deck)
    cells = positions_by_cell(deck) if cells is None else cells
    shown = filter_countries(deck.countries, group=group)
    if order is MatrixOrder.STANCE and stance_question is not None:
        columns = order_by_stance(shown, stance_question, groups, cells)
        return MatrixLayout(columns, stance_blocks(columns, stance_question, cells))
    columns = order_by_group(shown, groups)
    return MatrixLayout(columns, group_blocks(columns, groups))


def stance_tally(
    question: Question,
    countries: Iterable[Country],
    cells: dict[tuple[str, str], Position],
) -> dict[Stance | None, int]:
    """How many of ``countries`` take each stance on ``question``, in STANCE_ORDER, zeros left out."""
    counts: dict[Stance | None, int] = {stance: 0 for stance in STANCE_ORDER}
    for country in countries:
        counts[_stance(cells, question.id, country.code)] += 1
    return {stance: n for stance, n in counts.items() if n}
