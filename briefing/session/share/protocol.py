"""The sharing protocol: length-prefixed JSON frames, every one bounded, every message read strictly.

A frame is a 5-byte header — payload length (4 bytes, big-endian) and its encoding (0: JSON
in UTF-8; 1: the same, zlib-compressed) — then the payload. The reader checks the length
against the limit for that direction *before* reading the payload, and a compressed payload
is inflated no further than the limit, so neither a 1 GB length prefix nor a zip bomb costs
more than the limit.

Limits (bytes of JSON):

- :data:`MAX_FOLLOWER_MESSAGE` (4 KiB) for anything a follower sends: only its hello and
  keep-alives, never compressed.
- :data:`MAX_PRESENTER_MESSAGE` (64 KiB) for the presenter's own views, which also send
  ``drive`` messages carrying a place.
- :data:`MAX_DECK_MESSAGE` (64 MiB) for what the presenter sends; only a deck is that big (the
  10,000-incident, 50,000-quote benchmark deck is about 25 MB of JSON, 6 MB compressed).

Payloads of :data:`COMPRESS_FROM` bytes or more are compressed (zlib level 1). Measured on the
10,000-incident deck over a local socket: compressing once costs about 0.14 s (in a worker
thread), and then each follower costs the presenter's event loop 5.7 MB of socket writes
instead of 25 MB (about 5 ms instead of 40 ms each); inflating costs the follower 0.07 s.
A place (well under 1 KiB) is never compressed.

Conversation::

    follower                           presenter
    hello {protocol, program, want,  →
           size, theme}
                                     ← hello {protocol, program, role, presentation}
                                       (or refused {reason}, then the presenter hangs up)
                                     ← deck {deck}             the deck as codec data
                                     ← place {place}           where in it the presenter is
                                     ← audience {followers}
    keepalive (every few seconds)    →
                                     ← place {place}           each change of place
                                     ← deck {deck}, place      after each reload
                                     ← audience {followers}    when someone joins or leaves
                                     ← keepalive
                                     ← bye {reason}            the presenter quit
    drive {place | command}          →  (the presenter's own uid only)

``want`` is ``follow``, ``present`` (the presenter view: notes and driving, presenter's uid
only) or ``peek`` (the presentation's description, for listing; the presenter hangs up after
the hello). Both hellos carry the protocol version, an integer both sides must share, and the
program version, for the message when they do not.
"""

from __future__ import annotations

import asyncio
import json
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ... import __version__
from ...deck.text import clean_text
from ..place import Place, PlaceError
from .errors import MessageTooBig, ProtocolError

PROTOCOL_VERSION = 1
PROGRAM = f"briefing {__version__}"

HEADER = struct.Struct(">IB")
RAW = 0
ZLIB = 1
COMPRESS_FROM = 16 * 1024
COMPRESSION_LEVEL = 1

MAX_FOLLOWER_MESSAGE = 4 * 1024
MAX_PRESENTER_MESSAGE = 64 * 1024
MAX_DECK_MESSAGE = 64 * 1024 * 1024

MAX_TEXT = 1_000
"""Longest text in a message other than the deck (a title, a reason, a user name)."""
WANTS = ("follow", "present", "peek")
DRIVE_COMMANDS = ("next", "previous", "first", "last", "blank")
"""What a presenter view may ask besides a whole place: the presentation keys' meanings."""
_THEME_NAME = re.compile(r"[A-Za-z0-9_.+-]{1,64}")


@dataclass(frozen=True, slots=True)
class Timing:
    """The protocol's clocks, in seconds (tests shorten them)."""

    keepalive: float = 5.0
    """How often each side sends a keep-alive."""
    silence: float = 15.0
    """A peer silent this long is gone (a half-open or stopped connection)."""
    hello: float = 5.0
    """A new connection must say hello this soon."""
    send: float = 10.0
    """One message must leave for a follower within this, or the follower is too slow."""
    goodbye: float = 1.0
    """At quit, how long followers get to receive the goodbye."""


DEFAULT_TIMING = Timing()


# --- frames -----------------------------------------------------------------------------------


def frame(message: dict[str, Any], limit: int = MAX_DECK_MESSAGE) -> bytes:
    """One message as a frame, compressed when that makes it smaller; MessageTooBig over ``limit``."""
    payload = json.dumps(message, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    if len(payload) > limit:
        raise MessageTooBig(f"{len(payload) / 2**20:.1f} MiB of data, over the limit of {limit / 2**20:g} MiB")
    if len(payload) >= COMPRESS_FROM:
        packed = zlib.compress(payload, COMPRESSION_LEVEL)
        if len(packed) < len(payload):
            return HEADER.pack(len(packed), ZLIB) + packed
    return HEADER.pack(len(payload), RAW) + payload


async def read_frame(reader: asyncio.StreamReader, limit: int, *, compressed: bool) -> bytes:
    """The next frame's JSON bytes; ProtocolError if it is over ``limit`` or malformed.

    ``asyncio.IncompleteReadError`` (the other side hung up) passes through."""
    length, encoding = HEADER.unpack(await reader.readexactly(HEADER.size))
    if encoding not in ((RAW, ZLIB) if compressed else (RAW,)):
        raise ProtocolError(f"unknown frame encoding {encoding}")
    if length > limit:
        raise ProtocolError(f"a message of {length} bytes is over the limit of {limit}")
    payload = await reader.readexactly(length)
    return _inflate(payload, limit) if encoding == ZLIB else payload


def _inflate(payload: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(payload, limit + 1)
    except zlib.error as error:
        raise ProtocolError(f"a compressed message is damaged: {error}") from None
    if len(data) > limit:
        raise ProtocolError(f"a compressed message inflates to over the limit of {limit} bytes")
    if not inflater.eof or inflater.unused_data:
        raise ProtocolError("a compressed message is truncated or has trailing bytes")
    return data


def parse_json(payload: bytes) -> dict[str, Any]:
    """A frame's payload as a message object; ProtocolError for anything else."""
    try:
        message = json.loads(payload)
    except (ValueError, RecursionError):
        raise ProtocolError("a message is not JSON") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("a message is not an object with a type")
    return message


# --- messages ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hello:
    """A follower's (or presenter view's) first message."""

    want: str = "follow"
    size: tuple[int, int] | None = None
    """The terminal's columns and rows, for the presenter's notice."""
    theme: str | None = None
    protocol: int = PROTOCOL_VERSION
    program: str = PROGRAM

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "hello",
            "protocol": self.protocol,
            "program": self.program,
            "want": self.want,
            "size": list(self.size) if self.size else None,
            "theme": self.theme,
        }


@dataclass(frozen=True, slots=True)
class KeepAlive:
    def to_json(self) -> dict[str, Any]:
        return {"type": "keepalive"}


@dataclass(frozen=True, slots=True)
class Drive:
    """A presenter view asks the presenter to go to a place, or to do one presentation key."""

    place: Place | None = None
    command: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": "drive", "place": self.place.to_json() if self.place else None, "command": self.command}


@dataclass(frozen=True, slots=True)
class PresentationInfo:
    """What a follower's header and the list of presentations show about one presentation."""

    presenter: str
    number: int
    title: str
    since: datetime
    group: str | None
    followers: int

    def to_json(self) -> dict[str, Any]:
        return {
            "presenter": self.presenter,
            "number": self.number,
            "title": self.title,
            "since": self.since.isoformat(),
            "group": self.group,
            "followers": self.followers,
        }

    @classmethod
    def from_json(cls, data: Any) -> PresentationInfo:
        data = _object(data, "presentation")
        since = _text(data.get("since"), "presentation.since")
        try:
            moment = datetime.fromisoformat(since)
        except ValueError:
            raise ProtocolError("presentation.since: not an ISO time") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return cls(
            presenter=_text(data.get("presenter"), "presentation.presenter"),
            number=_count(data.get("number"), "presentation.number"),
            title=_text(data.get("title"), "presentation.title"),
            since=moment,
            group=_optional_text(data.get("group"), "presentation.group"),
            followers=_count(data.get("followers"), "presentation.followers"),
        )


@dataclass(frozen=True, slots=True)
class Welcome:
    """The presenter's hello: the role granted and what the presentation is."""

    role: str
    presentation: PresentationInfo
    protocol: int = PROTOCOL_VERSION
    program: str = PROGRAM

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "hello",
            "protocol": self.protocol,
            "program": self.program,
            "role": self.role,
            "presentation": self.presentation.to_json(),
        }


@dataclass(frozen=True, slots=True)
class DeckMessage:
    """The deck as codec data (decoded by the receiver, off its event loop); a place always follows.

    The place travels in its own message so the deck, encoded once per reload (in a worker
    thread, it can take a second for a huge deck), never has to be encoded again when the
    presenter moves on meanwhile."""

    deck: Any

    def to_json(self) -> dict[str, Any]:
        return {"type": "deck", "deck": self.deck}


@dataclass(frozen=True, slots=True)
class PlaceMessage:
    place: Place

    def to_json(self) -> dict[str, Any]:
        return {"type": "place", "place": self.place.to_json()}


@dataclass(frozen=True, slots=True)
class Audience:
    followers: int

    def to_json(self) -> dict[str, Any]:
        return {"type": "audience", "followers": self.followers}


@dataclass(frozen=True, slots=True)
class Goodbye:
    reason: str = "the presenter ended the presentation"

    def to_json(self) -> dict[str, Any]:
        return {"type": "bye", "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Refusal:
    """Sent before hanging up on a peer that may not join (or may no longer stay)."""

    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"type": "refused", "reason": self.reason}


ClientMessage = Hello | KeepAlive | Drive
ServerMessage = Welcome | DeckMessage | PlaceMessage | Audience | KeepAlive | Goodbye | Refusal


# --- reading messages strictly ----------------------------------------------------------------


def check_version(message: dict[str, Any], side: str) -> None:
    """Refuse a hello from another protocol version, saying which programs disagree."""
    protocol = message.get("protocol")
    if protocol != PROTOCOL_VERSION:
        program = message.get("program")
        theirs = clean_text(program)[0][:60] if isinstance(program, str) else "an unknown program"
        raise ProtocolError(
            f"the {side} speaks sharing protocol {protocol!r:.20} ({theirs}), this is protocol "
            f"{PROTOCOL_VERSION} ({PROGRAM}): use the same briefing version on both sides"
        )


def read_hello(message: dict[str, Any]) -> Hello:
    if message.get("type") != "hello":
        raise ProtocolError("the first message must be a hello")
    check_version(message, "follower")
    want = message.get("want")
    if want not in WANTS:
        raise ProtocolError(f"hello.want must be one of {', '.join(WANTS)}")
    return Hello(
        want=want,
        size=_size(message.get("size")),
        theme=_theme(message.get("theme")),
        program=_text(message.get("program"), "hello.program"),
    )


def read_client_message(message: dict[str, Any], may_drive: bool) -> KeepAlive | Drive:
    """After the hello a follower may only keep alive; a presenter view may also drive."""
    kind = message["type"]
    if kind == "keepalive":
        return KeepAlive()
    if kind == "drive" and may_drive:
        return _drive(message)
    raise ProtocolError(f"a {'presenter view' if may_drive else 'follower'} may not send {kind!r:.40}")


def _drive(message: dict[str, Any]) -> Drive:
    place, command = message.get("place"), message.get("command")
    if (place is None) == (command is None):
        raise ProtocolError("drive: give either a place or a command")
    if command is not None and command not in DRIVE_COMMANDS:
        raise ProtocolError(f"drive.command must be one of {', '.join(DRIVE_COMMANDS)}")
    return Drive(place=_place(place) if place is not None else None, command=command)


def read_server_message(message: dict[str, Any]) -> ServerMessage:
    reader = _SERVER_READERS.get(message["type"])
    if reader is None:
        raise ProtocolError(f"the presenter sent an unknown message {message['type']!r:.40}")
    return reader(message)


def _welcome(message: dict[str, Any]) -> Welcome:
    check_version(message, "presenter")
    role = message.get("role")
    if role not in ("presenter", "follower", "peek"):
        raise ProtocolError("hello.role is not a role")
    return Welcome(
        role=role,
        presentation=PresentationInfo.from_json(message.get("presentation")),
        program=_text(message.get("program"), "hello.program"),
    )


_SERVER_READERS: dict[str, Callable[[dict[str, Any]], ServerMessage]] = {
    "hello": _welcome,
    "deck": lambda m: DeckMessage(m.get("deck")),
    "place": lambda m: PlaceMessage(_place(m.get("place"))),
    "audience": lambda m: Audience(_count(m.get("followers"), "audience.followers")),
    "keepalive": lambda m: KeepAlive(),
    "bye": lambda m: Goodbye(_text(m.get("reason"), "bye.reason")),
    "refused": lambda m: Refusal(_text(m.get("reason"), "refused.reason")),
}


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProtocolError(f"{where}: expected an object")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise ProtocolError(f"{where}: expected text of at most {MAX_TEXT} characters")
    return clean_text(value)[0]


def _optional_text(value: Any, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _count(value: Any, where: str) -> int:
    if type(value) is not int or not 0 <= value < 2**31:
        raise ProtocolError(f"{where}: expected a count")
    return value


def _size(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(type(n) is int and 0 < n <= 10_000 for n in value)):
        raise ProtocolError("hello.size: expected [columns, rows]")
    return (value[0], value[1])


def _theme(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _THEME_NAME.fullmatch(value):
        raise ProtocolError("hello.theme: expected a theme name")
    return value


def _place(value: Any) -> Place:
    try:
        return Place.from_json(value)
    except PlaceError as error:
        raise ProtocolError(f"place: {error}") from None

