"""Export a deck as a handout: Markdown, a self-contained HTML page, or 80-column text.

    text = export_deck(deck, "html")
    write_atomically("briefing.html", text, protected=load_result.files)

Pure Python (markdown-it for deck Markdown): no Textual, no Rich, so `briefing export`
starts fast and everything here is tested without a screen.
"""

from __future__ import annotations

from typing import Literal, get_args

from briefing.deck.model import Deck

from .atomic import write_atomically
from .common import ExportError, date_text_for

Format = Literal["md", "html", "txt"]
FORMATS: tuple[str, ...] = get_args(Format)

__all__ = ["FORMATS", "ExportError", "Format", "export_deck", "write_atomically"]


def export_deck(deck: Deck, fmt: Format) -> str:
    """The whole briefing in ``fmt`` as one string ending in a newline.

    Speaker notes are left out: they are the presenter's, not the audience's.
    Raises :class:`ExportError` for an unknown format.
    """
    date_text = date_text_for(deck)
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(deck, date_text)
    if fmt == "html":
        from .html import render_html

        return render_html(deck, date_text)
    if fmt == "txt":
        from .text import render_text

        return render_text(deck, date_text)
    raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
