"""One Markdown parser configuration for the screens and the handouts."""

from __future__ import annotations

from briefing.views.markdown import cell_alignment, markdown_parser, markdown_tree, new_markdown_parser, table_rows


def test_tables_and_strikethrough_are_read_raw_html_and_bare_urls_are_not():
    tree = markdown_tree("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~gone~~ <b>x</b> https://example.org\n")
    table, paragraph = tree.children
    assert table.type == "table"
    inline = paragraph.children[0].children
    assert [node.type for node in inline][0] == "s"
    assert not any(node.type in ("html_inline", "link") for node in inline)


def test_table_rows_come_header_first_with_each_columns_alignment():
    (table,) = markdown_tree("| a | b |\n|:-:|--:|\n| 1 | 2 |\n").children
    rows = table_rows(table)
    assert len(rows) == 2
    assert [cell_alignment(cell) for cell in rows[0]] == ["center", "right"]


def test_a_renderer_restricting_its_own_parser_leaves_the_shared_one_alone():
    own = new_markdown_parser()
    own.disable("image")
    assert own is not markdown_parser()
    assert markdown_tree("![alt](x.png)").children[0].children[0].children[0].type == "image"


# --- parsed blocks: what the screen draws and the start-up cache keeps -----------------------

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from paths import EXAMPLE_DECK  # noqa: E402

from briefing.views.markdown import (  # noqa: E402
    CodeBlock,
    Heading,
    ListBlock,
    Paragraph,
    RawBlock,
    Span,
    TableBlock,
    blocks_from_data,
    blocks_to_data,
    markdown_blocks,
)

SAMPLES = [
    "# Top *em*\n\n## Second `code`\n\n~~gone~~ [link *em*](http://x) ![alt](y.png) ![](z)\nsoft\nbreak  \nhard",
    "> quote **b**\n>\n> - a\n> - b\n\n---\n\n```py\ncode\n  x\n```\n\n    indented\n\n<div>html</div>\n\n1. one\n2. two\n\n   para\n",
    "| a | b | c |\n|:--|:-:|--:|\n| `x` | **y** | z |\n| 1 | | 3 |\n\n- tight\n- list\n  - nested\n\n7. start\n8. x",
    "&amp; \\*not em\\* <http://auto.link> **[link `code`](u)** ***both***",
    "",
]


def test_marks_keep_their_nesting_order_and_breaks_become_text():
    (paragraph,) = markdown_blocks("**[a `b`](u)**\nc  \nd")
    assert paragraph == Paragraph((
        Span("a ", ("strong", "link")), Span("b", ("strong", "link", "code")), Span(" c\nd"),
    ))


def test_each_kind_of_block_is_read():
    blocks = markdown_blocks("    code\n\n<div>x</div>\n\n" + SAMPLES[0] + "\n\n" + SAMPLES[2])
    types = {type(block) for block in blocks}
    assert {Heading, Paragraph, TableBlock, ListBlock, CodeBlock} <= types
    assert_same_blocks(blocks_from_data(blocks_to_data((RawBlock("<x>"),))), (RawBlock("<x>"),))
    assert kinds((RawBlock("x"),)) != kinds((CodeBlock("x"),))
    table = next(block for block in blocks if isinstance(block, TableBlock))
    assert table.alignments == ("left", "center", "right")
    assert table.rows[1][1] == ()


def kinds(blocks) -> list:
    """Every block's and span's type, nested: equality of named tuples alone does not see them."""
    found = []
    for block in blocks:
        found.append(type(block).__name__)
        for part in block:
            if isinstance(part, tuple) and part and isinstance(part[0], tuple):
                found.append(kinds(part))
    return found


def assert_same_blocks(decoded, blocks) -> None:
    assert decoded == blocks
    assert kinds(decoded) == kinds(blocks)


@pytest.mark.parametrize("text", SAMPLES)
def test_blocks_come_back_equal_through_json(text):
    blocks = markdown_blocks(text)
    assert_same_blocks(blocks_from_data(json.loads(json.dumps(blocks_to_data(blocks)))), blocks)


def test_every_markdown_text_of_the_example_deck_comes_back_equal():
    from briefing.deck import load_deck

    deck = load_deck(EXAMPLE_DECK).deck
    texts = [deck.summary, *(item.summary for item in (*deck.incidents, *deck.events) if item.summary)]
    for text in texts:
        assert_same_blocks(blocks_from_data(json.loads(json.dumps(blocks_to_data(markdown_blocks(text))))), markdown_blocks(text))


@pytest.mark.parametrize("data", [
    None, {}, [["p"]], [["p", "text"]], [["p", [[1]]]], [["p", [["x", "bold"]]]], [["h", "1", []]],
    [["list", 1, 1, True, []]], [["table", [], ["middle"], []]], [["nope", []]], [[]], [["quote", [["quote", None]]]],
])
def test_data_that_is_not_parsed_markdown_is_refused_with_a_value_error(data):
    with pytest.raises(ValueError):
        blocks_from_data(data)


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=20))
def test_any_json_is_read_as_blocks_or_refused_with_a_value_error(data):
    try:
        blocks_from_data(data)
    except ValueError:
        pass


def test_a_remembered_parse_is_drawn_without_importing_markdown_it():
    script = (
        "import json, sys\n"
        "from briefing.views.markdown import blocks_from_data, markdown_blocks, remember_parsed\n"
        "data = json.loads(sys.stdin.read())\n"
        "remember_parsed({'**bold** words': blocks_from_data(data)})\n"
        "print(markdown_blocks('**bold** words'), 'markdown_it' in sys.modules)\n"
    )
    data = json.dumps(blocks_to_data(markdown_blocks("**bold** words")))
    result = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("False")
    assert "strong" in result.stdout
