"""A keyboard list of entries under section headings, each entry standing for a deck item.

An OptionList whose prompts are laid out here (hanging indents, see ``entries.lay_out``)
and laid out again when the width changes. The cursor is a tint, not a solid block, so
stance colours inside an entry stay readable under it, and shows only while the list has
focus: one highlighted row on a screen. Headings and entries start one cell in, as the
pane's heading and the rest of the screen do. Headings are disabled options, so the cursor
skips them; ``]`` and ``[`` jump from section to section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .entries import Block, lay_out

OPTION_PADDING = 2


@dataclass(frozen=True)
class Entry:
    """One line (or a few) in the list; an ``inert`` entry (a heading, a note) cannot be highlighted."""

    key: str
    blocks: list[Block] = field(default_factory=list)
    target: Any = None
    inert: bool = False

    @classmethod
    def section(cls, key: str, title: str, count: int) -> Entry:
        text = f"{title} · none" if count == 0 else f"{title} ({count})"
        return cls(
            f"section:{key}", [Block(Content.styled(text, "bold $accent"))], inert=True
        )

    @classmethod
    def note(cls, key: str, text: str) -> Entry:
        """A line that says something (e.g. 'no questions') but cannot be opened."""
        return cls(
            f"note:{key}", [Block(Content.styled(text, "dim italic"), 2)], inert=True
        )


class EntryList(OptionList):
    DEFAULT_CSS = """
    EntryList { height: 1fr; border: none; padding: 0 0 0 1; scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    EntryList:focus { border: none; }
    EntryList > .option-list--option-disabled { color: $foreground; }
    EntryList > .option-list--option-highlighted { color: $foreground; background: transparent; text-style: none; }
    EntryList:focus > .option-list--option-highlighted {
        color: $foreground; background: $primary 40%; text-style: $block-cursor-text-style;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "first", "First entry", show=False),
        Binding("G", "last", "Last entry", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self._laid_out_width = 0

    @property
    def entries(self) -> list[Entry]:
        return list(self._entries)

    def set_entries(self, entries: list[Entry], keep: str | None = None) -> None:
        """Show these entries; highlight the one keyed ``keep`` if present, else the first one."""
        self._entries = list(entries)
        self._by_key = {entry.key: entry for entry in entries}
        self._rebuild(keep)

    def entry(self, key: str | None) -> Entry | None:
        return self._by_key.get(key) if key is not None else None

    @property
    def highlighted_entry(self) -> Entry | None:
        option = self.highlighted_option
        return self.entry(option.id) if option is not None else None

    def highlight_key(self, key: str) -> bool:
        entry = self.entry(key)
        if entry is None or entry.inert:
            return False
        self.highlighted = self.get_option_index(key)
        return True

    def _wrap_width(self) -> int:
        return max(1, self.scrollable_content_region.width - OPTION_PADDING)

    def _rebuild(self, keep: str | None) -> None:
        width = self._wrap_width()
        self._laid_out_width = width
        options = [
            Option(lay_out(entry.blocks, width), id=entry.key, disabled=entry.inert)
            for entry in self._entries
        ]
        self.set_options(options)
        if not (keep and self.highlight_key(keep)):
            self.action_first()

    def on_resize(self) -> None:
        if self._wrap_width() != self._laid_out_width and self._entries:
            current = self.highlighted_entry
            self._rebuild(current.key if current is not None else None)

    def _heading_indices(self) -> list[int]:
        return [
            index
            for index, entry in enumerate(self._entries)
            if entry.key.startswith("section:")
        ]

    def jump_section(self, direction: int) -> bool:
        """Highlight the first entry of the next (or previous) section that has entries."""
        here = self.highlighted if self.highlighted is not None else -1
        headings = self._heading_indices()
        current = max((h for h in headings if h <= here), default=-1)
        ordered = (
            [h for h in headings if h > current]
            if direction > 0
            else [h for h in reversed(headings) if h < current]
        )
        for heading in ordered:
            first = self._first_entry_after(heading)
            if first is not None:
                self.highlighted = first
                return True
        return False

    @property
    def highlighted_section(self) -> str | None:
        """The section the highlighted entry is under (its heading's key without `section:`)."""
        here = self.highlighted
        if here is None:
            return None
        for index in range(min(here, len(self._entries) - 1), -1, -1):
            key = self._entries[index].key
            if key.startswith("section:"):
                return key.removeprefix("section:")
        return None

    def highlight_section(self, section: str) -> bool:
        """Highlight the first entry of a section, when it has one."""
        keys = [entry.key for entry in self._entries]
        heading = f"section:{section}"
        first = self._first_entry_after(keys.index(heading)) if heading in keys else None
        if first is None:
            return False
        self.highlighted = first
        return True

    def _first_entry_after(self, heading: int) -> int | None:
        for index in range(heading + 1, len(self._entries)):
            entry = self._entries[index]
            if entry.key.startswith("section:"):
                return None
            if not entry.inert:
                return index
        return None
