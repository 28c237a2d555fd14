"""The deck core: model, loading, validation, dates and schema. Pure Python, no Textual or Rich.

Loading names are imported on first use (PEP 562), so a process that only needs the model —
a follower decoding a shared deck with :mod:`briefing.deck.codec` — never imports PyYAML.
"""

from importlib import import_module
from typing import Any

from .model import Deck, Diagnostic, Place, Severity

_LAZY = {
    "DECK_FILE_NAME": ".reading",
    "LoadCache": ".loader",
    "LoadResult": ".result",
    "load_deck": ".loader",
    "MAX_DEPTH": ".yamlsafe",
    "MAX_FILE_BYTES": ".reading",
}

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


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
