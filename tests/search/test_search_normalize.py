"""Folding and words: case, accents, quotes, dashes and punctuation never stop a match."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.search.normalize import fold, fold_aligned, fold_char, words


def test_fold_removes_accents_and_case():
    assert fold("Gitanas NAUSĖDA") == "gitanas nauseda"
    assert fold("Radosław Sikorski, Władysław Kosiniak-Kamysz") == "radoslaw sikorski, wladyslaw kosiniak-kamysz"
    assert fold("Łódź, Øresund, Æther, Þór") == "lodz, oresund, aether, thor"


def test_fold_treats_decomposed_and_composed_accents_alike():
    composed = unicodedata.normalize("NFC", "Nausėda Čaputová")
    decomposed = unicodedata.normalize("NFD", "Nausėda Čaputová")
    assert composed != decomposed
    assert fold(composed) == fold(decomposed) == "nauseda caputova"


def test_fold_unifies_curly_quotes_apostrophes_and_dashes():
    assert fold("“Russia’s” ‘jets’ — 9–10 September") == "\"russia's\" 'jets' - 9-10 september"


def test_fold_expands_sharp_s_and_ligatures():
    assert fold("Straße") == "strasse"
    assert fold("ﬁnal") == "final"


def test_words_join_across_inner_apostrophes():
    assert words("It’s Russia's test; don't") == ["its", "russias", "test", "dont"]


def test_words_split_on_punctuation_and_dashes():
    assert words("MiG-31 jets: testing, testing… (again)") == ["mig", "31", "jets", "testing", "testing", "again"]


def test_words_ignore_a_leading_or_trailing_apostrophe():
    assert words("'tis the allies' view") == ["tis", "the", "allies", "view"]


def test_fold_aligned_maps_nothing_when_lengths_agree():
    assert fold_aligned("Gitanas Nausėda") == ("gitanas nauseda", None, None)


def test_fold_aligned_maps_each_folded_character_back_to_its_source():
    text = unicodedata.normalize("NFD", "Nausėda Straße")
    folded, starts, ends = fold_aligned(text)
    assert folded == "nauseda strasse"
    assert text[starts[4] : ends[4]] == unicodedata.normalize("NFD", "ė")
    s_positions = [i for i, char in enumerate(folded) if char == "s"]
    assert [text[starts[i] : ends[i]] for i in s_positions[-2:]] == ["ß", "ß"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_fold_is_the_fold_of_each_character_on_every_path(text):
    assert fold(text) == "".join(fold_char(char) for char in text)
    folded, starts, ends = fold_aligned(text)
    assert folded == fold(text)
    if starts is None:
        assert len(folded) == len(text)
    else:
        assert len(starts) == len(ends) == len(folded)
        assert all(0 <= start < end <= len(text) for start, end in zip(starts, ends))
        assert all(folded[i] in fold(text[starts[i] : ends[i]]) for i in range(len(folded)))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_words_are_already_folded(text):
    for word in words(text):
        assert word and fold(word) == word and "'" not in word


def test_every_apostrophe_is_dropped_even_doubled():
    assert words("rock ’n’ roll, a''b") == ["rock", "n", "roll", "ab"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_shortcut_gives_the_same_words_as_folding(text):
    from briefing.search.normalize import words_of_folded

    assert words(text) == words_of_folded(fold(text))
