"""What an export says: every part of the briefing, in order, at each date's real precision."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from export_decks import hostile_deck, sample_deck, when
from markdown_it import MarkdownIt

from briefing.deck.model import Country, Incident, Person, Quote, Source
from briefing.export import FORMATS, ExportError, export_deck
from briefing.export.text import cells, wrap


@pytest.fixture(scope="module")
def deck():
    return sample_deck()


@pytest.fixture(scope="module")
def exports(deck):
    return {fmt: export_deck(deck, fmt) for fmt in FORMATS}


def plain(fmt: str, text: str) -> str:
    """The words a reader sees, whitespace collapsed, for any format."""
    if fmt == "md":
        text = MarkdownIt("commonmark").enable("table").render(text)
    if fmt in ("md", "html"):
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_contains_every_part_of_the_briefing_in_order(exports, fmt):
    seen = plain(fmt, exports[fmt])
    parts = [
        "UNCLASSIFIED // OPEN SOURCE",
        "Airspace incursions on NATO's eastern flank",
        "Situation briefing",
        "As of 25 September 2025",
        "three times",
        "The incursions are a deliberate probe of NATO's resolve.",
        "Three MiG-31 jets enter Estonian airspace",
        "Gulf of Finland, near Vaindloo island",
        "3 × MiG-31",
        "12 minutes",
        "Estonia invoked NATO Article 4",
        "Denies its planes crossed into Estonian airspace",
        "Q1 (Gitanas Nausėda, 22 Sep 2025)",
        "B2 (usually reliable, probably true)",
        "Russian drones cross into Poland",
        "Damage to an undersea cable, date unknown",
    ]
    timeline = ["September 2025", "9–10 September 2025", "22–25 September 2025", "25 Sep 2025 11:30 +03:00", "Undated"]
    countries = ["Lithuania (LT)", "Tusk has called for shooting down Russian jets", "Hold Article 4 consultations?"]
    tail = ["Russia is testing us, testing our preparedness, testing our commitment to retaliate.", "The UK stands ready to robustly defend our airspace against any incursion.", "Wire report on the Moscow meeting", "UNCLASSIFIED // OPEN SOURCE"]
    position = 0
    for part in parts + timeline + countries + tail:
        found = seen.find(part, position)
        assert found >= 0, f"{part!r} missing or out of order in {fmt}"
        position = found + len(part)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_leaves_out_speaker_notes(exports, fmt):
    assert "SPEAKER NOTE" not in exports[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_shows_likelihood_and_confidence_apart(exports, fmt):
    seen = plain(fmt, exports[fmt])
    assert re.search(r"Likelihood: likely\.? · Confidence: moderate|Likelihood: likely\. Confidence: moderate", seen)
    assert re.search(r"Russia will keep denying the incursions\. Confidence: high", seen)


@pytest.mark.parametrize("fmt", FORMATS)
def test_timeline_lists_entries_in_time_order_with_undated_last(exports, fmt):
    seen = plain(fmt, exports[fmt])
    timeline = seen[seen.index("Timeline" if fmt != "txt" else "TIMELINE", seen.index("Undated") - 2000):]
    order = [
        "A month of violations",
        "Russian drones cross into Poland",
        "A Russian drone over Romania",
        "Three MiG-31 jets enter Estonian airspace",
        "envoys warn the Kremlin",
        "Merz speaks",
        "Undated",
        "Damage to an undersea cable",
    ]
    positions = [timeline.index(entry) for entry in order]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_dates_keep_their_precision(exports, fmt):
    seen = plain(fmt, exports[fmt])
    assert re.search(r"(^| )September 2025 (— )?event:? A month of violations", seen)
    assert not re.search(r"\b1 September 2025", seen)
    assert "22–25 September 2025" in seen


def test_matrix_is_a_markdown_table_of_stance_words(exports):
    html = MarkdownIt("commonmark").enable("table").render(exports["md"])
    start = html.index("<table>", html.index("Positions matrix"))
    table = html[start: html.index("</table>", start)]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    cells_by_row = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]
    assert cells_by_row[0] == ["Question", "EE", "LT", "PL", "FR", "DE", "RU"]
    assert cells_by_row[1] == ["Shoot down Russian aircraft that violate NATO airspace?", "—", "support", "support", "cautious", "undecided", "—"]
    assert cells_by_row[2][-1] == "oppose"


def test_html_matrix_has_a_header_cell_per_country_and_stance_classes(exports):
    html = exports["html"]
    assert html.count('<th scope="col"><abbr') == 6
    assert '<td class="stance"><span class="stance-cautious">cautious</span></td>' in html


@pytest.mark.parametrize(("count", "sizes"), [(1, [1]), (6, [6]), (7, [4, 3]), (12, [6, 6]), (13, [5, 4, 4]), (40, [6, 6, 6, 6, 6, 5, 5])])
def test_html_matrix_blocks_hold_at_most_six_countries_as_evenly_as_can_be(count, sizes):
    from briefing.export.html import matrix_blocks

    columns = tuple(Country(f"C{n:02d}", f"Country {n}", sample_deck().place) for n in range(count))
    blocks = matrix_blocks(columns)
    assert [len(block) for block in blocks] == sizes
    assert tuple(country for block in blocks for country in block) == columns


def test_html_matrix_of_many_countries_is_tables_of_at_most_six_columns_each():
    many = [Country(f"C{n:02d}", f"Country {n}", sample_deck().place) for n in range(20)]
    deck = sample_deck()
    question = replace(deck.questions[0], positions=tuple(replace(deck.questions[0].positions[0], country=c) for c in many))
    html = export_deck(replace(deck, countries=(*deck.countries, *many), questions=(question,)), "html")
    tables = re.findall(r'<table class="matrix">.*?</table>', html, flags=re.S)
    assert len(tables) == 4
    heads = [re.findall(r'<th scope="col"><abbr title="[^"]*">([^<]*)</abbr>', table) for table in tables]
    assert [len(h) for h in heads] == [5, 5, 5, 5]
    assert [code for h in heads for code in h] == [c.code for c in many]


def test_text_matrix_splits_countries_into_tables_that_fit():
    many = [Country(f"C{n:02d}", f"Country {n}", sample_deck().place) for n in range(20)]
    deck = sample_deck()
    question = replace(deck.questions[0], positions=tuple(replace(deck.questions[0].positions[0], country=c) for c in many))
    text = export_deck(replace(deck, countries=(*deck.countries, *many), questions=(question,)), "txt")
    assert all(cells(line) <= 80 for line in text.splitlines())
    for country in many:
        assert re.search(rf"^ .*\b{country.code}\b", text, flags=re.M)


def test_sources_list_what_cites_them_one_entry_a_line(exports):
    assert (
        "    Cited by:\n"
        "    - incident: Three MiG-31 jets enter Estonian airspace\n"
        "    - incident: Russian drones cross into Poland\n"
        "    - incident: A Russian drone over Romania\n"
        "    - event: British, French and German envoys warn the Kremlin\n"
        "    - quotes Q1–Q3\n"
    ) in exports["txt"]
    html = exports["html"]
    assert '<ul class="cited-by"><li>incident: Three MiG-31 jets enter Estonian airspace</li>' in html
    assert "  - Cited by:\n    - incident: Three MiG-31 jets enter Estonian airspace\n" in exports["md"]


def test_only_web_source_urls_become_links(exports):
    assert 'href="https://www.bloomberg.com/news/articles/2025-09-25/' in exports["html"]
    assert "file:///home/analyst/notes.txt" not in exports["html"]
    assert "file:///home/analyst/notes.txt" not in exports["md"]


def test_quotes_come_out_verbatim_with_their_line_breaks():
    deck = sample_deck()
    quote = replace(deck.quotes[2], text="First line,\n  second line — *not* emphasis.")
    deck = replace(deck, quotes=(*deck.quotes[:2], quote))
    html = export_deck(deck, "html")
    assert "<blockquote>First line,\n  second line — *not* emphasis.</blockquote>" in html
    md = MarkdownIt("commonmark").render(export_deck(deck, "md"))
    assert "First line,<br />\nsecond line — *not* emphasis." in md
    assert re.search(r'Q3 +"First line,\n +second line — \*not\* emphasis\."', export_deck(deck, "txt"))


def test_text_export_lines_fit_80_columns_even_for_long_urls_and_wide_text():
    deck = sample_deck()
    url = "https://example.org/" + "a-very-long-path-segment/" * 12 + "?query=" + "x" * 150
    source = Source("long", "一二三四五六七八九十" * 12, deck.place, url=url)
    incident = replace(deck.incidents[0], sources=(source,), where="W" * 200, title="漢字" * 50)
    deck = replace(deck, incidents=(incident,), sources=(source,))
    text = export_deck(deck, "txt")
    assert all(cells(line) <= 80 for line in text.splitlines())
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index(next(line for line in lines if line.startswith("https://example.org/")))
    pieces = []
    for line in lines[start:]:
        if not line or " " in line:
            break
        pieces.append(line)
    assert "".join(pieces) == url
    assert pieces[0][-1] in "/-?&="  # broken where a URL naturally parts


def test_wrap_breaks_only_words_longer_than_a_line():
    assert wrap("alpha beta gamma", width=11) == ["alpha beta", "gamma"]
    assert wrap("x" * 25, width=10, first="> ", rest="  ") == ["> xxxxxxxx", "  xxxxxxxx", "  xxxxxxxx", "  x"]
    assert wrap("漢字漢字漢字", width=5) == ["漢字", "漢字", "漢字"]


def test_text_export_renders_deck_markdown_as_plain_text(exports):
    txt = exports["txt"]
    assert "Russia has tested NATO's eastern flank three times this month." in txt
    assert "**" not in txt
    assert "  - no transponder\n  - no flight plan" in txt


TABLE_SUMMARY = "Jets seen:\n\n| Country | Jets |\n|---|---:|\n| Estonia | 3 |\n| Poland | 19 |\n"


def test_text_export_renders_a_markdown_table_as_aligned_columns():
    txt = export_deck(replace(sample_deck(), summary=TABLE_SUMMARY), "txt")
    assert "Country  Jets\n-------  ----\nEstonia     3\nPoland     19\n" in txt
    assert "|---|" not in txt


def test_text_export_gives_a_table_too_wide_for_the_page_row_by_row():
    wide = "| Country | Assessment |\n|---|---|\n| Estonia | " + "deliberate probing " * 8 + "|\n"
    txt = export_deck(replace(sample_deck(), summary=wide), "txt")
    assert "Country:    Estonia\nAssessment: deliberate probing" in txt
    assert all(cells(line) <= 80 for line in txt.splitlines())


def test_html_export_renders_a_markdown_table_as_a_table():
    html = export_deck(replace(sample_deck(), summary=TABLE_SUMMARY), "html")
    assert "<th>Country</th>" in html and '<td style="text-align:right">19</td>' in html


def test_text_export_keeps_struck_words_marked():
    txt = export_deck(replace(sample_deck(), summary="Three ~~two~~ jets"), "txt")
    assert "Three ~~two~~ jets" in txt


def test_deck_markdown_headings_nest_under_the_export_headings():
    deck = replace(sample_deck(), summary="# Bottom line\n\nText")
    assert "<h3>Bottom line</h3>" in export_deck(deck, "html")
    assert "\n### Bottom line\n" in export_deck(deck, "md")


def test_markdown_escapes_deck_text_that_would_change_meaning():
    deck = sample_deck()
    incident = replace(deck.incidents[0], title="# 1. <b>not bold</b> | *x* [y](z)", where="- not a list")
    md = export_deck(replace(deck, incidents=(incident,)), "md")
    html = MarkdownIt("commonmark", {"html": True}).render(md)
    assert "<h3>1. # 1. &lt;b&gt;not bold&lt;/b&gt; | *x* [y](z)</h3>" in html
    assert "<strong>Where:</strong> - not a list" in html


def test_unknown_format_is_a_clear_error(deck):
    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        export_deck(deck, "pdf")  # type: ignore[arg-type]


def test_minimal_deck_exports_without_empty_sections():
    deck = replace(
        sample_deck(), subtitle=None, as_of=None, classification=None, summary=None, key_judgments=(),
        sources=(), countries=(), people=(), incidents=(), events=(), questions=(), quotes=(),
    )
    for fmt in FORMATS:
        seen = plain(fmt, export_deck(deck, fmt))
        assert "Airspace incursions" in seen
        assert not re.search(r"Summary|Timeline|Sources|SOURCES|Positions matrix", seen), (fmt, seen)


def test_claim_by_a_person_names_the_person(exports):
    seen = plain("md", exports["md"])
    assert "Dmitry Peskov, Kremlin spokesman, Russia: The drones crossed into Poland by error" in seen


def test_incident_grades_combine_source_reliability_and_incident_credibility():
    deck = sample_deck()
    source = Source("s", "Report", deck.place, reliability="E")
    incident = Incident("i", "Incident", deck.place, when=when("2025-09-01"), sources=(source,), credibility=5)
    person = Person("p", "Name", deck.place)
    quote = Quote("q", person, "Words.", deck.place)
    deck = replace(deck, incidents=(incident,), sources=(source,), people=(person,), quotes=(quote,), questions=(), events=())
    assert "grade E5 (unreliable, improbable)" in export_deck(deck, "txt")


def test_text_export_of_sample_deck_fits_80_columns(exports):
    assert [line for line in exports["txt"].splitlines() if len(line) > 80] == []


class Nesting(HTMLParser):
    """Checks that every element is closed, in order (void elements aside)."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "col"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
        else:
            self.stack.pop()


@pytest.mark.parametrize("make", [sample_deck, lambda: hostile_deck("<p><b>x</i>")])
def test_html_export_is_well_nested_with_unique_ids(make):
    html = export_deck(make(), "html")
    checker = Nesting()
    checker.feed(html)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")


def test_export_lookups_answer_like_the_deck_methods(deck):
    from briefing.export.common import lookups_for

    lookups = lookups_for(deck)
    for item in (*deck.incidents, *deck.events, *deck.questions):
        assert lookups.quotes_about(item.id) == deck.quotes_about(item.id)
    for source in deck.sources:
        assert lookups.cited_by(source.id) == deck.citing(source.id)


def test_export_runs_without_importing_textual_or_rich():
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys\n"
        "from export_decks import sample_deck\n"
        "from briefing.export import FORMATS, export_deck\n"
        "for fmt in FORMATS:\n"
        "    export_deck(sample_deck(), fmt)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(loaded)\n"
    )
    tests = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", script], cwd=tests, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_text_export_of_deeply_nested_markdown_still_fits_80_columns():
    nested = "\n".join(["> " * 3 + "123456789. " * 5 + "abcdefghijklmnopqrst " * 40, "", "```", "x" * 200, "```"])
    deck = replace(sample_deck(), summary=nested)
    text = export_deck(deck, "txt")
    assert all(cells(line) <= 80 for line in text.splitlines())
    assert "abcdefghijklmnopqrs" in text
