"""One-typo matching: which indexed words a query word of five letters or more reaches."""

from __future__ import annotations

import random

from briefing.search.vocabulary import TYPO_MAX_LENGTH, Vocabulary


def osa_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance with adjacent transpositions (optimal string alignment)."""
    rows = [list(range(len(b) + 1))] + [[i] + [0] * len(b) for i in range(1, len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]


def reached_by_typo(vocabulary: Vocabulary, word: str) -> set[str]:
    """Indexed words that begin with a string one edit away from ``word`` (those that begin
    with ``word`` itself are exact matches, not typo matches)."""
    reached = set()
    for prefix in vocabulary.typo_prefixes(word):
        reached.update(vocabulary.starting_with(prefix))
    return {found for found in reached if not found.startswith(word)}


def brute_force(candidates: list[str], word: str) -> set[str]:
    if not 5 <= len(word) <= TYPO_MAX_LENGTH:
        return set()
    return {
        candidate
        for candidate in candidates
        if not candidate.startswith(word)
        and any(
            len(candidate) >= length and osa_distance(candidate[:length], word) <= 1
            for length in (len(word) - 1, len(word), len(word) + 1)
        )
    }


def test_transposed_letters_match():
    assert reached_by_typo(Vocabulary(["nauseda", "nato"]), "nausdea") == {"nauseda"}


def test_one_deleted_inserted_or_replaced_letter_matches():
    vocabulary = Vocabulary(["preparedness", "president", "pressure"])
    assert reached_by_typo(vocabulary, "prepardness") == {"preparedness"}
    assert reached_by_typo(vocabulary, "preparredness") == {"preparedness"}
    assert reached_by_typo(vocabulary, "prepbredness") == {"preparedness"}


def test_a_typo_while_typing_matches_the_start_of_a_word():
    assert reached_by_typo(Vocabulary(["president", "presidential"]), "presidn") == {"president", "presidential"}


def test_two_typos_do_not_match():
    assert reached_by_typo(Vocabulary(["preparedness"]), "prpeardness") == set()


def test_words_shorter_than_five_letters_get_no_typo_tolerance():
    vocabulary = Vocabulary(["test", "nato", "tests"])
    assert reached_by_typo(vocabulary, "tset") == set()
    assert reached_by_typo(vocabulary, "ntao") == set()


def test_very_long_words_get_no_typo_tolerance():
    word = "a" * (TYPO_MAX_LENGTH + 1)
    assert Vocabulary([word[:-1] + "b"]).typo_prefixes(word) == []


def test_words_the_query_word_begins_are_not_typo_matches():
    assert reached_by_typo(Vocabulary(["testing", "tested"]), "testi") == {"tested"}


def test_typo_matches_agree_with_brute_force_edit_distance():
    chooser = random.Random(6)
    alphabet = "aeinrst"
    for _ in range(60):
        candidates = ["".join(chooser.choices(alphabet, k=chooser.randint(1, 9))) for _ in range(40)]
        vocabulary = Vocabulary(candidates)
        for _ in range(10):
            base = chooser.choice(candidates)
            word = mutate(chooser, base, alphabet) if chooser.random() < 0.7 else base
            assert reached_by_typo(vocabulary, word) == brute_force(vocabulary.words, word), (word, candidates)


def mutate(chooser: random.Random, word: str, alphabet: str) -> str:
    letters = list(word + chooser.choice(alphabet))
    position = chooser.randrange(len(letters) - 1)
    edit = chooser.randrange(4)
    if edit == 0:
        letters[position], letters[position + 1] = letters[position + 1], letters[position]
    elif edit == 1:
        del letters[position]
    elif edit == 2:
        letters[position] = chooser.choice(alphabet)
    else:
        letters.insert(position, chooser.choice(alphabet))
    return "".join(letters)
