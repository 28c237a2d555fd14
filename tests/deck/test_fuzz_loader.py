"""Mutated decks, byte by byte and line by line, never break the loader and never hang it.

"Never raises" is promised by load_deck's last-resort handler, so the real check is that
the handler is never needed: no diagnostic may be an internal error. Every example runs
under an alarm, so a hang fails the example instead of the suite. Bounded to a few seconds.
"""

from __future__ import annotations

import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import EXAMPLE_FOLDER as EXAMPLE

from briefing.deck import load_deck
from briefing.deck.yamlsafe import LOADERS

SECONDS_PER_EXAMPLE = 5
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

TOKENS = [
    "*a", "&a ", "!!python/object:os.system ", "!x ", "[", "]", "{", "}", '"', "'", "|", ">", "? ", "- ", ": ",
    " #", "%YAML 1.1", "@", "`", "~", "null", "---", "...", "\t", "\x1b[31m", "\u202e", "\x00", "\ufeff",
    "04/09/2025", "2025-02-30", "last week", "<<: *a", "\\", "\r", "\r\n", "\x85", "\u2028",
]


@contextmanager
def alarm(seconds: int):
    def on_alarm(signum, frame):
        raise TimeoutError(f"load_deck took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def deck_folder(tmp_path_factory) -> Path:
    if not (EXAMPLE / "deck.yaml").exists():
        pytest.skip("the example deck is not there")
    folder = tmp_path_factory.mktemp("fuzz")
    for path in EXAMPLE.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    return folder


def load_checked(deck: Path) -> None:
    for loader in LOADERS:
        with alarm(SECONDS_PER_EXAMPLE):
            result = load_deck(deck, loader=loader)
        internal = [str(d) for d in result.diagnostics if "internal error" in d.message]
        assert not internal, internal
        assert result.ok == (not result.errors)
        assert all(d.place.line >= 1 and d.place.column >= 1 for d in result.diagnostics)


byte_edits = st.lists(
    st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(["replace", "insert", "delete"]), st.binary(min_size=1, max_size=4)),
    min_size=1,
    max_size=8,
)


@FUZZ
@given(edits=byte_edits)
def test_byte_mutations_never_break_the_loader(deck_folder, edits):
    original = (EXAMPLE / "deck.yaml").read_bytes()
    data = bytearray(original)
    for where, how, payload in edits:
        at = int(where * len(data))
        if how == "replace":
            data[at:at + len(payload)] = payload
        elif how == "insert":
            data[at:at] = payload
        else:
            del data[at:at + len(payload)]
    (deck_folder / "deck.yaml").write_bytes(bytes(data))
    load_checked(deck_folder / "deck.yaml")


line_edits = st.lists(
    st.tuples(
        st.floats(0, 1, exclude_max=True),
        st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "token", "truncate"]),
        st.sampled_from(TOKENS),
        st.floats(0, 1),
    ),
    min_size=1,
    max_size=6,
)


@FUZZ
@given(edits=line_edits, target=st.sampled_from(["deck.yaml", "quotes.yaml"]))
def test_structure_mutations_never_break_the_loader(deck_folder, edits, target):
    for name in ("deck.yaml", "quotes.yaml"):
        shutil.copy(EXAMPLE / name, deck_folder / name)
    lines = (EXAMPLE / target).read_text(encoding="utf-8").splitlines(keepends=True)
    for where, how, token, column in edits:
        if not lines:
            break
        at = int(where * len(lines))
        line = lines[at]
        if how == "delete":
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, line)
        elif how == "swap":
            lines[at], lines[-1 - at] = lines[-1 - at], line
        elif how == "indent":
            lines[at] = "  " + line
        elif how == "dedent":
            lines[at] = line[2:] if line.startswith("  ") else line.lstrip()
        elif how == "token":
            cut = int(column * len(line))
            lines[at] = line[:cut] + token + line[cut:]
        else:
            lines = lines[:at]
    (deck_folder / target).write_text("".join(lines), encoding="utf-8")
    load_checked(deck_folder / "deck.yaml")


# Tokens on which libyaml and Python's parser genuinely disagree in rare spots ('? ' inside
# a flow list, directives, block scalar headers) are left out; the rest must read alike.
COMMON_TOKENS = [token for token in TOKENS if token not in ("? ", "%YAML 1.1", "|", ">")]


@pytest.mark.skipif(len(LOADERS) < 2, reason="libyaml is not available")
@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(COMMON_TOKENS), st.floats(0, 1)), min_size=1, max_size=4),
    target=st.sampled_from(["deck.yaml", "quotes.yaml"]),
)
def test_both_loaders_report_mutated_decks_alike(deck_folder, edits, target):
    for name in ("deck.yaml", "quotes.yaml"):
        shutil.copy(EXAMPLE / name, deck_folder / name)
    lines = (EXAMPLE / target).read_text(encoding="utf-8").splitlines(keepends=True)
    for where, token, column in edits:
        at = int(where * len(lines))
        cut = int(column * len(lines[at]))
        lines[at] = lines[at][:cut] + token + lines[at][cut:]
    (deck_folder / target).write_text("".join(lines), encoding="utf-8")
    with alarm(SECONDS_PER_EXAMPLE):
        by_c = [str(d) for d in load_deck(deck_folder / "deck.yaml", loader="c").diagnostics]
        by_python = [str(d) for d in load_deck(deck_folder / "deck.yaml", loader="python").diagnostics]
    assert by_c == by_python
