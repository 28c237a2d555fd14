"""The `f` prompt: filter the timeline by country, kind or tag while typing."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

PLACEHOLDER = "filter: EE  kind:drone  tag:article-4  (enter keeps, escape cancels)"


class LastWordSuggester(Suggester):
    """Completes the word being typed from the deck's codes, kinds and tags."""

    def __init__(self, vocabulary: tuple[str, ...] = ()) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.vocabulary = vocabulary

    async def get_suggestion(self, value: str) -> str | None:
        head, _, word = value.rpartition(" ")
        if not word:
            return None
        folded = word.casefold().replace('"', "")
        for candidate in self.vocabulary:
            bare = candidate.casefold().replace('"', "")
            if bare.startswith(folded) and len(bare) > len(folded):
                return f"{head} {candidate}" if head else candidate
        return None


class TimelineFilter(Input):
    """A one-line prompt docked under the lanes; hidden until `f`."""

    DEFAULT_CSS = """
    TimelineFilter {
        display: none;
        height: 1;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    TimelineFilter:focus { border: none; background: $boost; }
    TimelineFilter.-open { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel the filter", show=False)]

    class Cancelled(Message):
        """Escape: put back the filter that was in force before the prompt opened."""

    def __init__(self, **kwargs) -> None:
        self.word_suggester = LastWordSuggester()
        super().__init__(placeholder=PLACEHOLDER, suggester=self.word_suggester, select_on_focus=False, compact=True, **kwargs)
        self.cursor_blink = False

    def open(self, text: str, vocabulary: tuple[str, ...]) -> None:
        self.word_suggester.vocabulary = vocabulary
        self.value = text
        self.cursor_position = len(text)
        self.add_class("-open")
        self.focus()

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
