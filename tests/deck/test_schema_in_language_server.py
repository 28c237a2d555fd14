"""The deck schemas in a real editor's language server: Red Hat's yaml-language-server, over LSP.

Each test opens files as an editor would (the modeline on the first line picks the schema),
then reads the diagnostics the server publishes and the completions and hovers it offers.
Where the schema can see a mistake, the server must flag it at the line and column
`briefing validate` gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lsp_support import LanguageServer, language_server_command
from paths import EXAMPLE_FOLDER, REPO

from briefing.cli import main
from briefing.deck import load_deck
from briefing.deck.model import RELIABILITY_WORDS

SERVER = language_server_command()
pytestmark = pytest.mark.skipif(
    SERVER is None, reason="yaml-language-server (npm) or node is missing: scripts/test installs them"
)
DECK_MODELINE = f"# yaml-language-server: $schema={REPO / 'docs' / 'deck.schema.json'}\n"
INCLUDE_MODELINE = f"# yaml-language-server: $schema={REPO / 'docs' / 'deck-include.schema.json'}\n"


@pytest.fixture(scope="module")
def server():
    with LanguageServer(SERVER, root=REPO) as running:
        yield running


def places(diagnostics: list[dict]) -> list[tuple[int, int]]:
    """1-based (line, column) of each diagnostic, as `briefing validate` writes them."""
    return sorted((d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1) for d in diagnostics)


def validate_places(deck: Path) -> list[tuple[int, int]]:
    return sorted((d.place.line, d.place.column) for d in load_deck(deck).errors)


def completions(server: LanguageServer, path: Path, line: int, column: int) -> dict[str, str]:
    """What each completion label inserts, snippet markers and all."""
    items = server.completions(path, line, column)
    return {item["label"]: item.get("textEdit", {}).get("newText") or item.get("insertText") or item["label"] for item in items}


def test_the_example_deck_and_its_included_file_get_no_diagnostics(server):
    assert server.open(EXAMPLE_FOLDER / "deck.yaml") == []
    assert server.open(EXAMPLE_FOLDER / "quotes.yaml") == []


def test_the_example_files_carry_the_modeline_of_their_kind():
    deck, quotes = ((EXAMPLE_FOLDER / name).read_text(encoding="utf-8").splitlines()[0] for name in ("deck.yaml", "quotes.yaml"))
    assert deck == "# yaml-language-server: $schema=../../docs/deck.schema.json"
    assert quotes == "# yaml-language-server: $schema=../../docs/deck-include.schema.json"


def test_an_included_file_under_the_deck_schema_would_be_flagged_whole(server, tmp_path):
    quotes = (EXAMPLE_FOLDER / "quotes.yaml").read_text(encoding="utf-8").split("\n", 1)[1]
    path = tmp_path / "quotes.yaml"
    path.write_text(DECK_MODELINE + quotes, encoding="utf-8")
    assert [d["message"] for d in server.open(path)] == ['Missing property "title".']


BROKEN_DECKS = {
    "unknown key": "title: x\nincidents:\n  - id: a\n    title: A\n    tittle: y\n",
    "missing title": "subtitle: no title\n",
    "value not allowed": "title: x\nincidents:\n  - id: a\n    title: A\n    status: confirmd\n",
    "grade out of range": "title: x\nincidents:\n  - id: a\n    title: A\n    credibility: 7\n",
    "reliability letter": "title: x\nsources:\n  - {id: s, title: S, reliability: G}\n",
    "id with a space": "title: x\nevents:\n  - id: my event\n    title: E\n",
    "id starting with _": "title: x\nevents:\n  - id: _e\n    title: E\n",
    "country code": "title: x\ncountries:\n  - {code: ee, name: Estonia}\n",
    "group code": "title: x\ncountries:\n  - {code: EE, name: Estonia, groups: [nato]}\n",
    "newer format": "format: 2\ntitle: x\n",
    "a list for text": "title: [a, b]\n",
}


@pytest.mark.parametrize("name", BROKEN_DECKS)
def test_a_broken_deck_is_flagged_where_validate_flags_it(server, tmp_path, name):
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK_MODELINE + BROKEN_DECKS[name], encoding="utf-8")
    expected = validate_places(deck)
    assert expected, "validate must find the mistake"
    assert places(server.open(deck)) == expected


def test_an_id_with_letters_beyond_ascii_is_valid_for_both(server, tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK_MODELINE + "title: x\npeople:\n  - {id: peskóv, name: Dmitry Peskov}\n  - {id: nausėda, name: Gitanas Nausėda}\n", encoding="utf-8")
    assert load_deck(deck).ok
    assert server.open(deck) == []


def test_deck_settings_in_an_included_file_are_flagged_where_validate_flags_them(server, tmp_path):
    (tmp_path / "deck.yaml").write_text("title: x\ninclude: [more.yaml]\n", encoding="utf-8")
    more = tmp_path / "more.yaml"
    more.write_text(INCLUDE_MODELINE + "title: t\ntimezone: UTC\nquotes: []\n", encoding="utf-8")
    expected = validate_places(tmp_path / "deck.yaml")
    assert expected == [(2, 1), (3, 1)]
    assert places(server.open(more)) == expected


def test_an_included_file_completes_to_list_sections_only(server, tmp_path):
    more = tmp_path / "more.yaml"
    more.write_text(INCLUDE_MODELINE + "\n", encoding="utf-8")
    server.open(more)
    assert set(completions(server, more, 1, 0)) == {"sources", "countries", "people", "incidents", "events", "questions", "quotes"}


def test_keys_complete_to_their_shape(server, tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK_MODELINE + "title: x\n\nincidents:\n  - id: a\n    title: A\n    \n", encoding="utf-8")
    assert server.open(deck) == []
    top = completions(server, deck, 2, 0)
    assert top["include"] == "include:\n  - "
    assert top["countries"] == "countries:\n  - code: $1\n    name: $2"
    assert top["sources"] == "sources:\n  - id: $1\n    title: $2"
    assert top["format"] == "format: ${1:1}"
    incident = completions(server, deck, 6, 4)
    assert incident["countries"] == "countries:\n  - "
    assert incident["sources"] == "sources:\n  - "
    assert incident["tags"] == "tags:\n  - "
    assert incident["credibility"] == "credibility: ${1:6}"


def test_reliability_letters_complete_and_hover_with_their_meaning(server, tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK_MODELINE + "title: x\nsources:\n  - id: s\n    title: S\n    reliability: B\n", encoding="utf-8")
    assert server.open(deck) == []
    items = {item["label"]: item.get("documentation") for item in server.completions(deck, 5, 17)}
    assert {letter: items.get(letter) for letter in RELIABILITY_WORDS} == RELIABILITY_WORDS
    hover = server.hover(deck, 5, 6)
    assert hover.startswith("#### Source\n")
    assert "B usually reliable" in hover and "F reliability cannot be judged" in hover


def test_a_deck_from_briefing_new_finds_its_schema_beside_it_and_is_clean(server, tmp_path):
    assert main(["new", str(tmp_path / "fresh")]) == 0
    deck = tmp_path / "fresh" / "deck.yaml"
    assert server.open(deck) == []
    broken = deck.read_text(encoding="utf-8").replace("stance: oppose", "stance: opose")
    [diagnostic] = server.open(deck.with_name("broken.yaml"), broken)
    assert diagnostic["message"].startswith("Value is not accepted.")
