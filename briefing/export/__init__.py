"""Export a deck as a handout: Markdown, a self-contained HTML page, 80-column text, or PDF.

    text = export_deck(deck, "html")
    write_atomically("briefing.html", text, protected=load_result.files)
    write_atomically("briefing.pdf", export_pdf(deck), protected=load_result.files)

Pure Python (markdown-it for deck Markdown): no Textual, no Rich, so `briefing export`
starts fast and everything here is tested without a screen. The PDF is the HTML handout's
print layout rendered by WeasyPrint, the optional extra ``briefing[pdf]``.
"""

from __future__ import annotations

from typing import Literal, get_args

from briefing.deck.model import Deck

from .atomic import write_atomically
from .common import ExportError, date_text_for
from .text import PAGE_LENGTH

Format = Literal["md", "html", "txt"]
FORMATS: tuple[str, ...] = get_args(Format)
"""The text formats :func:`export_deck` writes; the PDF is bytes, from :func:`export_pdf`."""
ALL_FORMATS: tuple[str, ...] = (*FORMATS, "pdf")

__all__ = ["ALL_FORMATS", "FORMATS", "PAGE_LENGTH", "ExportError", "Format", "export_deck", "export_pdf", "write_atomically"]


def export_deck(deck: Deck, fmt: Format, *, page_length: int = PAGE_LENGTH) -> str:
    """The whole briefing in ``fmt`` as one string ending in a newline.

    Speaker notes are left out: they are the presenter's, not the audience's.
    ``page_length`` cuts the text handout into pages (0: none).
    Raises :class:`ExportError` for an unknown format or a page too short for the banner.
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

        return render_text(deck, date_text, page_length)
    raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def export_pdf(deck: Deck) -> bytes:
    """The briefing as a PDF: the HTML handout's print layout, through WeasyPrint.

    Raises :class:`~briefing.export.pdf.PdfUnavailable` (an :class:`ExportError`) when the
    ``pdf`` extra or its system libraries are missing.
    """
    from .pdf import render_pdf

    return render_pdf(deck, date_text_for(deck))
