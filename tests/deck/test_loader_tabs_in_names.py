"""A tab inside one-line text (a name, a title) becomes a space at load: it would cut a table cell.
Multi-line Markdown text (summary, notes, quote text) keeps its tabs."""

from __future__ import annotations

import pytest

from briefing.deck import load_deck
from briefing.deck.yamlsafe import LOADERS

DECK = (
    "title: 'Tab\tin a single-quoted title'\n"
    "countries:\n"
    '  - code: EE\n    name: "Es\\ttonia"\n'
    "  - code: LV\n    name: |-\n      Lat\tvia\n"
    "incidents:\n"
    "  - id: a\n    title: \"Jets\\tover the gulf\"\n    where: 'Gulf\tof Finland'\n    tags: [\"air\\tspace\"]\n"
    "    summary: \"code:\\n\\n\\tindented\\n\"\n"
)


@pytest.mark.parametrize("loader", LOADERS)
def test_tabs_in_names_and_titles_become_spaces(tmp_path, loader):
    (tmp_path / "deck.yaml").write_text(DECK, encoding="utf-8")
    result = load_deck(tmp_path / "deck.yaml", loader=loader)
    assert result.ok, [str(d) for d in result.diagnostics]
    deck = result.deck
    assert deck.title == "Tab in a single-quoted title"
    assert [country.name for country in deck.countries] == ["Es tonia", "Lat via"]
    incident = deck.incidents[0]
    assert (incident.title, incident.where, incident.tags) == ("Jets over the gulf", "Gulf of Finland", ("air space",))


@pytest.mark.parametrize("loader", LOADERS)
def test_markdown_text_keeps_its_tabs(tmp_path, loader):
    (tmp_path / "deck.yaml").write_text(DECK, encoding="utf-8")
    assert load_deck(tmp_path / "deck.yaml", loader=loader).deck.incidents[0].summary == "code:\n\n\tindented\n"
