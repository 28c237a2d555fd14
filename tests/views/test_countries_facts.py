"""The pure rules behind the countries screen and the positions matrix, without a screen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from paths import EXAMPLE_GROUP_ORDER
from positions_decks import country_codes, load_wide_deck

from briefing.country_facts import (
    ColumnBlock,
    MatrixOrder,
    compare,
    country_facts,
    deck_groups,
    differing_questions,
    filter_countries,
    group_blocks,
    in_group,
    matches_text,
    matrix_layout,
    memberships,
    next_group,
    order_by_group,
    order_by_stance,
    positions_by_cell,
    related_quotes,
    stance_blocks,
    stance_tally,
)
from briefing.deck.model import NOWHERE, Country, Deck, Incident, Stance


@pytest.fixture(scope="module")
def deck(example_deck) -> Deck:
    return example_deck


@pytest.fixture(scope="module")
def facts(deck):
    return country_facts(deck)


def codes(countries) -> list[str]:
    return [c.code for c in countries]


def test_module_imports_neither_textual_nor_rich():
    import subprocess

    probe = "import sys, briefing.country_facts; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_counts_of_the_example_deck(facts):
    poland, russia, germany = facts["PL"].counts, facts["RU"].counts, facts["DE"].counts
    assert (poland.affected, poland.attributed, poland.quotes, poland.positions) == (
        1,
        0,
        0,
        2,
    )
    assert (russia.affected, russia.attributed, russia.quotes, russia.positions) == (
        0,
        3,
        1,
        2,
    )
    assert (
        germany.affected,
        germany.attributed,
        germany.quotes,
        germany.positions,
    ) == (0, 0, 2, 2)


def test_affected_and_attributed_incidents_are_in_deck_order(facts):
    assert [i.id for i in facts["RU"].attributed] == [
        "poland-drones",
        "romania-drone",
        "estonia-mig31",
    ]
    assert [i.id for i in facts["DK"].affected] == ["denmark-drones"]


def test_claims_include_those_made_by_the_countrys_people(facts):
    russian = facts["RU"].claims
    assert [made.incident.id for made in russian] == ["poland-drones"] + [
        "estonia-mig31"
    ] * 4 + ["denmark-drones"]
    assert any(made.claim.by.name == "Dmitry Peskov" for made in russian)
    assert [made.incident.id for made in facts["DE"].claims] == ["estonia-mig31"]


def test_events_are_every_event_the_country_took_part_in(facts):
    assert [e.id for e in facts["FR"].events] == [
        "moscow-warning",
        "macron-france24",
        "merz-coordination",
        "meshkov-rtl-warning",
    ]


def test_people_carry_their_quotes(facts):
    people = {
        entry.person.id: [q.id for q in entry.quotes] for entry in facts["DE"].people
    }
    assert people == {
        "merz": ["merz-all-measures"],
        "pistorius": ["pistorius-escalation-trap"],
    }
    assert [q.id for q in facts["DE"].quotes] == [
        "merz-all-measures",
        "pistorius-escalation-trap",
    ]


def test_a_country_without_positions_still_lists_every_question(deck, facts):
    ukraine = facts["UA"]
    assert [s.question.id for s in ukraine.stances] == [q.id for q in deck.questions]
    assert all(s.position is None and s.stance is None for s in ukraine.stances)
    assert ukraine.counts.positions == 0


def test_a_country_listed_twice_in_an_incident_counts_once():
    poland = Country("PL", "Poland", NOWHERE)
    twice = Incident(
        "twice", "Listed twice", NOWHERE, countries=(poland, poland), actor=poland
    )
    deck = Deck("t", Path("d.yaml"), NOWHERE, countries=(poland,), incidents=(twice,))
    counts = country_facts(deck)["PL"].counts
    assert (counts.affected, counts.attributed) == (1, 1)


def test_every_declared_country_has_facts_even_with_nothing_about_it(tmp_path):
    deck = load_wide_deck(tmp_path)
    facts = country_facts(deck)
    assert list(facts) == country_codes()
    swiss = facts["CH"]
    assert swiss.counts.positions == 0
    assert (swiss.counts.affected, swiss.counts.quotes) == (1, 1)
    assert [e.id for e in swiss.events] == ["summit"]


# --------------------------------------------------------------------------- filters


def test_text_filter_matches_code_name_and_group_ignoring_case(deck):
    assert codes(filter_countries(deck.countries, "pol")) == ["PL"]
    assert codes(filter_countries(deck.countries, "gb")) == ["GB"]
    assert "EE" in codes(filter_countries(deck.countries, "eu"))
    assert codes(filter_countries(deck.countries, "united kingdom")) == ["GB"]
    assert codes(filter_countries(deck.countries, "united nato")) == ["GB", "US"]
    assert filter_countries(deck.countries, "atlantis") == ()


def test_group_filter_includes_the_organisation_itself(deck):
    nato = codes(filter_countries(deck.countries, group="NATO"))
    assert nato[0] == "NATO" and "GB" in nato and "EU" not in nato and "RU" not in nato
    assert codes(filter_countries(deck.countries, "france", group="EU")) == ["FR"]
    assert not in_group(deck.country("GB"), "EU")
    assert in_group(deck.country("GB"), None)


def test_groups_come_in_the_order_the_deck_first_names_them(deck):
    assert deck_groups(deck) == ("NATO", "EU")
    assert memberships(deck.country("EU"), deck_groups(deck)) == ("EU",)
    assert memberships(deck.country("RU"), deck_groups(deck)) == ()


def test_group_filter_cycles_through_all_then_each_group():
    groups = ("NATO", "EU")
    assert [next_group(groups, g) for g in (None, "NATO", "EU")] == ["NATO", "EU", None]
    assert next_group(groups, "GONE") == "NATO"
    assert next_group((), None) is None


def test_matches_text_with_blank_text_matches_everything(deck):
    assert all(matches_text(c, "   ") for c in deck.countries)


# --------------------------------------------------------------------------- compare


def test_compare_aligns_every_question_in_the_order_of_the_codes(deck):
    rows = compare(deck, ["PL", "DE"])
    assert [row.question.id for row in rows] == [q.id for q in deck.questions]
    first = rows[0]
    assert first.stances == (Stance.SUPPORT, Stance.CAUTIOUS)
    assert first.differs


def test_having_no_position_is_a_difference_but_two_absences_are_not(deck):
    rows = {row.question.id: row for row in compare(deck, ["PL", "EE"])}
    assert not rows["article-4"].differs  # both support
    assert rows["shoot-down"].differs  # PL supports, EE has none
    assert not {row.question.id: row for row in compare(deck, ["UA", "NATO"])}[
        "shoot-down"
    ].differs
    assert [q.id for q in differing_questions(compare(deck, ["PL", "EE"]))] == [
        "shoot-down"
    ]


def test_related_quotes_are_the_countrys_words_its_position_does_not_cite(tmp_path):
    deck = load_wide_deck(tmp_path)
    question = deck.get("q01")
    assert [q.id for q in related_quotes(deck, question, "CH")] == ["ch-neutral"]
    assert related_quotes(deck, question, "PL") == ()


# --------------------------------------------------------------------------- matrix order


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
    by_stance = matrix_layout(
        deck,
        MatrixOrder.STANCE,
        stance_question=deck.get("deliberate-test"),
        group="EU",
    )
    assert codes(by_stance.columns)[:4] == ["LT", "DE", "FR", "DK"]
    assert by_stance.blocks[0].label == "support"


def test_stance_order_without_a_question_falls_back_to_group_order(deck):
    assert codes(matrix_layout(deck, MatrixOrder.STANCE).columns) == EXAMPLE_GROUP_ORDER


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
    assert codes(layout.columns) == codes(
        order_by_group(deck.countries, deck_groups(deck))
    )


# --------------------------------------------------------------------------- reload
