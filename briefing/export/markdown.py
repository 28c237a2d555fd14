"""The deck as Markdown that renders the same on GitHub, GitLab and any CommonMark reader.

Deck strings are text, not Markdown: every character that would change their meaning is
backslash-escaped (CommonMark allows that for any ASCII punctuation), so `[bold]`, `<img>`,
`|` in a table cell or a leading `#` come out as written. Deck summaries *are* Markdown: they
are parsed and written out again from the parsed tree (``markdown_writer``), so their
formatting survives while raw HTML, images and links that are not http(s)/mailto do not.
"""

from __future__ import annotations

import re

from briefing.deck.model import Deck, Event, Incident, Quote, Source

from . import common, markdown_writer
from .common import SECTION_TITLES, DateText, clean, one_line
from .markdown_writer import escape_line_start, markdown_lines


def md_text(text: str) -> str:
    """One line of deck text, escaped so Markdown shows it literally wherever it is placed."""
    return escape_line_start(one_line(text))


def md_verbatim(text: str, prefix: str = "") -> list[str]:
    """Multi-line deck text (a quote) with its line breaks kept as hard breaks."""
    paragraphs = [p for p in re.split(r"\n\s*\n", clean(text).strip()) if p.strip()]
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append(prefix.rstrip())
        parts = [md_text(line) for line in paragraph.split("\n") if line.strip()]
        lines.extend(prefix + part + ("\\" if i < len(parts) - 1 else "") for i, part in enumerate(parts))
    return lines


def md_url(url: str) -> str:
    return markdown_writer.url(url)


def md_markdown(text: str, *, heading_offset: int = 2, indent: str = "") -> list[str]:
    """Deck Markdown made safe to embed, re-written from its parsed tree (see markdown_writer):
    no raw HTML, no images, no unsafe links, headings demoted under the export's own."""
    return [(indent + line) if line.strip() else "" for line in markdown_lines(clean(text), heading_offset=heading_offset)]


def _heading(level: int, text: str) -> list[str]:
    return ["#" * level + " " + text, ""]


def _banner(deck: Deck) -> list[str]:
    return [f"**{md_text(deck.classification)}**", ""] if deck.classification else []


def _facts_list(facts: tuple[common.Fact, ...], indent: str = "") -> list[str]:
    return [f"{indent}- **{fact.label}:** {md_text(fact.value)}" for fact in facts]


def _title_block(deck: Deck, date_text: DateText) -> list[str]:
    lines = _heading(1, md_text(deck.title))
    if deck.subtitle:
        lines += [f"*{md_text(deck.subtitle)}*", ""]
    if deck.as_of is not None:
        lines += [f"As of {md_text(date_text(deck.as_of))}", ""]
    return lines


def _summary(deck: Deck) -> list[str]:
    if not deck.summary:
        return []
    return _heading(2, SECTION_TITLES["summary"]) + md_markdown(deck.summary) + [""]


def _judgments(deck: Deck) -> list[str]:
    if not deck.key_judgments:
        return []
    lines = _heading(2, SECTION_TITLES["judgments"])
    for number, judgment in enumerate(deck.key_judgments, 1):
        marker = f"{number}. "
        pad = " " * len(marker)
        lines.append(marker + md_text(judgment.text))
        estimates = " · ".join(f"{fact.label}: **{md_text(fact.value)}**" for fact in common.estimate_facts(judgment))
        if estimates:
            lines += [pad.rstrip(), pad + estimates]
        lines.append("")
    return lines


def _quote_block(handout: common.Handout, quote: Quote, indent: str = "") -> list[str]:
    """A quote in full: its words verbatim, then who said it, when, where and its source."""
    prefix = indent + "> "
    lines = md_verbatim(quote.text, prefix)
    lines += [prefix.rstrip(), prefix + "— " + md_text(common.quote_attribution(quote, handout.date_text))]
    source = handout.quote_source(quote)
    if source:
        lines[-1] += f" (source: {md_text(source)})"
    return lines + [""]


def _quotes_cited(handout: common.Handout, label: str, quotes: tuple[Quote, ...], indent: str = "") -> list[str]:
    """The quotes behind an incident or a position: their labels, each given in full under
    Quotes (a quote that section does not hold is given here)."""
    held, elsewhere = handout.cited_quotes(quotes)
    lines = []
    if held:
        references = "; ".join(md_text(handout.quote_reference(quote)) for quote in held)
        lines += [f"{indent}**{label}:** see {references}", ""]
    for quote in elsewhere:
        lines += _quote_block(handout, quote, indent)
    return lines


def _source_line(handout: common.Handout, source: Source, credibility: int | None) -> str:
    return "- " + md_text(handout.source_line(source, credibility))


def _source_title(source: Source) -> str:
    url = common.web_url(source.url)
    title = md_text(source.title)
    return f"[{title}]({md_url(url)})" if url else title


def _claims(incident: Incident) -> list[str]:
    if not incident.claims:
        return []
    lines = ["**Claims and denials**", ""]
    for side in common.claims_by_side(incident):
        if incident.actor is not None:
            lines += [f"*{md_text(side.heading)}*", ""]
        lines += [f"- **{md_text(common.speaker_label(c.by))}:** {md_text(c.text)}" for c in side.claims]
        lines.append("")
    return lines


def _incident(handout: common.Handout, incident: Incident, number: int) -> list[str]:
    lines = _heading(3, f"{number}. {md_text(incident.title)}")
    lines += _facts_list(handout.incident_facts(incident)) + [""]
    if incident.summary:
        lines += md_markdown(incident.summary, heading_offset=3) + [""]
    lines += _claims(incident)
    lines += _quotes_cited(handout, "What was said", handout.lookups.quotes_about(incident.id))
    if incident.sources:
        lines += ["**Sources**", ""]
        lines += [_source_line(handout, s, incident.credibility) for s in incident.sources]
        lines.append("")
    return lines


def _incidents(handout: common.Handout) -> list[str]:
    if not handout.deck.incidents:
        return []
    lines = _heading(2, SECTION_TITLES["incidents"])
    for number, incident in enumerate(handout.deck.incidents, 1):
        lines += _incident(handout, incident, number)
    return lines


def _timeline(handout: common.Handout) -> list[str]:
    rows = common.timeline_rows(handout.deck, handout.date_text)
    if not rows:
        return []
    lines = _heading(2, SECTION_TITLES["timeline"])
    for row in rows:
        lines.append(f"- **{md_text(row.date)}** — {row.kind}: {md_text(row.entry.title)}")
        if isinstance(row.entry, Event):
            lines += _facts_list(handout.event_facts(row.entry), indent="  ")
            if row.entry.summary:
                lines += [""] + md_markdown(row.entry.summary, heading_offset=3, indent="  ") + [""]
    return lines + [""]


def _countries(handout: common.Handout) -> list[str]:
    rows = common.countries_with_positions(handout.deck)
    if not rows:
        return []
    lines = _heading(2, SECTION_TITLES["countries"])
    for country, pairs in rows:
        lines += _heading(3, md_text(common.country_label(country)))
        if country.groups:
            lines += [f"Member of: {md_text(', '.join(country.groups))}", ""]
        for question, position in pairs:
            as_of = md_text(common.as_of_text(position, handout.date_text))
            lines += [f"- {md_text(question.title)} — **{position.stance.value}**{' ' + as_of if as_of else ''}", ""]
            if position.summary:
                lines += ["  " + md_text(position.summary), ""]
            lines += _quotes_cited(handout, "Quotes", position.quotes, indent="  ")
    return lines


def _matrix(deck: Deck) -> list[str]:
    columns = common.matrix_countries(deck)
    if not deck.questions or not columns:
        return []
    lines = _heading(2, SECTION_TITLES["positions"])
    lines.append("| Question | " + " | ".join(md_text(c.code) for c in columns) + " |")
    lines.append("| --- | " + " | ".join(":---:" for _ in columns) + " |")
    for question in deck.questions:
        cells = [md_text(common.stance_word(question, country)) for country in columns]
        lines.append(f"| {md_text(question.title)} | " + " | ".join(cells) + " |")
    legend = common.matrix_legend(columns)
    if legend:
        lines += ["", md_text(legend)]
    return lines + [""]


def _quotes(handout: common.Handout) -> list[str]:
    """Every quote in full, once, under its label; elsewhere the handout cites the label."""
    if not handout.deck.quotes:
        return []
    lines = _heading(2, SECTION_TITLES["quotes"])
    for quote in handout.deck.quotes:
        lines += [f"**{handout.quote_label(quote)}**", ""]
        lines += _quote_block(handout, quote)
        subjects = common.quote_subjects(quote)
        if subjects:
            lines += [f"About: {md_text(subjects)}", ""]
    return lines


def _sources(handout: common.Handout) -> list[str]:
    """Each source in full, once: its label, title, publisher and date, grade, address and
    a list of everything that cites it."""
    if not handout.deck.sources:
        return []
    lines = _heading(2, SECTION_TITLES["sources"])
    for source in handout.deck.sources:
        lines.append(f"- **{handout.source_label(source)}** {_source_title(source)}")
        details = common.source_details(source, handout.date_text)
        if details:
            lines.append(f"  - {md_text(details)}")
        lines.append(f"  - Reliability: {md_text(common.reliability_text(source))}")
        url = common.web_url(source.url)
        if url:
            lines.append(f"  - <{md_url(url)}>")
        cited = handout.cited_by(source)
        lines.append("  - Cited by:" if cited else "  - Cited by: nothing in this deck")
        lines += [f"    - {md_text(entry)}" for entry in cited]
    return lines + [""]


def render_markdown(deck: Deck, date_text: DateText) -> str:
    """The whole briefing as one Markdown document ending in a newline."""
    handout = common.handout_for(deck, date_text)
    lines = [
        *_banner(deck),
        *_title_block(deck, date_text),
        *_summary(deck),
        *_judgments(deck),
        *_incidents(handout),
        *_timeline(handout),
        *_countries(handout),
        *_matrix(deck),
        *_quotes(handout),
        *_sources(handout),
        *_banner(deck),
    ]
    return _squeeze_blank_lines(lines)


def _squeeze_blank_lines(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        line = line.rstrip() if not line.endswith("\\") else line
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
