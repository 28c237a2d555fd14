"""One "did you mean" rule for every message: the closest known word, two thirds alike, case ignored."""

from __future__ import annotations

import pytest

from briefing.deck.suggest import MAX_CANDIDATES, closest, did_you_mean


@pytest.mark.parametrize(("typo", "choices", "expected"), [
    ("sumary", ("title", "summary", "subtitle"), "summary"),
    ("wehn", ("when", "where", "until"), "when"),
    ("DDMMYY", ("DMY", "MDY", "YMD"), "DMY"),
    ("nausda", ("nauseda", "nauseda-testing"), "nauseda"),
    ("Europe/Talin", ("Europe/Tallinn", "Europe/Riga"), "Europe/Tallinn"),
    ("befor", ("by", "country", "before", "after"), "before"),
])
def test_a_slip_in_a_known_word_suggests_it(typo, choices, expected):
    assert closest(typo, choices) == expected


def test_a_swap_in_a_three_letter_word_is_still_a_slip():
    assert closest("DYM", ("DMY",)) == "DMY"


@pytest.mark.parametrize(("word", "choices"), [
    ("medium", ("low", "moderate", "high")),
    ("probable", ("unlikely", "likely", "very likely")),
    ("yes", ("support", "oppose", "cautious", "undecided")),
    ("bloomberg", ("nauseda", "estonia-mig31")),
])
def test_an_unrelated_word_gets_no_suggestion(word, choices):
    assert closest(word, choices) is None


def test_case_is_ignored_and_the_suggestion_is_spelled_as_declared():
    assert closest("ee", ("EE", "LV")) == "EE"
    assert closest("europe/tallin", ("Europe/Tallinn",)) == "Europe/Tallinn"


def test_past_the_candidate_limit_there_is_no_suggestion():
    many = [f"id-{n}" for n in range(MAX_CANDIDATES + 1)]
    assert closest("id-1", many[:MAX_CANDIDATES]) == "id-1"
    assert closest("id-1x", many) is None


def test_did_you_mean_quotes_the_suggestion_and_says_nothing_without_one():
    assert did_you_mean("summary") == " (did you mean 'summary'?)"
    assert did_you_mean(None) == ""
    assert did_you_mean("a\x1bb") == " (did you mean 'a\\x1bb'?)"


def test_one_shared_letter_is_chance_not_a_suggestion():
    assert closest("q9", ("q", "quote")) is None


def test_a_tie_goes_to_the_word_declared_first():
    assert closest("DYM", ("DMY", "MDY", "YMD")) == "DMY"
