"""Hostile deck text comes out of every export as inert, literal text.

Each string field of a deck built in `export_decks.hostile_deck` carries script tags, event
handler attributes, `javascript:` links, Rich/Textual markup and an escape sequence; deck
Markdown additionally tries raw HTML blocks, images, autolinks and reference links. The
HTML is parsed with `html.parser`, the Markdown is rendered (raw HTML allowed, as a lax
renderer would) and parsed too, and the text is checked for control characters.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from export_decks import hostile_deck
from markdown_it import MarkdownIt

from briefing.export import export_deck
from briefing.export.text import cells

PAYLOAD = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> "
    '<a href="javascript:alert(2)">link</a> <iframe src="https://evil.example/"></iframe> '
    "[bold]b[/bold] [@click=app.quit]q[/] [link=https://evil.example]l[/link] "
    "[x](javascript:alert(3)) | # *e* `c` &amp; \x1b[31mred\x1b]8;;https://evil.example\x07 \ufffd"
)

FORBIDDEN_ELEMENTS = {"script", "iframe", "object", "embed", "img", "link", "base", "form", "frame", "svg", "math", "video", "audio", "source", "input", "button", "meta-refresh"}
ALLOWED_ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "nav", "section", "article",
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "colgroup", "col", "blockquote", "figure", "figcaption", "a", "strong", "em",
    "code", "pre", "span", "div", "abbr", "cite", "br", "hr",
}


class Elements(HTMLParser):
    """Collects every element with its attributes, the text of <style> elements, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        (self.styles if self._in_style else self.text).append(data)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


def assert_inert(parsed: Elements, *, own_style_count: int) -> None:
    tags = [tag for tag, _ in parsed.elements]
    assert not FORBIDDEN_ELEMENTS & set(tags), sorted(FORBIDDEN_ELEMENTS & set(tags))
    assert set(tags) <= ALLOWED_ELEMENTS, sorted(set(tags) - ALLOWED_ELEMENTS)
    assert tags.count("style") == own_style_count
    for tag, attrs in parsed.elements:
        assert not [name for name in attrs if name.lower().startswith("on")], (tag, attrs)
        assert re.fullmatch(r"(text-align:(left|center|right))?", attrs.get("style") or ""), (tag, attrs)
        for name in ("href", "src", "action", "formaction", "xlink:href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value or value.startswith(("https://", "http://", "mailto:", "#")), (tag, name, value)
    for css in parsed.styles:
        assert "url(" not in css and "@import" not in css and "evil" not in css


@pytest.fixture(scope="module")
def deck():
    return hostile_deck(PAYLOAD)


def test_html_export_of_hostile_deck_has_no_active_content(deck):
    parsed = parse(export_deck(deck, "html"))
    assert_inert(parsed, own_style_count=1)


def test_html_export_shows_hostile_deck_text_literally(deck):
    text = "".join(parse(export_deck(deck, "html")).text)
    visible = PAYLOAD.replace("\x1b", "").replace("\x07", "")
    assert visible in text
    assert "[@click=app.quit]q[/]" in text
    assert "<script>alert('block')</script>" in text
    assert "<img src=x onerror=alert(8)>" in text


def test_html_export_links_only_web_urls_with_noopener(deck):
    parsed = parse(export_deck(deck, "html"))
    external = [attrs for tag, attrs in parsed.elements if tag == "a" and not (attrs.get("href") or "").startswith("#")]
    assert external, "the deck's https source URL and Markdown link should be links"
    for attrs in external:
        assert attrs["href"].startswith(("https://", "http://", "mailto:"))
        assert attrs.get("rel") == "noopener noreferrer"
    hrefs = [attrs["href"] for attrs in external]
    assert "https://example.org/ok" in hrefs
    assert "https://evil.example/auto" in hrefs  # an https autolink is the author's to make


def test_html_export_forbids_scripts_and_fetches_in_its_policy(deck):
    parsed = parse(export_deck(deck, "html"))
    policies = [attrs["content"] for tag, attrs in parsed.elements if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert policies and "default-src 'none'" in policies[0]


def test_html_print_title_is_written_into_the_stylesheet_only_as_hex_escapes(deck):
    css = "".join(parse(export_deck(deck, "html")).styles)
    (title,) = re.findall(r'@bottom-left \{ content: "([^"]*)"; \}', css)
    assert re.fullmatch(r"(\\[0-9a-f]{6})+", title)
    decoded = "".join(chr(int(code, 16)) for code in re.findall(r"\\([0-9a-f]{6})", title))
    assert decoded == " ".join(deck.title.replace("\x1b", "").replace("\x07", "").split())


def test_html_export_has_no_control_characters(deck):
    html = export_deck(deck, "html")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", html)


def test_markdown_export_of_hostile_deck_renders_inert_even_with_raw_html_allowed(deck):
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    parsed = parse(renderer.render(export_deck(deck, "md")))
    assert_inert(parsed, own_style_count=0)


def test_markdown_export_shows_deck_strings_literally(deck):
    renderer = MarkdownIt("commonmark", {"html": True}).enable("table")
    text = "".join(parse(renderer.render(export_deck(deck, "md"))).text)
    visible = PAYLOAD.replace("\x1b", "").replace("\x07", "")
    assert visible in text


def test_markdown_export_keeps_table_cells_intact_despite_pipes(deck):
    renderer = MarkdownIt("commonmark").enable("table")
    parsed = parse(renderer.render(export_deck(deck, "md")))
    rows = [tag for tag, _ in parsed.elements if tag == "tr"]
    cells_per_table = [tag for tag, _ in parsed.elements if tag in ("th", "td")]
    assert len(rows) == 2 and len(cells_per_table) == 4


def test_text_export_of_hostile_deck_has_no_control_characters_and_fits(deck):
    text = export_deck(deck, "txt")
    assert "\f" in text, "a deck this long is printed on several pages"
    assert all(page.endswith("\n") for page in text.split("\f")), "a form feed only starts a new page"
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text.replace("\f", ""))
    assert "[@click=app.quit]q[/]" in text
    assert all(cells(line) <= 80 for line in text.splitlines())


def test_markdown_links_in_deck_markdown_keep_only_web_destinations():
    from briefing.export.markdown import md_markdown

    lines = md_markdown("[a](javascript:x) [b](https://ok.example) [c]( data:x) [d](#top)\n\n[r]: vbscript:y")
    rendered = MarkdownIt("commonmark", {"html": True}).render("\n".join(lines))
    hrefs = re.findall(r'href="([^"]*)"', rendered)
    assert hrefs == ["https://ok.example", "#top"]
