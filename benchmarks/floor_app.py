"""The floor for first paint: the deck core loads the example deck, and one Static shows its title.

Used by `bench_startup.py --floor` to show how much of the first-paint budget the deck core
alone takes, before any of briefing's screens.
"""

import sys

from textual.app import App
from textual.widgets import Static
from briefing.deck import load_deck
r = load_deck(sys.argv[1])
class A(App):
    def compose(self):
        yield Static(r.deck.title + " Brief 1/")
A().run()
