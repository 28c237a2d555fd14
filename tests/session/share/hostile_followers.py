"""Hostile and heavy followers against one presentation, from a process of their own.

    python hostile_followers.py SOCKET_ADDRESS_DIR SECONDS

Opens, all at once: connections that send garbage, a 1 GB length prefix, a hello and then
garbage, half a hello; connections that say hello and keep alive but never read; and 200
well-behaved followers (more than the presenter admits). Prints one JSON summary: what each
kind saw (refusals, the last place received, whether the presenter hung up).
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import zlib

from briefing.session.share.protocol import HEADER, ZLIB, Hello, KeepAlive, frame

HELLO = frame(Hello().to_json())
KEEPALIVE = frame(KeepAlive().to_json())


async def connect(address: str):
    """Streams on a connected socket; connect() retried while the presenter's queue is full
    (asyncio's own connect takes a Unix socket's EAGAIN for success)."""
    sock = await connected_socket(address)
    return await asyncio.open_unix_connection(sock=sock, limit=2**26)


async def connected_socket(address: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.setblocking(False)
    while True:
        try:
            sock.connect(address)
            return sock
        except BlockingIOError:
            await asyncio.sleep(0.01)


async def read_messages(reader, until: float) -> list[dict]:
    messages = []
    loop = asyncio.get_running_loop()
    try:
        while loop.time() < until:
            header = await asyncio.wait_for(reader.readexactly(HEADER.size), max(0.01, until - loop.time()))
            length, encoding = HEADER.unpack(header)
            payload = await reader.readexactly(length)
            if length > 65536:  # a deck: not worth this process's time to decode
                messages.append({"type": "deck"})
                continue
            messages.append(json.loads(zlib.decompress(payload) if encoding == ZLIB else payload))
    except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
        pass
    return messages


async def sends_then_reads(address: str, data: bytes, until: float) -> dict:
    reader, writer = await connect(address)
    writer.write(data)
    messages = await read_messages(reader, until)
    writer.transport.abort()
    return {"refused": [m["reason"] for m in messages if m["type"] == "refused"], "types": sorted({m["type"] for m in messages})}


async def never_reads(address: str, until: float) -> dict:
    """Says hello, keeps alive, never calls recv (a plain socket: asyncio's streams would read
    into their buffer): the presenter must drop it, not wait for it."""
    loop = asyncio.get_running_loop()
    sock = await connected_socket(address)
    await loop.sock_sendall(sock, HELLO)
    hung_up = False
    while loop.time() < until and not hung_up:
        await asyncio.sleep(0.2)
        try:
            await asyncio.wait_for(loop.sock_sendall(sock, KEEPALIVE), 0.2)
        except (TimeoutError, OSError):
            hung_up = True
    sock.close()
    return {"hung_up": hung_up}


async def behaves(address: str, until: float) -> dict:
    reader, writer = await connect(address)
    writer.write(HELLO)

    async def keep_alive():
        while True:
            await asyncio.sleep(0.2)
            writer.write(KEEPALIVE)

    beat = asyncio.ensure_future(keep_alive())
    messages = await read_messages(reader, until)
    beat.cancel()
    writer.transport.abort()
    places = [m["place"]["slide"] for m in messages if m["type"] == "place"]
    refused = [m["reason"] for m in messages if m["type"] == "refused"]
    return {"joined": any(m["type"] == "deck" for m in messages), "last_place": places[-1] if places else None, "refused": refused}


async def main(address: str, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    until = loop.time() + seconds
    slow = [asyncio.ensure_future(never_reads(address, until)) for _ in range(10)]
    await asyncio.sleep(0.3)  # the slow ones are in before the crowd
    attacks = {
        "garbage": [sends_then_reads(address, os.urandom(300), until) for _ in range(20)],
        "huge_prefix": [sends_then_reads(address, HEADER.pack(2**30, 0) + b"{" * 100, until) for _ in range(20)],
        "hello_then_garbage": [sends_then_reads(address, HELLO + b"\x00\x00\x00\x05\x00nope!", until) for _ in range(10)],
        "half_hello": [sends_then_reads(address, HELLO[:7], until) for _ in range(10)],
        "crowd": [behaves(address, until) for _ in range(200)],
    }
    started = {kind: [asyncio.ensure_future(attack) for attack in attacks_of_kind] for kind, attacks_of_kind in attacks.items()}
    results = {kind: await asyncio.gather(*tasks, return_exceptions=True) for kind, tasks in started.items()}
    results["never_reads"] = await asyncio.gather(*slow, return_exceptions=True)
    print(json.dumps({kind: [r if isinstance(r, dict) else {"error": repr(r)} for r in found] for kind, found in results.items()}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2])))
