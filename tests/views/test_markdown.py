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
