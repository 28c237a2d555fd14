"""A follower app in a process of its own, headless, that records every file it opens and
every module it imports, for tests/ui/test_follower_reads_no_deck.py.

    python follower_probe.py RUNTIME_BASE PRESENTER

Prints one JSON object: the opened paths, the briefing.deck modules and whether PyYAML was
imported, and the screen's text once the presenter's first slide is on it.
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
from pathlib import Path

OPENED: list[str] = []


def audit(event: str, args: tuple) -> None:
    if event == "open" and isinstance(args[0], (str, bytes, Path)):
        OPENED.append(str(args[0]))


async def main(base: str, presenter: str) -> None:
    from rich.console import Console
    from share_timing import FAST

    from briefing.launch import start_themes
    from briefing.follow import first_deck
    from briefing.session.share import RuntimeDir, ShareClient
    from briefing.ui.follower import FollowerApp

    client = ShareClient(presenter, runtime=RuntimeDir(Path(base), configured=True), timing=FAST)
    feed = client.events()
    connected, first = await first_deck(feed, presenter)
    themes = start_themes(None, None, watch=False)  # as `briefing follow` chooses them
    app = FollowerApp(feed, first, connected.presentation, presenter=presenter, themes=themes, show_clock=False)
    shown: list[str] = []

    async def look(pilot) -> None:
        for _ in range(100):
            await pilot.pause()
            await asyncio.sleep(0.02)
            if app.screen.current_item() is not None:
                break
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
        shown.append(console.export_text(styles=False))
        app.exit(0)

    await app.run_async(headless=True, size=(100, 30), auto_pilot=look)
    await feed.aclose()
    print(json.dumps({
        "opened": OPENED,
        "deck_modules": sorted(m for m in sys.modules if m.startswith("briefing.deck.")),
        "yaml": "yaml" in sys.modules,
        "screen": shown[0] if shown else "",
    }))


if __name__ == "__main__":
    sys.addaudithook(audit)
    asyncio.run(main(sys.argv[1], sys.argv[2]))
