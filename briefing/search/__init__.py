"""Quote search: the query language and the index, with no user interface in sight.

    index = SearchIndex.build(deck)          # once per deck load
    result = index.search('nauseda "testing us" after:2025-09', limit=200)
    result.error                             # None, or a message to show inline
    result.total                             # every match, however many are shown
    for hit in result.hits:                  # best first
        hit.quote, hit.tier, hit.spans       # spans: (start, end) offsets into quote.text

The query language is documented for users in docs/search.md.
"""

from .index import Hit, SearchIndex, SearchResult, Span, Tier
from .normalize import fold, words
from .query import FILTERS, SYNTAX_HELP, Filter, Query, QueryError, parse_query
from .vocabulary import TYPO_MIN_LENGTH

__all__ = [
    "FILTERS",
    "Filter",
    "Hit",
    "Query",
    "QueryError",
    "SearchIndex",
    "SYNTAX_HELP",
    "SearchResult",
    "Span",
    "TYPO_MIN_LENGTH",
    "Tier",
    "fold",
    "parse_query",
    "words",
]
