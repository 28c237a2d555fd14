"""Real other users (as root, through `setpriv`): the file modes keep outsiders from even
reaching the socket, the peer credentials keep out a process that merely holds the group,
and a member of the group follows without ever receiving notes.

The follower runs as `nobody` (65534). Two temporary groups make the test honest: one lists
`nobody` as a member in /etc/group (what `os.getgrouplist` reads), one does not. `setpriv
--groups GID` gives the process the group in the kernel (what file permissions check), so
"in the kernel, not in the database" is the case of a user removed from the group whose old
login session still carries it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from share_support import FAST, make_group, nobody_runs, root_only

from briefing.session import Place
from briefing.session.share import Group, Joined, Refused, ShareServer

pytestmark = root_only

PROBE = Path(__file__).with_name("share_probe.py")


@pytest.fixture(scope="module")
def groups():
    """(a group nobody is in, a group nobody is not in); removed afterwards."""
    if subprocess.run(["which", "groupadd", "setpriv"], capture_output=True).returncode:
        pytest.skip("needs groupadd and setpriv")
    if nobody_runs("-c", "import briefing.session.share").returncode:
        pytest.skip(f"nobody cannot run {sys.executable} with this checkout (an interpreter under a private home?)")
    made = [make_group("nobody"), make_group(None)]
    yield made
    for group in made:
        subprocess.run(["groupdel", group.name], capture_output=True)


def as_nobody(*args: str, groups: list[int] | None = None) -> list[dict]:
    """The probe's JSON lines, run as nobody."""
    done = nobody_runs(str(PROBE), *args, groups=groups)
    assert "Traceback" not in done.stderr, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


async def run_as_nobody(*args: str, groups: list[int] | None = None) -> list[dict]:
    import asyncio

    return await asyncio.to_thread(as_nobody, *args, groups=groups)


async def shared(deck, runtime, group: Group) -> tuple[ShareServer, list]:
    events: list = []
    server = ShareServer(deck, Place(slide=2), group=group, runtime=runtime, timing=FAST, on_event=events.append)
    await server.start()
    return server, events


async def test_modes_after_start_let_only_the_group_through(example_deck, runtime, groups):
    member_group = groups[0]
    server, _ = await shared(example_deck, runtime, member_group)
    try:
        user_dir, presentation = runtime.user_dir(0), Path(server.directory)
        assert stat.S_IMODE(os.lstat(user_dir).st_mode) == 0o711
        info = os.lstat(presentation)
        assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o750, 0, member_group.gid)
        sock = os.lstat(presentation / "socket")
        assert stat.S_ISSOCK(sock.st_mode)
        assert (stat.S_IMODE(sock.st_mode), sock.st_uid, sock.st_gid) == (0o660, 0, member_group.gid)
    finally:
        await server.close()


async def test_an_outsider_cannot_even_reach_the_socket(example_deck, runtime, groups):
    server, events = await shared(example_deck, runtime, groups[0])
    try:
        [answer] = await run_as_nobody("follow", str(runtime.base), "root")
    finally:
        await server.close()
    assert answer["error"] == "AccessDenied"
    assert answer["message"] == f"root shares this presentation with group {groups[0].name}, and you are not in it"
    assert events == [], "the kernel refused the connection: the presenter never saw it"


async def test_a_member_follows_and_never_receives_notes(example_deck, runtime, groups):
    member_group = groups[0]
    server, events = await shared(example_deck, runtime, member_group)
    try:
        lines = await run_as_nobody("follow", str(runtime.base), "root", "follow", "2", groups=[member_group.gid])
    finally:
        await server.close()
    assert [line["event"] for line in lines] == ["Connected", "DeckReceived"]
    assert lines[0]["role"] == "follower"
    assert (lines[1]["title"], lines[1]["slide"], lines[1]["notes"]) == (example_deck.title, 2, [])
    assert events[0] == Joined("nobody", events[0].role, 1, None)


async def test_a_member_cannot_open_the_presenter_view(example_deck, runtime, groups):
    server, events = await shared(example_deck, runtime, groups[0])
    try:
        [answer] = await run_as_nobody("follow", str(runtime.base), "root", "present", groups=[groups[0].gid])
    finally:
        await server.close()
    assert answer["message"] == "root's presentation refused you: only root may open the presenter view"
    assert events == [Refused("nobody", "only root may open the presenter view")]


async def test_holding_the_group_without_being_in_it_is_refused_by_credentials(example_deck, runtime, groups):
    """The file system lets the process through (it has the gid); the user database says no."""
    other = groups[1]
    server, events = await shared(example_deck, runtime, other)
    try:
        [answer] = await run_as_nobody("follow", str(runtime.base), "root", groups=[other.gid])
    finally:
        await server.close()
    assert answer == {"error": "AccessDenied", "message": f"root's presentation refused you: not in group {other.name}"}
    assert [e.notice for e in events] == [f"refused nobody: not in group {other.name}"]


async def test_a_member_lists_the_presentation_and_an_outsider_lists_nothing(example_deck, runtime, groups):
    server, events = await shared(example_deck, runtime, groups[0])
    try:
        member = await run_as_nobody("list", str(runtime.base), groups=[groups[0].gid])
        outsider = await run_as_nobody("list", str(runtime.base))
    finally:
        await server.close()
    assert member == [{"presenter": "root", "number": 1, "title": example_deck.title, "group": groups[0].name, "followers": 0}]
    assert outsider == []
    assert events == []
