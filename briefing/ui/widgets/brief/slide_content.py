"""A slide as one Rich renderable: the title slide, or one incident's slide.

A slide used to be a tree of some thirty widgets (a Static per line, Textual's Markdown
widget with a widget per block, a row of widgets per key judgment). Styling and laying out
that tree, and importing the Markdown widget (which brings in Pygments), took most of the
app's start-up. As one renderable the slide costs one widget, and a reload replaces its
content without a remount, so the scroll offset stays where it was.

Deck text goes in as `Text` objects, never markup; Markdown fields go through
`markdown_renderable`, which does the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ....deck.model import Claim, Country, Deck, Incident, KeyJudgment, Speaker, Status
from ....views.dates import when_text
from ....views.labels import (
    STATUS_GLYPHS,
    claim_side,
    countries_label,
    country_label,
    graded_source,
    speaker_label,
)
from ...markdown_text import MarkdownStyles, markdown_renderable

BLANK = Text()


@dataclass(frozen=True)
class SlideStyles:
    """The slide's styles, filled by the widget from its theme's component classes."""

    title: Style = Style(bold=True)
    subtitle: Style = Style()
    muted: Style = Style(dim=True)
    heading: Style = Style(bold=True, underline=True)
    side_heading: Style = Style(bold=True)
    label: Style = Style(bold=True)
    status: dict[Status, Style] = field(default_factory=dict, hash=False)
    """Left out of the hash (a dict has none), not of equality: the slide caches its lines by these styles."""
    markdown: MarkdownStyles = MarkdownStyles()


TITLE_HEADINGS = ("Summary", "Key judgments")
INCIDENT_HEADINGS = ("Claims and denials", "What was said", "Sources")


def slide_headings(deck: Deck, incident: Incident | None) -> list[str]:
    """The section headings a slide shows, in order: what a 'more below' line can name."""
    if incident is None:
        present = (bool(deck.summary), bool(deck.key_judgments))
        return [heading for heading, shown in zip(TITLE_HEADINGS, present) if shown]
    present = (bool(incident.claims), bool(deck.quotes_about(incident.id)), bool(incident.sources))
    return [heading for heading, shown in zip(INCIDENT_HEADINGS, present) if shown]


def title_slide(deck: Deck, styles: SlideStyles) -> RenderableType:
    """Title, subtitle, as-of, the bottom line up front, then the numbered key judgments."""
    parts: list[RenderableType] = [BLANK, Text(deck.title, style=styles.title)]
    if deck.subtitle:
        parts.append(Text(deck.subtitle, style=styles.subtitle))
    if deck.as_of is not None:
        parts.append(Text(f"As of {deck.as_of.format()}", style=styles.muted))
    if deck.summary:
        parts += _section("Summary", styles, [markdown_renderable(deck.summary, styles.markdown)])
    if deck.key_judgments:
        parts += _section("Key judgments", styles, [_judgments(deck.key_judgments, styles)])
    return Group(*parts)


def incident_slide(deck: Deck, incident: Incident, styles: SlideStyles) -> RenderableType:
    """Title, facts, summary, claims by side, what was said, graded sources."""
    parts: list[RenderableType] = [Text(incident.title, style=styles.title), BLANK, _facts(incident, styles)]
    if incident.summary:
        parts += [BLANK, markdown_renderable(incident.summary, styles.markdown)]
    if incident.claims:
        parts += _section("Claims and denials", styles, [_claims(incident, styles)])
    quotes = deck.quotes_about(incident.id)
    if quotes:
        said = []
        for quote in quotes:
            attribution = f"— {speaker_label(quote.speaker)}"
            if quote.when is not None:
                attribution += f", {quote.when.format()}"
            said += [Text(f"“{quote.text}”"), Text(attribution, style=styles.muted), BLANK]
        parts += _section("What was said", styles, said[:-1])
    if incident.sources:
        lines = []
        for source in incident.sources:
            lines.append(Text(f"{graded_source(source, incident.credibility)} — {source.title}"))
        parts += _section("Sources", styles, lines)
    return Group(*parts)


def _section(heading: str, styles: SlideStyles, body: Iterable[RenderableType]) -> list[RenderableType]:
    return [BLANK, Text(heading, style=styles.heading), *body]


def _judgments(judgments: Iterable[KeyJudgment], styles: SlideStyles) -> Table:
    """Numbered judgments with a hanging indent; likelihood and confidence on a line below."""
    table = Table.grid()
    table.add_column(width=4, no_wrap=True)
    table.add_column(ratio=1)
    for number, judgment in enumerate(judgments, start=1):
        table.add_row(Text(f"{number}."), Text(judgment.text))
        grades = judgment_grades(judgment)
        if grades:
            table.add_row(BLANK, Text(grades, style=styles.muted))
    return table


def judgment_grades(judgment: KeyJudgment) -> str:
    """Likelihood and confidence kept apart, as ICD 203 asks: they answer different questions."""
    parts = []
    if judgment.likelihood is not None:
        parts.append(f"Likelihood: {judgment.likelihood.value}")
    if judgment.confidence is not None:
        parts.append(f"Confidence: {judgment.confidence.value}")
    return "   ".join(parts)


def fact_rows(incident: Incident) -> list[tuple[str, str | None]]:
    """What happened, whose word it is and how far to trust it first: status and the graded
    sources sit with the facts, in sight at 80×24 without scrolling."""
    status = incident.status.value if incident.status is not None else None
    sources = "; ".join(graded_source(source, incident.credibility) for source in incident.sources)
    return [
        ("When", when_text(incident.when, incident.until)),
        ("Where", incident.where),
        ("Affected", countries_label(incident.countries) or None),
        ("Actor", country_label(incident.actor) if incident.actor is not None else None),
        ("Status", f"{STATUS_GLYPHS[incident.status]} {status}" if status else None),
        ("Source" if len(incident.sources) == 1 else "Sources", sources or None),
        ("Kind", incident.kind),
        ("Assets", incident.assets),
        ("Duration", incident.duration),
        ("Response", incident.response),
        ("Tags", ", ".join(incident.tags) or None),
    ]


def _facts(incident: Incident, styles: SlideStyles) -> Table:
    """Label and value rows; rows without a value are left out rather than shown empty."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    status_style = styles.status.get(incident.status) if incident.status is not None else None
    for label, value in fact_rows(incident):
        if value:
            style = status_style if label == "Status" and status_style is not None else ""
            table.add_row(Text(label, style=styles.label), Text(value, style=style))
    return table


def _claims(incident: Incident, styles: SlideStyles) -> Table:
    """Others' claims and the actor's side by side, a column for each side that has any."""
    sides: dict[str, list[Claim]] = {"other": [], "actor": []}
    for claim in incident.claims:
        sides[claim_side(claim, incident.actor)].append(claim)
    columns = [_side(side, claims, incident, styles) for side, claims in sides.items() if claims]
    table = Table.grid(padding=(0, 1, 0, 0))
    for _ in columns:
        table.add_column(ratio=1)
    table.add_row(*columns)
    return table


def _side(side: str, claims: list[Claim], incident: Incident, styles: SlideStyles) -> Group:
    """One side's claims grouped by speaker, each speaker named once above their claims.

    On the actor's side, the actor's own claims sit right under 'Russia says', unnamed again."""
    heading = _side_heading(side, incident)
    lines: list[RenderableType] = [Text(heading, style=styles.side_heading)] if heading else []
    actor = incident.actor.code if side == "actor" and incident.actor is not None else None
    for number, (speaker, said) in enumerate(_by_speaker(claims)):
        if number:
            lines.append(BLANK)
        if not (isinstance(speaker, Country) and speaker.code == actor):
            lines.append(Text(speaker_label(speaker), style=styles.label))
        lines.append(_bullets(claim.text for claim in said))
    return Group(*lines)


def _by_speaker(claims: list[Claim]) -> list[tuple[Speaker, list[Claim]]]:
    """Claims by who made them, speakers in the order they first speak."""
    grouped: dict[tuple[str, str], tuple[Speaker, list[Claim]]] = {}
    for claim in claims:
        by = claim.by
        key = ("country", by.code) if isinstance(by, Country) else ("person", by.id)
        grouped.setdefault(key, (by, []))[1].append(claim)
    return list(grouped.values())


def _bullets(texts: Iterable[str]) -> Table:
    """'• text' lines whose wrapped lines hang under the text, not under the bullet."""
    table = Table.grid()
    table.add_column(width=2, no_wrap=True)
    table.add_column(ratio=1)
    for text in texts:
        table.add_row(Text("•"), Text(" ".join(text.split())))
    return table


def _side_heading(side: str, incident: Incident) -> str:
    if side == "actor" and incident.actor is not None:
        return f"{incident.actor.name} says"
    return "Others say" if incident.actor is not None else ""
