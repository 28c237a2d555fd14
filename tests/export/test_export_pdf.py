"""`briefing export --format pdf`: the HTML handout's print layout rendered by WeasyPrint.

Read back with poppler the way a reader meets paper: every page A4, nothing past its right
edge, the classification banner at the top and the bottom of every page, the deck's title
and "Page N of M" at its foot, the whole positions matrix on the page, and nothing fetched.
"""

from __future__ import annotations

import re
import socket
import threading
from dataclasses import replace

import pytest
from export_decks import sample_deck
from paths import EXAMPLE_DECK
from pdf_pages import pdf_pages, section_pages
from positions_decks import load_wide_deck

from briefing.cli import main

pytest.importorskip("weasyprint", reason="the pdf extra is not installed (scripts/test installs it)")

from briefing.export import export_pdf  # noqa: E402
from briefing.export import pdf as pdf_module  # noqa: E402

A4 = (595.3, 841.9)
BANNER = "UNCLASSIFIED // OPEN SOURCE"
TITLE = "Airspace incursions on NATO's eastern flank"
TOP_MARGIN, BOTTOM_MARGIN = (0, 0.045), (0.945, 1)
"""The page margins as fractions of an A4 page's height (1.6 cm above, 1.8 cm below)."""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    assert main(["export", str(EXAMPLE_DECK), "--format", "pdf", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    return pdf_pages(out)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_pages_are_a4_and_no_word_runs_past_the_paper(pages):
    assert len(pages) > 5
    for number, page in enumerate(pages, 1):
        assert (round(page.width, 1), round(page.height, 1)) == A4, number
        assert page.leftmost() >= 0 and page.rightmost() <= page.width, number


def test_every_pdf_page_has_the_banner_at_top_and_bottom_the_title_and_its_number(pages):
    for number, page in enumerate(pages, 1):
        top, foot = flat(page.band(*TOP_MARGIN)), flat(page.band(*BOTTOM_MARGIN))
        assert top == BANNER, (number, top)
        assert BANNER in foot, (number, foot)
        assert f"Page {number} of {len(pages)}" in foot, (number, foot)
        assert TITLE in flat(foot.replace(BANNER, "")), (number, foot)


def test_pdf_positions_matrix_shows_every_country_inside_the_page(pages):
    matrix = section_pages(pages, "Positions matrix", "Quotes")
    codes = {w.text for page in matrix for w in page.words}
    assert {"EE", "PL", "RO", "DK", "LT", "DE", "FR", "IT", "NL", "GB", "US", "RU"} <= codes
    assert all(page.rightmost() <= page.width - 40 for page in matrix)  # inside the right margin


def test_a_forty_country_matrix_still_fits_the_pdf_page(tmp_path):
    deck = load_wide_deck(tmp_path)
    out = tmp_path / "wide.pdf"
    out.write_bytes(export_pdf(deck))
    pages = pdf_pages(out)
    assert all(page.rightmost() <= page.width - 40 for page in pages)
    matrix_text = " ".join(p.text() for p in pages)
    assert all(re.search(rf"\b{c.code}\b", matrix_text) for c in deck.countries if c.code != "CH")


def test_hostile_title_prints_literally_in_every_page_footer(tmp_path):
    title = '"; } @page { @top-left { content: url(https://evil.example/x) } } </style><b>bold</b>'
    out = tmp_path / "hostile.pdf"
    out.write_bytes(export_pdf(replace(sample_deck(), title=title, classification=BANNER)))
    pages = pdf_pages(out)
    for page in pages:
        assert "</style><b>bold</b>" in "".join(page.band(*BOTTOM_MARGIN).split())


class CountingServer:
    """A local TCP listener that counts connection attempts (nothing should ever connect)."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.listener.close()


def test_pdf_rendering_fetches_nothing_even_when_the_page_asks(monkeypatch, tmp_path):
    server = CountingServer()
    local_file = tmp_path / "secret.css"
    local_file.write_text("body { color: red }", encoding="utf-8")
    asks = (
        f'<link rel="stylesheet" href="http://127.0.0.1:{server.port}/x.css">'
        f'<style>@import url("http://127.0.0.1:{server.port}/y.css");</style>'
        f'<img src="http://127.0.0.1:{server.port}/z.png"><img src="{local_file.as_uri()}">'
    )
    real = pdf_module.render_html
    monkeypatch.setattr(pdf_module, "render_html", lambda *a, **k: real(*a, **k).replace("<body>", "<body>" + asks))
    refused: list[str] = []
    real_fetcher = pdf_module.refusing_fetcher

    def recording_fetcher():
        fetcher = real_fetcher()
        fetch = fetcher.fetch

        def record(url, headers=None):
            refused.append(url)
            return fetch(url, headers)

        fetcher.fetch = record
        return fetcher

    monkeypatch.setattr(pdf_module, "refusing_fetcher", recording_fetcher)
    try:
        assert export_pdf(sample_deck()).startswith(b"%PDF-")
    finally:
        server.close()
    assert server.connections == 0
    assert any("x.css" in url for url in refused) and any(url.startswith("file:") for url in refused)


def test_the_refusing_fetcher_refuses_every_scheme():
    fetcher = pdf_module.refusing_fetcher()
    for url in ("https://example.org/a.css", "http://127.0.0.1/", "file:///etc/passwd", "data:text/css,body{}"):
        with pytest.raises(pdf_module.FetchRefused):
            fetcher.fetch(url)
