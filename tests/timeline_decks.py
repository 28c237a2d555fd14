"""Small decks and helpers for the timeline's tests (tests/views/timeline/)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from briefing.deck import load_deck
from briefing.deck.model import Deck
from briefing.views.timeline import ZOOMS, Timeline, column_of, lane_cells, position

ZOOM = {zoom.name: zoom for zoom in ZOOMS}
HOURS, DAYS, WEEKS, MONTHS, YEARS = (ZOOM[name] for name in ("hours", "days", "weeks", "months", "years"))
DAYS_X3 = ZOOM["days ×3"]

HEADER = """\
title: Timeline test deck
as_of: 2025-09-25
timezone: Europe/Tallinn
countries:
  - {code: EE, name: Estonia}
  - {code: PL, name: Poland}
  - {code: RU, name: Russia}
  - {code: NATO, name: North Atlantic Treaty Organization}
"""


def make_deck(tmp_path: Path, body: str, header: str = HEADER) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(header + body, encoding="utf-8")
    result = load_deck(path)
    assert result.ok, "\n".join(str(d) for d in result.errors)
    return result.deck


def events_deck(tmp_path: Path, *entries: tuple[str, str], countries: str = "[EE]") -> Deck:
    """A deck of events ``(id, when)`` all in the same lane."""
    lines = ["events:"]
    for entry_id, when in entries:
        lines += [f"  - id: {entry_id}", f"    title: Event {entry_id}", f"    when: '{when}'", f"    countries: {countries}"]
    return make_deck(tmp_path, "\n".join(lines) + "\n")


def col(moment: datetime, zoom) -> int:
    """The column of a wall-clock moment in the deck's zone."""
    return column_of(position(moment, zoom.unit), zoom)


def glyphs(timeline: Timeline, zoom, left: int, width: int, lane: int = 0, **options) -> str:
    return "".join(cell.glyph for cell in lane_cells(timeline.lanes[lane], zoom, left, width, **options))


def only_entry(timeline: Timeline):
    (lane,) = [lane for lane in timeline.lanes if lane.dated]
    (placed,) = lane.entries
    return placed


LANES_BODY = """\
incidents:
  - {id: hit, title: Jets over Estonia, when: 2025-09-19, countries: [EE], actor: RU, kind: airspace violation, tags: [jets]}
  - {id: drones, title: Drones over Poland, when: 2025-09-10, countries: [PL], actor: RU, kind: drone incursion, tags: [drones, article-4]}
events:
  - {id: talks, title: Talks, when: 2025-09-22, countries: [NATO, PL], kind: meeting, tags: [article-4]}
  - {id: loose, title: Nobody in particular, when: 2025-09-23}
"""
