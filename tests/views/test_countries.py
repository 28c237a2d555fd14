"""What a deck says about each country, groups, the countries filter, comparisons: no screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from positions_decks import country_codes, load_wide_deck

from briefing.deck.model import NOWHERE, Country, Deck, Incident, Stance
from briefing.views.countries import (
    compare,
    country_facts,
    deck_groups,
    differing_questions,
    filter_countries,
    first_with_something_to_show,
    in_group,
    matches_text,
    memberships,
    next_group,
    related_quotes,
)


@pytest.fixture(scope="module")
def deck(example_deck) -> Deck:
    return example_deck


@pytest.fixture(scope="module")
def facts(deck):
    return country_facts(deck)


def codes(countries) -> list[str]:
    return [c.code for c in countries]


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


def test_text_filter_words_match_where_a_word_starts_as_on_the_timeline(deck):
    assert codes(filter_countries(deck.countries, "king")) == ["GB"]
    assert filter_countries(deck.countries, "ingdom") == ()


def test_text_filter_reads_the_timelines_grammar_group_field_and_quotes(deck):
    nato = codes(filter_countries(deck.countries, "group:nato"))
    assert nato == codes(filter_countries(deck.countries, group="NATO"))
    assert codes(filter_countries(deck.countries, '"united kingdom"')) == ["GB"]
    assert filter_countries(deck.countries, "group:poland") == ()


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


def test_the_country_list_opens_on_the_first_country_with_a_count_not_an_all_zero_organisation(deck):
    facts = country_facts(deck)
    codes = [country.code for country in deck.countries]
    assert codes[:2] == ["NATO", "EU"] and not facts["NATO"].counts.any
    assert first_with_something_to_show(codes, facts) == "EE"
    assert first_with_something_to_show(["NATO", "EU"], facts) == "NATO", "nothing anywhere: the first"
    assert first_with_something_to_show([], facts) is None
