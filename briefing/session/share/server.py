"""``ShareServer``: the presenter's side of a shared presentation, on the presenter's event loop.

The app wires it with three calls: ``await server.start()`` once, ``server.publish_place(place)``
whenever the place changes, ``server.publish_deck(deck, place)`` after a reload, and
``await server.close()`` at quit. ``on_event`` receives :mod:`.events` values (who joined,
left, was refused; what a presenter view asks) to show as notices.

The presenter's screen never waits for a follower. ``publish_*`` are plain functions that
put bytes, encoded once for everybody, into each follower's outbox and return; each follower
has its own task that writes them out. An outbox holds at most one message of each kind —
the latest place replaces a place not yet sent — so a follower that reads slowly skips places
instead of piling them up, and one that reads nothing for ``Timing.send`` seconds is
dropped. Decks are encoded in a worker thread. Everything a follower sends is read with the
small follower limit and a silence timeout; anything unexpected drops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from datetime import UTC, datetime

from ...deck.codec import deck_to_data
from ...deck.model import Deck
from ..place import Place
from .access import (
    AccessPolicy,
    Account,
    Decision,
    Group,
    Role,
    account_of,
    check_can_share_with,
    peer_credentials,
)
from .errors import ProtocolError, ShareError
from .events import DriveRequest, Joined, Left, Problem, Refused, ServerEvent
from .protocol import (
    DEFAULT_TIMING,
    MAX_DECK_MESSAGE,
    MAX_FOLLOWER_MESSAGE,
    MAX_PRESENTER_MESSAGE,
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
    read_client_message,
    read_frame,
    read_hello,
)
from .runtime import PresentationDir, RuntimeDir

DEFAULT_MAX_FOLLOWERS = 64
MAX_PRESENTER_VIEWS = 4
HANDSHAKES_PER_PLACE = 4
"""New connections allowed to be saying hello at once, per follower place: a crowd joining
together gets in (or is told "full"), while a flood of half-open connections stays bounded
(each is dropped after ``Timing.hello`` seconds anyway)."""
LISTEN_BACKLOG = 512
"""Connections the kernel queues before the server accepts them: a crowd arriving at once is
accepted and told "full" rather than left hanging in connect()."""
SEND_CHUNK = 256 * 1024
"""Bytes handed to a follower's transport at a time: its buffer never holds a whole deck."""
KEEPALIVE_FRAME = frame(KeepAlive().to_json())
TURN_AWAY_SECONDS = 1.0
TURN_AWAY_BYTES = 64 * 1024
"""How long, and how much, a refused peer may still send before the presenter hangs up."""


class _Outbox:
    """What waits to go to one peer: at most one message of each kind, the latest.

    Kinds leave in a fixed order, so a place never overtakes the deck it belongs to and a
    goodbye comes last; memory per peer is bounded whatever the presenter does."""

    ORDER = ("hello", "deck", "place", "audience", "keepalive", "bye")

    def __init__(self) -> None:
        self._pending: dict[str, bytes] = {}
        self.ready = asyncio.Event()

    def put(self, kind: str, data: bytes) -> None:
        self._pending[kind] = data
        self.ready.set()

    def take(self) -> tuple[str, bytes] | None:
        for kind in self.ORDER:
            data = self._pending.pop(kind, None)
            if data is not None:
                break
        else:
            kind, data = "", None
        if not self._pending:
            self.ready.clear()
        return None if data is None else (kind, data)


class _Peer:
    """One joined connection: who it is, its outbox, and why it ended."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, account: Account, role: Role) -> None:
        self.reader = reader
        self.writer = writer
        self.user = account.label
        self.role = role
        self.outbox = _Outbox()
        self.reason = "left"


class ShareServer:
    """One shared presentation: a socket in the runtime directory and everyone connected to it."""

    def __init__(
        self,
        deck: Deck,
        place: Place,
        *,
        group: Group | str | None,
        on_event: Callable[[ServerEvent], None] | None = None,
        max_followers: int = DEFAULT_MAX_FOLLOWERS,
        runtime: RuntimeDir | None = None,
        timing: Timing = DEFAULT_TIMING,
    ) -> None:
        self._group = Group.named(group) if isinstance(group, str) else group
        self._policy = AccessPolicy(os.geteuid(), self._group)
        self._on_event = on_event or (lambda event: None)
        self._max_followers = max_followers
        self._runtime = runtime
        self._timing = timing
        self._deck = deck
        self._place = place
        self._deck_frames: dict[Role, bytes] = {}
        self._generation = 0
        self._encoding = False
        self._peers: set[_Peer] = set()
        self._connections = 0
        self._handshakes = 0
        self._tasks: set[asyncio.Task] = set()
        self._since = datetime.now(UTC)
        self._presenter = ""
        self._dir: PresentationDir | None = None
        self._server: asyncio.AbstractServer | None = None
        self._closing = False

    # --- what the app calls ---------------------------------------------------------------

    async def start(self) -> None:
        """Encode the deck, claim a socket, start accepting, and only then open to the group."""
        if self._group is not None:
            check_can_share_with(self._group)
        self._presenter = (await asyncio.to_thread(account_of, os.geteuid())).label
        self._deck_frames = await asyncio.to_thread(_deck_frames, self._deck)
        runtime = self._runtime or RuntimeDir.from_environment()
        self._dir = PresentationDir.claim(runtime, self._group.gid if self._group else None)
        try:
            sock = self._dir.listen(backlog=LISTEN_BACKLOG)
            self._server = await asyncio.start_unix_server(self._accept, sock=sock, limit=MAX_PRESENTER_MESSAGE)
            self._dir.open_to_group()
        except BaseException:
            self._dir.remove()
            raise
        self._spawn(self._keep_alive())

    def publish_place(self, place: Place) -> None:
        """The presenter moved: every peer gets the new place (a slow one only the latest)."""
        self._place = place
        if self._encoding or not self._peers:
            return
        data = frame(PlaceMessage(place).to_json())
        for peer in self._joined():
            peer.outbox.put("place", data)

    def publish_deck(self, deck: Deck, place: Place) -> None:
        """A reload: the new deck is encoded off the loop, then sent with the latest place."""
        self._deck, self._place = deck, place
        self._generation += 1
        self._encoding = True
        self._spawn(self._send_deck(deck, self._generation))

    async def close(self, reason: str | None = None) -> None:
        """Say goodbye to everyone (briefly waiting for them), then remove the socket."""
        if self._closing:
            return
        self._closing = True
        reason = reason or f"{self._presenter} ended the presentation"
        if self._dir is not None:
            self._dir.close_door()
        if self._server is not None:
            self._server.close()
        bye = frame(Goodbye(reason).to_json())
        for peer in self._joined():
            peer.outbox.put("bye", bye)
        await self._wait_for_peers(self._timing.goodbye)
        for peer in list(self._peers):
            peer.writer.transport.abort()
        for task in list(self._tasks):
            task.cancel()
        await self._wait_for_peers(self._timing.goodbye)
        if self._dir is not None:
            self._dir.remove()

    @property
    def followers(self) -> int:
        """Followers following now (presenter views not counted)."""
        return sum(1 for peer in self._joined() if peer.role is Role.FOLLOWER)

    @property
    def info(self) -> PresentationInfo:
        return PresentationInfo(
            presenter=self._presenter,
            number=self._dir.number if self._dir else 0,
            title=self._deck.title,
            since=self._since,
            group=self._group.name if self._group else None,
            followers=self.followers,
        )

    @property
    def directory(self) -> str:
        """The presentation's directory, for the presenter's notice ("sharing at …")."""
        return str(self._dir.path) if self._dir else ""

    # --- connections ------------------------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._connections += 1
        try:
            await self._admit(reader, writer)
        except (ConnectionError, OSError):
            pass
        finally:
            self._connections -= 1
            if not writer.transport.is_closing():
                writer.transport.abort()

    async def _admit(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._closing:
            return
        uid = peer_credentials(writer.get_extra_info("socket")).uid
        if self._handshakes >= HANDSHAKES_PER_PLACE * (self._max_followers + MAX_PRESENTER_VIEWS):
            reason = "too many connecting at once: try again in a moment"
            self._emit(Refused((await asyncio.to_thread(account_of, uid)).label, reason))
            await _turn_away(reader, writer, reason)
            return
        self._handshakes += 1
        try:
            admitted = await self._handshake(reader, writer, uid)
        finally:
            self._handshakes -= 1
        if admitted is not None:
            await self._serve(*admitted)

    async def _handshake(self, reader, writer, uid: int) -> tuple[_Peer, Decision, Hello] | None:
        """Who it is (the user database is read off the loop) and its hello; None if refused."""
        account = await asyncio.to_thread(account_of, uid)
        decision = self._policy.decide(account)
        if not decision.allowed:
            self._emit(Refused(decision.user, decision.reason))
            await _turn_away(reader, writer, decision.reason)
            return None
        peer = _Peer(reader, writer, account, decision.role)
        try:
            hello = await self._hello(peer)
        except ShareError as error:
            self._emit(Refused(peer.user, str(error)))
            await _turn_away(reader, writer, str(error))
            return None
        return peer, decision, hello

    async def _hello(self, peer: _Peer) -> Hello:
        limit = MAX_PRESENTER_MESSAGE if peer.role is Role.PRESENTER else MAX_FOLLOWER_MESSAGE
        try:
            payload = await asyncio.wait_for(read_frame(peer.reader, limit, compressed=False), self._timing.hello)
        except TimeoutError:
            raise ProtocolError(f"no hello within {self._timing.hello:g} s") from None
        except (asyncio.IncompleteReadError, ConnectionError):
            raise ProtocolError("hung up before saying hello") from None
        return read_hello(parse_json(payload))

    async def _serve(self, peer: _Peer, decision: Decision, hello: Hello) -> None:
        if hello.want == "peek":
            peer.outbox.put("hello", frame(Welcome("peek", self.info).to_json()))
            peer.outbox.put("bye", frame(Goodbye("peek").to_json()))
            await self._send(peer)
            _hang_up(peer.writer)
            return
        refusal = self._role_refusal(decision, hello)
        if refusal:
            self._emit(Refused(peer.user, refusal))
            await _turn_away(peer.reader, peer.writer, refusal)
            return
        peer.role = Role.PRESENTER if hello.want == "present" else Role.FOLLOWER
        self._join(peer, hello)
        sender = asyncio.ensure_future(self._send(peer))
        receiver = asyncio.ensure_future(self._receive(peer))
        try:
            await asyncio.wait({sender, receiver}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sender.cancel()
            receiver.cancel()
            self._leave(peer)

    def _role_refusal(self, decision: Decision, hello: Hello) -> str:
        if hello.want == "present":
            if decision.role is not Role.PRESENTER:
                return f"only {self._presenter} may open the presenter view"
            if sum(1 for p in self._joined() if p.role is Role.PRESENTER) >= MAX_PRESENTER_VIEWS:
                return f"already {MAX_PRESENTER_VIEWS} presenter views open"
            return ""
        return self._full() if self.followers >= self._max_followers else ""

    def _full(self) -> str:
        return f"the presentation is full ({self._max_followers} followers)"

    def _join(self, peer: _Peer, hello: Hello) -> None:
        self._peers.add(peer)
        peer.outbox.put("hello", frame(Welcome(peer.role.value, self.info).to_json()))
        if not self._encoding:
            peer.outbox.put("deck", self._deck_frames[peer.role])
            peer.outbox.put("place", frame(PlaceMessage(self._place).to_json()))
        self._emit(Joined(peer.user, peer.role, self.followers, hello.size))
        self._announce_audience()

    def _leave(self, peer: _Peer) -> None:
        self._peers.discard(peer)
        _hang_up(peer.writer)
        if not self._closing:
            self._emit(Left(peer.user, peer.role, peer.reason, self.followers))
            self._announce_audience()

    async def _send(self, peer: _Peer) -> None:
        """Write the peer's outbox out, one message at a time, each within ``Timing.send``."""
        while True:
            await peer.outbox.ready.wait()
            item = peer.outbox.take()
            if item is None:
                continue
            kind, data = item
            try:
                await asyncio.wait_for(_write(peer.writer, data), self._timing.send)
            except TimeoutError:
                peer.reason = "too slow to read"
                return
            except (ConnectionError, OSError):
                return
            if kind == "bye":
                return

    async def _receive(self, peer: _Peer) -> None:
        """Read keep-alives (and a presenter view's drive requests); anything else ends the peer."""
        limit = MAX_PRESENTER_MESSAGE if peer.role is Role.PRESENTER else MAX_FOLLOWER_MESSAGE
        while True:
            try:
                payload = await asyncio.wait_for(read_frame(peer.reader, limit, compressed=False), self._timing.silence)
                message = read_client_message(parse_json(payload), may_drive=peer.role is Role.PRESENTER)
            except TimeoutError:
                peer.reason = f"silent for {self._timing.silence:g} s"
                return
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            except ProtocolError as error:
                peer.reason = str(error)
                _hang_up(peer.writer, Refusal(str(error)))
                return
            if isinstance(message, Drive):
                self._emit(DriveRequest(peer.user, message.place, message.command))

    # --- background work --------------------------------------------------------------------

    async def _send_deck(self, deck: Deck, generation: int) -> None:
        try:
            frames = await asyncio.to_thread(_deck_frames, deck)
        except Exception as error:  # the presentation goes on with the last deck sent
            if generation == self._generation:
                self._encoding = False
                self._emit(Problem(f"cannot share the reloaded deck: {error}"))
            return
        if generation != self._generation:
            return
        self._deck_frames, self._encoding = frames, False
        place = frame(PlaceMessage(self._place).to_json())
        for peer in self._joined():
            peer.outbox.put("deck", frames[peer.role])
            peer.outbox.put("place", place)

    async def _keep_alive(self) -> None:
        while True:
            await asyncio.sleep(self._timing.keepalive)
            for peer in self._joined():
                peer.outbox.put("keepalive", KEEPALIVE_FRAME)

    def _announce_audience(self) -> None:
        data = frame(Audience(self.followers).to_json())
        for peer in self._joined():
            peer.outbox.put("audience", data)

    def _joined(self) -> list[_Peer]:
        return list(self._peers)

    def _spawn(self, work) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _wait_for_peers(self, timeout: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (self._peers or self._connections) and loop.time() < deadline:
            await asyncio.sleep(0.01)

    def _emit(self, event: ServerEvent) -> None:
        self._on_event(event)


def _deck_frames(deck: Deck) -> dict[Role, bytes]:
    """The deck message for each role, encoded once: followers' without speaker notes."""
    return {
        Role.FOLLOWER: frame(DeckMessage(deck_to_data(deck, notes=False)).to_json(), MAX_DECK_MESSAGE),
        Role.PRESENTER: frame(DeckMessage(deck_to_data(deck, notes=True)).to_json(), MAX_DECK_MESSAGE),
    }


async def _write(writer: asyncio.StreamWriter, data: bytes) -> None:
    """Hand ``data`` to the transport a chunk at a time, waiting for each to drain."""
    view = memoryview(data)
    for start in range(0, len(view), SEND_CHUNK):
        writer.write(view[start : start + SEND_CHUNK])
        await writer.drain()


async def _turn_away(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, reason: str) -> None:
    """Refuse a connection so that the refusal arrives: say why, end our side, and let the
    peer's last bytes in (briefly, and only so many) before closing — closing with bytes
    unread makes the kernel report a reset, which can overtake the refusal."""
    transport = writer.transport
    if not transport.is_closing() and transport.get_write_buffer_size() == 0:
        writer.write(frame(Refusal(reason).to_json()))
        writer.write_eof()
        with contextlib.suppress(ConnectionError, OSError, TimeoutError):
            await asyncio.wait_for(_discard(reader, TURN_AWAY_BYTES), TURN_AWAY_SECONDS)
    _hang_up(writer)


async def _discard(reader: asyncio.StreamReader, most: int) -> None:
    while most > 0 and (chunk := await reader.read(min(most, 65536))):
        most -= len(chunk)


def _hang_up(writer: asyncio.StreamWriter, message: Refusal | None = None) -> None:
    """Close a connection now; a short last word goes only if it cannot wait on the peer."""
    transport = writer.transport
    if transport.is_closing():
        return
    if message is not None and transport.get_write_buffer_size() == 0:
        writer.write(frame(message.to_json()))
    if transport.get_write_buffer_size():
        transport.abort()
    else:
        transport.close()
