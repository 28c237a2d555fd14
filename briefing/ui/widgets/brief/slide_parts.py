"""A slide described as data, so that a reload updates its widgets in place.

Mounting a new slide on every save costs a compose, a style pass and a full layout and paint
(about 40 ms at 80×24, most of the reload budget), and for a moment there is no slide at all.
When a save keeps the slide's shape (the same parts in the same places, only their text
changed), the parts are compared and only the widgets whose content changed are updated: the
scroll offset, the focus and everything else on screen stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown, Static

from .facts import Facts

STATIC, MARKDOWN, FACTS, ROW, COLUMN = "static", "markdown", "facts", "row", "column"


@dataclass(frozen=True, slots=True)
class Part:
    """One widget of a slide: what it is, what it shows, and the parts inside it."""

    kind: str
    content: Any = None
    """A Content for a static, Markdown text for markdown, (label, value) rows for facts."""
    id: str | None = None
    classes: str = ""
    children: tuple[Part, ...] = field(default=())

    @property
    def shape(self) -> tuple:
        """Everything but the content: equal shapes can be updated in place."""
        return (self.kind, self.id, self.classes, tuple(child.shape for child in self.children))


def shape_of(parts: Iterable[Part]) -> tuple:
    return tuple(part.shape for part in parts)


def build(part: Part) -> Widget:
    """The widget for a part (deck text is already Content or Markdown: never markup)."""
    options = {"id": part.id, "classes": part.classes}
    if part.kind == STATIC:
        return Static(part.content, **options)
    if part.kind == MARKDOWN:
        return Markdown(part.content, open_links=False, **options)
    if part.kind == FACTS:
        return Facts(part.content, **options)
    container = Horizontal if part.kind == ROW else Vertical
    return container(*(build(child) for child in part.children), **options)


async def update_in_place(widgets: Sequence[Widget], old: Sequence[Part], new: Sequence[Part]) -> None:
    """Give each mounted widget its new part's content where it changed (shapes must be equal)."""
    for widget, before, after in zip(widgets, old, new, strict=True):
        if after.kind in (ROW, COLUMN):
            await update_in_place(list(widget.children), before.children, after.children)
        elif not same_content(before.content, after.content):
            await _show(widget, after)


async def _show(widget: Widget, part: Part) -> None:
    if isinstance(widget, Markdown):
        await widget.update(part.content)
    elif isinstance(widget, Facts):
        widget.show_rows(part.content)
    elif isinstance(widget, Static):
        widget.update(part.content)


def same_content(old: Any, new: Any) -> bool:
    """Content compares its plain text only; a change of style counts here too."""
    if isinstance(old, Content) and isinstance(new, Content):
        return old.plain == new.plain and old.spans == new.spans
    return old == new
