"""What reading gives linking: one file's checked records, with their places.

A :class:`FileData` depends only on a file's bytes and the deck's :class:`Settings`
(timezone and date order), so a reload re-reads only the files that changed; a :class:`Rec`
is one checked mapping, and keeps what linking built from it for the next link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from .dates import zone_or_utc
from .model import DateOrder, DatePoint, Diagnostic, Place, Subject
from .yamlsafe import Locator

Pos = tuple[int, int]  # 0-based line and column in the parsed text; Locator.at makes a Place
Ref = tuple[str, int, int]  # an id as written, with its position


@dataclass(frozen=True, slots=True)
class Settings:
    """What reading a file depends on besides its bytes."""

    timezone: str = "UTC"
    date_order: DateOrder | None = None
    as_of: DatePoint | None = None
    """What `until: ongoing` runs up to: a change of as_of re-reads the included files."""

    def zone(self) -> tzinfo:
        return zone_or_utc(self.timezone)


class Rec:
    """One checked mapping from a file: a section item, a claim, a position ..."""

    __slots__ = (
        "_place",
        "built",
        "deps",
        "gone",
        "key",
        "key_pos",
        "locator",
        "pos",
        "section",
        "subject",
        "values",
    )

    def __init__(self, section: str, values: dict[str, Any], pos: Pos, locator: Locator) -> None:
        self.section = section
        self.values = values
        self.pos = pos
        self.locator = locator
        self.key: str | None = None
        self.key_pos: Pos = pos
        self._place: Place | None = None
        # Linking leaves here the model object it built and the ids of what that object
        # refers to, so that relinking after a reload redoes only what changed.
        self.built: Any = None
        self.deps: list[int] | None = None
        self.subject: Subject | None = None
        self.gone = False  # set when an edit removed it: referrer sets may still name it

    def place(self) -> Place:
        place = self._place
        if place is None:
            place = self._place = self.locator.at(*self.pos)
        return place


def same_record(a: Rec, b: Rec) -> bool:
    """Whether two reads of a record hold the same content at the same place."""
    if a.section != b.section or a.key != b.key or a.pos != b.pos or a.key_pos != b.key_pos:
        return False
    first, second = a.values, b.values
    if first.keys() != second.keys():
        return False
    for name, value in first.items():
        other = second[name]
        if type(value) is list:
            if type(other) is not list or len(value) != len(other):
                return False
            if not all(same_record(x, y) for x, y in zip(value, other)):
                return False
        elif value != other:
            return False
    return True


@dataclass(slots=True)
class FileData:
    """Everything one file contributes, already checked on its own."""

    path: str
    locator: Locator
    diagnostics: list[Diagnostic]
    settings: dict[str, Any] = field(default_factory=dict)
    setting_positions: dict[str, Pos] = field(default_factory=dict)
    sections: dict[str, list[Rec]] = field(default_factory=dict)
    includes: list[Ref] = field(default_factory=list)
    root_pos: Pos = (0, 0)
    readable: bool = True
