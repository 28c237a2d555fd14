"""`briefing follow` and `briefing DECK --share` on the command line: listing, refusals before any
screen, usage errors. Following itself is in tests/ui/test_sharing_app.py and tests/e2e."""

from __future__ import annotations

import asyncio
import grp
import os
import sys
from datetime import UTC, datetime, timedelta

import pytest
from share_support import FAST, public_runtime, remove_runtime
from sharing_support import ME

from briefing.cli import main
from briefing.follow import format_listing
from briefing.session import Place
from briefing.session.share import Group, PresentationInfo, ShareServer


@pytest.fixture
def runtime(monkeypatch):
    made = public_runtime()
    monkeypatch.setenv("BRIEFING_RUNTIME_DIR", str(made.base))
    yield made
    remove_runtime(made)


async def run_briefing(*args: str) -> tuple[int, str, str]:
    """The real command in a process of its own, while this test's loop keeps serving."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "briefing", *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, out.decode(), err.decode()


def my_group() -> Group:
    return Group(grp.getgrgid(os.getegid()).gr_name, os.getegid())


async def test_follow_with_no_name_lists_the_presentations_one_may_join(runtime, example_deck):
    server = ShareServer(example_deck, Place(), group=my_group(), runtime=runtime, timing=FAST)
    await server.start()
    try:
        status, out, err = await run_briefing("follow")
    finally:
        await server.close()
    assert (status, err) == (0, "")
    header, row, hint = out.splitlines()
    assert header.split() == ["PRESENTATION", "SINCE", "FOLLOWING", "GROUP", "TITLE"]
    assert row.split()[0] == ME and row.split()[2:4] == ["0", my_group().name]
    assert row.endswith(example_deck.title)
    assert hint == "follow one with: briefing follow PRESENTATION"


async def test_follow_with_nothing_running_says_so(runtime):
    status, out, err = await run_briefing("follow")
    assert (status, err) == (0, "")
    assert out.startswith("No presentations you may join.")


async def test_following_someone_who_is_not_presenting_is_one_line_and_status_1(runtime):
    status, out, err = await run_briefing("follow", ME)
    assert (status, out) == (1, "")
    assert err.startswith(f"briefing follow: {ME} is not presenting")
    assert "Traceback" not in err and len(err.splitlines()) == 1


async def test_following_no_such_user_is_one_line_and_status_1(runtime):
    status, _out, err = await run_briefing("follow", "no-such-user-here")
    assert status == 1
    assert err == "briefing follow: there is no user 'no-such-user-here' on this machine\n"


def test_notes_are_refused_for_a_follower(capsys):
    assert main(["follow", "alice", "--notes"]) == 2
    assert "speaker notes never leave the presenter's user" in capsys.readouterr().err


def test_the_presenter_view_is_only_for_ones_own_presentation(capsys):
    other = "someone-else" if ME != "someone-else" else "another"
    assert main(["follow", "--presenter", other]) == 2
    assert f"the presenter view is for the presenter's own user: {other} opens it" in capsys.readouterr().err


@pytest.mark.parametrize("argument", ["alice/", "/2", "alice/0", "alice/x"])
def test_a_presentation_number_must_be_a_positive_number(argument, capsys):
    assert main(["follow", argument]) == 2
    assert "expected PRESENTER or PRESENTER/N such as alice/2" in capsys.readouterr().err


def test_a_number_given_twice_must_agree(capsys):
    assert main(["follow", "alice/2", "--number", "3"]) == 2
    assert "alice/2 and --number 3 disagree" in capsys.readouterr().err


def test_sharing_with_an_unknown_group_fails_before_any_screen(capsys):
    from paths import EXAMPLE_DECK

    assert main([str(EXAMPLE_DECK), "--share", "no-such-group-here"]) == 2
    assert capsys.readouterr().err == "briefing: cannot share: there is no group 'no-such-group-here' (see `getent group`)\n"


def test_max_followers_needs_share(capsys):
    from paths import EXAMPLE_DECK

    assert main([str(EXAMPLE_DECK), "--max-followers", "3"]) == 2
    assert "--max-followers is for --share GROUP" in capsys.readouterr().err


def test_the_listing_names_each_presentation_as_follow_takes_it():
    now = datetime(2025, 9, 25, 14, 30, tzinfo=UTC)
    found = [
        PresentationInfo("alice", 1, "Morning brief", now - timedelta(minutes=20), "ops", 3),
        PresentationInfo("alice", 2, "Afternoon  brief", now - timedelta(days=1), None, 0),
        PresentationInfo("bob", 1, "Bob's brief", now, "intel", 12),
    ]
    lines = format_listing(found, now=now).splitlines()
    assert [line.split()[0] for line in lines[1:4]] == ["alice/1", "alice/2", "bob"]
    assert lines[2].split()[-2:] == ["Afternoon", "brief"] and "  -  " in lines[2], "no group: a dash"
    assert lines[3].split()[1:4] == ["14:30", "12", "intel"]
