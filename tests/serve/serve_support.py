"""Running ``briefing serve``'s server for tests: in-process on a real Unix socket, or as a process.

A browser cannot reach a Unix socket; a user's ``ssh -L 8080:SOCKET host`` turns it into a
port on their own computer. :class:`Forwarder` plays ssh's part: a loopback port of the
test's own whose every connection is relayed to the socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp

HERE = Path(__file__).parent
PEER = HERE / "web_driver_peer.py"
SERVE_SCRIPT = """
import sys
from pathlib import Path
from briefing.serve.command import run
from briefing.session.share import RuntimeDir
title, base, *command = sys.argv[1:]
sys.exit(run(command, title=title, max_tabs=2, runtime=RuntimeDir(Path(base), configured=True)))
"""


def peer_command(*flags: str) -> list[str]:
    return [sys.executable, str(PEER), *flags]


def unix_session(path: str) -> aiohttp.ClientSession:
    """An HTTP client that reaches the view's socket, as ssh's forwarding does."""
    return aiohttp.ClientSession(connector=aiohttp.UnixConnector(path=path), cookie_jar=aiohttp.CookieJar(unsafe=True))


class ServeProcess:
    """A ``briefing serve`` process; its printed lines read, its socket path and newest link parsed."""

    def __init__(self, argv: list[str], *, env: dict[str, str] | None = None) -> None:
        self._process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self._lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        text = self.wait_for(r"http://localhost:8080(/\?key=\S+)")
        self.socket_path = re.search(r"-L 8080:(\S+) ", text).group(1)

    @classmethod
    def serving(cls, command: list[str], base: Path, *, title: str = "test view") -> ServeProcess:
        """``briefing serve``'s ``run()`` serving ``command`` (not a follower) under the runtime base ``base``."""
        return cls([sys.executable, "-c", SERVE_SCRIPT, title, str(base), *command])

    def _read(self) -> None:
        for line in self._process.stdout:
            self._lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self._lines)

    def wait_for(self, pattern: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output):
            if time.monotonic() > deadline or self._process.poll() is not None and not re.search(pattern, self.output):
                raise AssertionError(f"briefing serve did not print {pattern!r}; it printed:\n{self.output}")
            time.sleep(0.05)
        return self.output

    def link_path(self) -> str:
        """The newest one-time link it printed."""
        return re.findall(r"(/\?key=[\w-]+)", self.output)[-1]

    def stop(self) -> int:
        with contextlib.suppress(ProcessLookupError):
            self._process.send_signal(signal.SIGTERM)
        try:
            return self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            return self._process.wait()

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


class Forwarder:
    """ssh -L's stand-in: 127.0.0.1:<port> relayed to a Unix socket, in a thread of its own."""

    def __init__(self, socket_path: str) -> None:
        self._path = socket_path
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self.port = 0
        self._relays: set[asyncio.Task] = set()
        self._thread = threading.Thread(target=asyncio.run, args=(self._serve(),), daemon=True)
        self._thread.start()
        self._ready.wait(10)

    async def _serve(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        async with server:
            await self._stop.wait()
        for relay in self._relays:
            relay.cancel()
        await asyncio.gather(*self._relays, return_exceptions=True)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            inner_reader, inner_writer = await asyncio.open_unix_connection(self._path)
        except OSError:
            writer.close()
            return
        relay = asyncio.ensure_future(asyncio.gather(_pump(reader, inner_writer), _pump(inner_reader, writer)))
        self._relays.add(relay)
        try:
            await asyncio.shield(relay)
        except asyncio.CancelledError:
            pass
        finally:
            self._relays.discard(relay)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def __enter__(self) -> Forwarder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(1 << 16):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()
