"""briefing: present incident briefing decks in the terminal."""

__version__ = "0.1.0"
