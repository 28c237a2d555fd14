"""Shared by the lanes and the axis: the label column and the styles cells are drawn in."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

LABEL_WIDTH = 12
"""Columns for lane labels at the left ('EE Estonia'); the axis leaves the same margin."""
WIDE_LABEL_WIDTH = 18
WIDE_FROM = 120


def label_width(screen_width: int) -> int:
    """Wider labels ('GB United Kingdom') once the screen has room for them."""
    return WIDE_LABEL_WIDTH if screen_width >= WIDE_FROM else LABEL_WIDTH


def fit_label(text: str, width: int) -> str:
    """Exactly ``width`` cells: padded, or cut with an ellipsis (wide characters counted)."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
