"""The deck core: model, loading, validation, dates and schema. Pure Python, no Textual or Rich."""

from .loader import DECK_FILE_NAME, LoadCache, LoadResult, load_deck
from .model import Deck, Diagnostic, Place, Severity
from .yamlsafe import MAX_DEPTH, MAX_FILE_BYTES

__all__ = [
    "DECK_FILE_NAME",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Deck",
    "Diagnostic",
    "LoadCache",
    "LoadResult",
    "Place",
    "Severity",
    "load_deck",
]
