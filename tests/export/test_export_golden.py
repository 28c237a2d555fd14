"""Golden files: the exports byte for byte, so any change to a handout is seen in review.

Regenerate after an intended change with

    BRIEFING_UPDATE_GOLDEN=1 python -m pytest -p no:cacheprovider tests/export/test_export_golden.py

and read the diff of tests/export/golden/ before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from export_decks import sample_deck

from briefing.export import FORMATS, export_deck
from briefing.export.text import cells

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run with BRIEFING_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(path), "export", n=2))
        pytest.fail(f"export differs from {path} (BRIEFING_UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_deck_export_matches_golden(fmt):
    check_golden(f"sample.{fmt}", export_deck(sample_deck(), fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_deck_export_matches_golden(example_deck, fmt):
    check_golden(f"nato-airspace-2025.{fmt}", export_deck(example_deck, fmt))


def test_example_deck_text_export_fits_80_columns(example_deck):
    text = export_deck(example_deck, "txt")
    too_wide = [line for line in text.splitlines() if len(line) > 80 or cells(line) > 80]
    assert too_wide == []


def test_example_deck_export_quotes_every_quote_verbatim(example_deck):
    import html as html_module

    for fmt in FORMATS:
        text = export_deck(example_deck, fmt)
        if fmt == "html":
            text = html_module.unescape(text)
        flat = " ".join(text.replace("\\", "").split())
        for quote in example_deck.quotes:
            assert " ".join(quote.text.split()) in flat, (fmt, quote.id)
