"""One incident's slide: facts, summary, claims and denials side by side, quotes, sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from ....deck.model import Claim, Deck, Incident
from ...text import (
    STATUS_GLYPHS,
    claim_side,
    countries_label,
    country_label,
    source_grade,
    speaker_label,
    when_text,
)
from .slide_parts import (
    COLUMN,
    FACTS,
    MARKDOWN,
    ROW,
    STATIC,
    Part,
    build,
    shape_of,
    update_in_place,
)


class IncidentSlide(Vertical):
    DEFAULT_CSS = """
    IncidentSlide { height: auto; padding: 0 1; }
    IncidentSlide #incident-title { text-style: bold; color: $text-primary; margin: 0 0 1 0; }
    IncidentSlide .section-heading { text-style: bold underline; margin: 1 0 0 0; }
    IncidentSlide Markdown { margin: 0; padding: 0; }
    IncidentSlide Markdown > MarkdownBlock:last-child { margin-bottom: 0; }
    IncidentSlide #claims { height: auto; }
    IncidentSlide .claims-column { width: 1fr; height: auto; padding: 0 1 0 0; }
    IncidentSlide .claims-heading { text-style: bold; color: $text-secondary; }
    IncidentSlide .claim { margin: 0 0 1 0; }
    IncidentSlide .quote { margin: 0 0 1 0; }
    IncidentSlide .attribution { color: $text-muted; }
    IncidentSlide .status-confirmed { color: $status-confirmed; }
    IncidentSlide .status-disputed { color: $status-disputed; }
    IncidentSlide .status-denied { color: $status-denied; }
    IncidentSlide .status-unverified { color: $status-unverified; }
    """

    def __init__(self, deck: Deck, incident: Incident, **kwargs) -> None:
        super().__init__(**kwargs)
        self.deck = deck
        self.incident = incident
        self.parts = incident_parts(deck, incident)

    def compose(self) -> ComposeResult:
        yield from map(build, self.parts)

    def fits(self, deck: Deck, incident: Incident) -> bool:
        """Whether this slide can show `incident` by updating its widgets (the same shape)."""
        return shape_of(incident_parts(deck, incident)) == shape_of(self.parts)

    async def show(self, deck: Deck, incident: Incident) -> None:
        """Show a reloaded version of the incident in place (call only when it `fits`)."""
        parts = incident_parts(deck, incident)
        await update_in_place(list(self.children), self.parts, parts)
        self.deck, self.incident, self.parts = deck, incident, parts


def incident_parts(deck: Deck, incident: Incident) -> tuple[Part, ...]:
    """The slide as data: title, facts, summary, claims by side, quotes, graded sources."""
    parts = [Part(STATIC, Content(incident.title), id="incident-title"), Part(FACTS, fact_rows(incident), id="facts")]
    if incident.summary:
        parts.append(Part(MARKDOWN, incident.summary))
    if incident.claims:
        parts += [_heading("Claims and denials"), _claims(incident)]
    quotes = deck.quotes_about(incident.id)
    if quotes:
        parts.append(_heading("What was said"))
        for quote in quotes:
            attribution = f"— {speaker_label(quote.speaker)}"
            if quote.when is not None:
                attribution += f", {quote.when.format()}"
            parts.append(Part(STATIC, Content.assemble(f"“{quote.text}”"), classes="quote"))
            parts.append(Part(STATIC, Content(attribution), classes="attribution"))
    if incident.sources:
        parts.append(_heading("Sources"))
        for source in incident.sources:
            line = f"[{source_grade(source, incident.credibility)}] {source.publisher or ''}".rstrip()
            parts.append(Part(STATIC, Content(f"{line} — {source.title}"), classes="source"))
    return tuple(parts)


def _heading(text: str) -> Part:
    return Part(STATIC, Content(text), classes="section-heading")


def _claims(incident: Incident) -> Part:
    """Others' claims and the actor's side by side, a column for each side that has any."""
    sides: dict[str, list[Claim]] = {"other": [], "actor": []}
    for claim in incident.claims:
        sides[claim_side(claim, incident.actor)].append(claim)
    columns = []
    for side, claims in sides.items():
        if not claims:
            continue
        heading = Part(STATIC, Content(_side_heading(side, incident)), classes="claims-heading")
        lines = [Part(STATIC, Content.assemble((speaker_label(claim.by), "bold"), ": ", claim.text), classes="claim") for claim in claims]
        columns.append(Part(COLUMN, classes="claims-column", children=(heading, *lines)))
    return Part(ROW, id="claims", children=tuple(columns))


def _side_heading(side: str, incident: Incident) -> str:
    if side == "actor" and incident.actor is not None:
        return f"{incident.actor.name} says"
    return "Others say" if incident.actor is not None else "Claims"


def fact_rows(incident: Incident) -> list[tuple[str, str | None]]:
    status = incident.status.value if incident.status is not None else None
    return [
        ("When", when_text(incident.when, incident.until)),
        ("Where", incident.where),
        ("Affected", countries_label(incident.countries) or None),
        ("Actor", country_label(incident.actor) if incident.actor is not None else None),
        ("Kind", incident.kind),
        ("Assets", incident.assets),
        ("Duration", incident.duration),
        ("Response", incident.response),
        ("Status", f"{STATUS_GLYPHS[incident.status]} {status}" if status else None),
        ("Tags", ", ".join(incident.tags) or None),
    ]
