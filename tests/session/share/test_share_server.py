"""A presenter's ShareServer and followers' ShareClients over real sockets in a temporary
runtime directory: what each side receives, what the presenter is told, and what drops."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import grp
import json
import os
import signal
import sys
import zlib
from pathlib import Path

import pytest
from share_support import FAST, root_only

from briefing.session import Place
from briefing.session.share import (
    AccessDenied,
    AmbiguousPresentation,
    AudienceChanged,
    Connected,
    DeckReceived,
    DriveRequest,
    Ended,
    Joined,
    Left,
    MessageTooBig,
    NotSharing,
    NotThePresenter,
    PlaceChanged,
    Problem,
    Refused,
    Role,
    ShareClient,
    ShareServer,
    Waiting,
    list_presentations,
)
from briefing.session.share import server as server_module
from briefing.session.share.access import Account
from briefing.session.share.protocol import HEADER, ZLIB, Hello, KeepAlive, frame
from briefing.session.share.runtime import PresentationDir, verified_dir

PROBE = Path(__file__).with_name("share_probe.py")
ME = os.geteuid()
MY_NAME = __import__("pwd").getpwuid(ME).pw_name
MY_GROUP = grp.getgrgid(os.getegid()).gr_name


@contextlib.asynccontextmanager
async def sharing(deck, runtime, **options):
    events: list = []
    options.setdefault("group", MY_GROUP)
    server = ShareServer(deck, Place(), on_event=events.append, runtime=runtime, timing=FAST, **options)
    await server.start()
    server.events = events
    try:
        yield server
    finally:
        await server.close()


def follower(runtime, **options) -> ShareClient:
    return ShareClient(MY_NAME, runtime=runtime, timing=FAST, **options)


async def next_of(events, kind, timeout: float = 5.0):
    """The next event of ``kind`` from a client's event stream (others before it are skipped)."""

    async def find():
        async for event in events:
            if isinstance(event, kind):
                return event

    return await asyncio.wait_for(find(), timeout)


async def until(condition, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out waiting"
        await asyncio.sleep(0.01)


def notes_of(deck) -> list[str]:
    return [item.notes for item in (*deck.incidents, *deck.events) if item.notes]


class RawPeer:
    """A hand-made client that sends what it likes and keeps every byte it receives."""

    def __init__(self, reader, writer) -> None:
        self.reader, self.writer = reader, writer
        self.received = bytearray()

    @classmethod
    async def connect(cls, runtime, number: int = 1) -> RawPeer:
        directory = verified_dir(runtime, ME, MY_NAME, number)
        try:
            reader, writer = await asyncio.open_unix_connection(directory.address)
        finally:
            directory.close()
        return cls(reader, writer)

    def send(self, message: dict) -> None:
        self.writer.write(frame(message))

    async def read_all(self, timeout: float = 5.0) -> bytes:
        async def drain():
            while chunk := await self.reader.read(65536):
                self.received += chunk

        with contextlib.suppress(ConnectionError):
            await asyncio.wait_for(drain(), timeout)
        return bytes(self.received)

    def messages(self) -> list[dict]:
        data, found = bytes(self.received), []
        while len(data) >= HEADER.size:
            length, encoding = HEADER.unpack(data[: HEADER.size])
            payload, data = data[HEADER.size : HEADER.size + length], data[HEADER.size + length :]
            found.append(json.loads(zlib.decompress(payload) if encoding == ZLIB else payload))
        return found

    def close(self) -> None:
        self.writer.transport.abort()


async def test_a_follower_receives_the_deck_without_notes_then_each_place(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        events = follower(runtime, size=(80, 24)).events()
        connected = await next_of(events, Connected)
        assert connected.role is Role.FOLLOWER
        assert (connected.presentation.presenter, connected.presentation.title) == (MY_NAME, example_deck.title)
        received = await next_of(events, DeckReceived)
        assert received.place == Place()
        assert [i.id for i in received.deck.incidents] == [i.id for i in example_deck.incidents]
        assert all(i.notes is None for i in (*received.deck.incidents, *received.deck.events))
        assert str(runtime.base) not in str(received.deck.files)
        server.publish_place(Place(screen="timeline", slide=2))
        assert (await next_of(events, PlaceChanged)).place == Place(screen="timeline", slide=2)
        assert server.events[0] == Joined(MY_NAME, Role.FOLLOWER, 1, (80, 24))
        await events.aclose()


async def test_a_reload_sends_the_new_deck_with_the_latest_place(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        events = follower(runtime).events()
        await next_of(events, DeckReceived)
        edited = dataclasses.replace(example_deck, title="Edited title")
        server.publish_deck(edited, Place(screen="quotes"))
        server.publish_place(Place(screen="sources"))  # moved on while the deck was encoding
        received = await next_of(events, DeckReceived)
        assert received.deck.title == "Edited title"
        assert received.place == Place(screen="sources")
        await events.aclose()


async def test_quick_reloads_end_on_the_last_deck(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        events = follower(runtime).events()
        await next_of(events, DeckReceived)
        for n in range(5):
            server.publish_deck(dataclasses.replace(example_deck, title=f"Edit {n}"), Place(slide=n))
        titles = []
        while not titles or titles[-1] != "Edit 4":
            titles.append((await next_of(events, DeckReceived)).deck.title)
        assert titles == sorted(titles), "never an older deck after a newer one"
        await events.aclose()


async def test_a_deck_that_cannot_be_encoded_is_reported_and_sharing_goes_on(example_deck, runtime, monkeypatch):
    async with sharing(example_deck, runtime) as server:
        events = follower(runtime).events()
        await next_of(events, DeckReceived)

        def broken(deck, notes=True):
            raise TypeError("a model class the codec does not know")

        monkeypatch.setattr(server_module, "deck_to_data", broken)
        server.publish_deck(example_deck, Place(slide=1))
        await until(lambda: any(isinstance(e, Problem) for e in server.events))
        assert [e.notice for e in server.events if isinstance(e, Problem)] == [
            "cannot share the reloaded deck: a model class the codec does not know"
        ]
        server.publish_place(Place(slide=3))
        assert (await next_of(events, PlaceChanged)).place == Place(slide=3)
        await events.aclose()


async def test_quitting_says_goodbye_and_removes_the_socket(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        events = follower(runtime).events()
        await next_of(events, DeckReceived)
        directory = server.directory
        await server.close()
        ended = await next_of(events, Ended)
        assert ended.reason == f"{MY_NAME} ended the presentation"
        assert not os.path.exists(directory)
        with pytest.raises(StopAsyncIteration):
            await events.__anext__()


async def test_the_presenter_is_told_who_joins_and_leaves_and_everyone_the_count(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        first = follower(runtime).events()
        await next_of(first, DeckReceived)
        second = follower(runtime).events()
        await next_of(second, DeckReceived)
        assert (await next_of(first, AudienceChanged)).followers in (1, 2)
        await until(lambda: server.followers == 2)
        await second.aclose()
        await until(lambda: server.followers == 1)
        assert [e.notice for e in server.events] == [f"{MY_NAME} is following", f"{MY_NAME} is following", f"{MY_NAME} left"]
        assert server.events[-1] == Left(MY_NAME, Role.FOLLOWER, "left", 1)
        await first.aclose()


async def test_the_presenter_view_receives_notes_and_may_drive(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        client = follower(runtime, want="present")
        events = client.events()
        assert (await next_of(events, Connected)).role is Role.PRESENTER
        received = await next_of(events, DeckReceived)
        assert notes_of(received.deck) == notes_of(example_deck)
        assert server.followers == 0, "a presenter view is not a follower"
        await client.drive(command="next")
        await client.drive(place=Place(screen="positions"))
        await until(lambda: len([e for e in server.events if isinstance(e, DriveRequest)]) == 2)
        drives = [e for e in server.events if isinstance(e, DriveRequest)]
        assert drives == [DriveRequest(MY_NAME, None, "next"), DriveRequest(MY_NAME, Place(screen="positions"), None)]
        await events.aclose()


async def test_a_follower_cannot_drive(example_deck, runtime):
    async with sharing(example_deck, runtime):
        client = follower(runtime)
        events = client.events()
        await next_of(events, DeckReceived)
        with pytest.raises(Exception, match="only the presenter view"):
            await client.drive(command="next")
        await events.aclose()


async def test_a_follower_that_sends_a_drive_anyway_is_dropped(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        peer = await RawPeer.connect(runtime)
        peer.send(Hello().to_json())
        peer.send({"type": "drive", "command": "next"})
        await peer.read_all()
        assert [m["type"] for m in peer.messages()][-1] == "refused"
        left = [e for e in server.events if isinstance(e, Left)]
        assert left and "may not send 'drive'" in left[0].reason
        assert not [e for e in server.events if isinstance(e, DriveRequest)]


async def test_only_the_presenter_may_open_the_presenter_view(example_deck, runtime, monkeypatch):
    async with sharing(example_deck, runtime) as server:
        monkeypatch.setattr(server_module, "account_of", lambda uid: Account(4242, "bob", frozenset({os.getegid()})))
        with pytest.raises(AccessDenied, match=f"only {MY_NAME} may open the presenter view"):
            await anext(follower(runtime, want="present").events())
        assert server.events[-1] == Refused("bob", f"only {MY_NAME} may open the presenter view")


async def test_an_outsider_is_refused_and_the_presenter_told(example_deck, runtime, monkeypatch):
    async with sharing(example_deck, runtime) as server:
        monkeypatch.setattr(server_module, "account_of", lambda uid: Account(4242, "bob", frozenset({4242})))
        with pytest.raises(AccessDenied, match=f"refused you: not in group {MY_GROUP}"):
            await anext(follower(runtime).events())
        assert [e.notice for e in server.events] == [f"refused bob: not in group {MY_GROUP}"]


async def test_listing_asks_each_presentation_without_joining_it(example_deck, runtime):
    async with sharing(example_deck, runtime) as first, sharing(example_deck, runtime):
        events = follower(runtime, number=1).events()
        await next_of(events, DeckReceived)
        found = await list_presentations(runtime, timing=FAST)
        assert [(p.presenter, p.number, p.title, p.group) for p in found] == [
            (MY_NAME, 1, example_deck.title, MY_GROUP),
            (MY_NAME, 2, example_deck.title, MY_GROUP),
        ]
        assert [p.followers for p in found] == [1, 0]
        assert [type(e) for e in first.events] == [Joined], "peeking is not joining"
        await events.aclose()


async def test_two_presentations_make_the_follower_choose(example_deck, runtime):
    async with sharing(example_deck, runtime), sharing(dataclasses.replace(example_deck, title="Second"), runtime):
        with pytest.raises(AmbiguousPresentation, match=f"{MY_NAME}/1, {MY_NAME}/2") as caught:
            await anext(follower(runtime).events())
        assert caught.value.numbers == (1, 2)
        events = follower(runtime, number=2).events()
        assert (await next_of(events, Connected)).presentation.title == "Second"
        await events.aclose()


async def test_a_full_presentation_refuses_the_next_follower_and_tells_both(example_deck, runtime):
    async with sharing(example_deck, runtime, max_followers=2) as server:
        joined = [follower(runtime).events() for _ in range(2)]
        for events in joined:
            await next_of(events, DeckReceived)
        with pytest.raises(AccessDenied, match=r"the presentation is full \(2 followers\)"):
            await anext(follower(runtime).events())
        assert server.events[-1] == Refused(MY_NAME, "the presentation is full (2 followers)")
        for events in joined:
            await events.aclose()


async def test_a_follower_of_another_protocol_version_is_told_both_versions(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        peer = await RawPeer.connect(runtime)
        peer.send(Hello().to_json() | {"protocol": 99, "program": "briefing 9.9"})
        await peer.read_all()
        [refusal] = peer.messages()
        assert refusal["type"] == "refused" and "protocol 99 (briefing 9.9)" in refusal["reason"]
        assert isinstance(server.events[-1], Refused) and "protocol 99" in server.events[-1].reason


async def test_a_connection_that_never_says_hello_is_refused(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        peer = await RawPeer.connect(runtime)
        await peer.read_all()
        assert peer.messages() == [{"type": "refused", "reason": f"no hello within {FAST.hello:g} s"}]
        assert server.events == [Refused(MY_NAME, f"no hello within {FAST.hello:g} s")]


async def test_a_silent_follower_is_dropped(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        peer = await RawPeer.connect(runtime)
        peer.send(Hello().to_json())
        await peer.read_all()  # reads everything, sends no keep-alive
        assert server.events[-1] == Left(MY_NAME, Role.FOLLOWER, f"silent for {FAST.silence:g} s", 0)


async def test_a_follower_that_keeps_alive_stays(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        events = follower(runtime).events()
        await next_of(events, DeckReceived)
        await asyncio.sleep(FAST.silence * 2)
        assert server.followers == 1
        await events.aclose()


async def test_a_slow_reader_gets_only_the_latest_place(example_deck, runtime):
    async with sharing(example_deck, runtime) as server:
        peer = await RawPeer.connect(runtime)
        peer.send(Hello().to_json())
        await until(lambda: server.followers == 1)
        for slide in range(500):
            server.publish_place(Place(slide=slide))
        peer.send(KeepAlive().to_json())
        await asyncio.sleep(0.2)
        await server.close()
        await peer.read_all()
        slides = [m["place"]["slide"] for m in peer.messages() if m["type"] == "place"]
        assert slides[-1] == 499
        assert len(slides) < 50, f"places were queued, not coalesced: {len(slides)} sent"


async def test_notes_are_in_no_byte_sent_to_a_follower(example_deck, runtime):
    notes = notes_of(example_deck)
    async with sharing(example_deck, runtime) as server:
        peer = await RawPeer.connect(runtime)
        peer.send(Hello().to_json())
        await until(lambda: server.followers == 1)
        server.publish_deck(example_deck, Place(screen="brief", slide=1))
        server.publish_place(Place(slide=2))
        await asyncio.sleep(0.3)
    await peer.read_all()
    messages = peer.messages()
    assert [m["type"] for m in messages if m["type"] != "keepalive"][:3] == ["hello", "deck", "place"]
    assert sum(m["type"] == "deck" for m in messages) == 2
    plain = json.dumps(messages, ensure_ascii=False)
    assert not [note for note in notes if note in plain or note[:40] in plain]
    assert example_deck.incidents[0].summary[:40] in plain, "the capture holds the deck itself"


async def test_a_deck_too_big_to_share_is_a_clear_error(example_deck, runtime, monkeypatch):
    monkeypatch.setattr(server_module, "MAX_DECK_MESSAGE", 1000)
    server = ShareServer(example_deck, Place(), group=MY_GROUP, runtime=runtime, timing=FAST)
    with pytest.raises(MessageTooBig, match="over the limit"):
        await server.start()


async def test_a_follower_waits_for_a_presentation_that_has_not_started(example_deck, runtime):
    events = follower(runtime, wait=True, retry_every=0.05).events()
    waiting = await next_of(events, Waiting)
    assert waiting.presenter == MY_NAME
    async with sharing(example_deck, runtime) as server:
        assert (await next_of(events, DeckReceived)).deck.title == example_deck.title
        await server.close()
        assert isinstance(await next_of(events, Ended), Ended)
        assert isinstance(await next_of(events, Waiting), Waiting)
    async with sharing(example_deck, runtime):
        assert isinstance(await next_of(events, DeckReceived), DeckReceived)
    await events.aclose()


async def test_without_wait_a_follower_of_nobody_is_told_so(runtime):
    with pytest.raises(NotSharing, match=f"{MY_NAME} is not presenting"):
        await anext(follower(runtime).events())


async def test_a_follower_notices_a_presenter_gone_silent(runtime):
    """A stopped presenter (SIGSTOP, a hung machine) keeps its socket open but says nothing."""
    presenter = await asyncio.create_subprocess_exec(
        sys.executable, str(PROBE), "present", str(runtime.base), MY_GROUP,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, cwd=PROBE.parent,
    )
    try:
        assert json.loads(await presenter.stdout.readline())["event"] == "ready"
        events = follower(runtime).events()
        await next_of(events, DeckReceived)
        os.kill(presenter.pid, signal.SIGSTOP)
        ended = await next_of(events, Ended, timeout=FAST.silence * 10)
        assert ended.reason == f"{MY_NAME} has been silent for {FAST.silence:g} s"
    finally:
        os.kill(presenter.pid, signal.SIGCONT)
        presenter.kill()
        await presenter.wait()


@root_only
async def test_a_socket_served_by_someone_else_is_refused_before_any_byte(example_deck, runtime):
    """Files chowned to look like nobody's presentation, served by a root process: the peer
    credentials tell the truth."""
    presentation = PresentationDir.claim(runtime, None)
    listener = presentation.listen(backlog=1)
    user_dir = runtime.user_dir(ME)
    impostor = runtime.user_dir(65534)
    os.rename(user_dir, impostor)
    for path in (impostor, impostor / "1", impostor / "1" / "socket"):
        os.chown(path, 65534, 65534, follow_symlinks=False)
    try:
        with pytest.raises(NotThePresenter, match="runs as uid 0, not as nobody"):
            await anext(ShareClient("nobody", runtime=runtime, timing=FAST).events())
    finally:
        listener.close()
        os.rename(impostor, user_dir)
        presentation.remove()
