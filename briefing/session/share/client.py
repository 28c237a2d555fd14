"""``ShareClient``: a follower's (or presenter view's) side; ``list_presentations`` for the picker.

A follower app runs ``async for event in client.events(): ...`` in a worker and turns each
:mod:`.events` value into a message for its screens: ``Connected``, then ``DeckReceived``
(a decoded deck and the place in it), ``PlaceChanged``, ``AudienceChanged``, and at the end
``Ended``. With ``wait=True`` the client also waits for a presentation that has not started
(``Waiting``) and, after one ends or the connection is lost, waits for the next.

Nothing is trusted before it is checked: the presenter is named by user name and resolved to
a uid; the user directory, the presentation directory and the socket must belong to that
uid (runtime.py), and after connecting so must the peer, by its kernel credentials — a
socket someone else planted is refused before a byte is read. Then every message is read
with the protocol's limits and strictly, and the deck decoded with the strict codec, off the
event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import pwd
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

from ...deck.codec import CodecError, deck_from_data
from ...deck.model import Deck
from ..place import Place
from .access import Role, peer_credentials, uid_of
from .errors import (
    AccessDenied,
    AmbiguousPresentation,
    NotSharing,
    NotThePresenter,
    ProtocolError,
    ShareError,
)
from .events import (
    AudienceChanged,
    ClientEvent,
    Connected,
    DeckReceived,
    Ended,
    PlaceChanged,
    Waiting,
)
from .protocol import (
    DEFAULT_TIMING,
    MAX_DECK_MESSAGE,
    Audience,
    DeckMessage,
    Drive,
    Goodbye,
    Hello,
    KeepAlive,
    PlaceMessage,
    PresentationInfo,
    Refusal,
    Timing,
    Welcome,
    frame,
    parse_json,
    read_frame,
    read_server_message,
)
from .runtime import RuntimeDir, presentation_numbers, verified_dir

PARSE_IN_THREAD_FROM = 64 * 1024
"""Payloads this big are parsed in a worker thread, so the follower's screen keeps drawing."""


@dataclass(frozen=True, slots=True)
class _Line:
    """An open, verified connection to a presentation and the presenter's hello."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    welcome: Welcome


class ShareClient:
    """Follows one presenter's presentation (or, as ``want="present"``, opens its presenter view)."""

    def __init__(
        self,
        presenter: str,
        *,
        number: int | None = None,
        want: str = "follow",
        wait: bool = False,
        size: tuple[int, int] | None = None,
        theme: str | None = None,
        runtime: RuntimeDir | None = None,
        timing: Timing = DEFAULT_TIMING,
        retry_every: float = 1.0,
    ) -> None:
        if want not in ("follow", "present"):
            raise ValueError(f"want must be 'follow' or 'present', not {want!r}")
        self.presenter = presenter
        self.number = number
        self._hello = Hello(want=want, size=size, theme=theme)
        self._wait = wait
        self._runtime = runtime
        self._timing = timing
        self._retry_every = retry_every
        self._line: _Line | None = None

    async def events(self) -> AsyncIterator[ClientEvent]:
        """Everything that happens to the followed presentation, until it ends (or forever, waiting)."""
        while True:
            try:
                line = await self._connect()
            except NotSharing as error:
                if not self._wait:
                    raise
                yield Waiting(self.presenter, str(error))
                await asyncio.sleep(self._retry_every)
                continue
            async for event in self._follow(line):
                yield event
            if not self._wait:
                return
            yield Waiting(self.presenter, "the presentation ended")
            await asyncio.sleep(self._retry_every)

    async def drive(self, *, place: Place | None = None, command: str | None = None) -> None:
        """Ask the presenter to go to ``place`` or do ``command`` (presenter views only)."""
        line = self._line
        if line is None or line.welcome.role != Role.PRESENTER.value:
            raise ShareError("only the presenter view can drive the presentation")
        try:
            line.writer.write(frame(Drive(place=place, command=command).to_json()))
            await asyncio.wait_for(line.writer.drain(), self._timing.send)
        except (ConnectionError, OSError, TimeoutError):
            raise NotSharing(f"lost the connection to {self.presenter}") from None

    # --- connecting -------------------------------------------------------------------------

    async def _connect(self) -> _Line:
        runtime = self._runtime or RuntimeDir.from_environment()
        uid = await asyncio.to_thread(uid_of, self.presenter)
        number = self.number or await asyncio.to_thread(_only_joinable, runtime, uid, self.presenter)
        line = await open_line(runtime, uid, self.presenter, number, self._hello, self._timing)
        if line.welcome.role != _granted(self._hello.want):
            _close(line.writer)
            raise ProtocolError(f"asked to {self._hello.want}, the presenter answered as {line.welcome.role!r}")
        return line

    async def _follow(self, line: _Line) -> AsyncIterator[ClientEvent]:
        self._line = line
        keepalive = asyncio.ensure_future(self._keep_alive(line.writer))
        try:
            yield Connected(line.welcome.presentation, Role(line.welcome.role))
            async for event in self._messages(line):
                yield event
        finally:
            self._line = None
            keepalive.cancel()
            _close(line.writer)

    async def _messages(self, line: _Line) -> AsyncIterator[ClientEvent]:
        deck: Deck | None = None
        while True:
            try:
                message = await self._next_message(line.reader)
            except TimeoutError:
                yield Ended(f"{self.presenter} has been silent for {self._timing.silence:g} s")
                return
            except (asyncio.IncompleteReadError, ConnectionError):
                yield Ended(f"lost the connection to {self.presenter}")
                return
            if isinstance(message, DeckMessage):
                deck = await _decoded(message.deck)
            elif isinstance(message, PlaceMessage):
                yield DeckReceived(deck, message.place) if deck is not None else PlaceChanged(message.place)
                deck = None
            elif isinstance(message, Audience):
                yield AudienceChanged(message.followers)
            elif isinstance(message, (Goodbye, Refusal)):
                yield Ended(message.reason if isinstance(message, Goodbye) else f"dropped by {self.presenter}: {message.reason}")
                return
            elif not isinstance(message, KeepAlive):
                raise ProtocolError(f"{self.presenter} sent a second hello")

    async def _next_message(self, reader: asyncio.StreamReader):
        payload = await asyncio.wait_for(read_frame(reader, MAX_DECK_MESSAGE, compressed=True), self._timing.silence)
        if len(payload) >= PARSE_IN_THREAD_FROM:
            return read_server_message(await asyncio.to_thread(parse_json, payload))
        return read_server_message(parse_json(payload))

    async def _keep_alive(self, writer: asyncio.StreamWriter) -> None:
        """A keep-alive now and then; a lost connection shows up as the reader's end, not here."""
        data = frame(KeepAlive().to_json())
        with contextlib.suppress(ConnectionError, OSError):
            while True:
                await asyncio.sleep(self._timing.keepalive)
                writer.write(data)
                await writer.drain()


async def open_line(runtime: RuntimeDir, uid: int, who: str, number: int, hello: Hello, timing: Timing) -> _Line:
    """Connect to ``who``'s presentation ``number``, check it is theirs, exchange hellos."""
    directory = await asyncio.to_thread(verified_dir, runtime, uid, who, number)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
    sock.setblocking(False)
    try:
        await _connect_socket(sock, directory.address, who, number, timing)
    except BaseException:
        sock.close()
        raise
    finally:
        directory.close()
    try:
        _check_peer(sock, uid, who)
        await asyncio.get_running_loop().sock_sendall(sock, frame(hello.to_json()))
        welcome = await _welcome(_SocketReader(sock), who, timing)
    except BaseException:
        sock.close()
        raise
    reader, writer = await asyncio.open_unix_connection(sock=sock, limit=2**16)
    return _Line(reader, writer, welcome)


class _SocketReader:
    """``readexactly`` straight from the socket, for the presenter's first word.

    A presenter that refuses us hangs up at once; the kernel then reports a reset, and
    asyncio's StreamReader raises that before handing over the refusal it already holds.
    ``recv`` returns the queued refusal first."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    async def readexactly(self, size: int) -> bytes:
        loop, data = asyncio.get_running_loop(), bytearray()
        while len(data) < size:
            chunk = await loop.sock_recv(self._sock, size - len(data))
            if not chunk:
                raise asyncio.IncompleteReadError(bytes(data), size)
            data += chunk
        return bytes(data)


async def _connect_socket(sock: socket.socket, address: str, who: str, number: int, timing: Timing) -> None:
    """``connect()``, retried while the presenter's queue of new connections is full.

    A Unix socket answers a full queue with EAGAIN, not EINPROGRESS; ``loop.sock_connect``
    would wait for writability and take the unconnected socket for a connected one."""
    loop = asyncio.get_running_loop()
    deadline, pause = loop.time() + timing.hello, 0.01
    while True:
        try:
            sock.connect(address)
            return
        except BlockingIOError:
            if loop.time() >= deadline:
                raise AccessDenied(f"{who}'s presentation {number} is too busy to let you in: try again") from None
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.2)
        except (ConnectionRefusedError, FileNotFoundError):
            raise NotSharing(f"{who}'s presentation {number} has ended") from None
        except PermissionError:
            raise AccessDenied(f"you may not connect to {who}'s presentation {number}") from None


def _check_peer(sock: socket.socket, uid: int, who: str) -> None:
    """The process that listens must run as the presenter: the final word on who is at the other end."""
    peer = peer_credentials(sock)
    if peer.uid != uid:
        raise NotThePresenter(f"the process behind {who}'s socket runs as uid {peer.uid}, not as {who}: not following it")


async def _welcome(reader: _SocketReader, who: str, timing: Timing) -> Welcome:
    try:
        payload = await asyncio.wait_for(read_frame(reader, MAX_DECK_MESSAGE, compressed=True), timing.hello)
    except TimeoutError:
        raise ProtocolError(f"{who}'s presentation did not answer within {timing.hello:g} s") from None
    except (asyncio.IncompleteReadError, ConnectionError):
        raise NotSharing(f"{who}'s presentation hung up") from None
    message = read_server_message(parse_json(payload))
    if isinstance(message, Refusal):
        raise AccessDenied(f"{who}'s presentation refused you: {message.reason}")
    if not isinstance(message, Welcome):
        raise ProtocolError(f"{who}'s presentation did not start with a hello")
    return message


async def _decoded(data) -> Deck:
    try:
        return await asyncio.to_thread(deck_from_data, data)
    except CodecError as error:
        raise ProtocolError(f"the presenter's deck cannot be read: {error}") from None


def _only_joinable(runtime: RuntimeDir, uid: int, who: str) -> int:
    """The one presentation of ``who`` this user may join; a clear error for none or several."""
    numbers = presentation_numbers(runtime, uid, who)
    joinable, refusal = [], None
    for number in numbers:
        try:
            verified_dir(runtime, uid, who, number).close()
            joinable.append(number)
        except (AccessDenied, NotSharing) as error:
            refusal = refusal or error
    if len(joinable) == 1:
        return joinable[0]
    if joinable:
        listed = ", ".join(f"{who}/{n}" for n in joinable)
        raise AmbiguousPresentation(f"{who} runs {len(joinable)} presentations you may join: {listed}", tuple(joinable))
    raise refusal or NotSharing(f"{who} is not presenting")


def _granted(want: str) -> str:
    return {"follow": Role.FOLLOWER.value, "present": Role.PRESENTER.value}.get(want, want)


def _close(writer: asyncio.StreamWriter) -> None:
    if not writer.transport.is_closing():
        writer.transport.abort()


# --- listing ------------------------------------------------------------------------------------


async def list_presentations(runtime: RuntimeDir | None = None, *, timing: Timing = DEFAULT_TIMING) -> list[PresentationInfo]:
    """The presentations this user may join, asked of each socket (so none is stale), by presenter."""
    runtime = runtime or RuntimeDir.from_environment()
    candidates = await asyncio.to_thread(_candidates, runtime)
    found = await asyncio.gather(*(_peek(runtime, uid, who, number, timing) for uid, who, number in candidates))
    return sorted((info for info in found if info is not None), key=lambda i: (i.presenter, i.number))


def _candidates(runtime: RuntimeDir) -> list[tuple[int, str, int]]:
    candidates = []
    for uid in runtime.presenter_uids():
        try:
            who = pwd.getpwuid(uid).pw_name
            candidates.extend((uid, who, n) for n in presentation_numbers(runtime, uid, who))
        except (KeyError, ShareError, OSError):
            continue
    return candidates


async def _peek(runtime: RuntimeDir, uid: int, who: str, number: int, timing: Timing) -> PresentationInfo | None:
    try:
        line = await open_line(runtime, uid, who, number, Hello(want="peek"), timing)
    except (ShareError, OSError):
        return None
    _close(line.writer)
    return line.welcome.presentation

