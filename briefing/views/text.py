"""Deck text made fit for one slot of a screen or a handout."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Deck text with control characters (escape sequences' ESC among them) dropped, tabs as spaces.

    The loader already removes control characters; handouts go to terminals, mail and
    browsers, so they drop any that slip through rather than trust every caller.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Deck text for a single-line slot (a title, a label, a table cell): whitespace collapsed."""
    return " ".join(clean(text).split())


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None
