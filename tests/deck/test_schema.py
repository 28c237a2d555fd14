"""The JSON Schema printed by `briefing schema` stays in step with what the validator accepts."""

from __future__ import annotations

import json

import pytest
import yaml
from paths import EXAMPLE_FOLDER as EXAMPLE
from paths import REPO

from briefing.deck import load_deck
from briefing.deck.schema import LIST_SECTIONS, SECTIONS, json_schema


def schema_of(section: str) -> dict:
    schema = json_schema()
    return schema if section == "deck" else schema["$defs"][section]


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_section_allows_exactly_the_validators_keys(section):
    assert set(schema_of(section)["properties"]) == set(SECTIONS[section].fields)
    assert schema_of(section)["additionalProperties"] is False


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_required_keys_match(section):
    required = {name for name, spec in SECTIONS[section].fields.items() if spec.required}
    assert set(schema_of(section).get("required", [])) == required


def test_the_validator_rejects_a_key_the_schema_does_not_list(tmp_path):
    for section, spec in SECTIONS.items():
        for name in spec.fields:
            assert name in schema_of(section)["properties"]
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: x\nsources:\n  - id: s\n    title: S\n    publisherr: P\n")
    assert [d.message for d in load_deck(deck).errors] == ["unknown key 'publisherr' in a source (did you mean 'publisher'?)"]


def test_list_sections_point_at_their_item_definitions():
    schema = json_schema()
    for name, item in LIST_SECTIONS.items():
        assert schema["properties"][name]["items"] == {"$ref": f"#/$defs/{item}"}


def test_enumerations_are_the_models():
    assert schema_of("incident")["properties"]["status"]["enum"] == ["confirmed", "disputed", "denied", "unverified"]
    assert schema_of("position")["properties"]["stance"]["enum"] == ["support", "oppose", "cautious", "undecided"]
    assert schema_of("source")["properties"]["reliability"]["enum"] == list("ABCDEF")
    assert schema_of("incident")["properties"]["credibility"] | {"description": ""} == {
        "type": "integer", "minimum": 1, "maximum": 6, "description": "",
    }


def test_schema_is_valid_json_schema_and_accepts_the_example_deck():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(json.dumps(json_schema()))
    jsonschema.Draft202012Validator.check_schema(schema)
    if not (EXAMPLE / "deck.yaml").exists():
        pytest.skip("the example deck is not there")
    validator = jsonschema.Draft202012Validator(schema)
    deck = yaml.safe_load((EXAMPLE / "deck.yaml").read_text(encoding="utf-8"))
    deck = json.loads(json.dumps(deck, default=str))
    assert [error.message for error in validator.iter_errors(deck)] == []


def test_schema_rejects_what_the_validator_rejects():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema())
    bad = {"title": "x", "incidents": [{"id": "a", "title": "A", "status": "denid", "tittle": "y"}]}
    assert len(list(validator.iter_errors(bad))) == 2
    assert list(validator.iter_errors({"subtitle": "no title"}))


def test_the_schema_file_beside_the_docs_is_current():
    """The example deck's modeline points editors at docs/deck.schema.json: regenerate it with
    `briefing schema > docs/deck.schema.json` whenever the format changes."""
    path = REPO / "docs" / "deck.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema()
