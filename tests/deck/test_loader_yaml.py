"""The YAML layer: text in, nodes with places out, hostile input turned into diagnostics."""

from __future__ import annotations

import random

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.deck import yamlsafe
from briefing.deck.text import clean_text, quoted, source_may_be_unsafe
from briefing.deck.yamlsafe import LOADERS, MAX_DEPTH, compose, prepare


def composed(text: str, loader: str):
    source = prepare(text.encode("utf-8"), "f.yaml")
    if source.text is None:
        return None, [str(d) for d in source.diagnostics]
    root, problems = compose(source, loader)
    return root, [str(d) for d in source.diagnostics + problems]


@pytest.mark.parametrize("loader", LOADERS)
def test_every_plain_scalar_stays_text(loader):
    root, problems = composed("a: NO\nb: 12:30\nc: 0123\nd: true\ne: 2025-09-19\nf: ~\ng: 1e3\n", loader)
    assert problems == []
    assert [(key.value, value.value, value.tag) for key, value in root.value] == [
        ("a", "NO", yamlsafe.STR_TAG), ("b", "12:30", yamlsafe.STR_TAG), ("c", "0123", yamlsafe.STR_TAG),
        ("d", "true", yamlsafe.STR_TAG), ("e", "2025-09-19", yamlsafe.STR_TAG), ("f", "~", yamlsafe.STR_TAG),
        ("g", "1e3", yamlsafe.STR_TAG),
    ]


@pytest.mark.parametrize("loader", LOADERS)
def test_marks_count_characters_not_bytes(loader):
    root, _ = composed("é: ü\nb: [ä, c]\n", loader)
    value = root.value[1][1].value[1]
    assert (value.start_mark.line, value.start_mark.column) == (1, 7)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text, place", [
    ("a:\tb\n", "1:3"),
    ("a: b\t# c\n", "1:5"),
    ("a: [b,\tc]\n", "1:7"),
    ("a: b\n\t\nc: d\n", "2:1"),
    ("a:\n  - b\t\n", "2:6"),
])
def test_tabs_outside_quoted_or_block_text_are_refused_alike(loader, text, place):
    _, problems = composed(text, loader)
    assert problems == [f"f.yaml:{place}: error: {yamlsafe.TAB_MESSAGE}"]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text", ['a: "b\tc"\n', "a: 'b\tc'\n", "a: |\n  b\tc\n", "a: b # c\td\n", "# \t\na: b\n"])
def test_tabs_inside_quoted_or_block_text_and_comments_are_fine(loader, text):
    root, problems = composed(text, loader)
    assert problems == [] and root is not None


def test_bytes_that_are_not_utf8_are_placed_at_their_character():
    source = prepare("title: ok\nsub: ééé\xff".encode("latin-1").replace(b"\xe9", "é".encode()), "f.yaml")
    assert [str(d) for d in source.diagnostics] == [
        "f.yaml:2:9: error: not UTF-8: byte 0xff cannot be decoded here (save the file as UTF-8)"
    ]


def test_bom_and_crlf_are_accepted():
    root, problems = composed("\ufeffa: b\r\nc: d\r\n", "python")
    assert problems == [] and [k.value for k, _ in root.value] == ["a", "c"]


@pytest.mark.parametrize("text", ["", "  \n\n", "\ufeff"])
def test_empty_files_say_so(text):
    assert [d.message for d in prepare(text.encode(), "f.yaml").diagnostics] == ["empty file"]


def test_raw_escape_sequences_are_cut_before_parsing_with_a_warning_each():
    source = prepare(b"a: x\x1b[1;31my\x1b[0m\n", "f.yaml")
    assert source.text == "a: xy\n"
    assert [str(d.place) for d in source.diagnostics] == ["f.yaml:1:5", "f.yaml:1:13"]
    root, _ = compose(source, "python")
    assert source.locator.place(root.value[0][1].end_mark) == source.locator.at(0, 5)


@pytest.mark.parametrize("loader", LOADERS)
def test_nesting_at_the_limit_loads_and_one_deeper_does_not(loader):
    at_limit = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    too_deep = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert composed(at_limit, loader)[1] == []
    assert composed(too_deep, loader)[1] == [
        f"f.yaml:1:{3 + MAX_DEPTH}: error: nesting deeper than {MAX_DEPTH} levels: a deck never needs this much"
    ]


@st.composite
def nested_yaml(draw):
    """Random nestings of block and flow collections, some deep, with brackets in quoted text."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    depth = draw(st.integers(1, 90))
    lines, indent = ["root:"], 2
    for level in range(depth):
        style = rng.choice(["map", "seq", "flow"])
        if style == "flow":
            inner = "".join(rng.choice(["[", "{k: "]) for _ in range(depth - level))
            closing = "".join("]" if ch == "[" else "}" for ch in reversed([c for c in inner if c in "[{"]))
            quoted_noise = rng.choice(['"]]"', "'[['", "x"])
            lines.append(" " * indent + f"f: {inner}{quoted_noise}{closing}")
            break
        lines.append(" " * indent + ("k:" if style == "map" else "- k:"))
        indent += 2 if style == "map" else 4
    lines.append(" " * indent + "end: 1")
    return "\n".join(lines) + "\n"


def true_depth(text: str) -> int:
    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


@settings(max_examples=150, deadline=None)
@given(nested_yaml())
def test_the_cheap_depth_bound_never_lets_deep_text_through(text):
    if not yamlsafe._may_be_too_deep(text):
        assert true_depth(text) <= MAX_DEPTH


def test_clean_text_removes_sequences_controls_and_bidi_overrides():
    hostile = "a\x1b[31mred\x1b[0m b\x1b]8;;http://x\x07link\x1b]8;;\x07 c\x07d\x7fe\x9b1mf\u202eg\u2066h\x00i\tj\nk"
    assert clean_text(hostile) == ("ared blink cdefghi\tj\nk", 10)


def test_clean_text_leaves_ordinary_text_alone():
    text = "Nausėda — “testing us” ×3 [bold]not markup[/] 日本"
    assert clean_text(text) == (text, 0)


def test_quoted_shows_controls_as_escapes_and_cuts_long_text():
    assert quoted("a\x1bb\u202e") == "'a\\x1bb\\u202e'"
    assert quoted("x" * 100).endswith("\u2026'") and len(quoted("x" * 100)) == 62


@pytest.mark.parametrize("data, unsafe", [
    (b"plain ascii\n", False), ("é × – “”".encode(), False), (b"a\x07", True), ("a\u202e".encode(), True),
    ("a\u0085b".encode(), False), ("a\u0090".encode(), True), ("a\ufeff".encode(), True), (b"a\x7f", True),
])
def test_the_quick_source_check_agrees_with_the_full_one(data, unsafe):
    assert source_may_be_unsafe(data) is unsafe
