"""Assembling: linked records -> the frozen model objects and the Deck.

Each builder makes one model object from its record, asking the linker for what the record
refers to, and keeps the object on the record: a relink reuses it while the objects it
refers to are the very same.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import codes
from .model import (
    Claim,
    Confidence,
    Country,
    DateOrder,
    Deck,
    Event,
    Incident,
    KeyJudgment,
    Likelihood,
    Person,
    Position,
    Question,
    Quote,
    Source,
    Stance,
    Status,
)
from .records import FileData, Rec
from .schema import FORMAT
from .text import quoted

if TYPE_CHECKING:
    from .link import Linker, LinkState

_ENUMS: dict[str, dict[str, Any]] = {
    "status": {m.value: m for m in Status},
    "stance": {m.value: m for m in Stance},
    "confidence": {m.value: m for m in Confidence},
    "likelihood": {m.value: m for m in Likelihood},
}
_COUNTRY, _PERSON, _SOURCE = ("country",), ("person",), ("source",)
_STATUS = {m.value: m for m in Status}


def assemble_deck(deck_file: FileData, deck_path: Path, file_paths: tuple[Path, ...], state: LinkState) -> Deck:
    """The Deck from the deck file's settings and every section's built objects."""
    settings = deck_file.settings
    return Deck(
        title=settings.get("title", ""),
        path=deck_path,
        place=deck_file.locator.at(*deck_file.root_pos),
        format=settings.get("format", FORMAT),
        subtitle=settings.get("subtitle"),
        as_of=settings.get("as_of"),
        timezone=settings.get("timezone", "UTC"),
        date_order=DateOrder(settings["date_order"]) if "date_order" in settings else None,
        classification=settings.get("classification"),
        theme=settings.get("theme"),
        summary=settings.get("summary"),
        key_judgments=tuple(_key_judgment(record) for record in settings.get("key_judgments", ())),
        single_source_acknowledged=settings.get("single_source") == "acknowledged",
        setting_places={key: deck_file.locator.at(*pos) for key, pos in deck_file.setting_positions.items()},
        files=file_paths,
        _index=dict(state.deck_index),
        **state.built,
    )


def _key_judgment(record: Rec) -> KeyJudgment:
    values = record.values
    return KeyJudgment(
        text=values.get("text", ""),
        place=record.place(),
        confidence=_ENUMS["confidence"].get(values.get("confidence")),  # type: ignore[arg-type]
        likelihood=_ENUMS["likelihood"].get(values.get("likelihood")),  # type: ignore[arg-type]
    )


def _reused(record: Rec, deps: list[int]) -> Any:
    """The object built from ``record`` last time, if it refers to the very same objects now.

    A record never changes once read, so only what it refers to can make it stale. Old
    referents stay alive through the old object, so their ids cannot be reused meanwhile.
    """
    return record.built if record.deps == deps else None


def _keep(record: Rec, deps: list[int], item: Any) -> Any:
    record.built, record.deps = item, deps
    return item


def _country(linker: Linker, record: Rec) -> Country:
    if record.built is not None:
        return record.built
    values = record.values
    item = Country(code=record.key or "", name=values.get("name", ""), place=record.place(), groups=values.get("groups", ()))
    return _keep(record, [], item)


def _source(linker: Linker, record: Rec) -> Source:
    if record.built is not None:
        return record.built
    fields = record.values.copy()
    fields.setdefault("id", "")
    fields.setdefault("title", "")
    return _keep(record, [], Source(place=record.place(), **fields))


def _person(linker: Linker, record: Rec) -> Person:
    fields = record.values.copy()
    country_ref = fields.pop("country", None)
    country = None if country_ref is None else linker.resolve(record, country_ref, _COUNTRY)
    deps = [id(country)]
    item = _reused(record, deps)
    if item is None:
        fields.setdefault("id", "")
        fields.setdefault("name", "")
        item = _keep(record, deps, Person(place=record.place(), country=country, **fields))
    return item


def _quote(linker: Linker, record: Rec) -> Quote:
    fields = record.values.copy()
    by, source_ref, about = fields.pop("by", None), fields.pop("source", None), fields.pop("about", None)
    speaker = None if by is None else linker.resolve(record, by, _PERSON)
    source = None if source_ref is None else linker.resolve(record, source_ref, _SOURCE)
    subjects = linker.subjects_of(record, about) if about else ()
    deps = [id(speaker), id(source), *map(id, subjects)]
    item = _reused(record, deps)
    if item is None:
        fields.setdefault("id", "")
        fields.setdefault("text", "")
        item = _keep(record, deps, Quote(speaker=speaker, place=record.place(), source=source, about=subjects, **fields))  # type: ignore[arg-type]
    return item


def _incident(linker: Linker, record: Rec) -> Incident:
    fields = record.values.copy()
    actor_ref = fields.pop("actor", None)
    countries = linker.resolve_all(record, fields.pop("countries", None), _COUNTRY)
    actor = None if actor_ref is None else linker.resolve(record, actor_ref, _COUNTRY)
    claims = tuple([_claim(linker, claim) for claim in fields.pop("claims", ())])
    sources = linker.resolve_all(record, fields.pop("sources", None), _SOURCE)
    deps = [id(actor), *map(id, countries), -1, *map(id, claims), -1, *map(id, sources)]
    item = _reused(record, deps)
    if item is None:
        status = fields.pop("status", None)
        fields.setdefault("id", "")
        fields.setdefault("title", "")
        item = _keep(record, deps, Incident(
            place=record.place(), countries=countries, actor=actor, claims=claims, sources=sources,
            status=None if status is None else _STATUS[status], **fields,
        ))
    return item


def _claim(linker: Linker, record: Rec) -> Claim:
    values = record.values
    by_ref = values.get("by")
    by = None if by_ref is None else linker.resolve(record, by_ref, ("country", "person"))
    deps = [id(by)]
    item = _reused(record, deps)
    if item is None:
        item = _keep(record, deps, Claim(by=by, text=values.get("text", ""), place=record.place()))  # type: ignore[arg-type]
    return item


def _event(linker: Linker, record: Rec) -> Event:
    fields = record.values.copy()
    countries = linker.resolve_all(record, fields.pop("countries", None), _COUNTRY)
    sources = linker.resolve_all(record, fields.pop("sources", None), _SOURCE)
    deps = [*map(id, countries), -1, *map(id, sources)]
    item = _reused(record, deps)
    if item is None:
        fields.setdefault("id", "")
        fields.setdefault("title", "")
        item = _keep(record, deps, Event(place=record.place(), countries=countries, sources=sources, **fields))
    return item


def _question(linker: Linker, record: Rec) -> Question:
    values = record.values
    question_id = record.key or ""
    positions = []
    first_for: dict[str, Rec] = {}
    for position in values.get("positions", ()):
        country_ref = position.values.get("country")
        if country_ref is not None:
            earlier = first_for.get(country_ref[0])
            if earlier is not None:
                line = earlier.place().line
                message = f"second position of {quoted(country_ref[0])} on this question (first at line {line})"
                linker.error(position.locator, (country_ref[1], country_ref[2]), message, codes.SECOND_POSITION)
                continue
            first_for[country_ref[0]] = position
        positions.append(_position(linker, position, question_id))
    deps = [*map(id, positions)]
    item = _reused(record, deps)
    if item is None:
        item = _keep(record, deps, Question(id=question_id, title=values.get("title", ""), place=record.place(), positions=tuple(positions)))
    return item


def _position(linker: Linker, record: Rec, question_id: str) -> Position:
    values = record.values
    country_ref = values.get("country")
    country = None if country_ref is None else linker.resolve(record, country_ref, ("country",))
    quotes = linker.resolve_all(record, values.get("quotes"), ("quote",))
    deps = [id(country), *map(id, quotes)]
    item = _reused(record, deps)
    if item is None or item.question_id != question_id:
        item = _keep(record, deps, Position(
            question_id=question_id,
            country=country,  # type: ignore[arg-type]
            stance=_ENUMS["stance"].get(values.get("stance")),  # type: ignore[arg-type]
            place=record.place(),
            summary=values.get("summary"),
            as_of=values.get("as_of"),
            quotes=quotes,
        ))
    return item


BUILDERS: dict[str, Callable[[Linker, Rec], Any]] = {
    "country": _country, "source": _source, "person": _person, "quote": _quote,
    "incident": _incident, "event": _event, "question": _question,
}
