"""The timeline's filter (`f`): words that must all match a country, kind or tag of an entry.

``EE`` (a code, or the start of a word of a name), ``kind:drone``, ``tag:article-4``,
``country:Poland``; quotes keep spaces: ``kind:"drone incursion"``. The grammar is the one
every filter of the screens reads (``briefing.views.filter``).
"""

from __future__ import annotations

from ...deck.model import Country, Deck
from ..filter import FilterQuery, FilterTerm, field_word, starts_a_word
from .placement import Entry, entry_codes

ENTRY_FIELDS = ("country", "kind", "tag")

NO_FILTER = FilterQuery()


def entry_filter(text: str) -> FilterQuery:
    """What was typed at the timeline's filter prompt."""
    return FilterQuery.parse(text, ENTRY_FIELDS)


def entry_matches(query: FilterQuery, item: Entry) -> bool:
    return query.matches(item, _term_matches)


def _term_matches(term: FilterTerm, item: Entry) -> bool:
    if term.aims_at("country") and _country_matches(term.value, item):
        return True
    if term.aims_at("kind") and starts_a_word(term.value, item.kind or ""):
        return True
    return term.aims_at("tag") and any(starts_a_word(term.value, tag) for tag in item.tags)


def _country_matches(value: str, item: Entry) -> bool:
    countries: list[Country] = list(item.countries)
    actor = getattr(item, "actor", None)
    if actor is not None:
        countries.append(actor)
    return any(value == c.code.casefold() or starts_a_word(value, c.name) for c in countries)


def filter_vocabulary(deck: Deck) -> tuple[str, ...]:
    """Words the filter prompt can complete: codes, 'kind:...' and 'tag:...' values."""
    entries = (*deck.incidents, *deck.events)
    codes = dict.fromkeys(code for item in entries for code in entry_codes(item))
    kinds = dict.fromkeys(field_word("kind", item.kind) for item in entries if item.kind)
    tags = dict.fromkeys(field_word("tag", tag) for item in entries for tag in item.tags)
    return (*codes, *kinds, *tags)
