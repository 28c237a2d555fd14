"""The index against a plain reference: the same matches, tiers and order on random decks.

The index works on bitmasks, precomputed prefix masks, vocabulary ranges and a text sweep;
the reference below checks every quote one by one, straight from the documented rules. A
small vocabulary with shared prefixes, accents and apostrophes makes prefixes, typos,
phrases and ties common, and small heavy-prefix and scan thresholds exercise every path.
"""

from __future__ import annotations

import random
from datetime import timezone

import pytest
from search_decks import PLACE, deck_of, quote, when
from test_search_typos import osa_distance

from briefing.deck.model import Person
from briefing.search import Query, SearchIndex, Tier, parse_query, words
from briefing.search import index as index_module

VOCABULARY = [
    "test",
    "testing",
    "tested",
    "tests",
    "tasting",
    "testament",
    "russia",
    "russian",
    "russia’s",
    "rush",
    "nausėda",
    "nauseda",
    "nato",
    "natos",
    "air",
    "airspace",
    "aircraft",
    "shoot",
    "shooting",
    "down",
    "our",
    "us",
    "we",
    "it’s",
    "its",
    "preparedness",
    "prepared",
    "war",
    "ward",
    "warsaw",
    "jets",
    "jest",
]
NAMES = ["Gitanas Nausėda", "Donald Tusk", "Alexey Meshkov", "Kaja Kallas"]
PLACES = ["Warsaw", "New York, UN", "Tallinn airport", None]
FILTER_DATES = ["2025", "2025-09", "2025-09-01", "2025-09-02", "2025-09-03", "2025-10", "2026"]


def random_deck(chooser: random.Random, size: int):
    people = [Person(f"p{i}", name, PLACE) for i, name in enumerate(NAMES)]
    quotes = []
    for number in range(size):
        text = " ".join(chooser.choices(VOCABULARY, k=chooser.randint(1, 8)))
        if chooser.random() < 0.3:
            text = text.capitalize() + ", " + chooser.choice(VOCABULARY) + "."
        day = chooser.choice([None, "2025-09", "2025-09-01", "2025-09-02", "2025-09-02", "2025"])
        quotes.append(quote(f"q{number}", text, day, by=chooser.choice(people), where=chooser.choice(PLACES)))
    return deck_of(*quotes)


def random_query(chooser: random.Random) -> str:
    terms = []
    for _ in range(chooser.randint(1, 3)):
        word = words(chooser.choice(VOCABULARY))[0]
        kind = chooser.random()
        if kind < 0.25:
            terms.append(word[: chooser.randint(1, len(word))])
        elif kind < 0.45 and len(word) >= 5:
            position = chooser.randrange(len(word) - 1)
            terms.append(word[:position] + word[position + 1] + word[position] + word[position + 2 :])
        elif kind < 0.55:
            terms.append(f'"{word} {words(chooser.choice(VOCABULARY))[0]}"')
        elif kind < 0.65:
            terms.append("-" + word[: chooser.randint(1, len(word))])
        elif kind < 0.7:
            terms.append(f'-"{word} {words(chooser.choice(VOCABULARY))[0]}"')
        elif kind < 0.8:
            terms.append(f"{chooser.choice(['after', 'before'])}:{chooser.choice(FILTER_DATES)}")
        elif kind < 0.85:
            terms.append(f"by:p{chooser.randrange(len(NAMES))}")
        else:
            terms.append(word)
    return " ".join(terms)


def fields(q) -> list[list[str]]:
    return [words(q.text), words(q.speaker.name), words(q.where or "")]


def contains_run(field: list[str], run: list[str], last_is_prefix: bool) -> bool:
    for start in range(len(field) - len(run) + 1):
        window = field[start : start + len(run)]
        if window[:-1] == run[:-1] and (window[-1].startswith(run[-1]) if last_is_prefix else window[-1] == run[-1]):
            return True
    return False


def typo_match(token: str, word: str) -> bool:
    return 5 <= len(word) <= 40 and any(
        len(token) >= length and osa_distance(token[:length], word) <= 1
        for length in (len(word) - 1, len(word), len(word) + 1)
    )


def reference(deck, query: Query) -> list[tuple[str, Tier]]:
    matched = []
    for deck_order, q in enumerate(deck.quotes):
        if not all(passes(q, term) for term in query.filters):
            continue
        tokens = [token for field in fields(q) for token in field]
        exact = [any(token.startswith(word) for token in tokens) for word in query.words]
        typo = [any(typo_match(token, word) for token in tokens) for word in query.words]
        if not all(e or t for e, t in zip(exact, typo)):
            continue
        if any(any(token.startswith(word) for token in tokens) for word in query.excluded_words):
            continue
        if not all(any(contains_run(f, list(p), False) for f in fields(q)) for p in query.phrases):
            continue
        if any(any(contains_run(f, list(p), False) for f in fields(q)) for p in query.excluded_phrases):
            continue
        if not all(exact):
            tier = Tier.TYPO
        elif len(query.words) > 1 and any(contains_run(f, list(query.words), True) for f in fields(q)):
            tier = Tier.PHRASE
        else:
            tier = Tier.EXACT
        matched.append((tier, _newest_first(q), deck_order, q.id))
    return [(identifier, tier) for tier, _, _, identifier in sorted(matched)]


def passes(q, term) -> bool:
    if term.key == "by":
        return q.speaker.id == term.value
    if q.when is None:
        return False
    bound = when(term.value).start
    return q.when.period_end() > bound if term.key == "after" else q.when.start < bound


def _newest_first(q) -> tuple:
    if q.when is None:
        return (1, 0.0, 0)
    return (0, -q.when.start.replace(tzinfo=q.when.start.tzinfo or timezone.utc).timestamp(), int(q.when.precision))


@pytest.fixture
def small_thresholds(monkeypatch):
    monkeypatch.setattr(index_module, "_HEAVY_WEIGHT", 20)
    monkeypatch.setattr(index_module, "_SCAN_CUTOFF", 5)


@pytest.mark.parametrize("seed", range(8))
def test_index_agrees_with_the_reference(seed, small_thresholds):
    chooser = random.Random(seed)
    deck = random_deck(chooser, chooser.choice([1, 15, 60, 150]))
    index = SearchIndex.build(deck)
    for _ in range(60):
        text = random_query(chooser)
        query = parse_query(text)
        assert isinstance(query, Query), text
        expected = reference(deck, query)
        result = index.search(query)
        assert [(hit.quote.id, hit.tier) for hit in result.hits] == expected, text
        assert result.total == len(expected), text
        limit = chooser.randint(0, 5)
        limited = index.search(query, limit=limit)
        assert [(hit.quote.id, hit.tier) for hit in limited.hits] == expected[:limit], (text, limit)
        assert limited.total == len(expected)
