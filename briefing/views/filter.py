"""The one filter grammar of the screens: words that must all match, ``field:value`` to aim one.

The timeline's `f` and the countries screen's `f` read what is typed the same way: words
separated by spaces, each of which must match; ``kind:drone`` or ``group:NATO`` aims a
word at one field; quotes keep spaces (``kind:"drone incursion"``). A word matches where
it starts a word of the text it is compared with, so ``ee`` finds Estonia's code but not
the 'ee' inside 'Greece', and ``incur`` finds 'drone incursion'. What each field means is
up to the screen (``briefing.views.timeline.filter``, ``briefing.views.countries``).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TypeVar

ANY = "any"
"""The field of a bare word: it may match any of the screen's fields."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FilterTerm:
    field: str
    """One of the screen's field names, or ``ANY`` for a bare word."""
    value: str
    """Casefolded."""

    def aims_at(self, field: str) -> bool:
        return self.field in (field, ANY)


@dataclass(frozen=True, slots=True)
class FilterQuery:
    """What was typed, and the terms read from it."""

    text: str = ""
    terms: tuple[FilterTerm, ...] = ()

    @classmethod
    def parse(cls, text: str, fields: Collection[str]) -> FilterQuery:
        """Read ``text``; ``name:value`` is a field term only for a name in ``fields``."""
        try:
            words = shlex.split(text)
        except ValueError:
            words = text.replace('"', " ").replace("'", " ").split()
        return cls(text=text.strip(), terms=tuple(_term(word, fields) for word in words if word.strip(":")))

    @property
    def active(self) -> bool:
        return bool(self.terms)

    def matches(self, item: T, term_matches: Callable[[FilterTerm, T], bool]) -> bool:
        """Whether every term matches ``item``, as ``term_matches`` judges one term."""
        return all(term_matches(term, item) for term in self.terms)


def _term(word: str, fields: Collection[str]) -> FilterTerm:
    name, colon, value = word.partition(":")
    if colon and name.casefold() in fields and value:
        return FilterTerm(name.casefold(), value.casefold())
    return FilterTerm(ANY, word.casefold())


def starts_a_word(value: str, text: str) -> bool:
    """Whether casefolded ``value`` starts a word of ``text`` (at its start or after a non-letter)."""
    folded = text.casefold()
    at = folded.find(value)
    while at >= 0:
        if at == 0 or not folded[at - 1].isalnum():
            return True
        at = folded.find(value, at + 1)
    return False


def field_word(name: str, value: str) -> str:
    """``kind:drone``, or ``kind:"drone incursion"`` when the value has a space: a word the
    grammar reads back as one term (for completion)."""
    return f'{name}:"{value}"' if any(c.isspace() for c in value) or '"' in value else f"{name}:{value}"
