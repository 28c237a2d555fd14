"""The floor for first paint: the deck core loads the example deck, and one Static shows its title.

Used by `bench_startup.py --floor` to show how much of the first-paint budget the deck core
alone takes, before any of briefing's screens.
"""

import sys

from textual.app import App
from textual.widgets import Static

from briefing.deck import load_deck


class Floor(App):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.deck_title = title

    def compose(self):
        yield Static(self.deck_title + " Brief 1/")


def main(path: str) -> Floor:
    return Floor(load_deck(path).deck.title)


if __name__ == "__main__":
    main(sys.argv[1]).run()
