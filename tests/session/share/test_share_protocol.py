"""The protocol's frames and messages: bounded before anything is read, strict about shapes,
clear about versions."""

from __future__ import annotations

import asyncio
import json
import zlib
from datetime import UTC, datetime

import pytest

from briefing.session import Place
from briefing.session.share.errors import MessageTooBig, ProtocolError
from briefing.session.share.protocol import (
    COMPRESS_FROM,
    HEADER,
    MAX_FOLLOWER_MESSAGE,
    PROGRAM,
    PROTOCOL_VERSION,
    RAW,
    ZLIB,
    Audience,
    DeckMessage,
    Drive,
    Goodbye,
    Hello,
    KeepAlive,
    PlaceMessage,
    PresentationInfo,
    Refusal,
    Welcome,
    frame,
    parse_json,
    read_client_message,
    read_frame,
    read_hello,
    read_server_message,
)

INFO = PresentationInfo("alice", 1, "Airspace", datetime(2025, 9, 25, 8, 0, tzinfo=UTC), "ops", 3)


def stream(data: bytes, eof: bool = True) -> asyncio.StreamReader:
    reader = asyncio.StreamReader()
    reader.feed_data(data)
    if eof:
        reader.feed_eof()
    return reader


async def read_back(data: bytes, limit: int = 2**26, compressed: bool = True) -> dict:
    return parse_json(await read_frame(stream(data), limit, compressed=compressed))


async def test_a_small_message_goes_raw_and_comes_back():
    data = frame(PlaceMessage(Place(screen="quotes")).to_json())
    assert HEADER.unpack(data[: HEADER.size])[1] == RAW
    assert read_server_message(await read_back(data)) == PlaceMessage(Place(screen="quotes"))


async def test_a_big_message_is_compressed_and_comes_back():
    deck = {"text": "incident " * COMPRESS_FROM}
    data = frame(DeckMessage(deck).to_json())
    length, encoding = HEADER.unpack(data[: HEADER.size])
    assert encoding == ZLIB and length < COMPRESS_FROM
    assert read_server_message(await read_back(data)) == DeckMessage(deck)


def test_a_message_over_the_limit_cannot_be_framed():
    with pytest.raises(MessageTooBig, match="over the limit"):
        frame({"type": "deck", "deck": "x" * 2000}, limit=1000)


async def test_a_huge_length_prefix_is_refused_before_reading_any_payload():
    reader = stream(HEADER.pack(2**30, RAW), eof=False)  # no payload follows, and no end either
    with pytest.raises(ProtocolError, match=f"{2**30} bytes is over the limit of {MAX_FOLLOWER_MESSAGE}"):
        await asyncio.wait_for(read_frame(reader, MAX_FOLLOWER_MESSAGE, compressed=False), 1)


async def test_a_zip_bomb_inflates_no_further_than_the_limit():
    bomb = zlib.compress(b"[" + b" " * 50_000_000 + b"]", 9)
    with pytest.raises(ProtocolError, match="inflates to over the limit"):
        await read_back(HEADER.pack(len(bomb), ZLIB) + bomb, limit=1_000_000)


async def test_damaged_and_truncated_compressed_payloads_are_refused():
    packed = zlib.compress(b'{"type":"keepalive"}')
    with pytest.raises(ProtocolError, match="damaged"):
        await read_back(HEADER.pack(5, ZLIB) + b"xxxxx")
    with pytest.raises(ProtocolError, match="truncated"):
        await read_back(HEADER.pack(len(packed) - 2, ZLIB) + packed[:-2])


async def test_followers_may_not_send_compressed_frames():
    packed = zlib.compress(b'{"type":"keepalive"}')
    with pytest.raises(ProtocolError, match="encoding"):
        await read_frame(stream(HEADER.pack(len(packed), ZLIB) + packed), 4096, compressed=False)


async def test_an_unknown_frame_encoding_is_refused():
    with pytest.raises(ProtocolError, match="unknown frame encoding 7"):
        await read_back(HEADER.pack(2, 7) + b"{}")


async def test_a_connection_that_ends_mid_frame_is_an_incomplete_read():
    with pytest.raises(asyncio.IncompleteReadError):
        await read_back(HEADER.pack(100, RAW) + b'{"type"')


@pytest.mark.parametrize(
    "payload",
    [b"\xff\xfe garbage", b"[1, 2]", b'{"no": "type"}', b'{"type": 5}', b"[" * 100_000 + b"]" * 100_000, b"NaN"],
    ids=["not utf-8", "a list", "no type", "a numeric type", "deep nesting", "not an object"],
)
def test_garbage_is_a_protocol_error(payload):
    with pytest.raises(ProtocolError):
        parse_json(payload)


def test_a_hello_reads_back():
    hello = Hello(want="follow", size=(80, 24), theme="dark")
    assert read_hello(json.loads(json.dumps(hello.to_json()))) == hello


def test_a_hello_from_another_protocol_version_says_which_programs_disagree():
    message = Hello().to_json() | {"protocol": PROTOCOL_VERSION + 1, "program": "briefing 9.0"}
    with pytest.raises(ProtocolError) as caught:
        read_hello(message)
    text = str(caught.value)
    assert f"protocol {PROTOCOL_VERSION + 1}" in text and "briefing 9.0" in text and PROGRAM in text


@pytest.mark.parametrize(
    "change,message",
    [
        ({"type": "keepalive"}, "first message must be a hello"),
        ({"want": "drive"}, "hello.want"),
        ({"size": [80]}, "hello.size"),
        ({"size": [0, 24]}, "hello.size"),
        ({"size": [True, 24]}, "hello.size"),
        ({"theme": "../../etc/passwd"}, "hello.theme"),
        ({"program": "x" * 5000}, "hello.program"),
    ],
)
def test_a_malformed_hello_is_refused(change, message):
    with pytest.raises(ProtocolError, match=message):
        read_hello(Hello().to_json() | change)


def test_a_follower_may_only_keep_alive():
    assert read_client_message({"type": "keepalive"}, may_drive=False) == KeepAlive()
    with pytest.raises(ProtocolError, match="a follower may not send 'drive'"):
        read_client_message(Drive(command="next").to_json(), may_drive=False)
    with pytest.raises(ProtocolError, match="may not send 'hello'"):
        read_client_message(Hello().to_json(), may_drive=False)


def test_a_presenter_view_may_drive_by_place_or_by_command():
    place = Place(screen="timeline", slide=2)
    assert read_client_message(Drive(place=place).to_json(), may_drive=True) == Drive(place=place)
    assert read_client_message(Drive(command="next").to_json(), may_drive=True) == Drive(command="next")


@pytest.mark.parametrize(
    "message,error",
    [
        ({"type": "drive", "place": None, "command": None}, "either a place or a command"),
        ({"type": "drive", "place": {"screen": "brief"}, "command": "next"}, "either a place or a command"),
        ({"type": "drive", "command": "rm -rf"}, "drive.command"),
        ({"type": "drive", "place": {"screen": "shell"}}, "unknown screen"),
    ],
)
def test_a_malformed_drive_is_refused(message, error):
    with pytest.raises(ProtocolError, match=error):
        read_client_message(message, may_drive=True)


@pytest.mark.parametrize(
    "message",
    [
        Welcome("follower", INFO),
        DeckMessage({"codec": 1}),
        PlaceMessage(Place(slide=3)),
        Audience(4),
        KeepAlive(),
        Goodbye("alice ended the presentation"),
        Refusal("not in group ops"),
    ],
    ids=lambda m: type(m).__name__,
)
def test_every_presenter_message_reads_back(message):
    assert read_server_message(json.loads(json.dumps(message.to_json()))) == message


@pytest.mark.parametrize(
    "message,error",
    [
        ({"type": "exec"}, "unknown message 'exec'"),
        ({"type": "audience", "followers": -1}, "audience.followers"),
        ({"type": "audience", "followers": "3"}, "audience.followers"),
        ({"type": "place", "place": []}, "place"),
        ({"type": "bye", "reason": "x" * 2000}, "bye.reason"),
        (Welcome("follower", INFO).to_json() | {"role": "root"}, "hello.role"),
        (Welcome("follower", INFO).to_json() | {"protocol": 0}, "protocol 0"),
        (Welcome("follower", INFO).to_json() | {"presentation": {"presenter": "alice"}}, "presentation"),
    ],
)
def test_a_malformed_presenter_message_is_refused(message, error):
    with pytest.raises(ProtocolError, match=error):
        read_server_message(message)


def test_text_from_the_presenter_is_cleaned_of_escape_sequences():
    info = INFO.to_json() | {"title": "Air\x1b[2Jspace\x1b]0;owned\x07"}
    welcome = read_server_message(Welcome("follower", INFO).to_json() | {"presentation": info})
    assert welcome.presentation.title == "Airspace"
