"""The reference for start-up and memory budgets: a minimal Textual app showing one word."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class OneWord(App):
    def compose(self) -> ComposeResult:
        yield Static("ready")


if __name__ == "__main__":
    OneWord().run()
