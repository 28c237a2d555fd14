"""The line under a slide that says there is more of it below the fold, and what."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class MoreBelow(Static):
    """'▼ more below: Key judgments · ↓ scrolls': names the sections still out of sight, so
    the presenter (and the audience) never miss a slide's second half at 80×24."""

    DEFAULT_CSS = """
    MoreBelow { height: 1; padding: 0 1; color: $text-muted; text-style: italic; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show_below(self, more: bool, headings: list[str]) -> None:
        self.display = more
        if more:
            what = f": {', '.join(headings)}" if headings else ""
            self.update(Content(f"▼ more below{what} · ↓ scrolls"))
