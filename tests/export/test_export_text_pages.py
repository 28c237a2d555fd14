"""The text handout in printed pages: a form feed between pages, at most `page_length` lines
each, and the classification banner at the top and the bottom of every page."""

from __future__ import annotations

from dataclasses import replace

import pytest
from export_decks import sample_deck

from briefing.export import ExportError, export_deck
from briefing.export.text import PAGE_LENGTH, cells, paginate

BANNER = "UNCLASSIFIED // OPEN SOURCE"


def pages_of(text: str) -> list[list[str]]:
    assert text.endswith("\n")
    return [page.splitlines() for page in text.split("\f")]


def words_of(pages: list[list[str]]) -> list[str]:
    """Every word on the pages, banners left out: what pagination must neither lose nor add."""
    return [word for page in pages for line in page if line.strip() != BANNER for word in line.split()]


@pytest.mark.parametrize("length", [20, 40, PAGE_LENGTH, 100])
def test_every_page_has_the_banner_at_top_and_bottom_and_fits_its_length(example_deck, length):
    pages = pages_of(export_deck(example_deck, "txt", page_length=length))
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert len(page) <= length, number
        assert page[0].strip() == BANNER and page[-1].strip() == BANNER, number
        assert page[1] != "" or page[2] != "", "a page starts with its text, not a gap"
        assert all(cells(line) <= 80 for line in page)


def test_pagination_loses_and_repeats_no_word(example_deck):
    paged = pages_of(export_deck(example_deck, "txt", page_length=30))
    endless = pages_of(export_deck(example_deck, "txt", page_length=0))
    assert len(endless) == 1
    assert words_of(paged) == words_of(endless)


def test_default_page_is_66_lines_with_a_form_feed_at_each_new_page(example_deck):
    text = export_deck(example_deck, "txt")
    assert PAGE_LENGTH == 66
    assert text.count("\f") == len(pages_of(text)) - 1 > 0
    assert all(chunk.startswith(" ") for chunk in text.split("\f")[1:]), "the feed comes right before the next page's banner"


def test_page_length_zero_gives_one_page_with_the_banner_first_and_last(example_deck):
    lines = export_deck(example_deck, "txt", page_length=0).splitlines()
    assert "\f" not in "".join(lines)
    assert lines[0].strip() == BANNER and lines[-1].strip() == BANNER


def test_a_deck_without_classification_still_breaks_into_pages_without_banners():
    deck = replace(sample_deck(), classification=None)
    pages = pages_of(export_deck(deck, "txt", page_length=25))
    assert len(pages) > 1 and all(len(page) <= 25 for page in pages)
    assert BANNER not in "".join(line for page in pages for line in page)


def test_a_page_break_never_leaves_a_heading_at_the_foot_of_a_page(example_deck):
    for length in range(20, 80, 3):
        for page in pages_of(export_deck(example_deck, "txt", page_length=length)):
            body = [line for line in page if line.strip() != BANNER and line]
            assert not set(body[-1]) <= {"=", "-"}, (length, body[-2:])


def test_a_page_too_short_for_the_banner_and_some_text_is_an_error():
    with pytest.raises(ExportError, match="too short"):
        paginate(["text"] * 50, [BANNER], 12)


def test_a_long_banner_that_wraps_is_repeated_whole_on_every_page():
    banner = ["TOP SECRET // LONG CAVEAT " * 3, "REL TO USA, GBR"]
    pages = paginate([f"line {n}" for n in range(100)], banner, 30)
    assert all(page[:2] == banner and page[-2:] == banner and len(page) <= 30 for page in pages)
    assert [line for page in pages for line in page[3:-3]] == [f"line {n}" for n in range(100)]
