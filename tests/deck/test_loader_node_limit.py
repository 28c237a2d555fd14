"""The deck's files together hold at most MAX_NODES YAML nodes: composing stops there, so memory stays bounded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.deck import LoadCache, load_deck, yamlsafe
from briefing.deck.yamlsafe import LOADERS, MAX_NODES

SMALL_LIMIT = 1000


def _limit_message(limit: int) -> str:
    return (f"too many values: the deck's files hold more than {limit:,} YAML values "
            "(keys, values and lists; the limit for a deck) from this list or mapping on")


def _incidents_with_tags(count: int, ident: str = "a") -> str:
    return f"incidents:\n  - id: {ident}\n    title: A\n    tags: [{', '.join(['t'] * count)}]\n"


def _errors(result) -> list[str]:
    return [f"{Path(d.place.path).name}:{d.place.line}:{d.place.column}: {d.message}" for d in result.errors]


@pytest.mark.parametrize("loader", LOADERS)
def test_one_file_past_the_node_limit_is_one_error_at_the_list_that_passed_it(tmp_path, monkeypatch, loader):
    monkeypatch.setattr(yamlsafe, "MAX_NODES", SMALL_LIMIT)
    (tmp_path / "deck.yaml").write_text("title: T\n" + _incidents_with_tags(2 * SMALL_LIMIT), encoding="utf-8")
    result = load_deck(tmp_path / "deck.yaml", loader=loader)
    assert _errors(result) == [f"deck.yaml:5:11: {_limit_message(SMALL_LIMIT)}"]


@pytest.mark.parametrize("loader", LOADERS)
def test_the_node_limit_counts_every_file_of_the_deck_together(tmp_path, monkeypatch, loader):
    monkeypatch.setattr(yamlsafe, "MAX_NODES", SMALL_LIMIT)
    (tmp_path / "deck.yaml").write_text("title: T\ninclude: [a.yaml, b.yaml, c.yaml]\n", encoding="utf-8")
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(_incidents_with_tags(SMALL_LIMIT // 2, name), encoding="utf-8")
    result = load_deck(tmp_path / "deck.yaml", loader=loader)
    assert _errors(result) == [f"b.yaml:4:11: {_limit_message(SMALL_LIMIT)}"]


def test_a_reload_from_the_cache_still_counts_unchanged_files(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_NODES", SMALL_LIMIT)
    (tmp_path / "deck.yaml").write_text("title: T\ninclude: [a.yaml, b.yaml]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(_incidents_with_tags(10, "a"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(_incidents_with_tags(SMALL_LIMIT // 2, "b"), encoding="utf-8")
    cache = LoadCache()
    assert load_deck(tmp_path / "deck.yaml", cache=cache).ok
    (tmp_path / "a.yaml").write_text(_incidents_with_tags(SMALL_LIMIT // 2 + 10, "a"), encoding="utf-8")
    assert _errors(load_deck(tmp_path / "deck.yaml", cache=cache)) == [f"b.yaml:4:11: {_limit_message(SMALL_LIMIT)}"]
    (tmp_path / "a.yaml").write_text(_incidents_with_tags(10, "a"), encoding="utf-8")
    assert load_deck(tmp_path / "deck.yaml", cache=cache).ok


MEASURE = """
import resource, sys
from briefing.deck import load_deck
result = load_deck(sys.argv[1], loader="c")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
print(*(d.message for d in result.errors), sep="\\n")
"""


@pytest.mark.skipif("c" not in LOADERS, reason="libyaml is not available")
def test_sixteen_mib_of_tiny_values_is_refused_with_bounded_memory(tmp_path):
    deck = tmp_path / "deck.yaml"
    head = "title: T\nincidents:\n  - id: a\n    title: A\n    tags: ["
    count = (yamlsafe.MAX_FILE_BYTES - len(head) - 4) // 2
    deck.write_text(head + "a," * count + "a]\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", MEASURE, str(deck)], capture_output=True, text=True, timeout=300, check=False)
    peak_mb, *messages = run.stdout.splitlines()
    assert messages == [_limit_message(MAX_NODES)], run.stderr
    assert int(peak_mb) < 1200  # unbounded, this file took 3.2 GB


def test_the_node_limit_is_two_million():
    assert MAX_NODES == 2_000_000
