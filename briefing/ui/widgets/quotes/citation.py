"""A quote as someone would paste it into notes or a slide, with its attribution."""

from __future__ import annotations

from datetime import tzinfo

from ....deck.dates import format_date_point
from ....deck.model import Quote
from ....views.labels import speaker_label
from .rows import source_name


def citation(quote: Quote, tz: tzinfo | None = None) -> str:
    """'“text” — Name, Role, Country, date (Source)', on one line, date at its precision."""
    text = " ".join(quote.text.split())
    attribution = [speaker_label(quote.speaker)]
    if quote.when is not None:
        attribution.append(format_date_point(quote.when, tz))
    cited = f"“{text}” — {', '.join(attribution)}"
    if quote.source is not None:
        cited += f" ({source_name(quote.source)})"
    return cited
