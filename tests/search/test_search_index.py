"""Searching quotes: matching, filters, ranking, highlights and errors."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import EXAMPLE_DECK
from search_decks import (
    TUSK,
    deck_of,
    example_quotes,
    highlighted,
    ids,
    quote,
)

from briefing.search import Query, QueryError, SearchIndex, Tier, parse_query


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(deck_of(*example_quotes()))


def search_ids(index: SearchIndex, text: str) -> list[str]:
    result = index.search(text)
    assert result.error is None, result.error
    return ids(result)


# --- the empty query and ordering ----------------------------------------------------


def test_empty_query_lists_every_quote_newest_first_undated_last(index):
    result = index.search("")
    assert ids(result) == ["meshkov-war", "nauseda-testing", "nauseda-solidarity", "tusk-territory", "tusk-nauseda"]
    assert result.total == 5
    assert all(hit.tier is Tier.EXACT and hit.spans == () for hit in result.hits)


def test_quotes_with_the_same_date_keep_deck_order():
    deck = deck_of(
        quote("b", "alpha one", "2025-09-22"), quote("a", "alpha two", "2025-09-22"), quote("c", "alpha", None)
    )
    assert search_ids(SearchIndex.build(deck), "alpha") == ["b", "a", "c"]


def test_a_month_sorts_before_its_first_day_and_after_the_previous_month():
    deck = deck_of(quote("day", "x", "2025-09-01"), quote("month", "x", "2025-09"), quote("august", "x", "2025-08-31"))
    assert search_ids(SearchIndex.build(deck), "x") == ["month", "day", "august"]


# --- words ---------------------------------------------------------------------------


def test_every_word_must_match_in_any_order(index):
    assert search_ids(index, "preparedness russia") == ["nauseda-testing"]
    assert search_ids(index, "preparedness jets") == []


def test_each_word_matches_the_start_of_a_word(index):
    assert search_ids(index, "prep") == ["nauseda-testing"]
    assert search_ids(index, "epar") == []


def test_case_and_accents_are_ignored_both_ways(index):
    assert "tusk-nauseda" in search_ids(index, "NAUSEDA")
    assert "tusk-nauseda" in search_ids(index, "nausėda")


def test_curly_apostrophes_match_straight_ones(index):
    assert search_ids(index, "it's") == search_ids(index, "it’s") == search_ids(index, "its")
    assert {"nauseda-solidarity", "tusk-territory"} <= set(search_ids(index, "it's"))
    assert search_ids(index, "russia's")[0] == "tusk-nauseda"


def test_words_match_the_speaker_name_and_where_but_highlight_only_the_text(index):
    result = index.search("gitanas")
    assert ids(result) == ["nauseda-testing", "nauseda-solidarity"]
    assert all(hit.spans == () for hit in result.hits)
    assert search_ids(index, "sidelines") == ["nauseda-testing"]


def test_a_word_found_nowhere_matches_nothing(index):
    result = index.search("zeppelin")
    assert (result.hits, result.total, result.error) == ((), 0, None)


# --- phrases ---------------------------------------------------------------------------


def test_phrase_needs_the_words_together_in_order(index):
    assert search_ids(index, '"testing our"') == ["nauseda-testing"]
    assert search_ids(index, '"our testing"') == []


def test_phrase_ignores_punctuation_between_words(index):
    assert search_ids(index, '"testing us testing"') == ["nauseda-testing"]


def test_straight_quotes_find_a_phrase_inside_curly_quotes(index):
    result = index.search('"not up for discussion"')
    assert ids(result) == ["tusk-territory"]
    assert highlighted(result.hits[0]) == ["not up for discussion"]


def test_phrase_words_are_whole_words(index):
    assert search_ids(index, '"testing ou"') == []


def test_phrase_and_words_combine(index):
    assert search_ids(index, '"shoot down" territory') == ["tusk-territory"]


def test_phrase_can_match_the_speaker_name(index):
    assert search_ids(index, '"donald tusk"') == ["tusk-territory", "tusk-nauseda"]


# --- typos -----------------------------------------------------------------------------


def test_a_long_word_matches_with_one_typo():
    index = SearchIndex.build(deck_of(quote("q", "Our preparedness is tested.", "2025-09-19")))
    for typo in ("prepardness", "perparedness", "preparedmess", "prepareddness", "reparedness"):
        result = index.search(typo)
        assert ids(result) == ["q"], typo
        assert result.hits[0].tier is Tier.TYPO


def test_a_short_word_needs_no_typo_to_match():
    index = SearchIndex.build(deck_of(quote("q", "NATO allies", "2025-09-19")))
    assert search_ids(index, "ntao") == []
    assert search_ids(index, "allie") == ["q"]


def test_typo_matches_rank_below_exact_matches_even_when_newer():
    deck = deck_of(
        quote("typo-newer", "A tasting menu", "2025-09-25"),
        quote("exact-older", "They are testing us", "2025-09-01"),
    )
    result = SearchIndex.build(deck).search("testing")
    assert [(hit.quote.id, hit.tier) for hit in result.hits] == [("exact-older", Tier.EXACT), ("typo-newer", Tier.TYPO)]


def test_typo_highlight_marks_the_word_matched_with_a_typo():
    deck = deck_of(quote("q", "Gitanas Nausėda said", "2025-09-22"))
    (hit,) = SearchIndex.build(deck).search("nausdea said").hits
    assert hit.tier is Tier.TYPO
    assert highlighted(hit) == ["Nausėda", "said"]


# --- ranking ---------------------------------------------------------------------------


def test_words_standing_together_rank_first_then_exact_then_typos():
    deck = deck_of(
        quote("apart-newest", "Our aim is testing, always", "2025-09-25"),
        quote("typo", "Our testnig aim", "2025-09-24"),
        quote("together-older", "They are testing our resolve", "2025-09-01"),
        quote("together-undated", "Testing our patience", None),
    )
    result = SearchIndex.build(deck).search("testing our")
    assert [(hit.quote.id, hit.tier) for hit in result.hits] == [
        ("together-older", Tier.PHRASE),
        ("together-undated", Tier.PHRASE),
        ("apart-newest", Tier.EXACT),
        ("typo", Tier.TYPO),
    ]


def test_the_last_word_may_be_unfinished_for_the_phrase_tier():
    deck = deck_of(
        quote("apart", "our aim is testing", "2025-09-25"), quote("together", "testing our resolve", "2025-09-01")
    )
    result = SearchIndex.build(deck).search("testing ou")
    assert [(hit.quote.id, hit.tier) for hit in result.hits] == [("together", Tier.PHRASE), ("apart", Tier.EXACT)]


def test_limit_cuts_the_hits_but_not_the_total():
    deck = deck_of(*(quote(f"q{i}", f"testing our resolve {i}", f"2025-09-{i + 1:02}") for i in range(20)))
    result = SearchIndex.build(deck).search("testing our", limit=3)
    assert ids(result) == ["q19", "q18", "q17"]
    assert result.total == 20
    assert SearchIndex.build(deck).search("testing", limit=0).hits == ()


# --- highlights -----------------------------------------------------------------------


def test_highlights_cover_the_matched_start_of_each_word(index):
    (hit,) = index.search("prep test").hits
    assert highlighted(hit) == ["test", "test", "prep", "test"]


def test_highlight_offsets_point_into_accented_original_text():
    text = "Prezidentas Gitanas Nausėda: Łódź ir Straße."
    (hit,) = SearchIndex.build(deck_of(quote("q", text, "2025-09-22"))).search("nauseda lodz strasse").hits
    assert hit.spans == ((20, 27), (29, 33), (37, 43))
    assert highlighted(hit) == ["Nausėda", "Łódź", "Straße"]


def test_highlight_offsets_cover_decomposed_accents():
    text = unicodedata.normalize("NFD", "Nausėda, Čaputová")
    (hit,) = SearchIndex.build(deck_of(quote("q", text, "2025-09-22"))).search("nauseda caputova").hits
    assert highlighted(hit) == [unicodedata.normalize("NFD", "Nausėda"), unicodedata.normalize("NFD", "Čaputová")]


def test_highlight_of_a_prefix_inside_a_folded_letter_covers_that_letter():
    (hit,) = SearchIndex.build(deck_of(quote("q", "Straße", "2025-09-22"))).search("stras").hits
    assert highlighted(hit) == ["Straß"]


def test_highlight_of_a_word_with_an_apostrophe_covers_the_apostrophe(index):
    hit = index.search("russias").hits[0]
    assert (hit.quote.id, highlighted(hit)) == ("tusk-nauseda", ["Russia’s"])


def test_highlights_are_sorted_and_merged():
    (hit,) = (
        SearchIndex.build(deck_of(quote("q", "testing testing", "2025-09-22")))
        .search('test testing "testing testing"')
        .hits
    )
    assert hit.spans == ((0, 15),)


# --- filters ---------------------------------------------------------------------------


def test_by_matches_person_id_name_words_or_quoted_full_name(index):
    assert search_ids(index, "by:tusk") == ["tusk-territory", "tusk-nauseda"]
    assert search_ids(index, "by:nauseda") == ["nauseda-testing", "nauseda-solidarity"]
    assert search_ids(index, "by:gitan") == ["nauseda-testing", "nauseda-solidarity"]
    assert search_ids(index, 'by:"gitanas nausėda"') == ["nauseda-testing", "nauseda-solidarity"]
    assert search_ids(index, "by:zelensky") == []


def test_by_with_an_exact_id_chooses_only_that_person():
    other = type(TUSK)("tuskin", "Tusk Junior", TUSK.place)
    deck = deck_of(quote("a", "x", "2025-09-01", by=TUSK), quote("b", "x", "2025-09-02", by=other))
    index = SearchIndex.build(deck)
    assert search_ids(index, "by:tusk") == ["a"]
    assert search_ids(index, "by:tus") == ["b", "a"]


def test_country_matches_the_speakers_country_by_code_or_name(index):
    assert search_ids(index, "country:PL") == ["tusk-territory", "tusk-nauseda"]
    assert search_ids(index, "country:lithuania") == ["nauseda-testing", "nauseda-solidarity"]
    assert search_ids(index, "country:ru") == ["meshkov-war"]


def test_about_matches_subject_id_or_title_words(index):
    assert search_ids(index, "about:estonia-mig31") == ["tusk-territory"]
    assert search_ids(index, "about:estonian") == ["tusk-territory"]
    assert search_ids(index, "about:shoot-down") == ["meshkov-war", "nauseda-testing", "tusk-territory"]
    assert search_ids(index, "about:mig-31") == ["tusk-territory"]


def test_source_matches_id_title_or_publisher(index):
    assert search_ids(index, "source:rtl") == ["meshkov-war"]
    assert search_ids(index, "source:bloomberg") == ["nauseda-testing", "tusk-territory"]
    assert search_ids(index, "source:privately") == ["nauseda-testing", "tusk-territory"]


def test_repeating_a_filter_means_either_value(index):
    assert search_ids(index, "by:tusk by:meshkov") == ["meshkov-war", "tusk-territory", "tusk-nauseda"]


def test_different_filters_must_all_hold(index):
    assert search_ids(index, "source:article by:tusk") == ["tusk-territory"]


def test_negated_filter_excludes(index):
    assert search_ids(index, "-by:tusk -by:meshkov") == ["nauseda-testing", "nauseda-solidarity"]


def test_filters_combine_with_words(index):
    assert search_ids(index, "testing by:tusk") == ["tusk-nauseda"]
    assert search_ids(index, "testing country:lt") == ["nauseda-testing"]


def test_after_includes_the_whole_period_named(index):
    assert search_ids(index, "after:2025-09-22") == [
        "meshkov-war",
        "nauseda-testing",
        "nauseda-solidarity",
        "tusk-territory",
    ]
    assert search_ids(index, "after:2025-09-23") == ["meshkov-war", "tusk-territory"]


def test_after_a_month_means_from_that_month_on():
    deck = deck_of(quote("aug", "x", "2025-08-31"), quote("sep", "x", "2025-09-01"), quote("oct", "x", "2025-10"))
    assert search_ids(SearchIndex.build(deck), "after:2025-09") == ["oct", "sep"]


def test_before_excludes_the_date_itself(index):
    assert search_ids(index, "before:2025-09-22") == ["tusk-territory"]
    assert search_ids(index, "before:2025-09-01") == []


def test_after_and_before_together_make_a_range():
    deck = deck_of(*(quote(f"d{day}", "x", f"2025-09-{day:02}") for day in (18, 19, 20, 21)))
    assert search_ids(SearchIndex.build(deck), "after:2025-09-19 before:2025-09-21") == ["d20", "d19"]


def test_an_interval_date_matches_when_any_part_is_in_range():
    deck = deck_of(quote("range", "x", "2025-09-22/2025-09-25"))
    index = SearchIndex.build(deck)
    assert search_ids(index, "after:2025-09-24") == ["range"]
    assert search_ids(index, "after:2025-09-26") == []
    assert search_ids(index, "before:2025-09-23") == ["range"]


def test_undated_quotes_never_match_a_date_filter(index):
    assert "tusk-nauseda" not in search_ids(index, "after:2000")
    assert "tusk-nauseda" not in search_ids(index, "before:2100")


def test_date_filters_read_dates_in_the_deck_timezone():
    deck = deck_of(quote("late", "x", "2025-09-21T22:30+00:00"), timezone_name="Europe/Tallinn")
    index = SearchIndex.build(deck)
    assert search_ids(index, "after:2025-09-22") == ["late"]
    assert (
        search_ids(SearchIndex.build(deck_of(quote("late", "x", "2025-09-21T22:30+00:00"))), "after:2025-09-22") == []
    )


def test_a_date_the_deck_timezone_skipped_is_an_error():
    deck = deck_of(quote("q", "x", "2025-03-30"), timezone_name="Europe/Tallinn")
    result = SearchIndex.build(deck).search("x after:2025-03-30T03:30")
    assert result.hits == () and "does not exist" in result.error
    assert isinstance(result.query, QueryError)
    assert result.query.text[result.query.start : result.query.end] == "after:2025-03-30T03:30"


# --- exclusions ------------------------------------------------------------------------


def test_excluded_word_removes_quotes_with_a_word_starting_with_it(index):
    assert search_ids(index, "testing -prep") == ["tusk-nauseda"]
    assert search_ids(index, "-russ") == ["nauseda-solidarity", "tusk-territory"]


def test_excluded_phrase_removes_only_quotes_with_the_phrase(index):
    assert search_ids(index, 'shoot -"shoot down objects"') == ["meshkov-war"]
    assert search_ids(index, '-"testing our"') == [
        "meshkov-war",
        "nauseda-solidarity",
        "tusk-territory",
        "tusk-nauseda",
    ]


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["before:notadate", "unknownfilter:x", 'russia "testing', "by:"])
def test_malformed_query_gives_an_error_and_no_hits(index, text):
    result = index.search(text)
    assert result.error and not result.ok
    assert (result.hits, result.total) == ((), 0)
    assert isinstance(result.query, QueryError) and result.query.message == result.error


def test_search_accepts_a_parsed_query(index):
    query = parse_query("testing")
    assert isinstance(query, Query)
    result = index.search(query)
    assert result.query is query and result.total == 2


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from('ab é:-"“” by:after:2025-09 tusk nausėda testing ours-'), max_size=40)
    | st.text(max_size=20)
)
def test_search_never_raises(text):
    result = EXAMPLE_INDEX.search(text, limit=3)
    assert result.error is None or (result.hits == () and isinstance(result.query, QueryError))
    for hit in result.hits:
        assert all(0 <= start < end <= len(hit.quote.text) for start, end in hit.spans)


EXAMPLE_INDEX = SearchIndex.build(deck_of(*example_quotes()))


def test_an_empty_deck_finds_nothing():
    result = SearchIndex.build(deck_of()).search("russia after:2025")
    assert (result.hits, result.total, result.error) == ((), 0, None)


def test_a_letter_after_an_apostrophe_is_not_the_start_of_a_word():
    (hit,) = SearchIndex.build(deck_of(quote("q", "Don't tell", "2025-09-22"))).search("t").hits
    assert highlighted(hit) == ["t"] and hit.spans == ((6, 7),)
    (hit,) = SearchIndex.build(deck_of(quote("q", "'Tis time", "2025-09-22"))).search("ti").hits
    assert hit.spans == ((1, 3), (5, 7))


def test_every_quote_of_the_example_deck_is_found_by_its_own_words_and_speaker():

    from briefing.deck import load_deck
    from briefing.search import words

    loaded = load_deck(EXAMPLE_DECK)
    assert loaded.deck is not None and loaded.deck.quotes
    index = SearchIndex.build(loaded.deck)
    for q in loaded.deck.quotes:
        opening = " ".join(words(q.text)[:3])
        result = index.search(f'"{opening}" by:{q.speaker.id}')
        assert q.id in ids(result), (q.id, opening)
        hit = next(hit for hit in result.hits if hit.quote.id == q.id)
        assert words(highlighted(hit)[0]) == opening.split()


def test_index_keeps_each_quotes_normalised_text_and_words_in_rank_order(index):
    assert [q.id for q in index.quotes] == search_ids(index, "")
    rank = [q.id for q in index.quotes].index("tusk-nauseda")
    assert index.normalized_text(rank) == "nauseda was right russias jets were testing natos resolve"
    assert index.tokens(rank)[-3:] == ["resolve", "donald", "tusk"]
    assert len(index) == 5
