"""docs/deck-format.md stays true: its example decks load, and its error examples print exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from paths import REPO

from briefing.deck import load_deck
from briefing.validate import deck_diagnostics

DOC = REPO / "docs" / "deck-format.md"
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)


def doc_section(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def error_examples(section: str = "Errors and warnings") -> list[tuple[str, str]]:
    """Every yaml block directly followed by a text block: a deck and what validate prints."""
    blocks = FENCE.findall(doc_section(section))
    return [
        (deck, printed)
        for (kind, deck), (next_kind, printed) in zip(blocks, blocks[1:])
        if kind == "yaml" and next_kind == "text"
    ]


def example_id(example: tuple[str, str]) -> str:
    return example[1].split(": ", 2)[-1][:50]


@pytest.mark.parametrize("example", error_examples(), ids=example_id)
def test_documented_error_is_printed_exactly(example, tmp_path, monkeypatch):
    deck_text, printed = example
    (tmp_path / "deck.yaml").write_text(deck_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = load_deck("deck.yaml")
    assert [str(d) for d in result.diagnostics] == printed.strip().splitlines()
    assert all(re.fullmatch(r"BRF\d{3}", d.code) for d in result.diagnostics)


@pytest.mark.parametrize("example", error_examples("Craft checks"), ids=example_id)
def test_documented_craft_warning_is_printed_exactly(example, tmp_path, monkeypatch):
    deck_text, printed = example
    (tmp_path / "deck.yaml").write_text(deck_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [str(d) for d in deck_diagnostics("deck.yaml")] == printed.strip().splitlines()


def test_every_craft_check_has_a_documented_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shown = set()
    for deck_text, _ in error_examples("Craft checks"):
        (tmp_path / "deck.yaml").write_text(deck_text, encoding="utf-8")
        shown.update(d.code for d in deck_diagnostics("deck.yaml"))
    assert shown == {f"BRF70{n}" for n in range(1, 9)}


def test_every_kind_of_error_the_design_lists_has_a_documented_example():
    assert len(error_examples()) >= 30


def minimal_examples() -> list[str]:
    return [deck for kind, deck in FENCE.findall(doc_section("A minimal deck")) if kind == "yaml"]


@pytest.mark.parametrize("deck_text", minimal_examples())
def test_minimal_deck_examples_are_valid(deck_text, tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(deck_text, encoding="utf-8")
    result = load_deck(path)
    assert [str(d) for d in result.diagnostics] == []


def test_date_table_shows_what_briefing_really_prints():
    from zoneinfo import ZoneInfo

    from briefing.deck.dates import (
        format_date_point,
        format_date_point_short,
        parse_date,
    )
    from briefing.deck.model import DateOrder

    rows = re.findall(r"^\| (`[^|]+) \| [^|]+ \| `([^`]+)` \| `([^`]+)` \|$", doc_section("Dates"), re.MULTILINE)
    assert len(rows) >= 15
    for cell, shown, short in rows:
        written = cell.split("`")[1]
        order = DateOrder.DMY if "date_order: DMY" in cell else None
        point = parse_date(written, tz=ZoneInfo("Europe/Tallinn"), date_order=order)
        assert (format_date_point(point), format_date_point_short(point)) == (shown, short), written


def _write(folder: Path, name: str, content: str | bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def _alias_bomb() -> str:
    tags = ", ".join(["x"] * 1000)
    return "\n".join(["title: T", "incidents:", f"  - &i {{id: a, title: A, tags: [{tags}]}}", *["  - *i"] * 200]) + "\n"


FILE_CASES = {
    "tab": ({"deck.yaml": "title: T\nincidents:\n\t- id: a\n"}, "deck.yaml"),
    "not-utf8": ({"deck.yaml": b"title: caf\xe9\n"}, "deck.yaml"),
    "too-large": ({"deck.yaml": b"title: T\nsummary: |\n" + (b"  " + b"x" * 98 + b"\n") * (17 * 1024 * 1024 // 100)}, "deck.yaml"),
    "empty": ({"deck.yaml": b""}, "deck.yaml"),
    "alias-bomb": ({"deck.yaml": _alias_bomb()}, "deck.yaml"),
    "not-found": ({}, "missing.yaml"),
    "no-deck-in-folder": ({"decks/x/notes.txt": "x"}, "decks/x"),
    "include-settings": ({"deck.yaml": "title: T\ninclude: [more.yaml]\n", "more.yaml": "title: U\n"}, "deck.yaml"),
    "include-nested": ({"deck.yaml": "title: T\ninclude: [more.yaml]\n", "more.yaml": "include: [other.yaml]\n"}, "deck.yaml"),
}


@pytest.mark.parametrize("case", sorted(FILE_CASES))
def test_documented_file_level_errors_are_printed_exactly(case, tmp_path, monkeypatch):
    files, target = FILE_CASES[case]
    for name, content in files.items():
        _write(tmp_path, name, content)
    monkeypatch.chdir(tmp_path)
    printed = [str(d) for d in load_deck(target).diagnostics]
    assert printed, case
    section = doc_section("Errors and warnings")
    assert [line for line in printed if line not in section] == []


def test_documented_symlink_include_error_is_printed_exactly(tmp_path, monkeypatch):
    deck = tmp_path / "deck"
    _write(deck, "deck.yaml", "title: T\ninclude: [link.yaml]\n")
    _write(tmp_path, "outside.yaml", "quotes: []\n")
    (deck / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    monkeypatch.chdir(deck)
    printed = [str(d) for d in load_deck("deck.yaml").diagnostics]
    assert printed and all(line in doc_section("Errors and warnings") for line in printed)


def _documented(lines: list[str]) -> list[str]:
    """The lines not found in the errors section (so an empty list means all are documented)."""
    section = doc_section("Errors and warnings")
    return [line for line in lines if line not in section]


def test_documented_special_file_errors_are_printed_exactly(tmp_path, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    os.mkfifo("deck.yaml")
    printed = [str(d) for d in load_deck("deck.yaml").diagnostics]
    os.unlink("deck.yaml")
    os.symlink("/dev/zero", "deck.yaml")
    printed += [str(d) for d in load_deck("deck.yaml").diagnostics]
    os.unlink("deck.yaml")
    _write(tmp_path, "deck.yaml", "title: Saved as UTF-16\n".encode("utf-16-le"))
    printed += [str(d) for d in load_deck("deck.yaml").diagnostics]
    _write(tmp_path, "deck.yaml", "title: A\u2028B\n")
    printed += [str(d) for d in load_deck("deck.yaml").diagnostics]
    assert len(printed) == 4 and _documented(printed) == []


def test_documented_include_walk_errors_are_printed_exactly(tmp_path, monkeypatch):
    from briefing.deck.includes import (
        MAX_INCLUDED_FILES,
        too_many_files,
        too_many_folders,
        walk_limit_message,
    )

    deck = tmp_path / "deck"
    _write(deck, "deck.yaml", "title: T\ninclude: ['**/*.yaml']\n")
    _write(tmp_path, "outside/q.yaml", "quotes: []\n")
    (deck / "ext").symlink_to(tmp_path / "outside")
    monkeypatch.chdir(deck)
    printed = [str(d) for d in load_deck("deck.yaml").diagnostics]
    limits = [
        too_many_files(MAX_INCLUDED_FILES + 1),
        walk_limit_message("**/*.yaml", too_many_folders()),
    ]
    assert printed and _documented(printed) == []
    assert _documented([f"deck.yaml:2:11: error: {message}" for message in limits]) == []


def test_documented_node_limit_error_is_the_real_message(tmp_path, monkeypatch):
    from briefing.deck import yamlsafe

    monkeypatch.chdir(tmp_path)
    real_limit = yamlsafe.MAX_NODES
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 13)  # passed inside the tags list, as in the doc
    _write(tmp_path, "deck.yaml", "title: T\nincidents:\n  - id: a\n    title: A\n    tags: [a, b, c, d, e, f, g, h, i]\n")
    [printed] = [str(d) for d in load_deck("deck.yaml").diagnostics]
    assert _documented([printed.replace("more than 13 YAML", f"more than {real_limit:,} YAML")]) == []
