"""Folding text so that a query matches what the user means, not how the text was typed.

Matching ignores case, accents and punctuation: ``nauseda`` finds *Nausėda*, ``russias``
finds *Russia’s*, straight quotes find curly ones. Every character is folded on its own
(NFKD, combining marks dropped, casefolded, quotes and dashes unified), so the fold of a
text is the concatenation of the folds of its characters. That makes two paths agree: a
fast one for the index (``str.translate`` when every character folds to exactly one
character, which keeps offsets aligned with the original) and a slow one that also maps
each folded character back to its original offsets, needed only to highlight the rare
text that folds to a different length (decomposed accents, ``ß``, ligatures).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u2032\u0060\u00b4\uff07"
DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02'
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"

_UNIFY = {**{c: "'" for c in APOSTROPHES}, **{c: '"' for c in DOUBLE_QUOTES}, **{c: "-" for c in DASHES}}
_LETTERS = {
    "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ħ": "h", "ı": "i",
    "ŧ": "t", "þ": "th", "ŀ": "l", "ĸ": "k", "ŋ": "n",
}  # fmt: skip
"""Latin letters that Unicode does not decompose but every reader sees as their base letter."""
_MISALIGNED = "\x00"

_WORD = re.compile(r"[^\W_]+")
_ASCII_WORDS = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122 else 32 for byte in range(256)
)
"""Lower-cases ASCII letters, keeps digits, turns everything else into a space."""


@lru_cache(maxsize=None)
def fold_char(char: str) -> str:
    """The fold of one character; may be empty (a combining mark) or longer (ß -> ss)."""
    unified = _UNIFY.get(char)
    if unified is not None:
        return unified
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold()
    if folded != stripped:
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return "".join(_UNIFY.get(c) or _LETTERS.get(c, c) for c in folded)


class _AlignedTable(dict):
    """A ``str.translate`` table filled on demand: the one-character fold, or a marker."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        value = folded if len(folded) == 1 and folded != _MISALIGNED else _MISALIGNED
        self[code] = value
        return value


_ALIGNED = _AlignedTable()


def fold(text: str) -> str:
    """The folded text: lower case, no accents, unified quotes and dashes."""
    if text.isascii():
        return text.lower().replace("`", "'")
    aligned = text.translate(_ALIGNED)
    if _MISALIGNED not in aligned:
        return aligned
    return "".join(fold_char(c) for c in text)


def fold_aligned(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """The folded text and, when its length differs from the original, offset maps.

    Returns ``(folded, starts, ends)``: folded character ``i`` came from
    ``text[starts[i]:ends[i]]``. Both maps are None when the folding kept every character in
    place, which is the common case and costs nothing. A combining mark that folds to
    nothing is attached to the character before it, so a highlight covers the whole letter.
    """
    if text.isascii():
        return text.lower().replace("`", "'"), None, None
    aligned = text.translate(_ALIGNED)
    if _MISALIGNED not in aligned:
        return aligned, None, None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for offset, char in enumerate(text):
        folded = fold_char(char)
        if not folded:
            if ends and unicodedata.combining(char):
                ends[-1] = offset + 1
            continue
        pieces.append(folded)
        starts.extend([offset] * len(folded))
        ends.extend([offset + 1] * len(folded))
    return "".join(pieces), starts, ends


def words_of_folded(folded: str) -> list[str]:
    """The words of folded text: runs of letters and digits, after dropping apostrophes."""
    return _WORD.findall(folded.replace("'", ""))


def words(text: str) -> list[str]:
    """The normalised words of a text: what the index stores and what queries look for.

    Apostrophes are dropped (*don't* is ``dont``, *Russia’s* ``russias``); anything else
    that is not a letter or digit separates words. ASCII text, the common case, takes a
    byte-level shortcut that gives the same words.
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS, b"'`").decode("ascii").split()
    return words_of_folded(fold(text))
