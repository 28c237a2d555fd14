"""The words that name deck things: one set for the screens and every handout."""

from __future__ import annotations

import pytest

from briefing.deck.dates import format_date_point_short, parse_date
from briefing.deck.model import NOWHERE, Claim, Country, Incident, Person, Quote, Source
from briefing.views.labels import (
    admiralty_scale,
    claim_side,
    claims_by_side,
    countries_label,
    country_label,
    grade_phrase,
    grade_text,
    graded_source,
    incident_facts,
    quote_reference,
    reliability_text,
    short_title,
    source_cite,
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


UK = Country("GB", "United Kingdom", NOWHERE)
GERMANY = Country("DE", "Germany", NOWHERE)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (Person("s", "UK government spokesperson", NOWHERE, role="Spokesperson for the UK government", country=UK), "UK government spokesperson"),
        (Person("p", "Defence Minister Pistorius", NOWHERE, role="Defence Minister of Germany", country=GERMANY), "Defence Minister Pistorius, Germany"),
        (Person("m", "Alexey Meshkov", NOWHERE, role="Russian Ambassador", country=RUSSIA), "Alexey Meshkov, Russian Ambassador"),
        (Person("t", "Donald Trump", NOWHERE, role="US President", country=Country("US", "United States", NOWHERE)), "Donald Trump, US President"),
        (Person("l", "Leader of Switzerland", NOWHERE, role="Head of government", country=Country("CH", "Switzerland", NOWHERE)), "Leader of Switzerland, Head of government"),
        (Person("o", "An envoy", NOWHERE, role="Envoy to Romania", country=Country("OM", "Oman", NOWHERE)), "An envoy, Envoy to Romania, Oman"),
    ],
)
def test_a_speaker_label_says_each_thing_once(person, expected):
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


def test_claims_are_grouped_others_first_then_the_actors_own_side():
    official = Person("p", "Dmitry Peskov", NOWHERE, role="Kremlin spokesman", country=RUSSIA)
    germany = Country("DE", "Germany", NOWHERE)
    claims = (
        Claim(RUSSIA, "Denies crossing", NOWHERE),
        Claim(germany, "Confirms the meeting", NOWHERE),
        Claim(official, "Flights follow the rules", NOWHERE),
    )
    sides = claims_by_side(Incident("i", "Jets", NOWHERE, actor=RUSSIA, claims=claims))
    assert [(side.heading, [c.text for c in side.claims]) for side in sides] == [
        ("Others say", ["Confirms the meeting"]),
        ("Russia says", ["Denies crossing", "Flights follow the rules"]),
    ]
    (unattributed,) = claims_by_side(Incident("i", "Drones", NOWHERE, claims=claims))
    assert unattributed.heading == "Claims" and len(unattributed.claims) == 3


def test_an_incidents_facts_use_the_slides_labels():
    incident = Incident("i", "Jets", NOWHERE, countries=(ESTONIA,), actor=RUSSIA)
    assert [(f.label, f.value) for f in incident_facts(incident, str)] == [("Affected", "Estonia (EE)"), ("Actor", "Russia (RU)")]


def test_a_source_is_cited_short_with_its_grade():
    bloomberg = Source("b", "Europeans Privately Tell Russia They’re Ready To Shoot Down Jets", NOWHERE, publisher="Bloomberg", reliability="B")
    assert source_cite(bloomberg, "S1", 2) == "S1 Bloomberg, B2"
    wire = Source("w", "A wire report on the meeting of the envoys in Moscow", NOWHERE, reliability="C")
    assert source_cite(wire, "S2") == "S2 A wire report on the meeting of the…, C"
    assert source_cite(Source("n", "Notes", NOWHERE), None) == "Notes, ungraded"


def test_a_short_title_is_cut_at_a_word():
    assert short_title("Wire report") == "Wire report"
    assert short_title("one two three four", most=12) == "one two…"
    assert short_title("x" * 50, most=10) == "xxxxxxxxx…"


def test_a_quote_reference_names_the_speaker_and_a_single_date_only():
    tusk = Person("t", "Donald Tusk", NOWHERE)
    short = format_date_point_short
    said = Quote("q", tusk, "Words", NOWHERE, when=parse_date("2025-09-22", tz="UTC"))
    assert quote_reference(said, "Q7", short) == "Q7 (Donald Tusk, 22 Sep 2025)"
    window = Quote("q", tusk, "Words", NOWHERE, when=parse_date("2025-09-22/2025-09-25", tz="UTC"))
    assert quote_reference(window, "Q8", short) == "Q8 (Donald Tusk)"


def test_the_admiralty_scale_is_spelled_out_for_a_legend():
    reliability, credibility = admiralty_scale()
    assert reliability.startswith("Reliability: A completely reliable, B usually reliable")
    assert reliability.endswith("F reliability cannot be judged")
    assert credibility.startswith("Credibility: 1 confirmed by other sources, 2 probably true")
    assert credibility.endswith("6 truth cannot be judged")
