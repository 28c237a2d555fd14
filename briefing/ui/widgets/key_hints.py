"""The key hints line at the bottom of every screen: the screen's shown keys, the palette's on the right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.content import Content
from textual.widget import Widget

HINT_GAP = "  "


@dataclass(frozen=True)
class Hint:
    key: str
    """The key to simulate when the hint is clicked."""
    display: str
    description: str
    enabled: bool


class KeyHints(Widget):
    """One line of key hints, drawn as one piece of Content.

    Textual's `Footer` mounts a widget per key and mounts them again whenever the bindings
    change; on the first screen that cost about 35 ms of the first paint (a recompose, a
    restyle per key, a layout). This draws the same hints in one widget: one hint per action
    (its first key), in binding order, dimmed when disabled, and the command palette's key
    at the right edge. A click on a hint presses its key, as a click on the footer does.
    """

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyHints > .key-hints--key { color: $footer-key-foreground; text-style: bold; }
    KeyHints > .key-hints--description { color: $footer-description-foreground; }
    KeyHints > .key-hints--separator { color: $foreground 20%; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-hints--key", "key-hints--description", "key-hints--separator"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def hints(self) -> tuple[list[Hint], Hint | None]:
        """The screen's shown hints, and the command palette's (None when it is off)."""
        app = self.app
        shown: dict[str, Hint] = {}
        palette = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            hint = Hint(binding.key, app.get_key_display(binding), binding.description, enabled)
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = hint
            elif binding.show and binding.action not in shown:
                shown[binding.action] = hint
        return list(shown.values()), palette

    def render(self) -> Content:
        hints, palette = self.hints()
        width = self.content_size.width
        line, spans = self._line(hints)
        if palette is None:
            line, self._spans = _fit(line, spans, width)
            return line
        right, right_spans = self._line([palette])
        separator = Content.styled("▏", self.get_visual_style("key-hints--separator", partial=True))
        right = Content.assemble(separator, right)
        line, spans = _fit(line, spans, max(0, width - right.cell_length - 1))
        offset = width - right.cell_length + len(separator)
        self._spans = spans + [(start + offset, end + offset, key) for start, end, key in right_spans]
        return Content.assemble(line, " " * (width - right.cell_length - line.cell_length), right)

    def _line(self, hints: list[Hint]) -> tuple[Content, list[tuple[int, int, str]]]:
        """Hints side by side, and where each one is (for clicks)."""
        key_style = self.get_visual_style("key-hints--key", partial=True)
        description_style = self.get_visual_style("key-hints--description", partial=True)
        parts: list[Content] = []
        spans = []
        position = 0
        for hint in hints:
            piece = Content.assemble((hint.display, key_style), " ", (hint.description, description_style))
            if not hint.enabled:
                piece = piece.stylize("dim")
            if parts:
                parts.append(Content(HINT_GAP))
                position += len(HINT_GAP)
            spans.append((position, position + piece.cell_length, hint.key))
            parts.append(piece)
            position += piece.cell_length
        return Content.assemble(*parts), spans

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, key in self._spans:
            if start <= x < end:
                event.stop()
                self.app.simulate_key(key)
                return


def _fit(line: Content, spans: list[tuple[int, int, str]], width: int) -> tuple[Content, list[tuple[int, int, str]]]:
    """The hints cut to `width` with an ellipsis; only whole hints stay clickable."""
    kept = [span for span in spans if span[1] <= width]
    return (line if line.cell_length <= width else line.truncate(width, ellipsis=True)), kept
