"""Finding decks: the bundled example, and the decks in a folder (for the picker)."""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path

DECK_FILE_NAME = "deck.yaml"
BUNDLED_DECK_FOLDER = "nato-airspace-2025"
SHARED_DATA = Path("share") / "briefing"
"""Where a wheel installs `decks/` and `themes/` under its prefix (pyproject's data-files)."""


CHECKOUT = Path(__file__).resolve().parent.parent


def shipped_folder(name: str, *, checkout: Path = CHECKOUT, prefixes: tuple[str, ...] | None = None) -> Path:
    """A folder that ships with briefing (`decks`, `themes`): beside the package in a
    checkout or an editable install, else under the install prefix where a wheel puts it
    (the environment's, then the user's for `pip install --user`)."""
    prefixes = (sys.prefix, site.getuserbase()) if prefixes is None else prefixes
    candidates = [checkout / name, *(Path(prefix) / SHARED_DATA / name for prefix in prefixes)]
    return next((folder for folder in candidates if folder.is_dir()), candidates[0])


def bundled_deck() -> Path:
    """The example deck that ships in the `decks/` folder."""
    return shipped_folder("decks") / BUNDLED_DECK_FOLDER / DECK_FILE_NAME


def deck_in_folder(folder: Path) -> Path | None:
    """A folder holding a `deck.yaml` is one deck, not a collection."""
    candidate = folder / DECK_FILE_NAME
    return candidate if os.path.isfile(candidate) else None  # False, not an error, where we may not look


def decks_in_folder(folder: Path) -> list[Path]:
    """Each `SUBFOLDER/deck.yaml`, then loose `*.yaml` / `*.yml` files, in name order."""
    nested = sorted(p for p in folder.glob(f"*/{DECK_FILE_NAME}") if os.path.isfile(p))
    loose = sorted(p for pattern in ("*.yaml", "*.yml") for p in folder.glob(pattern) if os.path.isfile(p))
    return nested + loose
