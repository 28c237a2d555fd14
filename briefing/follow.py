"""`briefing follow [PRESENTER]`: follow a shared presentation, or list the ones you may join.

    briefing follow                 the presentations you may join, then exit
    briefing follow alice           follow alice's presentation (alice/2: her second one)
    briefing follow alice --wait    ... waiting for it to start, and for the next when it ends
    briefing follow --presenter     your own presentation's presenter view (notes, next slide,
                                    stopwatch, keys that drive it)

A plain command with no terminal assumptions beyond Textual's, so `briefing serve` can run it
once per browser tab. It connects before any screen: a presenter who is not presenting, a
refusal or a wrong version is one line on stderr and exit status 1; with `--wait` a line says
what it waits for. The follower's app never reads a deck file: the deck arrives on the socket.
Listing imports no Textual.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pwd
import shutil
import sys
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from .exits import EXIT_INVALID, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from .session.share import ClientEvent, Connected, DeckReceived, PresentationInfo

NOTES_REFUSED = (
    "speaker notes never leave the presenter's user: a follower's copy of the deck has none "
    "(the presenter sees them with 'briefing follow --presenter')"
)


def follow_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing follow",
        description="Follow a presentation shared with 'briefing DECK --share GROUP': see what the presenter "
        "shows, at your own terminal size and in your own theme. Without PRESENTER, list the presentations you may join.",
        epilog="keys: f follows the presenter again after browsing on your own; q quits. "
        "exit status: 0 the presentation ended or you quit, 1 cannot follow, 2 usage error",
    )
    parser.add_argument(
        "presenter", nargs="?", metavar="PRESENTER",
        help="the presenter's user name (alice), or alice/2 for the second of her presentations",
    )
    parser.add_argument("--number", "-n", type=_number, metavar="N", help="which of the presenter's presentations (when they run several)")
    parser.add_argument("--wait", action="store_true", help="wait for the presentation to start, and for the next one when it ends")
    parser.add_argument("--theme", metavar="NAME", help="your theme (the presenter's deck does not choose it)")
    parser.add_argument(
        "--presenter", dest="presenter_view", action="store_true",
        help="the presenter view of your own presentation: speaker notes, the next slide, stopwatch, clock, "
        "and keys that drive it (your own user only)",
    )
    parser.add_argument("--notes", action="store_true", help=argparse.SUPPRESS)
    return parser


def follow(argv: Sequence[str]) -> int:
    parser = follow_parser()
    args = parser.parse_args(argv)
    if args.notes and not args.presenter_view:
        parser.error(NOTES_REFUSED)
    who, number = _presenter_and_number(parser, args)
    if who is None and not args.presenter_view:
        return list_command()
    if args.presenter_view:
        me = _own_user_name()
        if who not in (None, me):
            parser.error(f"the presenter view is for the presenter's own user: {who} opens it, as {who}")
        who = me
    from .launch import start_themes

    themes = start_themes(args.theme, None, watch=False)
    if themes is None:
        return EXIT_USAGE
    return asyncio.run(_follow(who, number, args, themes))


# --- following ----------------------------------------------------------------------------------


async def _follow(who: str, number: int | None, args: argparse.Namespace, themes) -> int:
    from .session.share import ShareClient, ShareError

    want = "present" if args.presenter_view else "follow"
    client = ShareClient(who, number=number, want=want, wait=args.wait, size=_terminal_size(), theme=args.theme)
    feed = client.events()
    try:
        try:
            connected, first = await first_deck(feed, who)
        except ShareError as error:
            return _fail(str(error))
        if first is None:
            return _fail(f"{who}'s presentation ended before its deck arrived")
        return await _run(feed, client, connected, first, who, args, themes)
    finally:
        with contextlib.suppress(RuntimeError):  # the app's reader, cancelled, may still hold it
            await feed.aclose()


async def first_deck(feed: AsyncIterator[ClientEvent], who: str) -> tuple[Connected | None, DeckReceived | None]:
    """Read the feed up to the first deck; while waiting, say once what for (on stderr).
    None for the deck: the feed ended first (without `--wait`, a presentation that ended)."""
    from .session.share import Connected, DeckReceived, Waiting

    connected, said = None, None
    async for event in feed:
        if isinstance(event, Connected):
            connected = event
        elif isinstance(event, DeckReceived):
            return connected, event
        elif isinstance(event, Waiting) and event.reason != said:
            said = event.reason
            sys.stderr.write(f"briefing follow: {event.notice}; ctrl+c stops\n")
            sys.stderr.flush()
    return connected, None


async def _run(feed, client, connected, first, who: str, args, themes) -> int:
    from .launch import run_app_async

    if args.presenter_view:
        from .ui.presenter_view import PresenterViewApp

        app = PresenterViewApp(feed, client, first, connected.presentation, themes=themes, wait=args.wait)
    else:
        from .ui.follower import FollowerApp

        app = FollowerApp(feed, first, connected.presentation, presenter=who, wait=args.wait, themes=themes)
    status = await run_app_async(app)
    if app.farewell:
        sys.stderr.write(f"briefing follow: {app.farewell}\n")
    return status


def _fail(message: str) -> int:
    sys.stderr.write(f"briefing follow: {message}\n")
    return EXIT_INVALID


# --- listing ------------------------------------------------------------------------------------


def list_command() -> int:
    """The presentations this user may join, one a line, with the name to follow each by."""
    from .session.share import ShareError, list_presentations

    try:
        found = asyncio.run(list_presentations())
    except ShareError as error:
        return _fail(str(error))
    sys.stdout.write(format_listing(found))
    return EXIT_OK


def format_listing(found: Sequence[PresentationInfo], now: datetime | None = None) -> str:
    """A table: the name to give `briefing follow`, since when, how many follow, the title."""
    if not found:
        return "No presentations you may join. (A presenter starts one with: briefing DECK --share GROUP)\n"
    per_presenter: dict[str, int] = {}
    for info in found:
        per_presenter[info.presenter] = per_presenter.get(info.presenter, 0) + 1
    rows = [("PRESENTATION", "SINCE", "FOLLOWING", "GROUP", "TITLE")]
    for info in found:
        name = info.presenter if per_presenter[info.presenter] == 1 else f"{info.presenter}/{info.number}"
        rows.append((name, _since(info.since, now), str(info.followers), info.group or "-", " ".join(info.title.split())))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = ["  ".join([*(cell.ljust(width) for cell, width in zip(row[:4], widths)), row[4]]) for row in rows]
    return "\n".join(lines) + "\nfollow one with: briefing follow PRESENTATION\n"


def _since(moment: datetime, now: datetime | None = None) -> str:
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%d %b %H:%M")


# --- arguments ----------------------------------------------------------------------------------


def _presenter_and_number(parser: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[str | None, int | None]:
    """`alice`, `alice/2` or `alice --number 2`."""
    who, number = args.presenter, args.number
    if who is not None and "/" in who:
        who, _, text = who.partition("/")
        given = _number_or_none(text)
        if not who or given is None:
            parser.error(f"expected PRESENTER or PRESENTER/N such as alice/2, got {args.presenter!r}")
        if number is not None and number != given:
            parser.error(f"{args.presenter} and --number {number} disagree")
        number = given
    return who, number


def _number(text: str) -> int:
    number = _number_or_none(text)
    if number is None:
        raise argparse.ArgumentTypeError(f"expected a presentation number such as 2, got {text!r}")
    return number


def _number_or_none(text: str) -> int | None:
    return int(text) if text.isdigit() and 0 < int(text) <= 1000 else None


def _own_user_name() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def _terminal_size() -> tuple[int, int]:
    size = shutil.get_terminal_size()
    return (max(1, min(size.columns, 10_000)), max(1, min(size.lines, 10_000)))
