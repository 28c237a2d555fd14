"""The slide on screen: the title slide or an incident's, drawn as one widget."""

from __future__ import annotations

from dataclasses import fields
from typing import ClassVar

from rich.console import RenderableType
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from ....deck.model import Deck, Incident, Status
from ...line_cache import LineCache
from ...markdown_text import MarkdownStyles
from .slide_content import SlideStyles, incident_slide, slide_headings, title_slide

STATUS_CLASSES = {status: f"slide--status-{status.value}" for status in Status}


class Slide(Widget):
    """One slide; `show` swaps what it shows without a remount, so nothing flashes and the
    scroll offset of the container stays put. Styles come from the theme through component
    classes, so a theme switch repaints it like any widget."""

    DEFAULT_CSS = """
    Slide { height: auto; padding: 0 1; }
    Slide > .slide--title { text-style: bold; color: $text-primary; }
    Slide > .slide--subtitle { color: $text-secondary; }
    Slide > .slide--muted { color: $text-muted; }
    Slide > .slide--heading { text-style: bold underline; }
    Slide > .slide--side-heading { text-style: bold; color: $text-secondary; }
    Slide > .slide--label { text-style: bold; }
    Slide > .slide--strong { text-style: bold; }
    Slide > .slide--emphasis { text-style: italic; }
    Slide > .slide--code { color: $text-accent; background: $boost; }
    Slide > .slide--link { text-style: underline; color: $text-accent; }
    Slide > .slide--quote { text-style: italic; color: $text-muted; }
    Slide > .slide--rule { color: $text-muted; }
    Slide > .slide--strike { text-style: strike; }
    Slide > .slide--status-confirmed { color: $status-confirmed; }
    Slide > .slide--status-disputed { color: $status-disputed; }
    Slide > .slide--status-denied { color: $status-denied; }
    Slide > .slide--status-unverified { color: $status-unverified; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "slide--title",
        "slide--subtitle",
        "slide--muted",
        "slide--heading",
        "slide--side-heading",
        "slide--label",
        "slide--strong",
        "slide--emphasis",
        "slide--code",
        "slide--link",
        "slide--quote",
        "slide--rule",
        "slide--strike",
        *STATUS_CLASSES.values(),
    }

    def __init__(self, deck: Deck, incident: Incident | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.deck = deck
        self.incident = incident
        self._lines: LineCache[tuple, list[Strip]] = LineCache(1)
        self._styles: SlideStyles | None = None

    def notify_style_update(self) -> None:
        """A theme or CSS change: the slide's styles are read again from its component classes."""
        self._styles = None
        super().notify_style_update()

    def show(self, deck: Deck, incident: Incident | None) -> None:
        self.deck, self.incident = deck, incident
        self._lines.clear()
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        lines = self.lines(self.size.width)
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.visual_style.rich_style)

    def lines(self, width: int) -> list[Strip]:
        """The slide drawn at `width`, kept until the slide, the width or the theme changes.

        Textual measures a widget's height on every layout pass and draws it once more
        after; a slide of Markdown and tables costs a few milliseconds each time, and a
        start-up has three layout passes. Drawn once, every pass reads the same lines.
        """
        if width <= 0:
            return []
        styles = self.slide_styles()
        return self._lines.get((width, self.visual_style, styles), self._draw, width, styles)

    def heading_rows(self, width: int) -> list[tuple[int, str]]:
        """Where each section heading is drawn at `width`: (row, heading), top to bottom."""
        rows: list[tuple[int, str]] = []
        headings = slide_headings(self.deck, self.incident)
        for row, strip in enumerate(self.lines(width)):
            if headings and strip.text.strip() == headings[0]:
                rows.append((row, headings.pop(0)))
        return rows

    def _draw(self, width: int, styles: SlideStyles) -> list[Strip]:
        visual: Visual = visualize(self, self.slide(styles))
        return Visual.to_strips(self, visual, width, None, self.visual_style)

    def render(self) -> RenderableType:
        return self.slide(self.slide_styles())

    def slide(self, styles: SlideStyles) -> RenderableType:
        """The slide as one Rich renderable (drawn through `lines`)."""
        if self.incident is None:
            return title_slide(self.deck, styles)
        return incident_slide(self.deck, self.incident, styles)

    def slide_styles(self) -> SlideStyles:
        """Each style from the component class named after it (`side_heading`: `slide--side-heading`).

        Read once until the styles change: every line drawn asks for them, and twenty component
        lookups a line were a third of a slide step's own time."""
        if self._styles is None:
            self._styles = self._read_styles()
        return self._styles

    def _read_styles(self) -> SlideStyles:
        style = self.get_component_rich_style
        status = {status: style(name) for status, name in STATUS_CLASSES.items()}
        markdown = styles_from_components(MarkdownStyles, style)
        return styles_from_components(SlideStyles, style, status=status, markdown=markdown)


def styles_from_components(styles_class, style, **given):
    names = [field.name for field in fields(styles_class) if field.name not in given]
    return styles_class(**{name: style(f"slide--{name.replace('_', '-')}") for name in names}, **given)
