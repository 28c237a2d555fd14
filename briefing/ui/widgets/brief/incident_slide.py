"""One incident's slide: facts, summary, claims and denials side by side, quotes, sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Markdown, Static

from ....deck.model import Claim, Deck, Incident
from ...text import STATUS_GLYPHS, claim_side, countries_label, country_label, source_grade, speaker_label, when_text
from .facts import Facts


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

    def compose(self) -> ComposeResult:
        incident = self.incident
        yield Static(Content(incident.title), id="incident-title")
        yield Facts(fact_rows(incident), id="facts")
        if incident.summary:
            yield Markdown(incident.summary, open_links=False)
        if incident.claims:
            yield Static(Content("Claims and denials"), classes="section-heading")
            yield from self._claims()
        quotes = self.deck.quotes_about(incident.id)
        if quotes:
            yield Static(Content("What was said"), classes="section-heading")
            for quote in quotes:
                yield Static(Content.assemble(f"“{quote.text}”"), classes="quote")
                attribution = f"— {speaker_label(quote.speaker)}"
                if quote.when is not None:
                    attribution += f", {quote.when.format()}"
                yield Static(Content(attribution), classes="attribution")
        if incident.sources:
            yield Static(Content("Sources"), classes="section-heading")
            for source in incident.sources:
                line = f"[{source_grade(source, incident.credibility)}] {source.publisher or ''}".rstrip()
                line += f" — {source.title}"
                yield Static(Content(line), classes="source")

    def _claims(self) -> ComposeResult:
        incident = self.incident
        sides: dict[str, list[Claim]] = {"other": [], "actor": []}
        for claim in incident.claims:
            sides[claim_side(claim, incident.actor)].append(claim)
        with Horizontal(id="claims"):
            for side, claims in sides.items():
                if not claims:
                    continue
                with Vertical(classes="claims-column"):
                    yield Static(Content(_side_heading(side, incident)), classes="claims-heading")
                    for claim in claims:
                        yield Static(Content.assemble((speaker_label(claim.by), "bold"), ": ", claim.text), classes="claim")


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
