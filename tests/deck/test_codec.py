"""The deck codec: a deck crosses to a follower as plain data and comes back equal, sharing
what it shared, without notes when asked, without the presenter's paths, and a reader that
refuses anything but a deck."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import subprocess
import sys
from datetime import timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import EXAMPLE_FOLDER, REPO

from briefing.deck import load_deck, model
from briefing.deck.codec import CODEC_VERSION, NOTE_FIELDS, CodecError, deck_from_data, deck_to_data

sys.path.insert(0, str(REPO / "benchmarks"))
from gen_deck import generate  # noqa: E402


def wire(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def through_the_wire(deck, **options):
    return deck_from_data(json.loads(wire(deck_to_data(deck, **options))))


def loaded_from_inside(folder: Path, monkeypatch) -> model.Deck:
    """The deck as a follower should see it: loaded with paths relative to its own folder."""
    monkeypatch.chdir(folder)
    result = load_deck("deck.yaml")
    assert result.deck is not None, [str(d) for d in result.diagnostics]
    return result.deck


def assert_same_sharing(original, decoded) -> None:
    """Model objects map one to one: shared in the original exactly where shared in the copy."""
    forward: dict[int, object] = {}
    backward: dict[int, object] = {}

    def walk(a, b):
        if isinstance(a, tuple):
            assert isinstance(b, tuple) and len(a) == len(b)
            for x, y in zip(a, b, strict=True):
                walk(x, y)
            return
        if not dataclasses.is_dataclass(a) or isinstance(a, model.Place):
            return
        if id(a) in forward:
            assert forward[id(a)] is b, f"{type(a).__name__} shared in the original, copied in the decoded deck"
            return
        assert id(b) not in backward, f"{type(b).__name__} shared in the decoded deck but not in the original"
        forward[id(a)], backward[id(b)] = b, a
        for spec in dataclasses.fields(a):
            if not spec.name.startswith("_"):
                walk(getattr(a, spec.name), getattr(b, spec.name))

    walk(original, decoded)


def test_example_deck_comes_back_equal_to_the_deck_loaded_from_its_own_folder(example_deck, monkeypatch):
    decoded = through_the_wire(example_deck)
    assert decoded == loaded_from_inside(EXAMPLE_FOLDER, monkeypatch)
    assert decoded.get("poland-drones") == decoded.incidents[0]


def test_example_deck_shares_objects_where_the_original_does(example_deck):
    decoded = through_the_wire(example_deck)
    assert_same_sharing(example_deck, decoded)
    speaker = decoded.quotes[0].speaker
    assert speaker is decoded.get(speaker.id)


def test_data_names_files_relative_to_the_deck_folder_never_the_presenters_paths(example_deck):
    data = deck_to_data(example_deck)
    assert data["files"] == ["deck.yaml", "quotes.yaml"]
    assert str(EXAMPLE_FOLDER) not in wire(data)
    decoded = deck_from_data(data)
    assert decoded.path == Path("deck.yaml")
    assert decoded.files == (Path("deck.yaml"), Path("quotes.yaml"))
    assert str(decoded.quotes[0].place).startswith("quotes.yaml:")


def test_where_the_deck_file_writes_its_settings_is_never_sent(example_deck):
    assert example_deck.setting_places, "the example deck sets theme:, timezone: ..."
    data = deck_to_data(example_deck, notes=True)
    assert "setting_places" not in json.dumps(data)
    assert deck_from_data(data).setting_places == {}


def test_a_path_outside_the_deck_folder_keeps_only_its_file_name(example_deck):
    elsewhere = model.Place("/home/alice/secret/other.yaml", 3, 1)
    deck = dataclasses.replace(example_deck, sources=(dataclasses.replace(example_deck.sources[0], place=elsewhere),))
    data = deck_to_data(deck)
    assert "/home/alice" not in wire(data)
    assert deck_from_data(data).sources[0].place == model.Place("other.yaml", 3, 1)


def test_notes_are_left_out_of_every_byte_when_not_wanted(example_deck):
    notes = [item.notes for item in (*example_deck.incidents, *example_deck.events) if item.notes]
    assert notes, "the example deck should have speaker notes to leave out"
    text = wire(deck_to_data(example_deck, notes=False))
    assert not [note for note in notes if note in text]
    decoded = deck_from_data(json.loads(text))
    assert all(item.notes is None for item in (*decoded.incidents, *decoded.events))
    assert through_the_wire(example_deck).incidents[0].notes == example_deck.incidents[0].notes


def test_every_notes_field_of_the_model_is_a_note_field():
    named_notes = {
        (kind, spec.name)
        for kind in vars(model).values()
        if isinstance(kind, type) and dataclasses.is_dataclass(kind)
        for spec in dataclasses.fields(kind)
        if "note" in spec.name
    }
    assert named_notes == NOTE_FIELDS


def test_times_keep_their_zone(example_deck, tmp_path):
    decoded = through_the_wire(example_deck)
    start = decoded.incidents[0].when.start
    assert start.tzinfo is ZoneInfo("Europe/Tallinn")
    assert start == example_deck.incidents[0].when.start
    (tmp_path / "deck.yaml").write_text(
        "title: Offsets\ntimezone: '+03:00'\nincidents:\n  - id: a\n    title: A\n    when: 2025-09-19 10:15\n",
        encoding="utf-8",
    )
    deck = load_deck(tmp_path / "deck.yaml").deck
    again = through_the_wire(deck)
    assert again.incidents[0].when.start.tzinfo == timezone(timedelta(hours=3))
    assert again.incidents[0].when == deck.incidents[0].when


def test_escape_sequences_from_a_hostile_presenter_are_removed_on_reading(example_deck):
    hostile = dataclasses.replace(example_deck, title="Brief\x1b]0;pwned\x07ing \x1b[31mred\u202e")
    assert deck_from_data(deck_to_data(hostile)).title == "Briefing red"


def test_decoding_imports_no_yaml(example_deck, tmp_path):
    data_file = tmp_path / "deck.json"
    data_file.write_text(wire(deck_to_data(example_deck)), encoding="utf-8")
    probe = (
        "import json, sys; from briefing.deck.codec import deck_from_data; "
        f"deck = deck_from_data(json.loads(open({str(data_file)!r}).read())); "
        "print(deck.title); print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', '_yaml', 'textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [example_deck.title, "[]"]


@pytest.fixture(scope="module")
def example_data(example_deck):
    return json.loads(wire(deck_to_data(example_deck)))


def mutated(data, change):
    copied = copy.deepcopy(data)
    change(copied)
    return copied


def set_path(*path_and_value):
    *path, value = path_and_value

    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


WRONG_SHAPES = {
    "another codec version": (set_path("codec", CODEC_VERSION + 1), "version"),
    "a list for the deck": (set_path("deck", []), "expected an object"),
    "an unknown field": (set_path("deck", "incidents", 0, "secret", 1), "unknown field 'secret'"),
    "a number for a title": (set_path("deck", "title", 5), "deck.title: expected text"),
    "a boolean for a line": (set_path("deck", "place", [0, True, 1]), "whole numbers"),
    "a file number out of range": (set_path("deck", "place", [99, 1, 1]), "no file number 99"),
    "an unknown status": (set_path("deck", "incidents", 0, "status", "rumoured"), "not a Status"),
    "a forward reference": (set_path("deck", "incidents", 0, "actor", 10**6), "no object number"),
    "a reference to the wrong class": (set_path("deck", "incidents", 0, "actor", 0), "not a Country"),
    "an absolute file name": (set_path("files", 0, "/etc/passwd"), "not inside the deck's folder"),
    "a file name climbing out": (set_path("files", 1, "../../x.yaml"), "not inside the deck's folder"),
    "an unknown time zone": (set_path("deck", "as_of", "start", ["2025-09-25T00:00:00+03:00", "Mars/Olympus"]), "unknown time zone"),
    "a zone name that is a path": (set_path("deck", "as_of", "start", ["2025-09-25T00:00:00+03:00", "../../etc/x"]), "not a time zone"),
    "a time without offset": (set_path("deck", "as_of", "start", ["2025-09-25T00:00:00", None]), "without its UTC offset"),
    "a missing title": (lambda d: d["deck"].pop("title"), "without its 'title'"),
    "a speaker of an unknown class": (set_path("deck", "incidents", 0, "claims", 0, "by", {"$": "Popen"}), r"'\$' must name one of"),
}


@pytest.mark.parametrize("change,message", WRONG_SHAPES.values(), ids=list(WRONG_SHAPES))
def test_reading_refuses_wrong_shapes_with_a_clear_error(example_data, change, message):
    with pytest.raises(CodecError, match=message):
        deck_from_data(mutated(example_data, change))


def test_reading_refuses_deeply_nested_dates(example_data):
    point: dict = {"start": ["2025-09-25T00:00:00+03:00", None], "precision": 3}
    for _ in range(10_000):
        point = {"start": ["2025-09-25T00:00:00+03:00", None], "precision": 3, "end": point}
    with pytest.raises(CodecError, match="nested"):
        deck_from_data(mutated(example_data, set_path("deck", "as_of", point)))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**6) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def nodes(data, path=()):
    yield path
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, child in children:
        yield from nodes(child, (*path, key))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_change_to_the_data_reads_as_a_deck_or_a_codec_error(example_data, data):
    paths = list(nodes(example_data["deck"]))
    path = data.draw(st.sampled_from(paths[1:]))
    value = data.draw(json_values)
    try:
        deck = deck_from_data(mutated(example_data, set_path("deck", *path, value)))
    except CodecError:
        return
    assert isinstance(deck, model.Deck)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), incidents=st.integers(0, 30), quotes=st.integers(0, 60), files=st.integers(1, 3))
def test_generated_decks_come_back_equal_and_sharing_the_same(tmp_path_factory, seed, incidents, quotes, files):
    folder = tmp_path_factory.mktemp("generated")
    path = generate(folder, incidents=incidents, quotes=quotes, files=files, seed=seed)
    original = load_deck(path).deck
    assert original is not None
    decoded = through_the_wire(original)
    assert_same_sharing(original, decoded)
    with contextlib.chdir(folder):
        assert decoded == load_deck("deck.yaml").deck
    assert wire(deck_to_data(decoded)) == wire(deck_to_data(original))
