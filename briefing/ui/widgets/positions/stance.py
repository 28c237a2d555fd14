"""Stance glyphs as Content coloured by the theme's stance variables, for every stance view.

The glyph carries the meaning and the colour only helps, so a stance still reads in 16
colours, in greyscale under NO_COLOR, and on a projector that washes colours out.
"""

from __future__ import annotations

from textual.content import Content

from ....deck.model import Stance
from ....views.labels import STANCE_GLYPHS, stance_label
from ....views.matrix import STANCE_ORDER


def stance_variable(stance: Stance | None) -> str:
    """The theme variable for a stance: ``$stance-support`` ... ``$stance-none``."""
    return f"$stance-{stance.value if stance is not None else 'none'}"


def stance_glyph(stance: Stance | None) -> Content:
    return Content.styled(STANCE_GLYPHS[stance], stance_variable(stance))


def stance_content(stance: Stance | None) -> Content:
    """'✔ support', '· no position': glyph and word, both in the stance's colour."""
    return Content.styled(
        f"{STANCE_GLYPHS[stance]} {stance_label(stance)}", stance_variable(stance)
    )


def stance_legend() -> Content:
    """Every glyph with its word, in the order the matrix sorts them."""
    parts: list[Content | str] = []
    for stance in STANCE_ORDER:
        if parts:
            parts.append("  ")
        parts.append(stance_content(stance))
    return Content.assemble(*parts)
