"""What a handout reader meets: each quote in full once, sources cited short, claims by side,
dates that read as they are meant, and deck Markdown that keeps its shape in every format.

Each check runs on every format a reader gets: Markdown, HTML, plain text and the PDF (read
back with poppler's pdftotext).
"""

from __future__ import annotations

import html as html_module
import re
import subprocess
from dataclasses import replace

import pytest
from export_decks import sample_deck
from markdown_it import MarkdownIt
from pdf_pages import need, pdf_pages

from briefing.deck.model import Deck
from briefing.export import FORMATS, export_deck

ALL = (*FORMATS, "pdf")


def pdf_text(deck: Deck, folder) -> str:
    """The PDF handout's text as pdftotext reads it (skipped without the pdf extra)."""
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed (scripts/test installs it)")
    from briefing.export import export_pdf

    path = folder / "handout.pdf"
    path.write_bytes(export_pdf(deck))
    return subprocess.run([need("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True).stdout


def reader_text(fmt: str, deck: Deck, folder) -> str:
    """The words of the handout as a reader sees them, whitespace collapsed: Markdown
    escapes and HTML tags removed, the text handout in one endless page."""
    if fmt == "pdf":
        text = pdf_text(deck, folder)
    elif fmt == "txt":
        text = export_deck(deck, "txt", page_length=0)
    else:
        text = export_deck(deck, fmt)
    if fmt == "md":
        text = MarkdownIt("commonmark").enable("table").render(text)
    if fmt in ("md", "html"):
        text = re.sub(r"<style>.*?</style>|<title>.*?</title>", " ", text, flags=re.DOTALL)
        text = html_module.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def without_quotes(deck: Deck) -> Deck:
    """The deck with no quotes at all: what its other text says on its own."""
    questions = tuple(replace(q, positions=tuple(replace(p, quotes=()) for p in q.positions)) for q in deck.questions)
    return replace(deck, quotes=(), questions=questions)


@pytest.fixture(scope="module")
def seen(example_deck, tmp_path_factory):
    """Each format's reader text of the example deck, and of the same deck without quotes."""
    folder = tmp_path_factory.mktemp("handouts")
    texts = {}
    for fmt in ALL:
        texts[fmt] = reader_text(fmt, example_deck, folder)
        texts[fmt, "without quotes"] = reader_text(fmt, without_quotes(example_deck), folder)
    return texts


@pytest.mark.parametrize("fmt", ALL)
def test_each_quote_is_given_in_full_once(seen, example_deck, fmt):
    """A quote's words appear once more than the deck's other text repeats them (a summary
    may cite 'escalation trap'); most quotes are repeated nowhere else."""
    repeated_elsewhere = 0
    for quote in example_deck.quotes:
        words = " ".join(quote.text.split())
        elsewhere = seen[fmt, "without quotes"].count(words)
        repeated_elsewhere += bool(elsewhere)
        assert seen[fmt].count(words) == elsewhere + 1, (fmt, quote.id)
    assert repeated_elsewhere <= 2


@pytest.mark.parametrize("fmt", ALL)
def test_incidents_and_positions_cite_quotes_by_label(seen, fmt):
    text = seen[fmt]
    references = r"Q11(, p\. \d+)? \(Traian Băsescu\); Q12(, p\. \d+)? \(Traian Băsescu\)"
    assert re.search(r"What was said:? see " + references, text), fmt
    assert re.search(r"Quotes:? see Q6(, p\. \d+)? \(Boris Pistorius\); Q5(, p\. \d+)? \(Friedrich Merz, 25 Sep 2025\)", text), fmt


def test_html_links_each_quote_reference_to_the_quote(example_deck):
    html = export_deck(example_deck, "html")
    targets = set(re.findall(r'<figure class="quote" id="(q\d+)">', html))
    assert targets == {f"q{n}" for n in range(1, 13)}
    links = set(re.findall(r'<a class="ref" href="#(q\d+)">', html))
    assert links and links <= targets


def test_a_pdf_quote_reference_gives_the_page_the_quote_is_on(example_deck, tmp_path):
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed (scripts/test installs it)")
    from briefing.export import export_pdf

    path = tmp_path / "handout.pdf"
    path.write_bytes(export_pdf(example_deck))
    pages = [" ".join(page.text().split()) for page in pdf_pages(path)]
    cited = {label: int(page) for label, page in re.findall(r"\b(Q\d+), p\. (\d+)", " ".join(pages))}
    assert set(cited) >= {"Q1", "Q9", "Q11"}
    for label, page in cited.items():
        words = " ".join(example_deck.quotes[int(label[1:]) - 1].text.split()[:3])
        given = [n for n, text in enumerate(pages, 1) if f"{label} {words}" in text]
        assert given == [page], (label, page, given)


@pytest.mark.parametrize("fmt", ALL)
def test_a_sources_full_title_is_given_once_in_the_list_of_sources(seen, example_deck, fmt):
    (source,) = example_deck.sources
    text = seen[fmt]
    assert text.count(source.title) == 1, fmt
    assert text.index(source.title) > text.rindex("Sources" if fmt != "txt" else "SOURCES")
    assert text.count("S1 Bloomberg") >= 20  # every incident, event and quote cites it short


@pytest.mark.parametrize("fmt", ALL)
def test_cited_by_is_a_list_with_the_quotes_as_labels(seen, fmt):
    text = seen[fmt]
    cited = text[text.rindex("Cited by") :]
    assert "quotes Q1–Q12" in cited
    assert "quote by" not in text


@pytest.mark.parametrize("fmt", ALL)
def test_claims_and_denials_are_grouped_by_side(seen, fmt):
    text = seen[fmt]
    estonia = text[text.index("Three MiG-31 jets enter Estonian airspace") :]
    order = [
        "Others say",
        "Germany (DE): A German government official confirmed the Moscow meeting",
        "Russia says",
        "Russia (RU): Russian officials deny that their planes crossed",
        "Dmitry Peskov, Kremlin spokesman, Russia: Russian military flights",
    ]
    places = [estonia.find(part) for part in order]
    assert -1 not in places and places == sorted(places), (fmt, places)


@pytest.mark.parametrize("fmt", ALL)
def test_an_interval_date_reads_as_a_window_and_ongoing_as_ongoing(seen, fmt):
    text = seen[fmt]
    assert text.count("22–25 September 2025") >= 4
    assert text.count("22–25 September 2025") == text.count("unknown within 22–25 September 2025"), fmt
    denmark = text[text.index("Drones disrupt air traffic in Denmark") :]
    assert re.match(r"\S* ?When:?\W* from 22 September 2025, ongoing", denmark[len("Drones disrupt air traffic in Denmark") + 1 :]), (fmt, denmark[:80])


@pytest.mark.parametrize("fmt", ALL)
def test_a_month_reads_as_a_month(fmt, tmp_path):
    text = reader_text(fmt, sample_deck(), tmp_path)
    assert re.search(r"September 2025 (— )?event:? A month of violations", text, flags=re.IGNORECASE), fmt
    assert "1 September 2025" not in text


SUMMARY = "Jets seen:\n\n| Country | Jets |\n|---|---:|\n| Estonia | 3 |\n| Poland | 19 |\n\n- no transponder\n- no flight plan\n"


@pytest.fixture(scope="module")
def summary_deck():
    return replace(sample_deck(), summary=SUMMARY)


def test_a_summary_table_and_list_stay_a_table_and_a_list_in_markdown(summary_deck):
    rendered = MarkdownIt("commonmark").enable("table").render(export_deck(summary_deck, "md"))
    assert re.search(r"<th>Country</th>\s*<th[^>]*>Jets</th>", rendered)
    assert re.search(r"<td>Poland</td>\s*<td[^>]*>19</td>", rendered)
    assert "<li>no transponder</li>\n<li>no flight plan</li>" in rendered


def test_a_summary_table_and_list_stay_a_table_and_a_list_in_html(summary_deck):
    html = export_deck(summary_deck, "html")
    summary = html[html.index('<section id="summary">') : html.index("</section>")]
    assert re.search(r"<table>.*<th>Country</th>.*<td>Poland</td>\s*<td style=\"text-align:right\">19</td>.*</table>", summary, re.DOTALL)
    assert "<ul>\n<li>no transponder</li>\n<li>no flight plan</li>\n</ul>" in summary


def test_a_summary_table_and_list_stay_a_table_and_a_list_in_text(summary_deck):
    text = export_deck(summary_deck, "txt")
    assert "Country  Jets\n-------  ----\nEstonia     3\nPoland     19\n\n- no transponder\n- no flight plan\n" in text


def test_a_summary_table_and_list_stay_a_table_and_a_list_in_the_pdf(summary_deck, tmp_path):
    pytest.importorskip("weasyprint", reason="the pdf extra is not installed (scripts/test installs it)")
    from briefing.export import export_pdf

    path = tmp_path / "summary.pdf"
    path.write_bytes(export_pdf(summary_deck))
    layout = subprocess.run([need("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Country +Jets\n+ *Estonia +3\n+ *Poland +19\n", layout), layout[:1500]
    assert re.search(r"• +no transponder\n+ *• +no flight plan", layout), layout[:1500]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_quote_the_quotes_section_lacks_is_given_in_full_where_it_is_cited(fmt):
    """A hand-built deck may back a position with a quote its quotes list does not hold."""
    deck = sample_deck()
    testing = deck.quotes[0]
    deck = replace(deck, quotes=deck.quotes[1:])
    text = export_deck(deck, fmt, page_length=0) if fmt == "txt" else export_deck(deck, fmt)
    flat = " ".join(html_module.unescape(text).replace("\\", "").split())
    assert flat.count(" ".join(testing.text.split())) == 1
    assert "Q3" not in flat and "Q2" in flat
