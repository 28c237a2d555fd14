"""The scrolling frame around a slide: its keys are the screen's, so help lists them once."""

from __future__ import annotations

from textual.containers import VerticalScroll


class SlideScroll(VerticalScroll, inherit_bindings=False):
    """A slide's viewport. ↓ ↑ j k scroll it from the brief screen's bindings, and the page
    keys are a presentation remote's next and previous slide, so it binds no key itself."""
