"""Diagnostic codes stay stable: the registry, the source and docs/deck-format.md agree, and every
diagnostic the deck core gives carries a listed code of the listed severity."""

from __future__ import annotations

import re

import pytest
from paths import REPO

from briefing.deck import codes, load_deck
from briefing.deck.craft import craft_warnings
from briefing.deck.yamlsafe import LOADERS

SOURCE = REPO / "briefing"
DOC = REPO / "docs" / "deck-format.md"
CORPUS = REPO / "tests" / "deck" / "bad_decks"
CODE = re.compile(r"BRF\d{3}")
DOC_ROW = re.compile(r"^\| (BRF\d{3}) \| (error|warning) \| .+ \|$", re.MULTILINE)
REGISTRY = {name: value for name, value in vars(codes).items() if name.isupper() and isinstance(value, str)}


def documented() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("\n## Codes\n"):]
    rows = DOC_ROW.findall(table)
    assert len(rows) == len(dict(rows)), "a code is listed twice"
    return dict(rows)


def source_files():
    return [path for path in SOURCE.rglob("*.py") if path.name != "codes.py"]


def test_codes_are_brf_and_three_digits_each_given_once():
    assert all(CODE.fullmatch(value) for value in REGISTRY.values())
    assert len(set(REGISTRY.values())) == len(REGISTRY)


def test_every_code_is_listed_in_the_docs_and_every_listed_code_exists():
    assert set(documented()) == set(REGISTRY.values())


def test_every_code_is_used_in_the_source():
    text = "\n".join(path.read_text(encoding="utf-8") for path in source_files())
    unused = [name for name in REGISTRY if not re.search(rf"\bcodes\.{name}\b", text)]
    assert unused == []


def test_codes_are_written_only_in_the_registry():
    written = {path.relative_to(REPO).as_posix(): CODE.findall(path.read_text(encoding="utf-8")) for path in source_files()}
    assert {path: found for path, found in written.items() if found} == {}


def corpus_diagnostics(loader: str, monkeypatch):
    for case in sorted(path for path in CORPUS.iterdir() if path.is_dir()):
        monkeypatch.chdir(case)
        result = load_deck("deck.yaml", loader=loader)
        yield from result.diagnostics
        if result.deck is not None:
            yield from craft_warnings(result.deck)


@pytest.mark.parametrize("loader", LOADERS)
def test_every_diagnostic_of_the_corpus_has_a_listed_code_of_its_severity(loader, monkeypatch):
    listed = documented()
    seen = {(d.code, d.severity.value, d.message[:40]) for d in corpus_diagnostics(loader, monkeypatch)}
    assert [entry for entry in seen if listed.get(entry[0]) != entry[1]] == []


@pytest.mark.parametrize(("text", "code"), [
    ("title: T\nincidents:\n  - {id: a, title: A, when: 2025-09-01, until: ongoing}\n", "BRF409"),
    ("title: T\ninclude: ['  ']\n", "BRF503"),
    (f"title: T\nas_of: 2025-09-{'0' * 100}1\n", "BRF607"),
])
def test_problems_the_corpus_lacks_have_their_codes(tmp_path, text, code):
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    assert [d.code for d in load_deck(tmp_path / "deck.yaml").diagnostics] == [code]


def test_files_that_cannot_be_read_have_their_codes(tmp_path):
    import os

    assert [d.code for d in load_deck(tmp_path / "missing.yaml").diagnostics] == [codes.FILE_UNREADABLE]
    assert [d.code for d in load_deck(tmp_path).diagnostics] == [codes.FILE_UNREADABLE]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.yaml")
        assert [d.code for d in load_deck(tmp_path / "pipe.yaml").diagnostics] == [codes.NOT_A_REGULAR_FILE]
