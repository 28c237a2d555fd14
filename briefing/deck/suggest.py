"""'Did you mean': the one known word closest to a typo, by one rule for every message.

Deck keys and words, ids and codes, time zones, theme names and keys, search filters: each
message that names an unknown word offers the closest known one through :func:`closest`,
so the same slip gets the same help everywhere.

The rule: compared ignoring case, the candidate with the highest difflib similarity (twice
the letters the two words share in order, over their lengths together), when it is at least
two thirds and at least two letters match. Two thirds is where one slip in a short word
still counts: two letters swapped in a three-letter word (``DYM``), a letter missing,
doubled or swapped in a four-letter one (``wehn``); 0.75 and 0.8, once used for ids and
time zones, missed the first, and difflib's default 0.6 lets unrelated words of a similar
length through. One shared letter (``q9`` and ``q``) is chance, however short the words.
Case is ignored because a wrong case is a slip, not another word (``ee`` for ``EE``,
``europe/tallinn``). Ties go to the word declared first (``DYM``: ``DMY``, not ``YMD``).
Beyond :data:`MAX_CANDIDATES` known words no suggestion is made: the search would cost more
than it helps a deck of that size.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .text import quoted

SIMILARITY = 2 / 3
MAX_CANDIDATES = 20_000


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known word closest to ``word`` (as ``choices`` spell it), or None when none is close."""
    candidates = list(choices)
    if not word or not candidates or len(candidates) > MAX_CANDIDATES:
        return None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word.casefold())
    best, best_ratio = None, SIMILARITY
    for choice in candidates:
        matcher.set_seq1(choice.casefold())
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio and (ratio > best_ratio or best is None) and _shared_letters(matcher) >= 2:
            best, best_ratio = choice, ratio
    return best


def _shared_letters(matcher: difflib.SequenceMatcher) -> int:
    return sum(block.size for block in matcher.get_matching_blocks())


def did_you_mean(suggestion: str | None) -> str:
    """' (did you mean 'summary'?)' to end a message, or '' without a suggestion."""
    return f" (did you mean {quoted(suggestion)}?)" if suggestion else ""
