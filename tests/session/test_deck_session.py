"""The presentation session without a screen: loads, reloads, errors, following, places, events.

Decks are written to a temporary folder by each test; following uses the real follower,
and every wait has a deadline (a save is seen and loaded in a thread a few ms later).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from briefing.deck import load_deck
from briefing.session import (
    ChangesSummarised,
    DeckReplaced,
    DeckSession,
    ErrorsChanged,
    EventStream,
    FollowNotice,
    Place,
    PlaceChanged,
    QuotesView,
    SessionClosed,
    ThemeFilesChanged,
)

TIMEOUT = 10.0

DECK = """\
title: Session test deck
incidents:
  - id: first
    title: The first incident
  - id: second
    title: The second incident
"""


@pytest.fixture
def deck_path(tmp_path: Path) -> Path:
    path = tmp_path / "deck" / "deck.yaml"
    path.parent.mkdir()
    path.write_text(DECK, encoding="utf-8")
    return path


def session_for(path: Path, **options) -> DeckSession:
    return DeckSession(path, load_deck(path), **options)


def recorded(session: DeckSession) -> list:
    seen: list = []
    session.subscribe(seen.append)
    return seen


async def next_of(stream: EventStream, kind: type, timeout: float = TIMEOUT):
    """The next event of this kind from the stream (others before it are skipped)."""

    async def wait():
        async for event in stream:
            if isinstance(event, kind):
                return event
        raise AssertionError(f"the stream ended before a {kind.__name__}")

    return await asyncio.wait_for(wait(), timeout)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- loading and reloading -----------------------------------------------------------------------


def test_the_first_load_is_the_deck_and_no_event(deck_path):
    session = session_for(deck_path)
    seen = recorded(session)
    assert session.deck.title == "Session test deck"
    assert session.errors == () and session.place == Place()
    assert seen == []


async def test_a_good_load_replaces_the_deck_then_says_what_changed(deck_path):
    session = session_for(deck_path)
    stream = session.events()
    edit(deck_path, "The second incident", "The second incident, edited")
    session.apply(load_deck(deck_path))
    replaced = await next_of(stream, DeckReplaced)
    assert replaced.deck is session.deck and replaced.deck.get("second").title == "The second incident, edited"
    summary = await next_of(stream, ChangesSummarised)
    assert summary.changes.summary() == "incident second edited"
    assert session.changed_item() is session.deck.get("second")
    session.close()


async def test_a_bad_load_keeps_the_deck_and_publishes_its_errors_once_until_fixed(deck_path):
    session = session_for(deck_path)
    good = session.deck
    seen = recorded(session)
    edit(deck_path, "id: second", "id: [second")
    bad = load_deck(deck_path)
    session.apply(bad)
    session.apply(bad)
    assert session.deck is good
    assert seen == [ErrorsChanged(tuple(bad.errors))] and bad.errors
    edit(deck_path, "id: [second", "id: second")
    session.apply(load_deck(deck_path))
    assert [type(event) for event in seen[1:]] == [DeckReplaced, ErrorsChanged]
    assert seen[-1] == ErrorsChanged(()) and session.errors == ()
    session.close()


async def test_reload_without_following_loads_in_a_thread_and_publishes_the_new_deck(deck_path):
    session = session_for(deck_path, watch=False)
    stream = session.events()
    session.start()
    assert not session.following
    edit(deck_path, "The first incident", "The first incident, loaded by r")
    session.reload()
    replaced = await next_of(stream, DeckReplaced)
    assert replaced.deck.get("first").title == "The first incident, loaded by r"
    session.close()


async def test_saves_in_quick_succession_share_one_summary(deck_path, monkeypatch):
    monkeypatch.setattr("briefing.session.deck_session.NOTICE_SECONDS", 0.5)
    session = session_for(deck_path)
    stream = session.events()
    edit(deck_path, "The first incident", "First, once")
    session.apply(load_deck(deck_path))
    assert (await next_of(stream, ChangesSummarised)).changes.summary() == "incident first edited"
    edit(deck_path, "First, once", "First, twice")
    session.apply(load_deck(deck_path))
    edit(deck_path, "The second incident", "Second, once")
    session.apply(load_deck(deck_path))
    assert (await next_of(stream, ChangesSummarised)).changes.summary() == "2 incidents edited"
    session.close()


# -- following the files -------------------------------------------------------------------------


async def test_following_publishes_each_save_as_a_new_deck(deck_path):
    session = DeckSession(deck_path, watch=True)
    stream = session.events()
    session.start()
    assert session.following
    first = await next_of(stream, DeckReplaced)
    assert first.deck.title == "Session test deck"
    edit(deck_path, "The second incident", "The second incident, saved")
    saved = await next_of(stream, DeckReplaced)
    assert saved.deck.get("second").title == "The second incident, saved"
    session.close()
    assert not session.following


async def test_a_change_to_an_extra_file_is_a_theme_event_and_no_reload(deck_path, tmp_path):
    theme = tmp_path / "night.yaml"
    theme.write_text("extends: briefing-dark\n", encoding="utf-8")
    session = DeckSession(deck_path, watch=True)
    seen = recorded(session)
    stream = session.events()
    session.start(extra_paths=[theme])
    await next_of(stream, DeckReplaced)
    assert session.extra_paths == (theme,)
    theme.write_text("extends: briefing-dark\nprimary: '#00aa00'\n", encoding="utf-8")
    changed = await next_of(stream, ThemeFilesChanged)
    assert {path.resolve() for path in changed.paths} == {theme.resolve()}
    await asyncio.sleep(0.3)
    assert sum(isinstance(event, DeckReplaced) for event in seen) == 1, "only the first load"
    session.close()


async def test_the_editor_returning_without_following_reloads(deck_path):
    session = session_for(deck_path, watch=False)
    stream = session.events()
    edit(deck_path, "The first incident", "The first incident, from the editor")
    session.rescan()
    replaced = await next_of(stream, DeckReplaced)
    assert replaced.deck.get("first").title == "The first incident, from the editor"
    session.close()


def test_open_presents_another_deck_without_an_event(deck_path, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("title: Another deck\n", encoding="utf-8")
    session = session_for(deck_path)
    seen = recorded(session)
    session.open(other, load_deck(other))
    assert session.deck.title == "Another deck" and session.deck_path == other
    assert seen == []


# -- the place -----------------------------------------------------------------------------------


def test_move_to_asks_the_screens_and_an_unchanged_place_is_no_event(deck_path):
    session = session_for(deck_path)
    seen = recorded(session)
    there = Place(screen="quotes", quotes=QuotesView("tusk"))
    session.move_to(there)
    session.move_to(there)
    assert seen == [PlaceChanged(there, reported=False)]
    assert session.place == there


def test_a_reported_place_is_for_followers_and_an_unchanged_one_is_no_event(deck_path):
    session = session_for(deck_path)
    seen = recorded(session)
    slide = Place(slide=2, slide_id="second")
    session.report(slide)
    session.report(Place(slide=2, slide_id="second"))
    session.report(Place())
    assert seen == [PlaceChanged(slide, reported=True), PlaceChanged(Place(), reported=True)]


# -- the stream ----------------------------------------------------------------------------------


async def test_the_event_stream_holds_every_event_in_order_and_ends_with_the_session(deck_path):
    session = session_for(deck_path)
    stream = session.events()
    session.report(Place(slide=1, slide_id="first"))
    session.move_to(Place(screen="timeline"))
    session.close()
    session.close()
    events = [event async for event in stream]
    assert events == [
        PlaceChanged(Place(slide=1, slide_id="first"), reported=True),
        PlaceChanged(Place(screen="timeline"), reported=False),
        SessionClosed(),
    ]


def test_a_failing_subscriber_does_not_stop_the_others(deck_path):
    session = session_for(deck_path)

    def broken(event):
        raise RuntimeError("a subscriber's bug")

    session.subscribe(broken)
    seen = recorded(session)
    session.move_to(Place(screen="sources"))
    assert seen == [PlaceChanged(Place(screen="sources"), reported=False)]


def test_an_unsubscribed_callback_hears_nothing_more(deck_path):
    session = session_for(deck_path)
    seen: list = []
    unsubscribe = session.subscribe(seen.append)
    session.move_to(Place(screen="sources"))
    unsubscribe()
    session.move_to(Place(screen="quotes"))
    assert len(seen) == 1


async def test_following_that_breaks_says_so_and_stops(deck_path, monkeypatch):
    session = session_for(deck_path, watch=True)
    stream = session.events()

    async def broken_iteration(self):
        raise OSError("inotify watch limit reached")
        yield  # pragma: no cover - makes this an async generator

    monkeypatch.setattr("briefing.watch.DeckFollower.__aiter__", broken_iteration)
    session.start()
    notice = await next_of(stream, FollowNotice)
    assert notice == FollowNotice("Live reload stopped: inotify watch limit reached", stopped=True)
    await asyncio.sleep(0)
    assert not session.following
    session.close()
