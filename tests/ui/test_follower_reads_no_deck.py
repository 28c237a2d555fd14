"""A follower shows the presenter's deck without ever reading a deck file or parsing deck YAML:
the deck arrives on the socket as data (decoded by the strict codec).

The follower runs in a process of its own that records every file it opens (an audit hook)
and every module it imports. The deck lives in a folder only this test knows; the presenter
here serves it from memory. PyYAML itself is still imported, for one reason only: the
follower's own theme files (its own configuration, read with the same safe loader) are YAML.
So the test pins what matters: no deck module that reads files is imported, no file in the
deck's folder is opened, and every YAML file the follower opens is a theme file.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path

from app_support import EXAMPLE_DECK
from share_support import FAST, SHARE_TESTS, public_runtime, remove_runtime
from sharing_support import ME

from briefing.deck import load_deck
from briefing.session import Place
from briefing.session.share import ShareServer
from briefing.themes.request import ThemeRequest

PROBE = Path(__file__).parents[1] / "follower_probe.py"
READING_MODULES = {"briefing.deck.loader", "briefing.deck.read", "briefing.deck.includes", "briefing.deck.assemble", "briefing.deck.link"}
"""What reads and builds a deck from files (`yamlsafe` and `nodes` read the theme files too)."""


async def test_a_follower_opens_no_deck_file_and_imports_no_deck_reader(tmp_path):
    folder = tmp_path / "the-deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    deck = load_deck(folder / "deck.yaml").deck
    runtime = public_runtime()
    server = ShareServer(deck, Place(slide=2, slide_id=deck.incidents[1].id), group=None, runtime=runtime, timing=FAST)
    await server.start()
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable, str(PROBE), str(runtime.base), ME,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(SHARE_TESTS)},
        )
        out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        await server.close()
        remove_runtime(runtime)
    assert process.returncode == 0, err.decode()
    report = json.loads(out.decode().splitlines()[-1])
    assert deck.incidents[1].title in report["screen"], "the follower showed the presenter's slide"
    assert not READING_MODULES & set(report["deck_modules"]), report["deck_modules"]
    assert not [path for path in report["opened"] if str(folder) in path], "a deck file was opened"
    theme_folders = [str(folder) for folder in ThemeRequest().folders()]
    yaml_opened = [path for path in report["opened"] if path.endswith((".yaml", ".yml"))]
    assert yaml_opened and all(path.startswith(tuple(theme_folders)) for path in yaml_opened), yaml_opened
