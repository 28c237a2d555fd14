"""The detail pane: everything about the selected entry, dates at the precision the deck gave."""

from __future__ import annotations

from datetime import tzinfo

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ....deck.dates import format_date_point
from ....deck.model import Country, Event, Incident, Precision, Quote, Source
from ....views.dates import span_text
from ....views.labels import STATUS_GLYPHS, countries_label, country_label, graded_source, speaker_label
from ....views.text import one_line
from ....views.timeline import HATCH_GLYPHS, POINT_GLYPHS, Placed

Entry = Incident | Event


class TimelineDetail(VerticalScroll, can_focus=False):
    """A scrollable pane under (or beside) the lanes; the screen expands it for an event."""

    DEFAULT_CSS = """
    TimelineDetail {
        height: 7;
        border-top: solid $timeline-lane;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    TimelineDetail > Static { width: 100%; }
    TimelineDetail > #timeline-detail-heading { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: object = None
        self._quotes: tuple[Quote, ...] = ()

    def compose(self):
        yield Static(id="timeline-detail-heading")
        yield Static(id="timeline-detail-body")

    def show_entry(
        self,
        placed: Placed | None,
        *,
        tz: tzinfo,
        quotes: tuple[Quote, ...] = (),
        crowd: tuple[int, int] = (1, 1),
        empty_text: str = "No entries to show.",
        notes: bool = False,
    ) -> None:
        """Re-render the body only for a new entry: zooming changes just the one-line heading.

        ``notes`` (the presenter's ``--notes``) adds the entry's speaker notes."""
        heading = self.query_one("#timeline-detail-heading", Static)
        heading.update(detail_heading(placed, crowd) if placed is not None else Text(""), layout=False)
        shown = placed.item if placed is not None else empty_text
        if quotes is self._quotes and (shown is self._shown or (placed is None and shown == self._shown)):
            return
        self._shown, self._quotes = shown, quotes
        body = self.query_one("#timeline-detail-body", Static)
        if placed is None:
            body.update(Text(empty_text, style="italic"))
        else:
            body.update(detail_renderable(placed, tz=tz, quotes=quotes, notes=notes))
        self.scroll_home(animate=False)


def detail_renderable(placed: Placed, *, tz: tzinfo, quotes: tuple[Quote, ...] = (), notes: bool = False) -> RenderableType:
    """Title, the speaker notes (with ``notes`` only, first: the presenter reads them at a
    glance), facts table, quotes and summary, all as plain (never markup) text."""
    item = placed.item
    parts: list[RenderableType] = [Text(item.title, style="bold")]
    if notes:
        said = Text(reflow(item.notes), style="italic") if item.notes else Text("none for this entry", style="dim italic")
        parts.append(Text.assemble(("Speaker notes", "bold reverse"), " ", said))
    parts.append(_facts(fact_rows(item, tz)))
    if quotes:
        parts.append(Text(f"Quotes about it ({len(quotes)})", style="bold"))
        parts.extend(_quote_line(quote, tz) for quote in quotes)
    if item.summary:
        parts.append(Text("Summary", style="bold"))
        parts.append(Text(reflow(item.summary)))
    return Group(*parts)


def detail_heading(placed: Placed, crowd: tuple[int, int]) -> Text:
    """'◆ incident', with '· 2 of 3 in this column' when others start in the same column."""
    item = placed.item
    kind = "incident" if placed.is_incident else "event"
    glyph = POINT_GLYPHS[placed.is_incident]
    if item.when is not None and (item.when.precision <= Precision.MONTH or item.when.end is not None):
        glyph = HATCH_GLYPHS[placed.is_incident]
    heading = Text(f"{glyph} {kind}", style="bold")
    position, count = crowd
    if count > 1:
        heading.append(f" · {position} of {count} in this column", style="italic")
    return heading


def entry_date_text(item: Entry, tz: tzinfo) -> str:
    """The entry's date in the words every screen and handout use (``views.dates``):
    '19 September 2025', 'c. 20 September 2025', 'from 22 September 2025, ongoing', or
    'undated'."""
    return span_text(item.when, item.until, lambda point: one_line(format_date_point(point, tz))) or "undated"


def fact_rows(item: Entry, tz: tzinfo) -> list[tuple[str, str | None]]:
    rows: list[tuple[str, str | None]] = [("When", entry_date_text(item, tz)), ("Kind", item.kind), ("Where", item.where)]
    countries = countries_label(item.countries)
    if isinstance(item, Incident):
        rows.append(("Affected", countries or None))
        rows.append(("Actor", country_label(item.actor) if isinstance(item.actor, Country) else None))
        rows.append(("Status", f"{STATUS_GLYPHS[item.status]} {item.status.value}" if item.status else None))
        rows.append(("Sources", _sources(item.sources, item.credibility)))
    else:
        rows.append(("Countries", countries or None))
        rows.append(("Sources", _sources(item.sources, None)))
    rows.append(("Tags", ", ".join(item.tags) or None))
    return rows


def _sources(sources: tuple[Source, ...], credibility: int | None) -> str | None:
    """Each source with its Admiralty grade and what it means: 'Bloomberg B2 (usually
    reliable, probably true)'."""
    if not sources:
        return None
    return "; ".join(graded_source(source, credibility) for source in sources)


def _facts(rows: list[tuple[str, str | None]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True, min_width=9)
    table.add_column(ratio=1)
    for label, value in rows:
        if value:
            table.add_row(Text(label), Text(value))
    return table


def _quote_line(quote: Quote, tz: tzinfo) -> Text:
    line = Text(f"“{quote.text}”")
    when = f", {format_date_point(quote.when, tz)}" if quote.when is not None else ""
    line.append(f" — {speaker_label(quote.speaker)}{when}", style="italic")
    return line


def reflow(markdown: str) -> str:
    """Paragraphs joined the way Markdown reads them: a single line break is a space."""
    paragraphs = (" ".join(line.strip() for line in block.splitlines()) for block in markdown.strip().split("\n\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
