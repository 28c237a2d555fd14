"""The positions matrix's columns, their order and blocks, and the handout's matrix: no screen."""

from __future__ import annotations

import pytest
from paths import EXAMPLE_GROUP_ORDER, EXAMPLE_MATRIX_ORDER
from positions_decks import load_wide_deck

from briefing.deck.model import Deck, Stance
from briefing.views.countries import deck_groups, positions_by_cell
from briefing.views.matrix import (
    ColumnBlock,
    MatrixOrder,
    first_position,
    group_blocks,
    matrix_layout,
    order_by_group,
    order_by_stance,
    stance_blocks,
    stance_tally,
)


@pytest.fixture(scope="module")
def deck(example_deck) -> Deck:
    return example_deck


def codes(countries) -> list[str]:
    return [c.code for c in countries]


def test_group_order_puts_members_of_the_same_groups_together_and_no_group_last(deck):
    assert codes(order_by_group(deck.countries, deck_groups(deck))) == EXAMPLE_GROUP_ORDER


def test_group_blocks_label_each_run_of_columns(deck):
    ordered = order_by_group(deck.countries, deck_groups(deck))
    assert group_blocks(ordered, deck_groups(deck)) == (
        ColumnBlock("NATO", 0, 3),
        ColumnBlock("NATO · EU", 3, 9),
        ColumnBlock("EU", 12, 1),
        ColumnBlock("no group", 13, 2),
    )


def test_stance_order_runs_from_support_to_no_position_keeping_group_order_within(deck):
    question = deck.get("shoot-down")
    cells = positions_by_cell(deck)
    ordered = codes(order_by_stance(deck.countries, question, deck_groups(deck), cells))
    assert ordered == [
        "GB",
        "US",
        "PL",
        "FR",
        "NL",
        "RO",
        "DE",
        "IT",
        "RU",
        "NATO",
        "EE",
        "DK",
        "LT",
        "EU",
        "UA",
    ]
    blocks = stance_blocks(
        order_by_stance(deck.countries, question, deck_groups(deck), cells),
        question,
        cells,
    )
    assert [(b.label, b.count) for b in blocks] == [
        ("support", 5),
        ("cautious", 3),
        ("oppose", 1),
        ("no position", 6),
    ]


def test_matrix_layout_filters_by_group_then_orders(deck):
    layout = matrix_layout(deck, MatrixOrder.GROUP, group="EU")
    assert codes(layout.columns) == [
        "EE",
        "PL",
        "RO",
        "DK",
        "LT",
        "DE",
        "FR",
        "IT",
        "NL",
        "EU",
    ]
    assert layout.blocks[-1] == ColumnBlock("no positions", 9, 1)
    by_stance = matrix_layout(
        deck,
        MatrixOrder.STANCE,
        stance_question=deck.get("deliberate-test"),
        group="EU",
    )
    assert codes(by_stance.columns)[:4] == ["LT", "DE", "FR", "DK"]
    assert by_stance.blocks[0].label == "support"


def test_stance_order_without_a_question_falls_back_to_group_order(deck):
    assert codes(matrix_layout(deck, MatrixOrder.STANCE).columns) == EXAMPLE_MATRIX_ORDER


def test_countries_with_no_position_on_any_question_come_last_in_a_block_of_their_own(deck):
    layout = matrix_layout(deck)
    assert codes(layout.columns) == EXAMPLE_MATRIX_ORDER
    assert [(b.label, b.count) for b in layout.blocks] == [
        ("NATO", 2),
        ("NATO · EU", 9),
        ("no group", 1),
        ("no positions", 3),
    ]


def test_in_stance_order_countries_with_no_position_at_all_end_the_no_position_block(deck):
    layout = matrix_layout(deck, MatrixOrder.STANCE, stance_question=deck.get("article-4"))
    assert codes(layout.columns)[-3:] == ["NATO", "EU", "UA"]
    assert layout.blocks[-1].label == "no position" and layout.blocks[-1].count == 12


def columns_of(deck, codes_wanted):
    return tuple(deck.country(code) for code in codes_wanted)


def test_the_cursor_starts_on_the_first_cell_that_holds_a_position(deck):
    cells = positions_by_cell(deck)
    layout = matrix_layout(deck)
    assert first_position(deck.questions, layout.columns, cells) == (0, 0)
    assert first_position(deck.questions, columns_of(deck, ["NATO", "EU", "PL"]), cells) == (0, 2)
    assert first_position(deck.questions[1:2], columns_of(deck, ["NATO", "GB", "EE"]), cells) == (0, 2)
    assert first_position((), layout.columns, cells) is None



def test_stance_tally_counts_each_stance_and_leaves_out_zeros(deck):
    question = deck.get("article-4")
    tally = stance_tally(question, deck.countries, positions_by_cell(deck))
    assert tally == {Stance.SUPPORT: 2, Stance.UNDECIDED: 1, None: 12}
    assert list(tally) == [Stance.SUPPORT, Stance.UNDECIDED, None]


def test_a_question_without_positions_sorts_every_country_as_no_position(tmp_path):
    deck = load_wide_deck(tmp_path)
    last = deck.questions[-1]
    layout = matrix_layout(deck, MatrixOrder.STANCE, stance_question=last)
    assert layout.blocks == (ColumnBlock("no position", 0, 40),)
    in_group_order = codes(order_by_group(deck.countries, deck_groups(deck)))
    assert codes(layout.columns) == [code for code in in_group_order if code != "CH"] + ["CH"]


# --------------------------------------------------------------------------- reload
