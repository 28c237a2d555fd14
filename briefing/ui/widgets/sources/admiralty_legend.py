"""The Admiralty scale spelled out under the sources, so a grade such as B2 reads unaided."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

from ....views.labels import admiralty_scale
from ..countries.entries import Block, lay_out


class AdmiraltyLegend(Widget):
    """Two paragraphs, reliability (A–F) and credibility (1–6); a wrapped line hangs under
    the first grade, not under the label."""

    DEFAULT_CSS = """
    AdmiraltyLegend { height: auto; padding: 0 1; color: $text-muted; border-top: hkey $panel-lighten-2; }
    """

    def render(self) -> RenderResult:
        return lay_out(legend_blocks(), max(1, self.content_size.width))

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(lay_out(legend_blocks(), max(1, width)).split())


def legend_blocks() -> list[Block]:
    blocks = []
    for line in admiralty_scale():
        label, _, scale = line.partition(": ")
        blocks.append(Block(Content.assemble((f"{label}: ", "bold"), scale), 0, len(label) + 2))
    return blocks
