"""The quote index: built once per deck load, answering each keystroke's query in milliseconds.

Quotes are ranked once, at build time: newest first, undated last, then deck order. Every
set of quotes is then a bitmask in that order (see :mod:`.bits`), so filtering, combining
words and ordering the results are integer operations, and the best hits are the lowest
set bits. Words are looked up in a sorted vocabulary (prefixes and one-typo variants by
bisection); the masks of short, common prefixes (``t``, ``pr``) are precomputed so that the
first keystrokes are as fast as the last. Phrases are checked with ``str.find`` against
each candidate's normalised text (all quotes' texts are one string, one line per quote),
or, when too many quotes are candidates, by one sweep over that whole string.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from enum import IntEnum
from functools import cached_property
from typing import Callable, Iterable, Iterator

from ..deck.dates import DateError, parse_date
from ..deck.model import Country, DateOrder, DatePoint, Deck, Person, Quote, Source, Subject
from .bits import Posting, as_mask, compact, iter_ranks, mask_of, ranks_of, span_mask, union
from .normalize import fold, fold_aligned, words
from .query import Filter, Query, QueryError, parse_query
from .vocabulary import Vocabulary

Span = tuple[int, int]

_AFTER_ALL = "\U0010ffff"
_DENSE_WEIGHT = 16
"""What OR-ing one precomputed mask costs, in ranks converted from a tuple (measured ~16x)."""
_HEAVY_WEIGHT = 2000
"""Prefixes whose words cost more than this to combine get a precomputed mask."""
_MAX_PREFIX_DEPTH = 10
_SCAN_CUTOFF = 20_000
"""Above this many candidates, a phrase is found by one sweep over all quotes' text."""
_DATE_CHECKPOINT = 512


class Tier(IntEnum):
    """How well a quote matches; lower is better and comes first."""

    PHRASE = 0
    """Every word matched exactly, and the words stand together in the order typed: whole
    words, except the last, which may be the start of a word."""
    EXACT = 1
    """Every word matched exactly (as the start of a word), anywhere."""
    TYPO = 2
    """At least one word matched only with one typo."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching quote. ``spans`` are computed when first read, so a long result list
    costs only the highlights the screen actually shows."""

    quote: Quote
    tier: Tier
    _highlight: Callable[[], tuple[Span, ...]] = field(repr=False, compare=False)
    _cache: list = field(default_factory=list, repr=False, compare=False)

    @property
    def spans(self) -> tuple[Span, ...]:
        """Highlights as sorted, non-overlapping ``(start, end)`` offsets into ``quote.text``."""
        if not self._cache:
            self._cache.append(self._highlight())
        return self._cache[0]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query. With an ``error``, ``hits`` is empty: keep showing the last."""

    query: Query | QueryError
    hits: tuple[Hit, ...] = ()
    total: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class SearchIndex:
    """Every quote of one deck, ready to search. Immutable once built; safe to share."""

    def __init__(self, parts: _Parts) -> None:
        self._parts = parts
        self._date_points: dict[str, DatePoint] = {}

    @classmethod
    def build(cls, deck: Deck) -> SearchIndex:
        return cls(_build(deck))

    def __len__(self) -> int:
        return self._parts.size

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """The quotes in ranking order: newest first, undated last, then deck order."""
        return self._parts.quotes

    def normalized_text(self, quote_rank: int) -> str:
        """The quote text as the index sees it: folded words separated by single spaces."""
        return self._entry(quote_rank).split("\t", 1)[0].strip()

    def tokens(self, quote_rank: int) -> list[str]:
        """Every indexed word of a quote: its text, then its speaker's name, then where."""
        return self._entry(quote_rank).split()

    def search(self, query: str | Query, limit: int | None = None) -> SearchResult:
        """The quotes matching ``query``, best first; never raises on what the user typed."""
        parsed = query if isinstance(query, Query) else parse_query(query, date_order=self._parts.date_order)
        if isinstance(parsed, QueryError):
            return SearchResult(query=parsed, error=parsed.message)
        try:
            allowed = self._filters_mask(parsed.filters)
        except _FilterProblem as problem:
            error = QueryError(parsed.text, problem.message, problem.term.start, problem.term.end)
            return SearchResult(query=error, error=error.message)
        return _Search(self, parsed, allowed).run(limit)

    # --- pieces used by _Search ------------------------------------------------------

    def _entry(self, rank: int) -> str:
        offsets = self._parts.offsets
        return self._parts.corpus[offsets[rank] : offsets[rank + 1]]

    def _prefix_mask(self, prefix: str) -> int:
        parts = self._parts
        mask = parts.heavy.get(prefix)
        if mask is None:
            mask = union(self._postings_with_prefix(prefix), parts.size)
        return mask

    def _postings_with_prefix(self, prefix: str) -> Iterator[Posting]:
        parts = self._parts
        lo, hi = parts.vocabulary.prefix_range(prefix)
        for word in parts.vocabulary.words[lo:hi]:
            yield parts.postings[word]

    def _typo_mask(self, typo_prefixes: list[str]) -> int:
        parts = self._parts
        heavy = [parts.heavy[p] for p in typo_prefixes if p in parts.heavy]
        light = (posting for p in typo_prefixes if p not in parts.heavy for posting in self._postings_with_prefix(p))
        return union([*heavy, *light], parts.size)

    def _word_mask(self, word: str) -> int:
        posting = self._parts.postings.get(word)
        return 0 if posting is None else as_mask(posting, self._parts.size)

    def _containing(self, literal: str, candidates: int, wanted: int | None = None) -> int:
        """The candidates whose normalised entry contains ``literal``, or, with ``wanted``,
        only the best-ranked ``wanted`` of them (enough to fill a page of results).

        Candidates are checked in rank order, each against its own entry, stopping once
        ``wanted`` are found; when there are many and all are needed, one ``str.find``
        sweep over every entry costs less.
        """
        parts = self._parts
        if wanted is None and candidates.bit_count() > _SCAN_CUTOFF:
            return self._sweep(literal) & candidates
        offsets, ends, find = parts.offsets, parts.ends, parts.corpus.find
        found = []
        for rank in iter_ranks(candidates):
            if find(literal, offsets[rank], ends[rank]) >= 0:
                found.append(rank)
                if len(found) == wanted:
                    break
        return mask_of(found, parts.size)

    def _sweep(self, literal: str) -> int:
        parts = self._parts
        offsets, find = parts.offsets, parts.corpus.find
        found = []
        position = find(literal)
        while position >= 0:
            rank = bisect_right(offsets, position) - 1
            found.append(rank)
            position = find(literal, offsets[rank + 1])
        return mask_of(found, parts.size)

    def _filters_mask(self, filters: tuple[Filter, ...]) -> int:
        parts = self._parts
        allowed = parts.everything
        by_key: dict[str, int] = {}
        for term in filters:
            mask = self._filter_mask(term)
            if term.negated:
                allowed &= ~mask
            elif term.is_date:
                allowed &= mask
            else:
                by_key[term.key] = by_key.get(term.key, 0) | mask
        for mask in by_key.values():
            allowed &= mask
        return allowed

    def _filter_mask(self, term: Filter) -> int:
        if term.is_date:
            try:
                start = self._date_point(term.value).start.timestamp()
            except DateError as problem:
                raise _FilterProblem(term, f"{term.key}: {problem}") from None
            dates = self._parts.dates
            return dates.before(start) if term.key == "before" else dates.after(start)
        return self._parts.facets[term.key].mask(term)

    def _date_point(self, text: str) -> DatePoint:
        point = self._date_points.get(text)
        if point is None:
            point = parse_date(text, tz=self._parts.tz, date_order=self._parts.date_order)
            self._date_points[text] = point
        return point


class _FilterProblem(Exception):
    """A filter that parsed but cannot apply to this deck (a date that does not exist in its
    time zone, such as a time skipped by a daylight saving change)."""

    def __init__(self, term: Filter, message: str) -> None:
        super().__init__(message)
        self.term = term
        self.message = message


class _Search:
    """One query against one index: the masks, the tiers, the hits."""

    def __init__(self, index: SearchIndex, query: Query, allowed: int) -> None:
        self.index = index
        self.parts = index._parts
        self.query = query
        self.allowed = allowed

    def run(self, limit: int | None) -> SearchResult:
        query, index = self.query, self.index
        matches = self.allowed
        exact_everywhere = matches
        exact_masks: list[int] = []
        typo_prefixes: list[list[str]] = []
        for word in query.words:
            exact = index._prefix_mask(word)
            prefixes = self.parts.vocabulary.typo_prefixes(word) if matches else []
            typo = index._typo_mask(prefixes) if prefixes else 0
            matches &= exact | typo
            exact_everywhere &= exact
            exact_masks.append(exact)
            typo_prefixes.append(prefixes)
        for word in query.excluded_words:
            matches &= ~index._prefix_mask(word)
        for phrase in query.phrases:
            matches = self._phrase_mask(phrase, matches)
        for phrase in query.excluded_phrases:
            matches &= ~self._phrase_mask(phrase, matches)
        exact = matches & exact_everywhere
        typo = matches & ~exact_everywhere
        adjacent = self._adjacent_mask(exact, limit) if len(query.words) > 1 and limit != 0 else 0
        tiers = ((Tier.PHRASE, adjacent), (Tier.EXACT, exact & ~adjacent), (Tier.TYPO, typo))
        highlighter = _Highlighter(query, exact_masks, typo_prefixes)
        hits = tuple(self._hits(tiers, limit, highlighter))
        return SearchResult(query=query, hits=hits, total=matches.bit_count())

    def _phrase_mask(self, phrase: tuple[str, ...], candidates: int) -> int:
        for word in phrase:
            candidates &= self.index._word_mask(word)
        if len(phrase) == 1 or not candidates:
            return candidates
        return self.index._containing(" " + " ".join(phrase) + " ", candidates)

    def _adjacent_mask(self, candidates: int, limit: int | None) -> int:
        """The candidates where the words stand together in the order typed: whole words,
        except the last, which may be the start of a word (it is often still being typed).

        With a ``limit``, only the best-ranked ``limit`` of them are looked for: once they
        are found they fill the page, so the rest cannot change what is shown.
        """
        for word in self.query.words[:-1]:
            candidates &= self.index._word_mask(word)
        if not candidates:
            return 0
        return self.index._containing(" " + " ".join(self.query.words), candidates, wanted=limit)

    def _hits(self, tiers: Iterable[tuple[Tier, int]], limit: int | None, highlighter: _Highlighter) -> Iterator[Hit]:
        quotes = self.parts.quotes
        remaining = limit
        for tier, mask in tiers:
            if remaining is not None and remaining <= 0:
                return
            for rank in ranks_of(mask, remaining):
                quote = quotes[rank]
                yield Hit(quote, tier, _bind(highlighter, quote.text, rank, tier))
            if remaining is not None:
                remaining -= min(remaining, mask.bit_count())


def _bind(highlighter: _Highlighter, text: str, rank: int, tier: Tier) -> Callable[[], tuple[Span, ...]]:
    return lambda: highlighter.spans(text, rank, tier)


# --- highlights -----------------------------------------------------------------------

_WORD_START = r"(?<![^\W_])"
_WORD_END = r"(?!'*[^\W_])"
_BETWEEN_WORDS = r"'*(?:[^\w']|_)[\W_]*"
"""What separates two words: punctuation or space, not only apostrophes (don't is one word)."""


def _loose(word: str) -> str:
    """A pattern for a normalised word in folded text, where apostrophes may sit inside it."""
    return "'*".join(map(re.escape, word))


def _alternatives(words: Iterable[str]) -> re.Pattern[str] | None:
    options = sorted(set(words), key=len, reverse=True)
    if not options:
        return None
    return re.compile(_WORD_START + "(?:" + "|".join(map(_loose, options)) + ")")


def _starts_word(folded: str, index: int) -> bool:
    """True unless apostrophes join this position to a word before it (the t of don't)."""
    while index > 0 and folded[index - 1] == "'":
        index -= 1
    return index == 0 or not folded[index - 1].isalnum()


class _Highlighter:
    """Finds what to highlight in one quote text, for the words and phrases of one query.

    Patterns run over the folded text (same length as the original in the common case, or
    mapped back character by character otherwise) and are compiled only when a hit's
    spans are first read.
    """

    def __init__(self, query: Query, exact_masks: list[int], typo_prefixes: list[list[str]]) -> None:
        self._query = query
        self._exact_masks = exact_masks
        self._typo_prefixes = typo_prefixes

    @cached_property
    def _all_words(self) -> re.Pattern[str] | None:
        return _alternatives(self._query.words)

    @cached_property
    def _each_word(self) -> list[tuple[int, re.Pattern[str] | None, re.Pattern[str] | None]]:
        return [
            (exact_mask, _alternatives([word]), _alternatives(prefixes))
            for word, exact_mask, prefixes in zip(self._query.words, self._exact_masks, self._typo_prefixes)
        ]

    @cached_property
    def _phrases(self) -> list[re.Pattern[str]]:
        return [
            re.compile(_WORD_START + _BETWEEN_WORDS.join(map(_loose, phrase)) + _WORD_END)
            for phrase in self._query.phrases
        ]

    def spans(self, text: str, rank: int, tier: Tier) -> tuple[Span, ...]:
        folded, starts, ends = fold_aligned(text)
        found: list[Span] = []
        for pattern in self._patterns(rank, tier):
            found.extend(match.span() for match in pattern.finditer(folded) if _starts_word(folded, match.start()))
        if starts is not None and ends is not None:
            found = [(starts[a], ends[b - 1]) for a, b in found if b > a]
        return _merged(found)

    def _patterns(self, rank: int, tier: Tier) -> Iterator[re.Pattern[str]]:
        yield from self._phrases
        if tier is not Tier.TYPO:
            if self._all_words is not None:
                yield self._all_words
            return
        for exact_mask, exact, typo in self._each_word:
            pattern = exact if (exact_mask >> rank) & 1 else typo
            if pattern is not None:
                yield pattern


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


# --- building -------------------------------------------------------------------------


@dataclass(slots=True)
class _Parts:
    """What an index holds; built by :func:`_build`, read-only afterwards."""

    size: int
    quotes: tuple[Quote, ...]
    corpus: str
    offsets: array[int]
    ends: array[int]
    postings: dict[str, Posting]
    vocabulary: Vocabulary
    heavy: dict[str, int]
    facets: dict[str, _Facet]
    dates: _Dates
    everything: int
    tz: tzinfo
    date_order: DateOrder | None


def _build(deck: Deck) -> _Parts:
    quotes, starts = _ranked(deck.quotes)
    size = len(quotes)
    entries, postings = _entries_and_postings(quotes)
    offsets = array("q", [0])
    for entry in entries:
        offsets.append(offsets[-1] + len(entry))
    compacted = {word: compact(ranks, size) for word, ranks in postings.items()}
    vocabulary = Vocabulary(compacted)
    return _Parts(
        size=size,
        quotes=quotes,
        corpus="".join(entries),
        offsets=offsets,
        ends=offsets[1:],
        postings=compacted,
        vocabulary=vocabulary,
        heavy=_heavy_prefix_masks(vocabulary, compacted, size),
        facets=_facets(quotes),
        dates=_Dates(starts, [quote.when.period_end() for quote in quotes[: len(starts)]], size),
        everything=span_mask(0, size),
        tz=deck.zone,
        date_order=deck.date_order,
    )


def _ranked(quotes: tuple[Quote, ...]) -> tuple[tuple[Quote, ...], list[float]]:
    """The quotes newest first (by the start of the date; for the same start, the coarser
    date first, as it reaches later), undated last; ties keep deck order (Python's sort is
    stable even when reversed). Also the dated quotes' start times, in that order."""
    keyed = [
        (_timestamp(quote.when.start), -int(quote.when.precision), quote) for quote in quotes if quote.when is not None
    ]
    keyed.sort(key=lambda entry: entry[:2], reverse=True)
    ranked = (*(quote for _, _, quote in keyed), *(quote for quote in quotes if quote.when is None))
    return ranked, [start for start, _, _ in keyed]


def _timestamp(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _entries_and_postings(quotes: tuple[Quote, ...]) -> tuple[list[str], dict[str, list[int]]]:
    """Each quote's normalised entry (text, speaker name, where; tab-separated, every word
    between spaces, one line per quote) and, for every word, the ranks of the quotes that
    contain it."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    entries: list[str] = []
    fields: dict[str, tuple[str, list[str]]] = {"": ("", [])}

    def field_of(text: str) -> tuple[str, list[str]]:
        found = fields.get(text)
        if found is None:
            found_words = words(text)
            found = fields[text] = (_field(found_words), found_words)
        return found

    for rank, quote in enumerate(quotes):
        text_words = words(quote.text)
        name, name_words = field_of(quote.speaker.name)
        where, where_words = field_of(quote.where or "")
        entries.append(f"{_field(text_words)}\t{name}\t{where}\n")
        for word in {*text_words, *name_words, *where_words}:
            postings[word].append(rank)
    return entries, postings


def _field(field_words: list[str]) -> str:
    """Every word between spaces, so that `` word `` finds whole words only."""
    return " " + " ".join(field_words) + " " if field_words else ""


def _weight(posting: Posting) -> int:
    return _DENSE_WEIGHT if type(posting) is int else len(posting)


def _heavy_prefix_masks(vocabulary: Vocabulary, postings: dict[str, Posting], size: int) -> dict[str, int]:
    """Masks for the prefixes whose words would be slow to combine at query time.

    A walk of the sorted vocabulary as a trie, bottom up: a prefix is heavy when its words
    weigh more than ``_HEAVY_WEIGHT``; its mask reuses its heavy children's masks, so each
    rare word's ranks are converted once. Every ancestor of a heavy prefix is heavy, so a
    prefix absent from the result is cheap to combine on demand.
    """
    words = vocabulary.words
    heavy: dict[str, int] = {}

    def visit(prefix: str, lo: int, hi: int) -> tuple[int, list[Posting], int]:
        depth = len(prefix)
        weight, pending, merged = 0, [], 0
        index = lo
        if depth >= _MAX_PREFIX_DEPTH:
            pending = [postings[word] for word in words[lo:hi]]
            weight = sum(map(_weight, pending))
            index = hi
        elif len(words[index]) == depth:
            pending.append(postings[words[index]])
            weight += _weight(pending[-1])
            index += 1
        while index < hi:
            child = prefix + words[index][depth]
            end = bisect_left(words, child + _AFTER_ALL, index, hi)
            child_weight, child_pending, child_mask = visit(child, index, end)
            weight += child_weight
            pending.extend(child_pending)
            merged |= child_mask
            index = end
        if depth and weight > _HEAVY_WEIGHT:
            mask = merged | union(pending, size)
            heavy[prefix] = mask
            return weight, [], mask
        return weight, pending, merged

    if words:
        visit("", 0, len(words))
    return heavy


# --- filters --------------------------------------------------------------------------


class _Facet:
    """What one filter chooses among (people for ``by:``, ...), each with its quotes.

    A value that equals an entity's id (or country code) chooses that entity alone;
    otherwise every word of the value must begin some word of the entity's name, title,
    publisher or id.
    """

    def __init__(self, size: int, entities: dict[str, tuple[object, list[int]]], describe: Callable) -> None:
        self.size = size
        self._postings: dict[str, Posting] = {}
        self._ids: dict[str, str] = {}
        having: defaultdict[str, list[str]] = defaultdict(list)
        for key, (entity, ranks) in entities.items():
            self._postings[key] = compact(ranks, size)
            identifier, entity_words = describe(entity)
            self._ids.setdefault(fold(identifier).strip(), key)
            for word in entity_words:
                having[word].append(key)
        self._words: dict[str, tuple[str, ...]] = {word: tuple(keys) for word, keys in having.items()}
        self._vocabulary = Vocabulary(self._words)

    def mask(self, term: Filter) -> int:
        return union((self._postings[key] for key in self._chosen(term)), self.size)

    def _chosen(self, term: Filter) -> set[str]:
        exact = self._ids.get(term.folded)
        if exact is not None:
            return {exact}
        chosen: set[str] | None = None
        for word in term.words:
            having = set().union(*(self._words[w] for w in self._vocabulary.starting_with(word)))
            chosen = having if chosen is None else chosen & having
            if not chosen:
                return set()
        return chosen or set()


def _describe_person(person: Person) -> tuple[str, list[str]]:
    return person.id, words(person.name) + words(person.id)


def _describe_country(country: Country) -> tuple[str, list[str]]:
    return country.code, words(country.name) + words(country.code)


def _describe_subject(subject: Subject) -> tuple[str, list[str]]:
    return subject.id, words(subject.title) + words(subject.id)


def _describe_source(source: Source) -> tuple[str, list[str]]:
    return source.id, words(source.title) + words(source.publisher or "") + words(source.id)


def _facets(quotes: tuple[Quote, ...]) -> dict[str, _Facet]:
    people: dict[str, tuple[object, list[int]]] = {}
    countries: dict[str, tuple[object, list[int]]] = {}
    subjects: dict[str, tuple[object, list[int]]] = {}
    sources: dict[str, tuple[object, list[int]]] = {}

    def add(entities: dict[str, tuple[object, list[int]]], key: str, entity: object, rank: int) -> None:
        entry = entities.get(key)
        if entry is None:
            entities[key] = (entity, [rank])
        else:
            entry[1].append(rank)

    for rank, quote in enumerate(quotes):
        speaker = quote.speaker
        add(people, speaker.id, speaker, rank)
        if speaker.country is not None:
            add(countries, speaker.country.code, speaker.country, rank)
        for subject in quote.about:
            add(subjects, subject.id, subject, rank)
        if quote.source is not None:
            add(sources, quote.source.id, quote.source, rank)
    size = len(quotes)
    return {
        "by": _Facet(size, people, _describe_person),
        "country": _Facet(size, countries, _describe_country),
        "about": _Facet(size, subjects, _describe_subject),
        "source": _Facet(size, sources, _describe_source),
    }


# --- dates ----------------------------------------------------------------------------


class _Dates:
    """Date filters as masks. A quote matches ``before:X`` when its date starts before X,
    and ``after:X`` when its date (its whole period) reaches X or later: any part of an
    imprecise date that falls in range counts. Undated quotes never match."""

    def __init__(self, starts: list[float], ends: list[datetime], size: int) -> None:
        """``starts`` (timestamps) and ``ends`` (period ends) of the dated quotes, which
        are the first ranks, newest first."""
        self._dated = len(starts)
        self._negated_starts = array("d", (-start for start in starts))
        by_end = sorted((_timestamp(end), rank) for rank, end in enumerate(ends))
        self._ends = array("d", (end for end, _ in by_end))
        self._end_ranks = array("l", (rank for _, rank in by_end))
        self._size = size
        self._suffixes = self._checkpoint_masks()

    def _checkpoint_masks(self) -> list[int]:
        """``masks[j]``: the quotes at sorted-end positions ``j * _DATE_CHECKPOINT`` onwards."""
        masks: list[int] = []
        following = 0
        for start in reversed(range(0, len(self._end_ranks), _DATE_CHECKPOINT)):
            following |= mask_of(self._end_ranks[start : start + _DATE_CHECKPOINT], self._size)
            masks.append(following)
        masks.reverse()
        return masks

    def before(self, instant: float) -> int:
        first = bisect_right(self._negated_starts, -instant)
        return span_mask(first, self._dated)

    def after(self, instant: float) -> int:
        position = bisect_right(self._ends, instant)
        checkpoint = -(-position // _DATE_CHECKPOINT)
        mask = self._suffixes[checkpoint] if checkpoint < len(self._suffixes) else 0
        stop = min(checkpoint * _DATE_CHECKPOINT, len(self._end_ranks))
        return mask | mask_of(self._end_ranks[position:stop], self._size)
