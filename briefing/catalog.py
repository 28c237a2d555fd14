"""Finding decks: the bundled example, and the decks in a folder (for the picker)."""

from __future__ import annotations

from pathlib import Path

DECK_FILE_NAME = "deck.yaml"
BUNDLED_DECK_FOLDER = "nato-airspace-2025"


def bundled_deck() -> Path:
    """The example deck that ships in the repository's `decks/` folder."""
    return Path(__file__).resolve().parent.parent / "decks" / BUNDLED_DECK_FOLDER / DECK_FILE_NAME


def deck_in_folder(folder: Path) -> Path | None:
    """A folder holding a `deck.yaml` is one deck, not a collection."""
    candidate = folder / DECK_FILE_NAME
    return candidate if candidate.is_file() else None


def decks_in_folder(folder: Path) -> list[Path]:
    """Each `SUBFOLDER/deck.yaml`, then loose `*.yaml` / `*.yml` files, in name order."""
    nested = sorted(p for p in folder.glob(f"*/{DECK_FILE_NAME}") if p.is_file())
    loose = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern) if p.is_file())
    return nested + loose
