"""The file-following tests' fixtures: each test runs with kernel notification and with polling."""

from __future__ import annotations

from pathlib import Path

import pytest
from watch_support import GRACE, FakeLoader, Session

from briefing.watch import DeckFollower


@pytest.fixture(params=["notify", "poll"])
def mode(request) -> str:
    return request.param


@pytest.fixture
def start(tmp_path: Path, mode: str):
    sessions: list[Session] = []

    async def starter(deck: Path, **options) -> Session:
        theme = tmp_path / "theme.yaml"
        if not theme.exists():
            theme.write_text("marker 0\n")
        loader = FakeLoader()
        options.setdefault("grace", GRACE)
        options.setdefault("rescan_interval", None)  # notification alone must see every change
        follower = DeckFollower(
            deck,
            loader,
            poll=mode == "poll",
            poll_interval=0.02,
            extra_paths=[theme],
            **options,
        )
        session = Session(follower, theme, loader)
        sessions.append(session)
        session.first = await session.next_reload()
        assert session.first.changed_paths == frozenset()
        await session.expect_only_marker()  # the watch set is final: the test's saves are seen by events
        return session

    yield starter
    for session in sessions:
        if not session.task.done():
            session.task.cancel()


