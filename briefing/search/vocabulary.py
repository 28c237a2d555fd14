"""The sorted words of an index: prefix lookups and one-typo lookups by bisection.

A word of the query matches every indexed word it begins (typing ``test`` finds *testing*),
so the lookup is a range of the sorted vocabulary. A word of five letters or more also
matches indexed words that begin with something one edit away from it (Damerau-Levenshtein:
one letter deleted, inserted, replaced, or two neighbours swapped): ``nausdea`` finds
*Nausėda*, and ``presidnet`` finds *president* while it is being typed. The variants are
generated from the query word and checked against the sorted list, letting the vocabulary
say which letters can follow a prefix, so the work is a few hundred bisections whatever the
vocabulary's size, and no extra memory is spent on a deletion index.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Iterator

TYPO_MIN_LENGTH = 5
TYPO_MAX_LENGTH = 40
"""Longer 'words' (pasted identifiers, hashes) get no typo tolerance: its cost grows with length."""
_AFTER_ALL = "\U0010ffff"


class Vocabulary:
    """Distinct words in sorted order."""

    __slots__ = ("words",)

    def __init__(self, words: Iterable[str]) -> None:
        self.words: list[str] = sorted(set(words))

    def __len__(self) -> int:
        return len(self.words)

    def prefix_range(self, prefix: str, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
        """The index range of the words that begin with ``prefix``."""
        if hi is None:
            hi = len(self.words)
        start = bisect_left(self.words, prefix, lo, hi)
        return start, bisect_left(self.words, prefix + _AFTER_ALL, start, hi)

    def starting_with(self, prefix: str) -> list[str]:
        lo, hi = self.prefix_range(prefix)
        return self.words[lo:hi]

    def next_letters(self, prefix: str, lo: int, hi: int) -> Iterator[str]:
        """Each distinct letter that follows ``prefix`` in ``words[lo:hi]`` (its range)."""
        depth = len(prefix)
        words = self.words
        index = lo
        while index < hi:
            word = words[index]
            if len(word) == depth:
                index += 1
                continue
            letter = word[depth]
            yield letter
            if letter == _AFTER_ALL:
                return
            index = bisect_left(words, prefix + chr(ord(letter) + 1), index, hi)

    def typo_prefixes(self, word: str) -> list[str]:
        """Strings one edit away from ``word`` that begin some indexed word.

        Variants that merely extend ``word`` are left out, but the words a variant begins
        may still begin with ``word`` too (``test`` for ``testi``): the caller counts those
        as exact matches. Empty for words shorter than five letters, which get no typo
        tolerance.
        """
        if not TYPO_MIN_LENGTH <= len(word) <= TYPO_MAX_LENGTH:
            return []
        found: dict[str, None] = {}
        for variant in self._variants(word):
            if not variant.startswith(word) and variant not in found:
                lo, hi = self.prefix_range(variant)
                if lo < hi:
                    found[variant] = None
        return list(found)

    def _variants(self, word: str) -> Iterator[str]:
        for i in range(len(word)):
            yield word[:i] + word[i + 1 :]
            if i + 1 < len(word) and word[i] != word[i + 1]:
                yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word)):
            head = word[:i]
            lo, hi = self.prefix_range(head)
            if lo == hi:
                return
            for letter in self.next_letters(head, lo, hi):
                yield head + letter + word[i:]
                if letter != word[i]:
                    yield head + letter + word[i + 1 :]
