"""load_deck: a valid deck becomes a linked model; every file, place and setting is right."""

from __future__ import annotations

import importlib.util
import random
from datetime import timedelta
from pathlib import Path

import pytest
from paths import EXAMPLE_DECK as EXAMPLE
from paths import REPO

from briefing.deck import LoadCache, load_deck
from briefing.deck.model import Precision, Severity, Stance, Status

SMALL = """\
title: Small deck
timezone: +03:00
date_order: DMY
include: [parts/*.yaml, quotes.yaml]
countries:
  - code: EE
    name: Estonia
    groups: [NATO, EU]
  - code: RU
    name: Russia
people:
  - id: kallas
    name: Kaja Kallas
    role: Prime Minister
    country: EE
sources:
  - id: article
    title: An article
    reliability: B
incidents:
  - id: mig31
    title: Three MiG-31 jets
    when: 2025-09-19
    countries: [EE]
    actor: RU
    status: denied
    claims:
      - by: RU
        text: Denies it
      - by: kallas
        text: Confirms it
    sources: [article]
    credibility: 2
questions:
  - id: shoot-down
    title: Shoot down jets?
    positions:
      - country: EE
        stance: support
        quotes: [kallas-1]
"""
PART = """\
events:
  - id: warning
    title: Envoys warn
    when: 04/09/2025 10:00
"""
QUOTES = """\
quotes:
  - id: kallas-1
    by: kallas
    text: We are ready.
    when: 2025-09
    source: article
    about: [shoot-down, mig31]
"""


def write_small(folder: Path) -> Path:
    (folder / "parts").mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(SMALL, encoding="utf-8")
    (folder / "parts" / "events.yaml").write_text(PART, encoding="utf-8")
    (folder / "quotes.yaml").write_text(QUOTES, encoding="utf-8")
    return folder / "deck.yaml"


@pytest.fixture
def small(tmp_path, monkeypatch) -> Path:
    write_small(tmp_path)
    monkeypatch.chdir(tmp_path)
    return Path("deck.yaml")


def test_valid_deck_loads_with_no_diagnostics(small):
    result = load_deck(small)
    assert result.ok and result.diagnostics == () and result.errors == () and result.warnings == ()
    assert result.deck.title == "Small deck"


def test_references_resolve_to_model_objects(small):
    deck = load_deck(small).deck
    quote = deck.quotes[0]
    assert quote.speaker.country.name == "Estonia"
    assert quote.source is deck.sources[0]
    assert [(s.kind, s.id, s.title) for s in quote.about] == [("question", "shoot-down", "Shoot down jets?"), ("incident", "mig31", "Three MiG-31 jets")]
    incident = deck.incidents[0]
    assert incident.actor is deck.country("RU")
    assert [claim.by.name for claim in incident.claims] == ["Russia", "Kaja Kallas"]
    assert incident.status is Status.DENIED and incident.grades() == ("B2",)
    position = deck.questions[0].positions[0]
    assert position.stance is Stance.SUPPORT and position.quotes == (quote,)
    assert deck.get("kallas") is quote.speaker
    assert deck.countries[0].groups == ("NATO", "EU")


def test_included_files_follow_the_deck_and_get_its_settings(small):
    result = load_deck(small)
    assert result.files == (Path("deck.yaml"), Path("parts/events.yaml"), Path("quotes.yaml"))
    assert result.deck.files == result.files
    event = result.deck.events[0]
    assert (event.when.start.day, event.when.start.month) == (4, 9)  # date_order DMY
    assert event.when.start.utcoffset() == timedelta(hours=3)  # the deck's timezone
    assert result.deck.quotes[0].when.precision is Precision.MONTH


def test_places_use_the_path_as_typed(tmp_path, monkeypatch):
    write_small(tmp_path / "decks" / "small")
    monkeypatch.chdir(tmp_path)
    deck = load_deck("decks/small/deck.yaml").deck
    assert str(deck.incidents[0].place) == "decks/small/deck.yaml:21:5"
    assert str(deck.events[0].place) == "decks/small/parts/events.yaml:2:5"
    assert str(deck.quotes[0].place) == "decks/small/quotes.yaml:2:5"
    assert str(deck.incidents[0].claims[1].place) == "decks/small/deck.yaml:30:9"


def test_a_folder_loads_its_deck_yaml(tmp_path, monkeypatch):
    write_small(tmp_path / "deck")
    monkeypatch.chdir(tmp_path)
    result = load_deck("deck")
    assert result.ok and result.files[0] == Path("deck/deck.yaml")


@pytest.mark.parametrize("path, message", [
    ("missing.yaml", "file not found"),
    (".", "no deck.yaml in this folder"),
])
def test_unreadable_paths_are_diagnostics(tmp_path, monkeypatch, path, message):
    monkeypatch.chdir(tmp_path)
    result = load_deck(path)
    assert not result.ok and [d.message for d in result.diagnostics] == [message]


def test_a_glob_matching_the_deck_itself_skips_it(tmp_path, monkeypatch):
    (tmp_path / "deck.yaml").write_text("title: x\ninclude: ['*.yaml']\n")
    (tmp_path / "more.yaml").write_text("quotes: []\n")
    monkeypatch.chdir(tmp_path)
    result = load_deck("deck.yaml")
    assert result.ok and result.files == (Path("deck.yaml"), Path("more.yaml"))


def test_a_glob_matching_only_the_deck_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "deck.yaml").write_text("title: x\ninclude: ['*.yaml']\n")
    monkeypatch.chdir(tmp_path)
    assert [str(d) for d in load_deck("deck.yaml").diagnostics] == [
        "deck.yaml:2:11: error: include '*.yaml' matches no file in the deck's folder"
    ]


def test_a_file_matched_twice_is_included_once(tmp_path, monkeypatch):
    (tmp_path / "deck.yaml").write_text("title: x\ninclude: [q.yaml, '*.yaml']\n")
    (tmp_path / "q.yaml").write_text("quotes: []\n")
    monkeypatch.chdir(tmp_path)
    assert load_deck("deck.yaml").files == (Path("deck.yaml"), Path("q.yaml"))


def test_problems_in_several_files_come_together_sorted(small):
    Path("quotes.yaml").write_text(QUOTES.replace("by: kallas", "by: nobody"))
    Path("parts/events.yaml").write_text(PART.replace("04/09/2025", "31/31/2025"))
    Path("deck.yaml").write_text(SMALL.replace("actor: RU", "actor: XX"))
    result = load_deck("deck.yaml")
    assert result.deck is None
    assert [f"{d.place}" for d in result.diagnostics] == ["deck.yaml:25:12", "parts/events.yaml:4:11", "quotes.yaml:3:9"]


def test_warnings_alone_keep_the_deck(small):
    Path("deck.yaml").write_text(SMALL.replace("title: Small deck", 'title: "Small \\e[1mdeck"'))
    result = load_deck("deck.yaml")
    assert result.ok and result.deck.title == "Small deck"
    assert [d.severity for d in result.diagnostics] == [Severity.WARNING]


def test_raw_control_characters_are_removed_and_columns_stay_true(tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_bytes(b"title: a\x1b[31mb\nsubtitle: \x01\x02x: [XX]\n")
    result = load_deck(deck)
    assert [(d.place.line, d.place.column, d.severity.value) for d in result.diagnostics] == [
        (1, 9, "warning"), (2, 11, "warning"), (2, 12, "warning"), (2, 14, "error"),
    ]


def test_events_take_until_where_kind_notes_and_tags(tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "title: x\nevents:\n  - id: e\n    title: E\n    when: 2025-09-22\n    until: 2025-09-25\n"
        "    where: Moscow\n    kind: meeting\n    notes: Say little.\n    tags: [diplomacy]\n"
    )
    event = load_deck(deck).deck.events[0]
    assert (event.where, event.kind, event.notes, event.tags) == ("Moscow", "meeting", "Say little.", ("diplomacy",))
    assert event.until.start.day == 25


ONGOING_DECK = """\
title: x
as_of: 2025-09-25
timezone: Europe/Tallinn
include: [more.yaml]
incidents:
  - id: dk
    title: Drones disrupt air traffic
    when: 2025-09-22
    until: ongoing
"""


def test_until_ongoing_runs_to_the_decks_as_of_and_reads_ongoing(tmp_path):
    (tmp_path / "deck.yaml").write_text(ONGOING_DECK.replace("include: [more.yaml]\n", ""), encoding="utf-8")
    deck = load_deck(tmp_path / "deck.yaml").deck
    until = deck.get("dk").until
    assert until.ongoing and until.start == deck.as_of.start
    assert until.format() == "ongoing"


def test_until_ongoing_in_an_included_file_follows_the_decks_as_of_across_reloads(tmp_path):
    (tmp_path / "deck.yaml").write_text(ONGOING_DECK, encoding="utf-8")
    (tmp_path / "more.yaml").write_text("events:\n  - id: e\n    title: E\n    when: 2025-09-20\n    until: ongoing\n", encoding="utf-8")
    cache = LoadCache()
    first = load_deck(tmp_path / "deck.yaml", cache=cache).deck
    assert first.get("e").until.start.day == 25
    (tmp_path / "deck.yaml").write_text(ONGOING_DECK.replace("2025-09-25", "2025-09-28"), encoding="utf-8")
    again = load_deck(tmp_path / "deck.yaml", cache=cache).deck
    assert again.get("e").until.ongoing and again.get("e").until.start.day == 28


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("as_of: 2025-09-25\n", ""), "7:12: error: 'until: ongoing' means not ended as of the deck's as_of: set as_of (or give an end date)"),
        (("2025-09-22", "2025-09-27"), "8:12: error: 'until' (ongoing as of 25 September 2025) is before 'when' (27 September 2025)"),
        (("when: 2025-09-22\n    until: ongoing", "when: ongoing"), "7:11: error: 'when' cannot be 'ongoing': only 'until' can (write a date here)"),
    ],
)
def test_until_ongoing_misused_is_an_error_at_its_place(tmp_path, change, message):
    text = ONGOING_DECK.replace("include: [more.yaml]\n", "").replace(*change)
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    result = load_deck(tmp_path / "deck.yaml")
    assert [str(d).split("deck.yaml:", 1)[1] for d in result.diagnostics] == [message]


def test_a_single_id_may_stand_for_a_list(tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: x\ncountries:\n  - code: EE\n    name: E\nevents:\n  - id: e\n    title: E\n    countries: EE\n    tags: one\n")
    event = load_deck(deck).deck.events[0]
    assert [c.code for c in event.countries] == ["EE"] and event.tags == ("one",)


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the example deck is not there")
def test_example_deck_is_valid():
    result = load_deck(EXAMPLE)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.deck.incidents and result.deck.quotes


# --- reloading through a LoadCache ----------------------------------------------------------

def test_reload_of_unchanged_files_keeps_every_object(small):
    cache = LoadCache()
    first = load_deck(small, cache=cache).deck
    second = load_deck(small, cache=cache).deck
    assert second is not first
    assert second.quotes[0] is first.quotes[0] and second.incidents[0] is first.incidents[0]


def test_reload_sees_an_edit_and_rebuilds_what_refers_to_it(small):
    cache = LoadCache()
    first = load_deck(small, cache=cache).deck
    Path("deck.yaml").write_text(SMALL.replace("name: Kaja Kallas", "name: K. Kallas"))
    second = load_deck(small, cache=cache).deck
    assert second.quotes[0].speaker.name == "K. Kallas"
    assert second.incidents[0].claims[1].by.name == "K. Kallas"
    assert second.questions[0].positions[0].quotes[0] is second.quotes[0]
    assert second.sources[0] is first.sources[0]
    assert second == load_deck(small).deck


def test_reload_reports_a_new_dangling_reference_and_then_its_fix(small):
    cache = LoadCache()
    load_deck(small, cache=cache)
    Path("deck.yaml").write_text(SMALL.replace("  - id: kallas\n", "  - id: kalas\n"))
    broken = load_deck(small, cache=cache)
    assert [str(d) for d in broken.diagnostics] == [
        "deck.yaml:30:13: error: unknown country or person 'kallas' (did you mean 'kalas'?)",
        "quotes.yaml:3:9: error: unknown person 'kallas' (did you mean 'kalas'?)",
    ]
    Path("deck.yaml").write_text(SMALL)
    fixed = load_deck(small, cache=cache)
    assert fixed.ok and fixed.deck == load_deck(small).deck


def test_a_load_records_the_digest_of_each_file_it_read(small):
    """Live reload starts from these: a save made right after the load must look like a change."""
    import hashlib

    cache = LoadCache()
    result = load_deck(small, cache=cache)
    assert set(result.digests) == set(result.files)
    for path in result.files:
        assert result.digests[path] == hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    Path("quotes.yaml").write_text(QUOTES + "\n", encoding="utf-8")
    again = load_deck(small, cache=cache)
    assert again.digests[Path("quotes.yaml")] != result.digests[Path("quotes.yaml")]
    assert again.digests[Path("deck.yaml")] == result.digests[Path("deck.yaml")]


def _load_gen_deck():
    spec = importlib.util.spec_from_file_location("gen_deck", REPO / "benchmarks" / "gen_deck.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EDITS = [
    ("    by: person-", "    by: person-9"),
    ("    country: ", "    country: X"),
    ("  - id: quote-", "  - id: quote-1"),
    ("  - id: person-", "  - id: person-x"),
    ("    title: ", "    title: Edited "),
    ("    about: [", "    about: [question-0, "),
    ("    sources: [", "    sources: [src-0, "),
    ("      - by: ", "      - by: EE"),
    ("timezone: ", "timezone: UTC #"),
    ("    when: 20", "    when: 19"),
]


def test_cached_reloads_after_random_edits_equal_fresh_loads(tmp_path):
    deck = _load_gen_deck().generate(tmp_path, incidents=40, quotes=120, files=3, seed=7)
    files = [deck, *sorted(tmp_path.glob("*/*.yaml"))]
    originals = {path: path.read_text(encoding="utf-8") for path in files}
    rng = random.Random(3)
    cache = LoadCache()
    load_deck(deck, cache=cache)
    for _ in range(25):
        path = rng.choice(files)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        prefix, replacement = rng.choice(EDITS)
        candidates = [n for n, line in enumerate(lines) if line.startswith(prefix)]
        if rng.random() < 0.2:
            path.write_text(originals[path], encoding="utf-8")
        elif candidates:
            n = rng.choice(candidates)
            lines[n] = lines[n].replace(prefix, replacement, 1)
            if rng.random() < 0.3:
                lines.insert(n, "\n")
            elif rng.random() < 0.2:
                del lines[n]
            path.write_text("".join(lines), encoding="utf-8")
        cached, fresh = load_deck(deck, cache=cache), load_deck(deck)
        assert cached.diagnostics == fresh.diagnostics
        assert cached.deck == fresh.deck
        if cached.deck is not None:
            assert all(q.speaker is cached.deck.get(q.speaker.id) for q in cached.deck.quotes)
