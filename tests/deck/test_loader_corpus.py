"""Every defect in tests/deck/bad_decks gets its own error at the right place, on both YAML back ends."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.deck import MAX_FILE_BYTES, load_deck
from briefing.deck.yamlsafe import LOADERS

CORPUS = Path(__file__).parent / "bad_decks"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


def printed(result) -> str:
    return "".join(f"{diagnostic}\n" for diagnostic in result.diagnostics)


def test_corpus_has_at_least_35_distinct_defects():
    defects = [name for name in CASES if not name.startswith("good_")]
    assert len(defects) >= 35


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("case", CASES)
def test_case_prints_exactly_its_expected_diagnostics(case, loader, monkeypatch):
    folder = CORPUS / case
    monkeypatch.chdir(folder)
    result = load_deck("deck.yaml", loader=loader)
    assert printed(result) == (folder / "expect.txt").read_text(encoding="utf-8")
    assert result.ok == (not result.errors)
    assert result.ok == case.startswith("good_")


def test_both_loaders_agree_on_every_case(monkeypatch):
    if len(LOADERS) < 2:
        pytest.skip("libyaml is not available")
    for case in CASES:
        monkeypatch.chdir(CORPUS / case)
        assert printed(load_deck("deck.yaml", loader="c")) == printed(load_deck("deck.yaml", loader="python")), case


def test_yaml11_traps_stay_text(monkeypatch):
    monkeypatch.chdir(CORPUS / "good_yaml11_traps")
    deck = load_deck("deck.yaml").deck
    assert deck.title == "yes" and deck.subtitle == "on"
    assert [country.code for country in deck.countries] == ["NO", "ON"]
    incident = deck.incidents[0]
    assert (incident.id, incident.title, incident.duration, incident.assets) == ("0123", "1e3", "12:30", "0x1F")
    assert incident.response == "~"
    assert incident.credibility == 2
    assert [country.name for country in incident.countries] == ["Norway", "Ontario"]


def test_bom_and_crlf_load_with_true_places(monkeypatch):
    monkeypatch.chdir(CORPUS / "good_bom_crlf")
    deck = load_deck("deck.yaml").deck
    assert deck.title == "With a BOM"
    assert deck.summary == "two\nlines\n"
    assert str(deck.place) == "deck.yaml:1:1"


# --- defects made by the test -------------------------------------------------------------

@pytest.mark.parametrize("loader", LOADERS)
def test_file_over_the_size_limit_is_an_error(tmp_path, loader):
    deck = tmp_path / "deck.yaml"
    with open(deck, "wb") as handle:
        handle.write(b"title: big\nsummary: |\n")
        line = b"  " + b"x" * 1021 + b"\n"
        handle.writelines(line for _ in range(MAX_FILE_BYTES // len(line) + 1))
    result = load_deck(deck, loader=loader)
    assert [d.message for d in result.errors] == ["file too large: over 16 MiB (the limit for a deck file)"]
    assert str(result.errors[0].place) == f"{deck}:1:1"


@pytest.mark.parametrize("loader", LOADERS)
def test_nesting_a_hundred_thousand_deep_is_an_error_not_a_crash(tmp_path, loader):
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: x\nsummary: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = load_deck(deck, loader=loader)
    assert [str(d) for d in result.diagnostics] == [
        f"{deck}:2:73: error: nesting deeper than 64 levels: a deck never needs this much"
    ]


@pytest.mark.parametrize("loader", LOADERS)
def test_unclosed_deep_nesting_is_an_error_not_a_crash(tmp_path, loader):
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: x\nsummary: " + "{a: " * 50_000 + "\n")
    result = load_deck(deck, loader=loader)
    assert [d.message for d in result.errors] == ["nesting deeper than 64 levels: a deck never needs this much"]


def test_symlink_pointing_out_of_the_folder_is_an_error(tmp_path, monkeypatch):
    outside = tmp_path / "outside.yaml"
    outside.write_text("quotes: []\n")
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "deck.yaml").write_text("title: x\ninclude: [parts/*.yaml]\n")
    (folder / "parts").mkdir()
    (folder / "parts" / "a.yaml").write_text("quotes: []\n")
    os.symlink(outside, folder / "parts" / "b.yaml")
    monkeypatch.chdir(folder)
    result = load_deck("deck.yaml")
    assert [str(d) for d in result.diagnostics] == [
        "deck.yaml:2:11: error: include 'parts/*.yaml' matches 'parts/b.yaml', which links outside the deck's folder"
    ]
    assert result.files == (Path("deck.yaml"), Path("parts/a.yaml"))
