"""End to end: a presenter (`briefing DECK --share GROUP`) and followers (`briefing follow
PRESENTER`), each the real command in a tmux server of its own, read off their screens.

Two followers at 80×24 and 120×40 follow every step, a palette jump, a search, a screen
switch and a reload after an edit, and show the presenter's goodbye when it quits. Then other
users, as root acts them through `setpriv` (skipped when not root): an outsider is refused
before the presenter hears of it, a group member follows, and one who holds the group
without being in it is refused by the presenter, who is told.
"""

from __future__ import annotations

import grp
import os
import re
import time
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from app_support import EXAMPLE_DECK
from share_support import (
    make_group,
    nobody_command,
    nobody_environment,
    public_runtime,
    readable_site,
    remove_runtime,
    root_only,
)
from sharing_support import ME
from tmux_support import TmuxTerminal, briefing_command, needs_tmux

from briefing.deck import load_deck
from briefing.session.share import Group

pytestmark = [needs_tmux, pytest.mark.e2e]

PRESENTER_SIZE = (100, 30)
FOLLOWER_SIZES = ((80, 24), (120, 40))
LOCATION = re.compile(r"(Brief \d+/\d+|Quotes [\d,]+/[\d,]+|Quotes 0|Timeline\b[^·]*?|Countries\b|Sources\b)")


@pytest.fixture
def runtime():
    made = public_runtime()
    yield made
    remove_runtime(made)


@pytest.fixture
def deck_copy(tmp_path) -> Path:
    shutil.copytree(EXAMPLE_DECK.parent, tmp_path / "deck")
    return tmp_path / "deck" / "deck.yaml"


def own_group() -> Group:
    return Group(grp.getgrgid(os.getegid()).gr_name, os.getegid())


def presenting(deck: Path, runtime, group: Group) -> TmuxTerminal:
    command = briefing_command(str(deck), "--share", group.name)
    return TmuxTerminal(command, size=PRESENTER_SIZE, env={"BRIEFING_RUNTIME_DIR": str(runtime.base)}, cwd=deck.parent)


def following(runtime, size, *options: str) -> TmuxTerminal:
    return TmuxTerminal(then_stay("follow", ME, *options), size=size, env={"BRIEFING_RUNTIME_DIR": str(runtime.base)})


THEN_STAY = "import sys, time; from briefing.cli import main; s = main(sys.argv[1:]); print(f'[exit {s}]', flush=True); time.sleep(600)"


def then_stay(*args: str) -> list[str]:
    """`briefing ARGS`, then its exit status, in a pane that stays: what it printed last (on
    the screen it left) can be read, where tmux would tidy a dead pane away. One process (no
    shell), so `setpriv` can run it as another user with this interpreter."""
    return [sys.executable, "-c", THEN_STAY, *args]


def wait_end(term: TmuxTerminal, status: int, last_words: str) -> None:
    term.wait_for(f"[exit {status}]")
    term.wait_for(last_words)


def header(screen: str) -> str:
    """The header line: the second line (under the classification banner)."""
    return screen.splitlines()[1]


def location(screen: str) -> str:
    found = LOCATION.search(header(screen))
    return found.group(1).strip() if found else ""


def all_show(terms: list[TmuxTerminal], *texts: str) -> None:
    for term in terms:
        for text in texts:
            term.wait_for(text)


def same_as_presenter(presenter: TmuxTerminal, followers: list[TmuxTerminal], where: str, title: str) -> None:
    """The presenter's header says `where` (Brief 3/9 ...) with `title` on screen, and so do
    every follower's, each at its own size."""
    for term in (presenter, *followers):
        term.wait_for(title[:30])
        wait_for_location(term, where)


def wait_for_location(term: TmuxTerminal, where: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while location(term.screen()) != where:
        if time.monotonic() > deadline:
            raise AssertionError(f"the header does not say {where!r}:\n{term.screen()}")
        time.sleep(0.05)


def test_two_followers_follow_steps_jumps_search_and_reload_and_hear_goodbye(runtime, deck_copy):
    deck = load_deck(deck_copy).deck
    total = len(deck.incidents) + 1
    with presenting(deck_copy, runtime, own_group()) as presenter:
        presenter.wait_for(f"shared with {own_group().name} · 0 following")
        with following(runtime, FOLLOWER_SIZES[0]) as small, following(runtime, FOLLOWER_SIZES[1]) as large:
            followers = [small, large]
            all_show(followers, f"following {ME}", f"Brief 1/{total}")
            presenter.wait_for(f"shared with {own_group().name} · 2 following")

            presenter.send("Right")
            presenter.send("Right")
            same_as_presenter(presenter, followers, f"Brief 3/{total}", deck.incidents[1].title)

            denmark = next(i for i in deck.incidents if "Denmark" in i.title)
            presenter.send("C-p")
            presenter.wait_for("Search for commands")
            presenter.type("Incident: Drones disrupt")
            presenter.wait_for(denmark.title)
            presenter.send("Enter")
            at_denmark = f"Brief {deck.incidents.index(denmark) + 2}/{total}"
            same_as_presenter(presenter, followers, at_denmark, denmark.title)

            quote = next(q for q in deck.quotes if q.speaker.name.split()[-1].isascii())
            surname = quote.speaker.name.split()[-1].lower()
            presenter.send("/")
            presenter.wait_for("type to search")
            presenter.type(surname)
            presenter.wait_for(surname)
            all_show(followers, "Quotes", surname, quote.text[:25])

            presenter.send("Escape")
            time.sleep(0.5)  # escape then a key at once is alt+key to a terminal
            presenter.send("1")
            same_as_presenter(presenter, followers, at_denmark, denmark.title)
            deck_copy.write_text(deck_copy.read_text(encoding="utf-8").replace(denmark.title, "Retitled in the editor"), encoding="utf-8")
            presenter.wait_for("Retitled in the editor")
            same_as_presenter(presenter, followers, at_denmark, "Retitled in the editor")

            presenter.send("q")
            presenter.wait_exit()
            for follower in followers:
                wait_end(follower, 0, f"briefing follow: {ME} ended the presentation")


def test_a_follower_browses_on_its_own_and_f_follows_again(runtime, deck_copy):
    deck = load_deck(deck_copy).deck
    total = len(deck.incidents) + 1
    with following(runtime, (80, 24), "--wait") as follower, presenting(deck_copy, runtime, own_group()) as presenter:
        follower.wait_for(f"following {ME}")
        follower.send("End")
        follower.wait_for(f"Brief {total}/{total}")
        follower.wait_for(f"f: follow {ME}")
        presenter.send("Right")
        presenter.wait_for(f"Brief 2/{total}")
        assert f"Brief {total}/{total}" in header(follower.screen())
        follower.send("f")
        follower.wait_for(f"Brief 2/{total}")
        follower.wait_for(f"following {ME}")
        presenter.send("q")
        follower.wait_for(f"{ME} ended · waiting")


def test_notes_show_in_the_presenter_view_and_never_on_a_follower(runtime, deck_copy):
    deck = load_deck(deck_copy).deck
    number, noted = next((n, i) for n, i in enumerate(deck.incidents, start=1) if i.notes)
    first_words = " ".join(noted.notes.split()[:4])
    env = {"BRIEFING_RUNTIME_DIR": str(runtime.base)}
    with (
        TmuxTerminal(briefing_command("follow", "--presenter", "--wait"), size=(80, 24), env=env) as view,
        following(runtime, (120, 40), "--wait") as follower,
        presenting(deck_copy, runtime, own_group()) as presenter,
    ):
        view.wait_for("Speaker notes")
        follower.wait_for(f"following {ME}")
        for _ in range(number):
            view.send("Right")
        presenter.wait_for(noted.title[:30])
        view.wait_for(first_words)
        follower.wait_for(noted.title[:30])
        assert first_words not in presenter.screen(), "the projected terminal shows no notes without --notes"
        assert first_words not in follower.screen()
        view.send("b")
        view.wait_for("· blank")
        presenter.send("q")
        view.wait_for(f"{ME} ended · waiting")
        follower.wait_for(f"{ME} ended · waiting")


# -- other users ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nobody_site():
    """Where nobody finds the app's packages: None when it can import them already, else a
    readable copy of them (this interpreter's site may be under /root, out of its reach)."""
    if os.geteuid() != 0:
        pytest.skip("needs root: acts as other users (CI runs the tests as root)")
    if shutil.which("groupadd") is None or shutil.which("setpriv") is None:
        pytest.skip("needs groupadd and setpriv")
    if nobody_imports_the_follower(None):
        yield None
        return
    site = Path(tempfile.mkdtemp(prefix="briefing-nobody-site-", dir="/tmp"))
    try:
        readable_site(site)
        if not nobody_imports_the_follower(site):
            pytest.skip(f"nobody cannot run {sys.executable} with this checkout, even with its packages copied")
        yield site
    finally:
        shutil.rmtree(site, ignore_errors=True)


def nobody_imports_the_follower(site: Path | None) -> bool:
    command = [*nobody_command(), sys.executable, "-c", "import briefing.ui.follower"]
    return subprocess.run(command, capture_output=True, env=nobody_environment(site), cwd="/", check=False).returncode == 0


@pytest.fixture(scope="module")
def member_group(nobody_site):
    """A temporary group listing `nobody` as a member; removed afterwards."""
    made = make_group("nobody")
    yield made
    subprocess.run(["groupdel", made.name], capture_output=True, check=False)


def as_nobody(runtime, site: Path | None, groups: list[int] | None, size=(80, 24)) -> TmuxTerminal:
    command = [*nobody_command(groups), *then_stay("follow", ME)]
    environment = nobody_environment(site, BRIEFING_RUNTIME_DIR=str(runtime.base))
    return TmuxTerminal(command, size=size, env=environment, cwd=Path("/"))


@root_only
def test_an_outsider_is_refused_and_a_group_member_follows(runtime, deck_copy, member_group, nobody_site):
    deck = load_deck(deck_copy).deck
    with presenting(deck_copy, runtime, member_group) as presenter:
        presenter.wait_for(f"shared with {member_group.name} · 0 following")
        outsider = subprocess.run(
            [*nobody_command(None), sys.executable, "-m", "briefing", "follow", ME],
            capture_output=True, text=True, timeout=60, cwd="/", check=False,
            env=nobody_environment(nobody_site, BRIEFING_RUNTIME_DIR=str(runtime.base)),
        )
        assert outsider.returncode == 1
        assert outsider.stderr == f"briefing follow: {ME} shares this presentation with group {member_group.name}, and you are not in it\n"
        with as_nobody(runtime, nobody_site, [member_group.gid], size=(120, 40)) as member:
            member.wait_for(f"following {ME}")
            presenter.wait_for("nobody is following")
            presenter.send("Right")
            same_as_presenter(presenter, [member], f"Brief 2/{len(deck.incidents) + 1}", deck.incidents[0].title)
            presenter.send("q")
            wait_end(member, 0, f"briefing follow: {ME} ended the presentation")


@root_only
def test_holding_the_group_without_being_in_it_is_refused_and_the_presenter_told(runtime, deck_copy, nobody_site):
    other = make_group(None)
    try:
        with presenting(deck_copy, runtime, other) as presenter:
            presenter.wait_for(f"shared with {other.name} · 0 following")
            with as_nobody(runtime, nobody_site, [other.gid]) as impostor:
                wait_end(impostor, 1, f"briefing follow: {ME}'s presentation refused you: not in group {other.name}")
            presenter.wait_for(f"refused nobody: not in group {other.name}")
            presenter.send("q")
    finally:
        subprocess.run(["groupdel", other.name], capture_output=True, check=False)
