"""The query language: what each term means, and a message for every malformed query."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.deck.model import DateOrder
from briefing.search import FILTERS, Filter, Query, QueryError, parse_query


def parsed(text: str) -> Query:
    query = parse_query(text)
    assert isinstance(query, Query), query
    return query


def error(text: str, **options) -> QueryError:
    query = parse_query(text, **options)
    assert isinstance(query, QueryError), query
    return query


def test_words_are_normalised_and_kept_in_order():
    assert parsed("  Nausėda   TESTING  ").words == ("nauseda", "testing")


def test_punctuation_inside_a_word_makes_separate_words():
    assert parsed("mig-31 it’s").words == ("mig", "31", "its")


def test_empty_query_is_empty():
    assert parsed("").is_empty
    assert parsed("   ").is_empty
    assert not parsed("x").is_empty


def test_straight_and_curly_quotes_make_phrases():
    assert parsed('"Testing our" x').phrases == (("testing", "our"),)
    assert parsed("“testing our”").phrases == (("testing", "our"),)
    assert parsed("„testing our“").phrases == (("testing", "our"),)


def test_a_phrase_next_to_a_word_is_still_a_phrase():
    query = parsed('russia"testing us"')
    assert query.words == ("russia",)
    assert query.phrases == (("testing", "us"),)


def test_empty_phrase_is_ignored():
    assert parsed('"" x').phrases == ()


@pytest.mark.parametrize("key", FILTERS)
def test_every_filter_parses_with_a_plain_value(key):
    value = "2025-09" if key in ("before", "after") else "lithuania"
    (term,) = parsed(f"{key}:{value}").filters
    assert (term.key, term.value, term.negated) == (key, value, False)


def test_filter_value_may_be_quoted():
    (term,) = parsed('by:"Gitanas Nausėda" russia').filters
    assert term.value == "Gitanas Nausėda"
    assert term.words == ("gitanas", "nauseda")


def test_filter_key_ignores_case():
    (term,) = parsed("BY:tusk").filters
    assert term.key == "by"


def test_filter_span_points_at_the_term():
    query = parsed('russia by:"gitanas nauseda" x')
    (term,) = query.filters
    assert query.text[term.start : term.end] == 'by:"gitanas nauseda"'


def test_dash_excludes_words_phrases_and_filters():
    query = parsed('russia -drone -"air defence" -by:tusk')
    assert query.words == ("russia",)
    assert query.excluded_words == ("drone",)
    assert query.excluded_phrases == (("air", "defence"),)
    assert query.filters == (Filter("by", "tusk", ("tusk",), negated=True),)


def test_excluding_a_word_with_inner_punctuation_excludes_it_as_a_phrase():
    assert parsed("-mig-31").excluded_phrases == (("mig", "31"),)


def test_typographic_dashes_exclude_too():
    assert parsed("—drone –jets").excluded_words == ("drone", "jets")


def test_a_lone_dash_is_ignored_while_typing():
    query = parsed("russia - ")
    assert (query.words, query.excluded_words, query.excluded_phrases) == (("russia",), (), ())
    assert parsed("-").is_empty


def test_colon_after_a_number_is_not_a_filter():
    assert parsed("12:30").words == ("12", "30")


def test_date_filters_accept_every_precision():
    for value in ("2025", "2025-09", "2025-09-19", "2025-09-19T09:58+03:00", "Sept 2025", "2025-09-22/2025-09-25"):
        (term,) = parsed(f"after:{value}").filters if " " not in value else parsed(f'after:"{value}"').filters
        assert term.value == value


def test_unclosed_quote_is_an_error_pointing_at_the_quote():
    problem = error('russia "testing us')
    assert "unclosed quote" in problem.message
    assert (problem.start, problem.end) == (7, 18)


def test_unclosed_quote_in_a_filter_value_is_an_error():
    assert "unclosed quote" in error('by:"gitanas').message


def test_unknown_filter_is_an_error_with_a_suggestion():
    problem = error("russia befor:2025")
    assert problem.message == "unknown filter befor: (did you mean before:?)"
    assert problem.text[problem.start : problem.end] == "befor:2025"


def test_unknown_filter_without_a_close_match_lists_the_filters():
    problem = error("unknownfilter:x")
    assert "unknown filter unknownfilter:" in problem.message
    assert "by: country: about: source: before: after:" in problem.message


def test_bad_date_is_an_error_saying_what_to_write():
    problem = error("before:notadate")
    assert problem.message.startswith("before: ")
    assert "notadate" in problem.message and "2025-09-19" in problem.message


def test_impossible_date_is_an_error():
    assert "month must be in 1..12" in error("after:2025-13").message


def test_ambiguous_numeric_date_needs_the_deck_date_order():
    assert "ambiguous" in error("after:04/09/2025").message
    (term,) = parsed_with_order("after:04/09/2025", DateOrder.DMY).filters
    assert term.value == "04/09/2025"


def parsed_with_order(text: str, order: DateOrder) -> Query:
    query = parse_query(text, date_order=order)
    assert isinstance(query, Query), query
    return query


@pytest.mark.parametrize("text", ["by:", "by: tusk", 'by:""', "after:"])
def test_filter_without_a_value_is_an_error(text):
    assert "needs a value" in error(text).message


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é:-\"“”' by:after:2025-09xyz"), max_size=30) | st.text(max_size=30))
def test_parse_query_never_raises(text):
    result = parse_query(text)
    assert isinstance(result, (Query, QueryError))
    if isinstance(result, QueryError):
        assert result.message and 0 <= result.start <= result.end <= len(text)
