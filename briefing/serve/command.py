"""``briefing serve [PRESENTER]``: the follower in a browser, for the user who runs it.

Each browser tab runs ``briefing follow PRESENTER`` as a process of this user (never the
presenter's), through textual-serve's process relay. The view listens on a Unix socket in a
0700 directory of this user's (``BASE/<uid>/serve-<n>/socket``, beside their presentations);
they reach it from their own computer with ``ssh -L 8080:SOCKET host`` and open the one-time
link printed here. docs/sharing.md ("Browser view") says why this and not a TCP port.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pwd
import re
import signal
import socket
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from ..exits import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from ..session.share import RuntimeDir, ShareError, list_presentations
from ..session.share.access import uid_of
from ..session.share.runtime import PresentationDir
from . import upstream

SOCKET_PREFIX = "serve-"
BACKLOG = 16
LOCAL_PORT = 8080
DEFAULT_MAX_TABS = 4
"""Each tab is a follower process (about 45 MB with the example deck): a handful is plenty for one person."""
PRESENTER = re.compile(r"(?P<name>[A-Za-z0-9_.][A-Za-z0-9_.-]{0,31}\$?)(?:/(?P<number>[1-9][0-9]?))?")
"""A user name as ``useradd`` accepts it (portable set), optionally ``/N`` for one of several presentations."""


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing serve",
        description="Follow a shared presentation in your browser: each tab runs 'briefing follow PRESENTER' as you. "
        "Only you can open it: through 'ssh -L' to a socket in your own private directory, with a one-time link.",
        epilog=f"needs the optional extra: {upstream.INSTALL_HINT}. See docs/sharing.md, 'Browser view'.",
    )
    parser.add_argument(
        "presenter",
        nargs="?",
        metavar="PRESENTER",
        help="the presenter's user name (alice, or alice/2 for one of several); "
        "default: the one presentation shared with you",
    )
    parser.add_argument("--theme", metavar="NAME", help="theme for every tab")
    parser.add_argument(
        "--wait", action="store_true", help="tabs wait for the presentation to start (and the next one)"
    )
    parser.add_argument(
        "--max-tabs",
        type=_positive,
        default=DEFAULT_MAX_TABS,
        metavar="N",
        help=f"tabs open at once (each is a process; default {DEFAULT_MAX_TABS})",
    )
    return parser


def serve(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    problems = upstream.problems()
    if problems:
        _say("briefing serve cannot start:\n  " + "\n  ".join(problems), sys.stderr)
        return EXIT_USAGE
    try:
        presenter = args.presenter or asyncio.run(_only_presentation())
        _check_presenter(presenter)
    except ShareError as error:
        _say(f"briefing serve: {error}", sys.stderr)
        return EXIT_USAGE
    return run(
        follow_command(presenter, theme=args.theme, wait=args.wait),
        title=f"{presenter}'s presentation · briefing",
        max_tabs=args.max_tabs,
    )


def follow_command(presenter: str, *, theme: str | None = None, wait: bool = False) -> list[str]:
    """What each tab runs: this Python's ``briefing follow``, so the tab is the same version as this."""
    command = [sys.executable, "-m", "briefing", "follow", presenter]
    if theme:
        command += ["--theme", theme]
    if wait:
        command.append("--wait")
    return command


def run(
    command: Sequence[str],
    *,
    title: str,
    max_tabs: int,
    runtime: RuntimeDir | None = None,
    out: TextIO | None = None,
) -> int:
    """Serve ``command`` to this user's browser tabs until Ctrl+C (or SIGTERM)."""
    out = out or sys.stdout
    try:
        directory = PresentationDir.claim(runtime or RuntimeDir.from_environment(), None, prefix=SOCKET_PREFIX)
    except ShareError as error:
        _say(f"briefing serve: {error}", sys.stderr)
        return EXIT_INVALID
    try:
        listening = directory.listen(BACKLOG)
        return asyncio.run(_serve(command, title, max_tabs, listening, directory, out))
    finally:
        directory.remove()


async def _serve(
    command: Sequence[str], title: str, max_tabs: int, listening: socket.socket, directory: PresentationDir, out: TextIO
) -> int:
    from .web import BrowserView

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):  # before anything is said: a stop is then always clean
        loop.add_signal_handler(signum, stop.set)
    view = BrowserView(command, title=title, max_tabs=max_tabs, on_notice=lambda text: _notice(text, out))
    runner = await view.start(listening)
    _say(instructions(title, str(directory.socket_path), view.link_path()), out)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
    return EXIT_OK


def instructions(title: str, socket_path: str, link_path: str) -> str:
    user = pwd.getpwuid(os.geteuid()).pw_name
    return (
        f"briefing serve: {title}, in your browser. Only you can open it.\n"
        f"On your own computer, forward a port to this view's socket:\n"
        f"    ssh -N -L {LOCAL_PORT}:{socket_path} {user}@{socket.getfqdn()}\n"
        f"then open this link, once, in your browser (it is spent when used; a new one is printed):\n"
        f"    http://localhost:{LOCAL_PORT}{link_path}\n"
        f"Ctrl+C here stops the view."
    )


async def _only_presentation() -> str:
    """No PRESENTER: the one presentation this user may join, or a message naming the choices."""
    joinable = await list_presentations()
    if not joinable:
        raise ShareError("no presentation is shared with you now: name the presenter (briefing serve alice --wait)")
    if len(joinable) > 1:
        names = ", ".join(f"{info.presenter}/{info.number}" for info in joinable)
        raise ShareError(f"{len(joinable)} presentations are shared with you: name one ({names})")
    info = joinable[0]
    return f"{info.presenter}/{info.number}"


def _check_presenter(presenter: str) -> None:
    match = PRESENTER.fullmatch(presenter)
    if match is None:
        raise ShareError(f"{presenter!r} is not a user name (alice, or alice/2)")
    uid_of(match["name"])


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _notice(text: str, out: TextIO) -> None:
    _say(f"{time.strftime('%H:%M:%S')} {text}", out)


def _say(text: str, stream: TextIO) -> None:
    with contextlib.suppress(OSError, ValueError):
        stream.write(text + "\n")
        stream.flush()
