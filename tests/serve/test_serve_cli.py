"""``briefing serve`` on the command line: what it refuses, what it prints, what it leaves behind."""

from __future__ import annotations

import os
import sys

import pytest
from serve_support import ServeProcess, peer_command

pytest.importorskip("textual_serve", reason="briefing serve needs the serve extra: pip install -e '.[serve]'")

from briefing.cli import main
from briefing.serve import command, upstream
from briefing.session.share import RUNTIME_DIR_VARIABLE


def test_help_says_how_it_is_reached(capsys):
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "ssh -L" in out and "one-time link" in out and "--max-tabs" in out


@pytest.mark.parametrize(
    "presenter,message",
    [
        ("no-such-user-xyz", "there is no user 'no-such-user-xyz'"),
        ("a;rm -rf ~", "is not a user name"),
        ("root/0", "is not a user name"),
        ("-x", "unrecognized arguments"),
    ],
)
def test_a_presenter_that_is_not_a_user_is_refused(capsys, presenter, message):
    assert main(["serve", presenter]) == 2
    assert message in capsys.readouterr().err


def test_without_a_presenter_and_nobody_sharing_it_says_so(capsys, monkeypatch, runtime):
    monkeypatch.setenv(RUNTIME_DIR_VARIABLE, str(runtime.base))
    assert main(["serve"]) == 2
    assert "no presentation is shared with you now" in capsys.readouterr().err


def test_a_textual_serve_it_was_not_built_for_stops_it_before_anything_is_served(capsys, monkeypatch):
    monkeypatch.setattr(
        upstream, "problems", lambda: ["textual-serve 9.9 is installed, briefing serve is built for 1.1.3"]
    )
    assert main(["serve", "root"]) == 2
    assert "cannot start:\n  textual-serve 9.9" in capsys.readouterr().err


def test_each_tab_runs_this_pythons_briefing_follow():
    assert command.follow_command("alice/2", theme="paper", wait=True) == [
        sys.executable,
        "-m",
        "briefing",
        "follow",
        "alice/2",
        "--theme",
        "paper",
        "--wait",
    ]


def test_it_prints_the_ssh_line_and_the_link_and_cleans_up_when_stopped(runtime):
    with ServeProcess.serving(peer_command(), runtime.base) as serving:
        socket_path = serving.socket_path
        assert socket_path == f"{runtime.base}/{os.geteuid()}/serve-1/socket"
        assert os.path.exists(socket_path)
        assert "ssh -N -L 8080:" in serving.output and "Only you can open it" in serving.output
        status = serving.stop()
    assert status == 0
    assert not os.path.exists(os.path.dirname(socket_path))


def test_two_views_of_one_user_get_two_sockets(runtime):
    with (
        ServeProcess.serving(peer_command(), runtime.base) as first,
        ServeProcess.serving(peer_command(), runtime.base) as second,
    ):
        assert {first.socket_path.split("/")[-2], second.socket_path.split("/")[-2]} == {"serve-1", "serve-2"}
