"""The words that name deck things: one set for the screens and every handout."""

from __future__ import annotations

import pytest

from briefing.deck.model import NOWHERE, Claim, Country, Person, Source
from briefing.views.labels import (
    claim_side,
    countries_label,
    country_label,
    grade_phrase,
    admiralty_scale,
    grade_text,
    graded_source,
    reliability_text,
    source_grade,
    speaker_label,
)

ESTONIA = Country("EE", "Estonia", NOWHERE)
RUSSIA = Country("RU", "Russia", NOWHERE)
NATO = Country("NATO", "NATO", NOWHERE)


def test_a_country_is_named_with_its_code():
    assert country_label(ESTONIA) == "Estonia (EE)"


def test_an_organisation_whose_name_is_its_code_is_named_once():
    assert country_label(NATO) == "NATO"
    assert countries_label((NATO, ESTONIA)) == "NATO, Estonia (EE)"


def test_a_country_name_on_several_lines_is_one_line():
    assert country_label(Country("EE", "Republic of\n  Estonia", NOWHERE)) == "Republic of Estonia (EE)"


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (Person("n", "Gitanas Nausėda", NOWHERE, role="President of Lithuania", country=Country("LT", "Lithuania", NOWHERE)), "Gitanas Nausėda, President of Lithuania"),
        (Person("p", "Dmitry Peskov", NOWHERE, role="Kremlin spokesman", country=RUSSIA), "Dmitry Peskov, Kremlin spokesman, Russia"),
        (Person("k", "Kaja Kallas", NOWHERE, country=ESTONIA), "Kaja Kallas, Estonia"),
        (Person("x", "An official", NOWHERE), "An official"),
    ],
)
def test_a_person_is_named_with_role_and_country_unless_the_role_names_it(person, expected):
    assert speaker_label(person) == expected


def test_a_country_speaking_is_named_like_a_country():
    assert speaker_label(NATO) == "NATO"


def test_a_claim_by_the_actors_official_is_on_the_actors_side():
    official = Person("p", "Dmitry Peskov", NOWHERE, country=RUSSIA)
    assert claim_side(Claim(official, "Denied", NOWHERE), RUSSIA) == "actor"
    assert claim_side(Claim(ESTONIA, "Confirmed", NOWHERE), RUSSIA) == "other"
    assert claim_side(Claim(RUSSIA, "Denied", NOWHERE), None) == "other"


def test_grades_carry_their_meaning_where_there_is_room():
    source = Source("s", "Report", NOWHERE, reliability="B")
    assert source_grade(source, 2) == "B2"
    assert grade_text(source, 2) == "B2 (usually reliable, probably true)"
    assert grade_phrase(source, 2) == "grade B2 (usually reliable, probably true)"
    assert reliability_text(source) == "B (usually reliable)"


def test_a_graded_source_is_named_with_its_grade_and_what_the_grade_means():
    source = Source("s", "Report", NOWHERE, publisher="Bloomberg", reliability="B")
    assert graded_source(source, 2) == "Bloomberg B2 (usually reliable, probably true)"
    assert graded_source(source) == "Bloomberg B (usually reliable)"
    assert graded_source(Source("t", "A  report\n", NOWHERE)) == "A report ungraded"


def test_an_ungraded_source_says_so():
    source = Source("s", "Report", NOWHERE)
    assert source_grade(source) == "ungraded"
    assert grade_phrase(source, None) == "ungraded"
    assert reliability_text(source) == "not graded"


def test_the_admiralty_scale_is_spelled_out_for_a_legend():
    reliability, credibility = admiralty_scale()
    assert reliability.startswith("Reliability: A completely reliable, B usually reliable")
    assert reliability.endswith("F reliability cannot be judged")
    assert credibility.startswith("Credibility: 1 confirmed by other sources, 2 probably true")
    assert credibility.endswith("6 truth cannot be judged")
