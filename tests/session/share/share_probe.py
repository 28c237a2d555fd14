"""A presenter or a follower in a process of its own, for tests that need another process or
another user (run under `setpriv`). Prints one JSON object per line.

    python share_probe.py present BASE [GROUP] [MAX_FOLLOWERS]   then stdin: "place N", "quit"
    python share_probe.py follow BASE PRESENTER [present] [COUNT]
    python share_probe.py list BASE
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from share_timing import FAST

from briefing.session import Place
from briefing.session.share import (
    RuntimeDir,
    ShareClient,
    ShareError,
    ShareServer,
    list_presentations,
)


def say(**fields) -> None:
    print(json.dumps(fields), flush=True)


async def present(runtime: RuntimeDir, group: str | None, max_followers: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from paths import EXAMPLE_DECK

    from briefing.deck import load_deck

    deck = load_deck(EXAMPLE_DECK).deck
    server = ShareServer(
        deck, Place(), group=group, runtime=runtime, timing=FAST, max_followers=max_followers,
        on_event=lambda e: say(event=type(e).__name__, notice=e.notice),
    )
    await server.start()
    say(event="ready", directory=server.directory)
    loop = asyncio.get_running_loop()
    while line := (await loop.run_in_executor(None, sys.stdin.readline)).split():
        if line[0] == "place":
            server.publish_place(Place(slide=int(line[1])))
        elif line[0] == "quit":
            break
    await server.close()
    say(event="closed")


async def follow(runtime: RuntimeDir, presenter: str, want: str, count: int) -> None:
    client = ShareClient(presenter, runtime=runtime, timing=FAST, want=want)
    seen = 0
    async for event in client.events():
        fields = {"event": type(event).__name__, "notice": event.notice}
        if hasattr(event, "deck"):
            deck = event.deck
            fields["notes"] = [i.notes for i in (*deck.incidents, *deck.events) if i.notes]
            fields["title"] = deck.title
        if hasattr(event, "place"):
            fields["slide"] = event.place.slide
        if hasattr(event, "role"):
            fields["role"] = event.role.value
        say(**fields)
        seen += 1
        if seen >= count:
            return


async def main(argv: list[str]) -> int:
    runtime = RuntimeDir(Path(argv[1]), configured=True)
    try:
        if argv[0] == "present":
            await present(runtime, argv[2] if len(argv) > 2 and argv[2] != "-" else None, int(argv[3]) if len(argv) > 3 else 64)
        elif argv[0] == "follow":
            want = "present" if len(argv) > 3 and argv[3] == "present" else "follow"
            await follow(runtime, argv[2], want, int(argv[4]) if len(argv) > 4 else 2)
        elif argv[0] == "list":
            for info in await list_presentations(runtime, timing=FAST):
                say(presenter=info.presenter, number=info.number, title=info.title, group=info.group, followers=info.followers)
    except ShareError as error:
        say(error=type(error).__name__, message=str(error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
