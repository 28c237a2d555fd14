"""The deck as one self-contained HTML page: inline CSS, no scripts, nothing fetched.

A handout travels by mail and is opened by people who did not write the deck, so the page
is inert by construction: every deck string goes through ``html.escape``, deck Markdown is
rendered by markdown-it with raw HTML and images disabled and only http(s)/mailto links
kept, and a Content-Security-Policy forbids scripts and fetches should anything slip by.

Printed, every page carries the classification banner at its top and bottom, the deck's
title and "Page N of M". A browser gets the banners as fixed elements (which every browser
repeats on each printed page) over a frame table that reserves room for them; the paged
variant that WeasyPrint turns into the PDF moves them into the page margins as running
elements instead, which WeasyPrint lays out several times faster than the frame.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from briefing.deck.model import Country, Deck, Event, Incident, Quote, Source
from briefing.views.markdown import image_text, new_markdown_parser

from . import common
from .common import SECTION_TITLES, DateText, clean, one_line

_LINK_REL = "noopener noreferrer"
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_MARKDOWN_SCHEMES = ("http://", "https://", "mailto:")
MATRIX_BLOCK = 6
"""At most this many country columns side by side: a block of them beside the question
column fits an A4 portrait page at print size, so a wide matrix never widens the page."""

STYLE = """
:root { color-scheme: light dark; --ink: #1b1f24; --paper: #ffffff; --muted: #57606a;
  --rule: #d0d7de; --panel: #f6f8fa; --banner-ink: #ffffff; --banner: #1f6f43;
  --support: #1a7f37; --oppose: #cf222e; --cautious: #9a6700; --undecided: #57606a; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6edf3; --paper: #0d1117; --muted: #9da7b3; --rule: #30363d; --panel: #161b22;
    --support: #3fb950; --oppose: #f85149; --cautious: #d29922; --undecided: #9da7b3; }
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
.banner { background: var(--banner); color: var(--banner-ink); text-align: center; font-weight: 700;
  letter-spacing: 0.04em; padding: 0.2rem 1rem; }
.banner-top { position: sticky; top: 0; z-index: 1; }
.frame, .frame > thead, .frame > tbody, .frame > tfoot, .frame > * > tr, .frame > * > tr > td { display: block; }
.banner-space { display: none; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.4rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.6rem; }
h4, h5, h6 { font-size: 1rem; }
.subtitle { font-size: 1.2rem; color: var(--muted); margin: 0; }
.as-of { color: var(--muted); }
nav ol { columns: 2; padding-left: 1.2rem; }
.estimate { color: var(--muted); margin: 0.2rem 0 0.8rem; }
.estimate strong { color: var(--ink); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
dl.source-list dt { font-weight: 600; margin-top: 0.8rem; }
dl.source-list dd { margin: 0.1rem 0 0 1.25rem; color: var(--muted); }
main { overflow-wrap: anywhere; }
.incident, .country { border-top: 1px solid var(--rule); }
.label { font-weight: 600; margin: 1rem 0 0.3rem; }
figure.quote { margin: 0.6rem 0 1rem; }
figure.quote blockquote { margin: 0; padding: 0.2rem 1rem; border-left: 4px solid var(--rule);
  background: var(--panel); white-space: pre-line; }
figure.quote figcaption { color: var(--muted); font-size: 0.92rem; padding: 0.25rem 1rem 0; }
.quote-label { font-weight: 700; margin: 0 0 0.2rem; }
.label-inline { font-weight: 600; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0 1.5rem; }
.claims ul { margin: 0.2rem 0 0.6rem; padding-left: 1.2rem; }
.side-heading { font-style: italic; margin: 0.2rem 0 0; }
.source-label { font-weight: 700; }
ul.cited-by { margin: 0.1rem 0 0; padding-left: 1.2rem; }
.prose table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
.prose th, .prose td { border: 1px solid var(--rule); padding: 0.2rem 0.6rem; vertical-align: top; }
.prose thead th { background: var(--panel); }
ol.timeline { list-style: none; padding: 0; }
ol.timeline > li { display: grid; grid-template-columns: 12rem 1fr; gap: 0 1rem; padding: 0.35rem 0;
  border-bottom: 1px solid var(--rule); }
.when { font-variant-numeric: tabular-nums; color: var(--muted); }
.kind { text-transform: uppercase; font-size: 0.75rem; letter-spacing: 0.05em; color: var(--muted); }
table.matrix { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 1rem; }
table.matrix col.question { width: 34%; }
table.matrix th, table.matrix td { border: 1px solid var(--rule); padding: 0.3rem 0.4rem; vertical-align: top; }
table.matrix thead th { background: var(--panel); text-align: center; }
table.matrix tbody th { text-align: left; font-weight: 600; }
table.matrix td.stance { text-align: center; overflow-wrap: normal; }
table.matrix .spare { border: none; background: none; }
.stance-support { color: var(--support); font-weight: 600; }
.stance-oppose { color: var(--oppose); font-weight: 600; }
.stance-cautious { color: var(--cautious); font-weight: 600; }
.stance-undecided { color: var(--undecided); }
a { color: inherit; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
pre { background: var(--panel); padding: 0.6rem; overflow-x: auto; white-space: pre-wrap; }
.muted { color: var(--muted); }
@page { margin: 1.6cm 1.6cm 1.8cm;
  @top-center { width: 50%; content: ""; content: element(banner-top); }
  @bottom-center { width: 50%; content: element(banner-bottom); }
  @bottom-left { font: 8pt sans-serif; color: #333333; }
  @bottom-right { font: 8pt sans-serif; color: #333333; content: "Page " counter(page) " of " counter(pages); }
}
@media print {
  :root { --ink: #000000; --paper: #ffffff; --muted: #333333; --rule: #999999; --panel: #ffffff;
    --banner: #ffffff; --banner-ink: #000000;
    --support: #000000; --oppose: #000000; --cautious: #000000; --undecided: #000000; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  .banner { position: fixed; left: 0; right: 0; border: 1px solid #000000; padding: 0.1rem; font-size: 9pt; }
  .banner-top { top: 0; }
  .banner-bottom { bottom: 0; }
  .frame { display: table; width: 100%; table-layout: fixed; }
  .frame > thead { display: table-header-group; }
  .frame > tfoot { display: table-footer-group; }
  .frame > tbody { display: table-row-group; }
  .frame > * > tr { display: table-row; }
  .frame > * > tr > td { display: table-cell; padding: 0; }
  .banner-space { display: block; height: 2.2em; }
  h2, h3, dl.source-list dt, .quote-label { break-after: avoid; }
  figure.quote, table.matrix, ol.timeline > li { break-inside: avoid; }
  table.matrix { font-size: 9pt; }
  html.paged .banner-top { position: running(banner-top); }
  html.paged .banner-bottom { position: running(banner-bottom); }
  html.paged .banner { display: block; margin: 0 auto; width: 100%; }
  html.paged a.ref::after { content: ", p. " target-counter(attr(href url), page); }
  .claims { display: block; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; word-break: break-all; }
}
"""


def h(text: str) -> str:
    """A deck string as HTML text: control characters dropped, every special escaped."""
    return escape(clean(text), quote=True)


def h1(text: str) -> str:
    return escape(one_line(text), quote=True)


def anchor(prefix: str, item_id: str) -> str:
    """A fragment id that is valid and inert whatever the deck id contains."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in item_id)
    return f"{prefix}-{safe}"


def link(url: str | None, text_html: str) -> str:
    """An external link when the URL is http(s), otherwise just the text."""
    safe = common.web_url(url)
    if safe is None:
        return text_html
    return f'<a href="{escape(safe, quote=True)}" rel="{_LINK_REL}">{text_html}</a>'


def _markdown_link_allowed(url: str) -> bool:
    return url.strip().lower().startswith(_MARKDOWN_SCHEMES)


@lru_cache(maxsize=1)
def _markdown():
    """The screens' and handouts' parser (``briefing.views.markdown``) with only web and mail
    links, and an image written as the screen shows it, '[image: alt]': nothing is fetched."""
    md = new_markdown_parser()
    md.validateLink = _markdown_link_allowed
    md.add_render_rule("image", _image_as_text)
    return md


def _image_as_text(renderer, tokens, idx, options, env) -> str:
    return escape(image_text(renderer.renderInlineAsText(tokens[idx].children or [], options, env)))


def markdown_html(text: str, *, heading_level: int = 3) -> str:
    """Deck Markdown as HTML: raw HTML shown as text, images named, headings nested under ours."""
    md = _markdown()
    tokens = md.parse(clean(text))
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + heading_level - 1)}"
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("rel", _LINK_REL)
    return f'<div class="prose">{md.renderer.render(tokens, md.options, {}).strip()}</div>'


def _facts(facts: tuple[common.Fact, ...]) -> list[str]:
    if not facts:
        return []
    rows = "".join(f"<dt>{h(f.label)}</dt><dd>{h(f.value)}</dd>" for f in facts)
    return [f'<dl class="facts">{rows}</dl>']


def _quote(handout: common.Handout, quote: Quote, *, label: str | None = None) -> list[str]:
    """A quote in full, verbatim, with its attribution; under its ``label`` it is the one
    place the handout gives it, and carries the id that references point to."""
    caption = "— " + h(common.quote_attribution(quote, handout.date_text))
    source = quote.source
    if source is not None:
        caption += f' <span class="muted">(source: {_source_ref(handout, source, None)})</span>'
    head = f'<figure class="quote" id="{quote_anchor(label)}">' if label else '<figure class="quote">'
    return [
        head + (f'<p class="quote-label">{h(label)}</p>' if label else ""),
        f"<blockquote>{h(clean(quote.text).strip())}</blockquote>",
        f"<figcaption>{caption}</figcaption>",
        "</figure>",
    ]


def quote_anchor(label: str) -> str:
    """'Q7' -> 'q7': the fragment a reference to the quote links to."""
    return label.lower()


def _quote_ref(handout: common.Handout, quote: Quote) -> str:
    """'Q7 (Donald Tusk, 22 Sep 2025)', the label a link to the quote: printed by a paged
    renderer, the link is followed by the page it lands on ('Q7, p. 12')."""
    label = handout.quote_label(quote) or ""
    rest = handout.quote_reference(quote).removeprefix(label)
    return f'<a class="ref" href="#{quote_anchor(label)}">{h(label)}</a>{h(rest)}'


def _quotes_cited(handout: common.Handout, label: str, quotes: tuple[Quote, ...]) -> list[str]:
    """The quotes behind an incident or a position, by reference to where each is given in
    full (a quote the Quotes section does not hold is given here)."""
    held, elsewhere = handout.cited_quotes(quotes)
    lines = []
    if held:
        references = "; ".join(_quote_ref(handout, quote) for quote in held)
        lines.append(f'<p class="refs"><span class="label-inline">{h(label)}:</span> see {references}</p>')
    for quote in elsewhere:
        lines += _quote(handout, quote)
    return lines


def _source_ref(handout: common.Handout, source: Source, credibility: int | None) -> str:
    """'S1 Bloomberg, B2', linked to the source's entry in the list of sources."""
    cite = h(handout.source_cite(source, credibility))
    return f'<a class="ref-source" href="#{anchor("source", source.id)}">{cite}</a>' if handout.source_label(source) else cite


def _source_item(handout: common.Handout, source: Source, credibility: int | None) -> str:
    label = handout.source_label(source)
    parts = [f'<a class="ref-source" href="#{anchor("source", source.id)}">{h(label)}</a> ' if label else ""]
    parts.append(h(handout.source_name(source)) + " — ")
    grade = common.grade_text(source, credibility)
    parts.append(f"grade <strong>{h(grade)}</strong>" if grade else "ungraded")
    return f"<li>{''.join(parts)}</li>"


def css_string(text: str) -> str:
    """Deck text as a CSS string literal made only of hex escapes: nothing in it can end the
    string, the rule or the <style> element, and no word of it appears in the stylesheet."""
    return '"' + "".join(f"\\{ord(char):06x}" for char in one_line(text)) + '"'


def _page_style(deck: Deck) -> str:
    """The deck's title in every printed page's bottom-left margin."""
    return f"@page {{ @bottom-left {{ content: {css_string(deck.title)}; }} }}\n"


def _head(deck: Deck, *, paged: bool = False) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en" class="paged">' if paged else '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="briefing">',
        f"<title>{h1(deck.title)}</title>",
        f"<style>{STYLE}{_page_style(deck)}</style>",
        "</head>",
    ]


def _banner(deck: Deck, where: str) -> list[str]:
    if not deck.classification:
        return []
    return [f'<div class="banner banner-{where}" role="note">{h1(deck.classification)}</div>']


def _title(deck: Deck, date_text: DateText) -> list[str]:
    lines = ["<header>", f"<h1>{h1(deck.title)}</h1>"]
    if deck.subtitle:
        lines.append(f'<p class="subtitle">{h1(deck.subtitle)}</p>')
    if deck.as_of is not None:
        lines.append(f'<p class="as-of">As of {h(date_text(deck.as_of))}</p>')
    return lines + ["</header>"]


def _contents(sections: list[tuple[str, list[str]]]) -> list[str]:
    entries = "".join(f'<li><a href="#{key}">{h(SECTION_TITLES[key])}</a></li>' for key, body in sections if body)
    return [f'<nav aria-label="Contents"><ol>{entries}</ol></nav>'] if entries else []


def _section(key: str, body: list[str]) -> list[str]:
    if not body:
        return []
    return [f'<section id="{key}">', f"<h2>{h(SECTION_TITLES[key])}</h2>", *body, "</section>"]


def _summary(deck: Deck) -> list[str]:
    return [markdown_html(deck.summary)] if deck.summary else []


def _judgments(deck: Deck) -> list[str]:
    if not deck.key_judgments:
        return []
    lines = ['<ol class="judgments">']
    for judgment in deck.key_judgments:
        lines.append(f"<li><p>{h1(judgment.text)}</p>")
        estimates = " · ".join(
            f'<span class="{f.label.lower()}">{h(f.label)}: <strong>{h(f.value)}</strong></span>'
            for f in common.estimate_facts(judgment)
        )
        if estimates:
            lines.append(f'<p class="estimate">{estimates}</p>')
        lines.append("</li>")
    return lines + ["</ol>"]


def _claims(incident: Incident) -> list[str]:
    """Claims and denials side by side as on the slide: others', then the actor's own."""
    if not incident.claims:
        return []
    lines = ['<p class="label">Claims and denials</p>', '<div class="claims">']
    for side in common.claims_by_side(incident):
        lines.append(f'<section class="side side-{side.side}">')
        if incident.actor is not None:
            lines.append(f'<p class="side-heading">{h(side.heading)}</p>')
        lines.append("<ul>")
        lines += [f"<li><strong>{h(common.speaker_label(c.by))}:</strong> {h1(c.text)}</li>" for c in side.claims]
        lines += ["</ul>", "</section>"]
    return lines + ["</div>"]


def _incident(handout: common.Handout, incident: Incident, number: int, total: int) -> list[str]:
    lines = [
        f'<article class="incident" id="{anchor("incident", incident.id)}">',
        f'<h3><span class="muted">{number}/{total}</span> {h1(incident.title)}</h3>',
        *_facts(handout.incident_facts(incident)),
    ]
    if incident.summary:
        lines.append(markdown_html(incident.summary, heading_level=4))
    lines += _claims(incident)
    lines += _quotes_cited(handout, "What was said", handout.lookups.quotes_about(incident.id))
    if incident.sources:
        lines += ['<p class="label">Sources</p>', '<ul class="sources">']
        lines += [_source_item(handout, s, incident.credibility) for s in incident.sources]
        lines.append("</ul>")
    return lines + ["</article>"]


def _incidents(handout: common.Handout) -> list[str]:
    total = len(handout.deck.incidents)
    lines: list[str] = []
    for number, incident in enumerate(handout.deck.incidents, 1):
        lines += _incident(handout, incident, number, total)
    return lines


def _timeline(handout: common.Handout) -> list[str]:
    rows = common.timeline_rows(handout.deck, handout.date_text)
    if not rows:
        return []
    lines = ['<ol class="timeline">']
    for row in rows:
        title = h1(row.entry.title)
        if isinstance(row.entry, Incident):
            title = f'<a href="#{anchor("incident", row.entry.id)}">{title}</a>'
        body = [f'<span class="kind">{row.kind}</span> {title}']
        if isinstance(row.entry, Event):
            body += _event_facts(handout, row.entry)
            if row.entry.summary:
                body.append(markdown_html(row.entry.summary, heading_level=4))
        lines.append(f'<li><span class="when">{h(row.date)}</span><div>{"".join(body)}</div></li>')
    return lines + ["</ol>"]


def _event_facts(handout: common.Handout, event: Event) -> list[str]:
    """The event's facts, its sources as references to the list of sources."""
    facts = handout.event_facts(event)
    if not facts:
        return []
    sources = "; ".join(_source_ref(handout, source, None) for source in event.sources)
    rows = "".join(f"<dt>{h(f.label)}</dt><dd>{sources if f.label == 'Sources' else h(f.value)}</dd>" for f in facts)
    return [f'<dl class="facts">{rows}</dl>']


def _stance(word: str) -> str:
    css = f"stance-{word}" if word != common.NO_POSITION else "muted"
    return f'<span class="{css}">{h(word)}</span>'


def _countries(handout: common.Handout) -> list[str]:
    lines: list[str] = []
    for country, pairs in common.countries_with_positions(handout.deck):
        lines += [f'<article class="country" id="{anchor("country", country.code)}">']
        lines.append(f"<h3>{h(common.country_label(country))}</h3>")
        if country.groups:
            lines.append(f'<p class="muted">Member of: {h(", ".join(country.groups))}</p>')
        lines.append('<ul class="positions">')
        for question, position in pairs:
            as_of = h(common.as_of_text(position, handout.date_text))
            item = [f"<li><p>{h1(question.title)} — {_stance(position.stance.value)}{as_of}</p>"]
            if position.summary:
                item.append(f"<p>{h1(position.summary)}</p>")
            item += _quotes_cited(handout, "Quotes", position.quotes)
            lines += item + ["</li>"]
        lines += ["</ul>", "</article>"]
    return lines


def matrix_blocks(columns: tuple[Country, ...], most: int = MATRIX_BLOCK) -> list[tuple[Country, ...]]:
    """The matrix columns in runs of at most ``most``, as even as can be (12 -> 6 + 6,
    13 -> 5 + 4 + 4), so no block is a lone column."""
    count = -(-len(columns) // most)
    blocks, start = [], 0
    for index in range(count):
        size = len(columns) // count + (index < len(columns) % count)
        blocks.append(columns[start : start + size])
        start += size
    return blocks


def _matrix_table(deck: Deck, columns: tuple[Country, ...]) -> list[str]:
    """One block of the matrix: the questions down the side, these countries across."""
    header = "".join(f'<th scope="col"><abbr title="{h1(c.name)}">{h(c.code)}</abbr></th>' for c in columns)
    lines = [
        '<table class="matrix">',
        f'<colgroup><col class="question"><col span="{MATRIX_BLOCK}"></colgroup>',
        f'<thead><tr><th scope="col">Question</th>{header}{_spare_cells(columns, "th")}</tr></thead>',
        "<tbody>",
    ]
    for question in deck.questions:
        cells = "".join(f'<td class="stance">{_stance(common.stance_word(question, c))}</td>' for c in columns)
        lines.append(f'<tr><th scope="row">{h1(question.title)}</th>{cells}{_spare_cells(columns, "td")}</tr>')
    return lines + ["</tbody></table>"]


def _spare_cells(columns: tuple[Country, ...], tag: str) -> str:
    """Empty cells that keep a short last block's columns as wide as the others'."""
    return f'<{tag} class="spare" aria-hidden="true"></{tag}>' * (MATRIX_BLOCK - len(columns))


def _matrix(deck: Deck) -> list[str]:
    """The positions matrix in blocks of columns that each fit a printed page's width."""
    columns = common.matrix_countries(deck)
    if not deck.questions or not columns:
        return []
    lines = [line for block in matrix_blocks(columns) for line in _matrix_table(deck, block)]
    legend = common.matrix_legend(columns)
    if legend:
        lines.append(f'<p class="muted">{h(legend)}</p>')
    return lines


def _quotes(handout: common.Handout) -> list[str]:
    """Every quote in full, once, under its label; elsewhere the handout links to it."""
    lines: list[str] = []
    for quote in handout.deck.quotes:
        lines += _quote(handout, quote, label=handout.quote_label(quote))
        subjects = common.quote_subjects(quote)
        if subjects:
            lines[-1:-1] = [f'<p class="muted">About: {h(subjects)}</p>']
    return lines


def _sources(handout: common.Handout) -> list[str]:
    """Each source in full, once: label, title, details, grade, address, what cites it."""
    if not handout.deck.sources:
        return []
    lines = ['<dl class="source-list">']
    for source in handout.deck.sources:
        title = link(source.url, f"<cite>{h1(source.title)}</cite>")
        lines.append(f'<dt id="{anchor("source", source.id)}"><span class="source-label">{h(handout.source_label(source) or "")}</span> {title}</dt>')
        facts = [common.source_details(source, handout.date_text), "Reliability: " + common.reliability_text(source)]
        url = common.web_url(source.url)
        if url:
            facts.append(url)
        cited = handout.cited_by(source)
        facts.append("Cited by:" if cited else "Cited by: nothing in this deck")
        body = "<br>".join(h(fact) for fact in facts if fact)
        entries = "".join(f"<li>{h(entry)}</li>" for entry in cited)
        lines.append(f"<dd>{body}" + (f'<ul class="cited-by">{entries}</ul>' if entries else "") + "</dd>")
    return lines + ["</dl>"]


def render_html(deck: Deck, date_text: DateText, *, paged: bool = False) -> str:
    """The whole briefing as one HTML document ending in a newline.

    ``paged`` is the variant for a paged-media renderer (WeasyPrint, for the PDF): the
    banners run in the page margins instead of floating over a frame.
    """
    handout = common.handout_for(deck, date_text)
    sections = [
        ("summary", _summary(deck)),
        ("judgments", _judgments(deck)),
        ("incidents", _incidents(handout)),
        ("timeline", _timeline(handout)),
        ("countries", _countries(handout)),
        ("positions", _matrix(deck)),
        ("quotes", _quotes(handout)),
        ("sources", _sources(handout)),
    ]
    main = ["<main>", *_title(deck, date_text), *_contents(sections)]
    for key, body in sections:
        main += _section(key, body)
    main.append("</main>")
    body = [*_banner(deck, "top"), *_banner(deck, "bottom"), *main] if paged else _framed(deck, main)
    return "\n".join([*_head(deck, paged=paged), "<body>", *body, "</body>", "</html>"]) + "\n"


def _framed(deck: Deck, main: list[str]) -> list[str]:
    """With a banner, wrap the page in a table whose header and footer repeat on every printed
    page and reserve room under the fixed banners, so no page's text hides beneath them."""
    if not deck.classification:
        return main
    space = '<tr><td><div class="banner-space"></div></td></tr>'
    return [
        *_banner(deck, "top"),
        f'<table class="frame" role="presentation"><thead>{space}</thead><tfoot>{space}</tfoot><tbody><tr><td>',
        *main,
        "</td></tr></tbody></table>",
        *_banner(deck, "bottom"),
    ]
