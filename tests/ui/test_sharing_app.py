"""Sharing in the app: a presenter app with a real `ShareServer` in a runtime directory of its
own, and follower and presenter-view apps fed by `ShareClient`s in the same process.

They all run as the same user here, which is how a presenter opens their presenter view; a
plain `follow` by that user is a follower like any other (no notes, read-only). Other users
(refused, or let in by group) are in tests/e2e/test_e2e_sharing.py, run through `setpriv`.
"""

from __future__ import annotations

import asyncio
import grp
import os
import shutil
import zlib

import pytest
from app_support import EXAMPLE_DECK, deck_app, screen_text, settle
from share_support import FAST, public_runtime, remove_runtime
from sharing_support import (
    ME,
    connect,
    follower_app,
    presenter_and_follower,
    presenter_view_app,
    shared,
    sharing_app,
    until,
)

from briefing.session import Place
from briefing.session.share import Group
from briefing.session.share.client import open_line
from briefing.session.share.protocol import HEADER, Hello, KeepAlive, frame
from briefing.ui.sharing import ShareSettings
from briefing.ui.widgets.timeline.filter_prompt import TimelineFilter

SMALL, LARGE = (80, 24), (120, 40)


@pytest.fixture
def runtime():
    made = public_runtime()
    yield made
    remove_runtime(made)


def my_group() -> Group:
    """A group the presenter (this process) is in: its own primary group."""
    gid = os.getegid()
    return Group(grp.getgrgid(gid).gr_name, gid)


def current_id(app) -> str | None:
    item = app.screen.current_item()
    return getattr(item, "id", None) or getattr(item, "code", None)


def same_as_presenter(presenter, follower) -> bool:
    return follower.session.place.at_any_size() == presenter.session.place.at_any_size()


# -- following ---------------------------------------------------------------------------------


async def test_a_follower_sees_the_presenters_slide_and_follows_each_step(runtime):
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=SMALL) as p:
        await shared(p)
        await p.press("right", "right")
        await settle(p)
        follower = await follower_app(runtime)
        async with follower.run_test(size=LARGE) as f:
            second = presenter.deck.incidents[1]
            await until([p, f], lambda: current_id(follower) == second.id, what="the follower's first slide")
            assert second.title in screen_text(follower)
            await p.press("right")
            await until([p, f], lambda: current_id(follower) == presenter.deck.incidents[2].id, what="the step")
            assert f"following {ME}" in screen_text(follower)


async def test_screens_search_and_the_timeline_window_reach_the_follower(runtime):
    async with presenter_and_follower(runtime, LARGE, SMALL) as (presenter, p, follower, f):
        await p.press("2", "right", "right", "minus")
        await settle(p)
        await until([p, f], lambda: same_as_presenter(presenter, follower), what="the timeline")
        assert follower.screen.SCREEN_NAME == "timeline"
        assert current_id(follower) == current_id(presenter)
        assert follower.screen.navigator.zoom_index == presenter.screen.navigator.zoom_index

        surname = presenter.deck.quotes[0].speaker.name.split()[-1]
        await p.press("slash", *surname.lower())
        await settle(p)
        await until([p, f], lambda: follower.session.place.quotes.query == surname.lower(), what="the query")
        assert follower.screen.SCREEN_NAME == "quotes"
        assert follower.screen.query_box.text == surname.lower()

        await p.press("escape", "down", "down")
        await settle(p)
        await until([p, f], lambda: current_id(follower) == current_id(presenter), what="the selected quote")


async def test_a_reload_on_the_presenters_side_shows_on_the_follower_at_the_same_place(runtime, tmp_path):
    shutil.copytree(EXAMPLE_DECK.parent, tmp_path / "deck")
    path = tmp_path / "deck" / "deck.yaml"
    presenter = deck_app(path, share=ShareSettings(runtime=runtime, timing=FAST))
    async with presenter.run_test(size=SMALL) as p:
        await shared(p)
        follower = await follower_app(runtime)
        async with follower.run_test(size=LARGE) as f:
            await p.press("right", "right", "right")
            incident = presenter.deck.incidents[2]
            await until([p, f], lambda: current_id(follower) == incident.id, what="the third slide")
            path.write_text(path.read_text(encoding="utf-8").replace(incident.title, "Retitled while presenting"), encoding="utf-8")
            await p.press("r")
            await until([p, f], lambda: "Retitled while presenting" in screen_text(follower), what="the reloaded deck")
            assert current_id(follower) == incident.id
            assert follower.deck.incidents[2].title == "Retitled while presenting"
            assert not follower.session.following, "the follower reads no files"


# -- browsing on one's own ---------------------------------------------------------------------


async def test_a_key_lets_the_follower_browse_and_f_follows_again(runtime):
    async with presenter_and_follower(runtime, SMALL, SMALL) as (presenter, p, follower, f):
        await p.press("right")
        first = presenter.deck.incidents[0].id
        await until([p, f], lambda: current_id(follower) == first, what="the first slide")

        await f.press("end")
        await until([f], lambda: follower.browsing, what="browsing")
        assert current_id(follower) == follower.deck.incidents[-1].id
        assert f"on your own · f: follow {ME}" in screen_text(follower)

        await p.press("right")
        await settle(p)
        await until([p, f], lambda: follower.presenter_place == presenter.session.place, what="the presenter's step")
        assert current_id(follower) == follower.deck.incidents[-1].id, "browsing: the presenter's step is not shown"

        await f.press("f")
        await until([p, f], lambda: current_id(follower) == presenter.deck.incidents[1].id, what="following again")
        assert not follower.browsing
        assert f"following {ME}" in screen_text(follower)
        await p.press("right")
        await until([p, f], lambda: current_id(follower) == presenter.deck.incidents[2].id, what="the next step")


async def test_f_is_the_timelines_filter_while_following(runtime):
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=LARGE) as p:
        await shared(p)
        await p.press("2")
        follower = await follower_app(runtime)
        async with follower.run_test(size=LARGE) as f:
            await until([p, f], lambda: follower.screen.SCREEN_NAME == "timeline", what="the timeline")
            await f.press("f")
            await f.pause()
            assert follower.screen.query_one(TimelineFilter).has_class("-open"), "f opened the filter, it did not follow"


async def test_a_follower_cannot_edit_or_reload_and_says_why(runtime):
    async with presenter_and_follower(runtime, SMALL, SMALL) as (_presenter, _p, follower, f):
        await f.press("e")
        await f.press("r")
        await f.pause()
        notices = [str(n.message) for n in follower._notifications]
        assert f"Only {ME} can edit the deck: a follower shows the deck {ME} sends." in notices
        assert f"Only {ME} can reload the deck: a follower shows the deck {ME} sends." in notices


# -- the audience and the end --------------------------------------------------------------------


async def test_the_presenters_header_counts_followers_and_notices_name_them(runtime):
    group = my_group()
    presenter = sharing_app(runtime, group=group)
    async with presenter.run_test(size=LARGE) as p:
        await shared(p)
        assert f"shared with {group.name} · 0 following" in screen_text(presenter)
        follower = await follower_app(runtime)
        async with follower.run_test(size=SMALL) as f:
            await until([p, f], lambda: f"shared with {group.name} · 1 following" in screen_text(presenter), what="the count")
            assert f"{ME} is following" in [str(n.message) for n in presenter._notifications]
        await until([p], lambda: f"shared with {group.name} · 0 following" in screen_text(presenter), what="the count after leaving")
        assert f"{ME} left" in [str(n.message) for n in presenter._notifications]


async def test_a_full_presentation_refuses_the_next_follower_and_the_presenter_is_told(runtime):
    presenter = sharing_app(runtime, share=ShareSettings(max_followers=1, runtime=runtime, timing=FAST))
    async with presenter.run_test(size=SMALL) as p:
        await shared(p)
        follower = await follower_app(runtime)
        async with follower.run_test(size=SMALL) as f:
            await until([p, f], lambda: presenter.sharing.followers == 1, what="the first follower")
            with pytest.raises(Exception, match="the presentation is full"):
                await connect(runtime)
            await until([p], lambda: any("refused" in str(n.message) for n in presenter._notifications), what="the notice")
            assert f"refused {ME}: the presentation is full (1 followers)" in [str(n.message) for n in presenter._notifications]


async def test_when_the_presenter_quits_the_follower_says_so_and_exits(runtime):
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=SMALL) as p:
        await shared(p)
        follower = await follower_app(runtime)
        async with follower.run_test(size=SMALL) as f:
            await until([p, f], lambda: presenter.sharing.followers == 1, what="the follower")
            await p.press("q")
            await until([f], lambda: follower.farewell is not None, what="the goodbye")
            assert follower.farewell == f"{ME} ended the presentation"
            assert follower._exit
    assert not any(runtime.base.glob("*/*/socket")), "the socket is removed at quit"


async def test_with_wait_the_follower_keeps_the_deck_and_follows_the_next_presentation(runtime):
    first = sharing_app(runtime)
    async with first.run_test(size=SMALL) as p:
        await shared(p)
        await p.press("right")
        follower = await follower_app(runtime, wait=True)
        async with follower.run_test(size=SMALL) as f:
            await until([p, f], lambda: current_id(follower) == first.deck.incidents[0].id, what="following")
            await p.press("q")
            await until([f], lambda: f"{ME} ended · waiting" in screen_text(follower), what="waiting")
            assert follower.farewell is None and first.deck.incidents[0].title in screen_text(follower)
            second = sharing_app(runtime)
            async with second.run_test(size=SMALL) as p2:
                await shared(p2)
                await p2.press("end")
                await until([p2, f], lambda: current_id(follower) == second.deck.incidents[-1].id, what="the next presentation")
                assert f"following {ME}" in screen_text(follower)


async def test_a_follower_blanked_by_the_presenter_shows_the_end_when_the_presenter_quits(runtime):
    async with presenter_and_follower(runtime, SMALL, SMALL, wait=True) as (presenter, p, follower, f):
        await until([p, f], lambda: follower.session.place.screen == presenter.session.place.screen, what="following")
        await p.press("b")
        await until([p, f], lambda: follower.blank, what="the follower blanked with the presenter")
        await p.press("q")
        await until([f], lambda: f"{ME} ended · waiting" in screen_text(follower), what="the end said on screen")
        assert not follower.blank


# -- the presenter view --------------------------------------------------------------------------


async def test_the_presenter_view_shows_the_notes_and_next_slide_and_drives_the_presentation(runtime):
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=SMALL) as p:
        await shared(p)
        view = await presenter_view_app(runtime)
        follower = await follower_app(runtime)
        async with view.run_test(size=SMALL) as v, follower.run_test(size=SMALL) as f:
            deck = presenter.deck
            noted = next(number for number, incident in enumerate(deck.incidents, start=1) if incident.notes)
            await v.press("colon", *str(noted + 1), "enter")
            incident = deck.incidents[noted - 1]
            await until([p, v, f], lambda: current_id(presenter) == incident.id, what="the presenter at the noted slide")
            await until([v], lambda: incident.notes.split()[0] in screen_text(view), what="the notes")
            text = screen_text(view)
            assert incident.title[:30] in text
            following = deck.incidents[noted] if noted < len(deck.incidents) else None
            assert f"Next: {noted + 2}/{len(deck.incidents) + 1} {following.title[:20]}" in text
            await until([f], lambda: current_id(follower) == incident.id, what="the follower")
            assert incident.notes.split("\n")[0][:30] not in screen_text(follower)
            assert all(i.notes is None for i in (*follower.deck.incidents, *follower.deck.events))

            await v.press("right")
            await until([p, v], lambda: current_id(presenter) == deck.incidents[noted].id, what="next from the view")
            await v.press("home")
            await until([p, v], lambda: presenter.screen.current_item() is None, what="first from the view")
            await v.press("3")
            await until([p, v], lambda: presenter.screen.SCREEN_NAME == "countries", what="the countries screen")
            assert "Countries" in screen_text(view)


async def test_blank_from_the_presenter_view_reaches_the_followers_place(runtime):
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=SMALL) as p:
        await shared(p)
        view = await presenter_view_app(runtime)
        follower = await follower_app(runtime)
        async with view.run_test(size=SMALL) as v, follower.run_test(size=SMALL) as f:
            await v.press("b")
            await until([p, v, f], lambda: follower.presenter_place.blank, what="the blank place")
            assert presenter.session.place.blank and "· blank" in screen_text(view)
            await v.press("right")
            await until([p, v, f], lambda: not follower.presenter_place.blank, what="the step that ends it")
            assert follower.presenter_place == Place(slide=1, slide_id=presenter.deck.incidents[0].id)


# -- what travels --------------------------------------------------------------------------------


async def test_no_byte_sent_to_a_follower_carries_speaker_notes(runtime):
    """A raw follower connection records every byte while the presenter walks every slide,
    the timeline's events and reloads; inflated, none of it holds any speaker note."""
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=LARGE) as p:
        await shared(p)
        line = await open_line(runtime, os.geteuid(), ME, 1, Hello(want="follow"), FAST)
        received = bytearray()
        recording = asyncio.ensure_future(record(line, received))
        try:
            for _ in presenter.deck.incidents:
                await p.press("right")
            await p.press("2", *["right"] * len(presenter.deck.events) * 2, "r")
            await settle(p)
            await until([p], lambda: received.count(b'"type":"place"') >= len(presenter.deck.incidents), what="the places")
            await asyncio.sleep(0.3)
        finally:
            recording.cancel()
            line.writer.transport.abort()
    messages = inflated(bytes(received))
    assert any('"type":"deck"' in message for message in messages)
    notes = [i.notes for i in (*presenter.deck.incidents, *presenter.deck.events) if i.notes]
    assert len(notes) >= 3
    for note in notes:
        for fragment in (note[:40], note[-40:].strip()):
            assert fragment not in "".join(messages) and fragment.encode() not in received


async def record(line, received: bytearray) -> None:
    """Every byte the presenter sends, with keep-alives so it does not drop us."""
    async def keep_alive() -> None:
        while True:
            line.writer.write(frame(KeepAlive().to_json()))
            await asyncio.sleep(FAST.keepalive)

    alive = asyncio.ensure_future(keep_alive())
    try:
        while chunk := await line.reader.read(65536):
            received.extend(chunk)
    finally:
        alive.cancel()


def inflated(data: bytes) -> list[str]:
    """The frames' JSON, compressed ones inflated."""
    messages, at = [], 0
    while at + HEADER.size <= len(data):
        length, encoding = HEADER.unpack_from(data, at)
        payload = data[at + HEADER.size : at + HEADER.size + length]
        messages.append((zlib.decompress(payload) if encoding else payload).decode("utf-8"))
        at += HEADER.size + length
    return messages
