"""The positions matrix: which countries are columns, in which order, and what each cell says.

The positions screen orders its columns by group or by stance and labels blocks of them;
a handout shows every country that has a position, in the deck's order, with a stance
word per cell. Both read the cells from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from ..deck.model import Country, Deck, Position, Question, Stance
from .countries import deck_groups, filter_countries, group_label, memberships, positions_by_cell
from .labels import stance_label
from .text import one_line

STANCE_ORDER: tuple[Stance | None, ...] = (
    Stance.SUPPORT,
    Stance.UNDECIDED,
    Stance.CAUTIOUS,
    Stance.OPPOSE,
    None,
)
"""Most in favour first: undecided has no view yet, cautious leans against; no position last."""

NO_POSITION = "—"
"""A handout's cell for a country with no position on the question."""

NO_POSITIONS = "no positions"
"""The block of countries with no position on any question: last, so the stances lead."""


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
    """Which countries the matrix shows (those in ``group``, or all), in which order.

    Countries with no position on any question come last, so a matrix read from the left
    starts with the stances: in group order they are a block of their own ('no positions'),
    in stance order the end of the 'no position' block.
    """
    groups = deck_groups(deck)
    cells = positions_by_cell(deck) if cells is None else cells
    shown = filter_countries(deck.countries, group=group)
    answered = {code for _question, code in cells}
    speaking = [country for country in shown if country.code in answered]
    silent = order_by_group([country for country in shown if country.code not in answered], groups)
    if order is MatrixOrder.STANCE and stance_question is not None:
        columns = (*order_by_stance(speaking, stance_question, groups, cells), *silent)
        return MatrixLayout(columns, stance_blocks(columns, stance_question, cells))
    columns = order_by_group(speaking, groups)
    blocks = group_blocks(columns, groups)
    if silent:
        blocks = (*blocks, ColumnBlock(NO_POSITIONS, len(columns), len(silent)))
    return MatrixLayout((*columns, *silent), blocks)


def first_position(
    questions: Sequence[Question], columns: Sequence[Country], cells: dict[tuple[str, str], Position]
) -> tuple[int, int] | None:
    """The first cell that holds a position, reading row by row: where a cursor starts."""
    for row, question in enumerate(questions):
        for col, country in enumerate(columns):
            if (question.id, country.code) in cells:
                return row, col
    return None


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


# --------------------------------------------------------------------------- the handout's matrix


def matrix_countries(deck: Deck) -> tuple[Country, ...]:
    """The handout's columns: every country with a position, in the order countries are declared."""
    codes = {position.country.code for question in deck.questions for position in question.positions}
    declared = [country for country in deck.countries if country.code in codes]
    seen = {country.code for country in declared}
    extra = [
        position.country
        for question in deck.questions
        for position in question.positions
        if position.country.code not in seen and not seen.add(position.country.code)
    ]
    return (*declared, *extra)


def matrix_legend(columns: Iterable[Country]) -> str:
    """'EE: Estonia; LT: Lithuania': the names behind the column codes."""
    return "; ".join(f"{one_line(c.code)}: {one_line(c.name)}" for c in columns if one_line(c.name) != one_line(c.code))


def stance_word(question: Question, country: Country) -> str:
    """A handout cell: the stance, or a dash for no position."""
    position = question.position_of(country.code)
    return position.stance.value if position is not None else NO_POSITION


def countries_with_positions(deck: Deck) -> tuple[tuple[Country, tuple[tuple[Question, Position], ...]], ...]:
    """Each country that has positions, with (question, position) pairs in question order."""
    rows = []
    for country in matrix_countries(deck):
        pairs = tuple(
            (question, position)
            for question in deck.questions
            for position in question.positions
            if position.country.code == country.code
        )
        rows.append((country, pairs))
    return tuple(rows)
