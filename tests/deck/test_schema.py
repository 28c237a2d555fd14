"""The JSON Schemas printed by `briefing schema` stay in step with what the validator accepts.

A JSON Schema `pattern` is an ECMAScript regular expression, matched by editors with the
`u` flag; Python's `re` cannot read `\\p{L}`. So the schemas are checked here with
`regress`, an ECMAScript engine, through a Draft 2020-12 validator whose `pattern` and
`regex` format use it. (`test_schema_in_language_server.py` checks them in a real editor's
language server.)
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest
import yaml
from paths import EXAMPLE_FOLDER as EXAMPLE
from paths import REPO

from briefing.cli import main
from briefing.deck import load_deck
from briefing.deck.model import CREDIBILITY_WORDS, RELIABILITY_WORDS
from briefing.deck.schema import (
    DECK_SETTINGS,
    ID_PATTERN,
    ID_SCHEMA_PATTERN,
    LIST_SECTIONS,
    SECTIONS,
    include_json_schema,
    json_schema,
    schema_text,
)

jsonschema = pytest.importorskip("jsonschema")
regress = pytest.importorskip("regress")


def ecmascript(pattern: str):
    return regress.Regex(pattern, "u")


def _ecmascript_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and ecmascript(pattern).find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EditorValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _ecmascript_pattern})


def editor_validator(schema: dict):
    """A validator that reads patterns as an editor does, after checking the schema itself."""
    formats = jsonschema.FormatChecker()
    formats.checks("regex", raises=regress.RegressError)(lambda pattern: bool(ecmascript(pattern)))
    EditorValidator.check_schema(schema, format_checker=formats)
    return EditorValidator(schema)


def errors(schema: dict, document) -> list[str]:
    return [error.message for error in editor_validator(schema).iter_errors(document)]


def schema_of(section: str) -> dict:
    schema = json_schema()
    return schema if section == "deck" else schema["$defs"][section]


def example_file(name: str):
    data = yaml.safe_load((EXAMPLE / name).read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_section_allows_exactly_the_validators_keys(section):
    assert set(schema_of(section)["properties"]) == set(SECTIONS[section].fields)
    assert schema_of(section)["additionalProperties"] is False


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_required_keys_match(section):
    required = {name for name, spec in SECTIONS[section].fields.items() if spec.required}
    assert set(schema_of(section).get("required", [])) == required


def test_the_validator_rejects_a_key_the_schema_does_not_list(tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: x\nsources:\n  - id: s\n    title: S\n    publisherr: P\n")
    assert [d.message for d in load_deck(deck).errors] == ["unknown key 'publisherr' in a source (did you mean 'publisher'?)"]
    assert "publisherr" not in schema_of("source")["properties"]


def test_list_sections_point_at_their_item_definitions():
    for schema in (json_schema(), include_json_schema()):
        for name, item in LIST_SECTIONS.items():
            assert schema["properties"][name]["items"] == {"$ref": f"#/$defs/{item}"}


def test_enumerations_are_the_models():
    assert schema_of("incident")["properties"]["status"]["enum"] == ["confirmed", "disputed", "denied", "unverified"]
    assert schema_of("position")["properties"]["stance"]["enum"] == ["support", "oppose", "cautious", "undecided"]
    assert schema_of("source")["properties"]["reliability"]["enum"] == list("ABCDEF")
    credibility = schema_of("incident")["properties"]["credibility"]
    assert (credibility["type"], credibility["minimum"], credibility["maximum"]) == ("integer", 1, 6)


def test_grades_say_what_each_letter_and_digit_means():
    reliability = schema_of("source")["properties"]["reliability"]
    credibility = schema_of("incident")["properties"]["credibility"]
    for letter, meaning in RELIABILITY_WORDS.items():
        assert f"{letter} {meaning}" in reliability["description"]
    assert reliability["enumDescriptions"] == [RELIABILITY_WORDS[letter] for letter in reliability["enum"]]
    for digit, meaning in CREDIBILITY_WORDS.items():
        assert f"{digit} {meaning}" in credibility["description"]


def test_numbers_with_a_range_complete_to_a_value_in_range():
    """An editor completes a key to its default, or to 0 when there is none: out of range here."""
    for field in (json_schema()["properties"]["format"], schema_of("incident")["properties"]["credibility"]):
        assert field["minimum"] <= field["default"] <= field["maximum"]


def test_every_definition_has_its_own_title():
    titles = [schema_of(section)["title"] for section in SECTIONS if section != "deck"]
    assert len(set(titles)) == len(titles)
    assert schema_of("key_judgment")["title"] == "Key judgment"
    assert json_schema()["title"] == "briefing deck, format 1"
    assert include_json_schema()["title"] == "briefing included file, format 1"


def test_list_or_one_fields_have_a_type_not_a_one_of():
    """`oneOf` with no `type` makes editors complete `countries` to a bare word, not `countries:`."""
    for section in SECTIONS:
        for name, field in schema_of(section)["properties"].items():
            assert "oneOf" not in field, (section, name)
            assert "type" in field or "enum" in field, (section, name)


def test_the_schemas_are_valid_and_accept_the_example_deck_and_its_included_file():
    assert errors(json_schema(), example_file("deck.yaml")) == []
    assert errors(include_json_schema(), example_file("quotes.yaml")) == []


def test_the_deck_schema_flags_an_included_file_and_the_include_schema_does_not():
    quotes = example_file("quotes.yaml")
    assert errors(json_schema(), quotes) == ["'title' is a required property"]
    assert errors(include_json_schema(), quotes) == []


@pytest.mark.parametrize("setting", DECK_SETTINGS)
def test_the_include_schema_refuses_every_deck_setting(setting):
    assert errors(include_json_schema(), {setting: "x"}) == [
        f"Additional properties are not allowed ('{setting}' was unexpected)"
    ]


def test_schema_rejects_what_the_validator_rejects():
    bad = {"title": "x", "incidents": [{"id": "a", "title": "A", "status": "denid", "tittle": "y"}]}
    assert len(errors(json_schema(), bad)) == 2
    assert errors(json_schema(), {"subtitle": "no title"})
    assert errors(json_schema(), {"title": "x", "countries": [{"code": "EE", "name": "Estonia", "groups": ["nato"]}]})
    assert errors(json_schema(), {"title": "x", "countries": [{"code": "EE", "name": "Estonia", "groups": "nato"}]})


@pytest.mark.parametrize("value, valid", [
    ("peskóv", True), ("nausėda", True), ("0123", True), ("estonia-mig31", True), ("a_b.c-d", True),
    ("путин", True), ("٣", True), ("a b", False), ("_a", False), ("-a", False), (".a", False), ("a/b", False), ("", False),
])
def test_schema_and_validator_agree_on_an_id(tmp_path, value, valid):
    deck = tmp_path / "deck.yaml"
    deck.write_text(f"title: x\nevents:\n  - id: {json.dumps(value)}\n    title: E\n", encoding="utf-8")
    assert load_deck(deck).ok is valid
    assert (errors(json_schema(), {"title": "x", "events": [{"id": value, "title": "E"}]}) == []) is valid


def test_one_id_rule_for_python_and_editors_on_every_assigned_code_point():
    """Python's `[^\\W_]` and ECMAScript's `[\\p{L}\\p{N}]` name the same characters, first and
    later in an id (the loader matches the whole id, as `fullmatch` does here). Code points this Python's Unicode database does not assign yet are left
    out: a newer Unicode in the editor may already call them letters."""
    python, editor = re.compile(ID_PATTERN[1:-1]), ecmascript(ID_SCHEMA_PATTERN)
    disagree = []
    for code_point in range(sys.maxunicode + 1):
        char = chr(code_point)
        if unicodedata.category(char) in ("Cn", "Cs"):
            continue
        for text in (char, "a" + char):
            if bool(python.fullmatch(text)) != (editor.find(text) is not None):
                disagree.append(f"U+{code_point:04X} in {text!r}")
    assert disagree == []


@pytest.mark.parametrize("name, schema", [("deck.schema.json", json_schema), ("deck-include.schema.json", include_json_schema)])
def test_the_schema_files_beside_the_docs_are_current(name, schema):
    """The example deck's modelines point editors at docs/: regenerate them with
    `briefing schema > docs/deck.schema.json` and `briefing schema --include >
    docs/deck-include.schema.json` whenever the format changes."""
    assert (REPO / "docs" / name).read_text(encoding="utf-8") == schema_text(schema())


def test_schema_include_prints_the_include_schema(capsys):
    assert main(["schema", "--include"]) == 0
    assert json.loads(capsys.readouterr().out) == include_json_schema()
