"""The HTML handout printed by a real browser: headless Chromium's print to PDF, read back.

Every printed page must fit the paper (the positions matrix in blocks of columns rather
than one table wider than the page), with the classification banner at its top and bottom,
and the deck's title and "Page N of M" in its foot.
"""

from __future__ import annotations

import re
import subprocess

import pytest
from paths import EXAMPLE_DECK
from pdf_pages import need, pdf_pages, section_pages
from positions_decks import load_wide_deck

from briefing.deck import load_deck
from briefing.export import export_deck

BANNER = "UNCLASSIFIED // OPEN SOURCE"
TITLE = "Airspace incursions on NATO's eastern flank"


def print_with_chromium(html: str, folder) -> list:
    """``html`` printed to PDF by headless Chromium (its default paper), as pages of words."""
    page = folder / "handout.html"
    page.write_text(html, encoding="utf-8")
    out = folder / "printed.pdf"
    profile = folder / "profile"
    command = [
        need("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--print-to-pdf={out}", page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    return pdf_pages(out)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    deck = load_deck(EXAMPLE_DECK).deck
    return print_with_chromium(export_deck(deck, "html"), tmp_path_factory.mktemp("print"))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_no_printed_page_is_wider_than_the_paper(pages):
    sizes = {(round(page.width), round(page.height)) for page in pages}
    assert len(sizes) == 1, sizes
    for number, page in enumerate(pages, 1):
        assert page.leftmost() >= 0 and page.rightmost() <= page.width - 36, number


def test_printed_text_keeps_its_size_rather_than_shrinking_to_fit_a_too_wide_page(pages):
    """Chromium scales every page down when anything is wider than the paper; the body
    text (10.5 pt, word boxes about 12 pt high) then prints at about 8.5 pt."""
    heights = sorted(w.bottom - w.top for page in pages for w in page.words)
    assert heights[len(heights) // 2] >= 11.5


def test_every_printed_page_has_the_banner_at_top_and_bottom_the_title_and_its_number(pages):
    for number, page in enumerate(pages, 1):
        assert flat(page.band(0, 0.1)).startswith(BANNER), number
        foot = flat(page.band(0.9, 1))
        assert BANNER in foot, (number, foot)
        assert foot.endswith(f"{TITLE} Page {number} of {len(pages)}"), (number, foot)


def test_printed_positions_matrix_keeps_every_country_on_the_page(pages):
    matrix = section_pages(pages, "Positions matrix", "Quotes")
    codes = {w.text for page in matrix for w in page.words}
    assert {"EE", "PL", "RO", "DK", "LT", "DE", "FR", "IT", "NL", "GB", "US", "RU"} <= codes
    assert all(page.rightmost() <= page.width - 36 for page in matrix)


def test_a_forty_country_matrix_prints_within_the_paper(tmp_path):
    deck = load_wide_deck(tmp_path)
    pages = print_with_chromium(export_deck(deck, "html"), tmp_path)
    assert all(page.rightmost() <= page.width - 36 for page in pages)
    printed = " ".join(page.text() for page in pages)
    assert all(re.search(rf"\b{c.code}\b", printed) for c in deck.countries if c.code != "CH")
