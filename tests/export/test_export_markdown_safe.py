"""Markdown export is safe by construction: deck Markdown is re-written from its parsed tree.

Each case is rendered by markdown-it as a lax reader would (raw HTML allowed; CommonMark and
the GitHub-like preset) and must give no HTML from deck text, keep every later section
outside any code block, and show code exactly as written (no `&lt;` inside code).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from export_decks import sample_deck
from markdown_it import MarkdownIt

from briefing.export import export_deck

RENDERERS = {
    "commonmark": MarkdownIt("commonmark", {"html": True}),
    "gfm-like": MarkdownIt("gfm-like", {"html": True, "linkify": True}),
}

HOSTILE_SUMMARIES = {
    "indented fence then column-0 fence": "  ```\nx\n```\n<img src=x onerror=alert(1)>\n",
    "three-space fence": "   ```\ninside\n```\n<script>alert(2)</script>\n",
    "tilde fence closed by backticks": "~~~\ncode\n```\n<script>alert(3)</script>\n",
    "unclosed fence": "```\nnever closed <b>x</b>\n",
    "fence inside a list item": "- item\n\n   ```\n   a\n```\n<svg onload=alert(4)>\n",
    "fence inside a quote": "> ```\n> q\n```\n<iframe src=x></iframe>\n",
    "html comment and friends": "<!-- c --> <?php x ?> <![CDATA[ y ]]> <!DOCTYPE html>\n\n<!--\n<script>alert(5)</script>\n-->\n",
    "html block start": "<div onclick=alert(6)>\n\n*md*\n\n</div>\n",
    "autolinks": "<javascript:alert(7)> <https://ok.example> <a@b.example>\n",
    "reference definitions": "[x][r]\n\n[r]: javascript:alert(8)\n",
    "entity smuggling": "&lt;script&gt;alert(9)&lt;/script&gt; &#60;b&#62;\n",
    "setext and thematic": "text\n===\n\n<b>after</b>\n---\n",
    "table cell": "| a | b |\n| - | - |\n| <script>x</script> | `|` |\n",
}


def _deck_with(summaries: list[str]):
    deck = sample_deck()
    incidents = tuple(dataclasses.replace(incident, summary=text) for incident, text in zip(deck.incidents, summaries[1:]))
    return dataclasses.replace(deck, summary=summaries[0], incidents=incidents + deck.incidents[len(incidents):])


def _html_tokens(markdown: str, renderer: MarkdownIt) -> list[str]:
    found = []
    for token in renderer.parse(markdown):
        found += [token.content for token in [token, *(token.children or ())] if token.type in ("html_block", "html_inline")]
    return found


def _section_headings(html: str) -> list[str]:
    return re.findall(r"<h2>([^<]*)</h2>", html)


@pytest.mark.parametrize("renderer_name", sorted(RENDERERS))
@pytest.mark.parametrize("case", sorted(HOSTILE_SUMMARIES))
def test_no_deck_markdown_becomes_html(case, renderer_name):
    renderer = RENDERERS[renderer_name]
    markdown = export_deck(_deck_with([HOSTILE_SUMMARIES[case]] * 3), "md")
    assert _html_tokens(markdown, renderer) == []
    html = renderer.render(markdown)
    assert not re.search(r"<(script|img|svg|iframe|div|b)\b", html), html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html)


@pytest.mark.parametrize("renderer_name", sorted(RENDERERS))
@pytest.mark.parametrize("case", sorted(HOSTILE_SUMMARIES))
def test_every_section_stays_outside_code_whatever_a_summary_holds(case, renderer_name):
    renderer = RENDERERS[renderer_name]
    plain = renderer.render(export_deck(sample_deck(), "md"))
    hostile = renderer.render(export_deck(_deck_with([HOSTILE_SUMMARIES[case]] * 3), "md"))
    assert _section_headings(hostile) == _section_headings(plain)


def test_an_unclosed_fence_in_one_summary_does_not_carry_into_the_next():
    markdown = export_deck(_deck_with(["```\nopen", "<script>alert(1)</script>", "plain *words*"]), "md")
    html = RENDERERS["commonmark"].render(markdown)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>words</em>" in html


@pytest.mark.parametrize("renderer_name", sorted(RENDERERS))
def test_code_shows_less_than_as_written(renderer_name):
    summary = "Inline `if a<b && c>d` here.\n\n```python\nif a < b:\n    x = '<tag>'\n```\n\n    indented <code>\n"
    html = RENDERERS[renderer_name].render(export_deck(_deck_with([summary]), "md"))
    assert "<code>if a&lt;b &amp;&amp; c&gt;d</code>" in html
    assert "if a &lt; b:\n    x = '&lt;tag&gt;'\n" in html
    assert "indented &lt;code&gt;\n" in html
    assert "&amp;lt;" not in html


def test_deck_markdown_keeps_its_meaning():
    summary = (
        "# Heading\n\nSome *em*, **strong**, ~~gone~~, `code` and [a link](https://example.org/x).\n\n"
        "- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted\n\n---\n\n| h | i |\n| --- | --- |\n| 1 | 2 |\n"
    )
    html = RENDERERS["gfm-like"].render(export_deck(_deck_with([summary]), "md"))
    for fragment in ("<h3>Heading</h3>", "<em>em</em>", "<strong>strong</strong>", "<s>gone</s>", "<code>code</code>",
                     '<a href="https://example.org/x">a link</a>', "<li>nested</li>", "<ol>", "<blockquote>", "<hr />",
                     "<td>1</td>"):
        assert fragment in html, fragment
