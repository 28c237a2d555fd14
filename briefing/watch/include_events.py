"""The deck file's ``include:`` globs, read from YAML parse events: the follower's only use of PyYAML.

Kept apart from ``files`` so that following a deck imports PyYAML only when the deck file
changes: a start that found its load in the start-up cache never loads it.
"""

from __future__ import annotations

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_START_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def include_patterns(data: bytes) -> tuple[str, ...] | None:
    """The deck's ``include:`` globs, read from YAML parse events up to that key only (see ``files``)."""
    try:
        return _find_include(iter(yaml.parse(data, Loader=_SafeLoader)))
    except Exception:  # noqa: BLE001 - any parse failure means "unknown", never a crash
        return None


def _find_include(events) -> tuple[str, ...]:
    for event in events:
        if isinstance(event, yaml.MappingStartEvent):
            break
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.AliasEvent)):
            return ()
    else:
        return ()
    for key in events:
        if isinstance(key, yaml.MappingEndEvent):
            return ()
        if isinstance(key, yaml.ScalarEvent) and key.value == "include":
            return _scalars_of(next(events), events)
        _skip_node(key, events)
        _skip_node(next(events), events)
    return ()


def _scalars_of(value, events) -> tuple[str, ...]:
    if isinstance(value, yaml.ScalarEvent):
        return (value.value,)
    if not isinstance(value, yaml.SequenceStartEvent):
        return ()
    found = []
    for item in events:
        if isinstance(item, yaml.SequenceEndEvent):
            break
        if isinstance(item, yaml.ScalarEvent):
            found.append(item.value)
        _skip_node(item, events)
    return tuple(found)


def _skip_node(first, events) -> None:
    if not isinstance(first, _START_EVENTS):
        return
    depth = 1
    for event in events:
        if isinstance(event, _START_EVENTS):
            depth += 1
        elif isinstance(event, _END_EVENTS):
            depth -= 1
            if depth == 0:
                return
