"""The entries of the country pane and the position window, laid out with hanging indents.

Every builder takes deck text as plain strings and returns :class:`Block` lists of Content,
so nothing a deck says is ever read as markup. Textual wraps Content flush left, which
would put a quote's second line under its bullet; :func:`lay_out` wraps each block itself
to the list's width, keeping indents. Dates are short and in the deck's timezone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo

from textual.content import Content

from ....deck.dates import format_date_point_short
from ....deck.model import DatePoint, Event, Incident, Person, Position, Question, Quote
from ....views.countries import ClaimMade
from ....views.labels import STATUS_GLYPHS, speaker_label
from ..positions.stance import stance_content

INDENT = 3
MIN_WRAP = 12


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph: its first line starts ``indent`` cells in, the rest ``indent + hang``."""

    content: Content
    indent: int = 0
    hang: int = 0


def lay_out(blocks: list[Block], width: int) -> Content:
    """The blocks wrapped to ``width`` cells, one Content with a line per row."""
    lines: list[Content] = []
    for block in blocks:
        first = block.indent
        rest = block.indent + block.hang
        wrapped = hanging_wrap(block.content, max(MIN_WRAP, width - first), max(MIN_WRAP, width - rest))
        for number, line in enumerate(wrapped):
            lines.append(line.pad_left(first if number == 0 else rest))
    return Content("\n").join(lines)


def hanging_wrap(content: Content, first_width: int, rest_width: int) -> list[Content]:
    """Lines of ``content``: the first up to ``first_width`` cells, the others (which hang
    further in) up to ``rest_width``, so a long first line is not cut short for the rest."""
    lines = content.wrap(first_width)
    if len(lines) <= 1 or first_width == rest_width:
        return lines
    rest = content[len(lines[0].plain):]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" \n")):]
    return [lines[0], *rest.wrap(rest_width)]


def flowed(text: str) -> str:
    """Hard-wrapped YAML text as paragraphs: single line breaks become spaces."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n".join(" ".join(p.split()) for p in paragraphs)


def short_date(point: DatePoint | None, zone: tzinfo | None = None) -> str:
    """A compact date in the deck's timezone (the loader has checked the zone name)."""
    return format_date_point_short(point, zone) if point is not None else "undated"


def quote_blocks(
    quote: Quote,
    zone: tzinfo | None = None,
    *,
    speaker: bool = True,
    indent: int = INDENT,
) -> list[Block]:
    """'“text”' then '— speaker · date · where' below it, dimmed."""
    details = [speaker_label(quote.speaker)] if speaker else []
    if quote.when is not None:
        details.append(short_date(quote.when, zone))
    if quote.where:
        details.append(quote.where)
    blocks = [Block(Content(f"“{flowed(quote.text)}”"), indent, 1)]
    if details:
        blocks.append(
            Block(Content.styled("— " + " · ".join(details), "dim"), indent + 1, 2)
        )
    return blocks


def position_blocks(
    question: Question, position: Position | None, zone: tzinfo | None = None
) -> list[Block]:
    """Stance and question on the first line; summary and as-of indented below."""
    stance = position.stance if position is not None else None
    blocks = [
        Block(Content.assemble(stance_content(stance), "  ", question.title), 0, INDENT)
    ]
    if position is not None and position.summary:
        blocks.append(Block(Content(flowed(position.summary)), INDENT))
    if position is not None and position.as_of is not None:
        blocks.append(
            Block(
                Content.styled(f"as of {short_date(position.as_of, zone)}", "dim"),
                INDENT,
            )
        )
    return blocks


def person_blocks(person: Person, quote_count: int) -> list[Block]:
    said = f"{quote_count} quote{'s' if quote_count != 1 else ''}"
    line = Content.assemble(
        (person.name, "bold"),
        f", {person.role}" if person.role else "",
        (f" · {said}", "dim"),
    )
    return [Block(line, 0, INDENT)]


def incident_blocks(incident: Incident, zone: tzinfo | None = None) -> list[Block]:
    """'● title · date · status' with the status glyph first, as the brief shows it."""
    status = incident.status.value if incident.status is not None else "no status"
    glyph_style = (
        f"$status-{incident.status.value}" if incident.status is not None else ""
    )
    line = Content.assemble(
        (STATUS_GLYPHS[incident.status], glyph_style),
        " ",
        incident.title,
        (f" · {short_date(incident.when, zone)} · {status}", "dim"),
    )
    return [Block(line, 0, 2)]


def event_blocks(event: Event, zone: tzinfo | None = None) -> list[Block]:
    kind = f" · {event.kind}" if event.kind else ""
    return [
        Block(
            Content.assemble(
                "◆ ",
                event.title,
                (f" · {short_date(event.when, zone)}{kind}", "dim"),
            ),
            0,
            2,
        )
    ]


def claim_blocks(made: ClaimMade) -> list[Block]:
    """'Speaker: claim' then 'on: incident title', so a denial says what it denies."""
    said = Content.assemble(
        (speaker_label(made.claim.by), "bold"), ": ", flowed(made.claim.text)
    )
    return [
        Block(said, 0, 2),
        Block(Content.styled(f"on: {made.incident.title}", "dim"), 2),
    ]
