"""One line naming every stance glyph, so a matrix reads without knowing the symbols."""

from __future__ import annotations

from textual.widgets import Static

from .stance import stance_legend


class StanceLegend(Static):
    DEFAULT_CSS = """
    StanceLegend { height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(stance_legend(), id=id, classes=classes)
