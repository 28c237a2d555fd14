"""The one filter grammar: words that must all match, `field:value`, quotes keep spaces."""

from __future__ import annotations

import pytest

from briefing.views.filter import ANY, FilterQuery, FilterTerm, field_word, starts_a_word

FIELDS = ("kind", "tag")


def test_words_become_terms_and_known_fields_aim_them():
    query = FilterQuery.parse('EE kind:"drone incursion" colour:red', FIELDS)
    assert query.terms == (
        FilterTerm(ANY, "ee"),
        FilterTerm("kind", "drone incursion"),
        FilterTerm(ANY, "colour:red"),
    )
    assert query.active


def test_an_unbalanced_quote_is_no_error_and_keeps_its_words():
    assert FilterTerm(ANY, "drone") in FilterQuery.parse('kind:"drone', FIELDS).terms


def test_blank_text_matches_everything():
    query = FilterQuery.parse("   ", FIELDS)
    assert not query.active
    assert query.matches("anything", lambda term, item: False)


def test_every_term_must_match():
    query = FilterQuery.parse("a b", FIELDS)
    assert query.matches("a b", lambda term, item: term.value in item.split())
    assert not query.matches("a", lambda term, item: term.value in item.split())


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [
        ("drone", "drone incursion", True),
        ("incur", "Drone incursion", True),
        ("ee", "EE", True),
        ("ee", "Greece", False),
        ("article-4", "nato article-4", True),
    ],
)
def test_a_value_matches_where_it_starts_a_word(value, text, expected):
    assert starts_a_word(value, text) is expected


def test_a_field_word_with_a_space_is_quoted_so_it_reads_back_as_one_term():
    word = field_word("kind", "drone incursion")
    assert word == 'kind:"drone incursion"'
    assert FilterQuery.parse(word, FIELDS).terms == (FilterTerm("kind", "drone incursion"),)
