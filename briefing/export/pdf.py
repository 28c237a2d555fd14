"""The HTML handout's print layout as a PDF, rendered by WeasyPrint.

WeasyPrint is the optional extra ``briefing[pdf]`` (it needs the system's Pango), so it is
imported only here, only when a PDF is asked for, and its absence is a clear
:class:`PdfUnavailable` naming the extra rather than a traceback. Deck text is untrusted:
the page is rendered with a URL fetcher that refuses every fetch (no network, no local
files), whatever an address in the deck or a stylesheet says.
"""

from __future__ import annotations

from briefing.deck.model import Deck

from .common import DateText, ExportError
from .html import render_html

INSTALL_HINT = "pip install 'briefing[pdf]' (WeasyPrint; it also needs the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"


class PdfUnavailable(ExportError):
    """WeasyPrint (the ``pdf`` extra) or the system libraries it needs are missing."""


class FetchRefused(ValueError):
    """Raised for every resource WeasyPrint would fetch; WeasyPrint skips the resource."""


def render_pdf(deck: Deck, date_text: DateText) -> bytes:
    """The whole briefing as PDF bytes: the HTML handout's print layout, with the banner at the
    top and bottom of every page, the deck's title and "Page N of M" at its foot."""
    weasyprint = _weasyprint()
    html = render_html(deck, date_text, paged=True)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=refusing_fetcher(), media_type="print")
    return document.write_pdf()


def refusing_fetcher():
    """A WeasyPrint URL fetcher that fetches nothing at all."""
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise FetchRefused(f"a handout fetches nothing ({url[:80]!r} refused)")

    return RefusingFetcher()


def _weasyprint():
    try:
        import weasyprint
    except ImportError as error:
        raise PdfUnavailable(f"PDF export needs WeasyPrint, which is not installed: {INSTALL_HINT}") from error
    except OSError as error:  # WeasyPrint found, but not the Pango library it loads
        raise PdfUnavailable(f"PDF export needs the Pango library, which WeasyPrint could not load ({error}): {INSTALL_HINT}") from error
    return weasyprint
