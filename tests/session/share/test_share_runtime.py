"""The runtime directory: private first, opened to the group only when the socket is ready,
never someone else's, short socket addresses at any depth, stale sockets replaced."""

from __future__ import annotations

import fcntl
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from share_support import root_only

from briefing.session.share import runtime as runtime_module
from briefing.session.share.errors import NotSharing, NotThePresenter, RuntimeDirError
from briefing.session.share.runtime import (
    GROUP_DIR_MODE,
    SOCKET_NAME,
    SUN_PATH_LIMIT,
    PresentationDir,
    RuntimeDir,
    presentation_numbers,
    verified_dir,
)

UID = os.geteuid()
GID = os.getegid()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def connects(path: str) -> bool:
    probe = socket.socket(socket.AF_UNIX)
    try:
        probe.connect(path)
        return True
    except OSError:
        return False
    finally:
        probe.close()


@pytest.fixture
def claimed(runtime):
    held: list[PresentationDir] = []

    def claim(gid: int | None = GID) -> PresentationDir:
        held.append(PresentationDir.claim(runtime, gid))
        return held[-1]

    yield claim
    for presentation in held:
        presentation.remove()


def test_runtime_dir_defaults_to_a_per_uid_folder_in_tmp():
    runtime = RuntimeDir.from_environment({})
    assert runtime.user_dir(1000) == Path("/tmp/briefing-1000")


def test_runtime_dir_from_the_environment_holds_one_folder_per_uid():
    runtime = RuntimeDir.from_environment({"BRIEFING_RUNTIME_DIR": "/run/briefing"})
    assert runtime.user_dir(1000) == Path("/run/briefing/1000")


def test_a_relative_runtime_dir_is_refused():
    with pytest.raises(RuntimeDirError, match="absolute"):
        RuntimeDir.from_environment({"BRIEFING_RUNTIME_DIR": "run/briefing"})


def test_a_missing_runtime_base_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeDirError, match="does not exist"):
        PresentationDir.claim(RuntimeDir(tmp_path / "missing", configured=True), None)


def test_a_base_writable_by_all_without_the_sticky_bit_is_refused(runtime):
    os.chmod(runtime.base, 0o777)
    with pytest.raises(RuntimeDirError, match="sticky"):
        PresentationDir.claim(runtime, None)


def test_a_presentation_is_private_until_opened(runtime, claimed):
    presentation = claimed()
    user = runtime.user_dir(UID)
    assert mode(user) == 0o700
    assert mode(presentation.path) == 0o700
    assert sorted(os.listdir(user)) == ["1", "1.lock"]


def test_opening_gives_the_group_the_directory_and_the_socket(runtime, claimed):
    presentation = claimed()
    server = presentation.listen(backlog=4)
    socket_file = presentation.socket_path
    assert mode(socket_file) == 0o660 and os.lstat(socket_file).st_gid == GID
    assert mode(presentation.path) == 0o700
    presentation.open_to_group()
    assert mode(runtime.user_dir(UID)) == 0o711
    assert mode(presentation.path) == 0o750 and os.lstat(presentation.path).st_gid == GID
    server.close()


def test_a_presentation_shared_with_nobody_stays_private_with_an_owner_only_socket(runtime, claimed):
    presentation = claimed(gid=None)
    server = presentation.listen(backlog=4)
    presentation.open_to_group()
    assert mode(presentation.path) == 0o700 and mode(presentation.socket_path) == 0o600
    assert mode(runtime.user_dir(UID)) == 0o700
    server.close()


def test_the_group_gets_in_only_once_the_socket_listens_with_its_final_mode(runtime, claimed, monkeypatch):
    """Watch every mode change: the directory's other bits are never set, and the moment its
    group bits are, the socket already listens with mode 0660 and the group."""
    presentation = claimed()
    seen: list[tuple[int, str]] = []
    real_fchmod = os.fchmod

    def watching_fchmod(fd: int, new_mode: int) -> None:
        if os.fstat(fd).st_ino == os.lstat(presentation.path).st_ino:
            assert not new_mode & 0o007, "others must never get into the presentation directory"
            if new_mode & 0o070:
                socket_file = presentation.socket_path
                assert stat.S_ISSOCK(os.lstat(socket_file).st_mode)
                assert mode(socket_file) == 0o660 and os.lstat(socket_file).st_gid == GID
                assert os.fstat(fd).st_gid == GID, "the group is set while the directory is still 0700"
                assert connects(str(socket_file)), "the socket must already listen"
            seen.append((new_mode, "presentation"))
        real_fchmod(fd, new_mode)

    monkeypatch.setattr(runtime_module.os, "fchmod", watching_fchmod)
    server = presentation.listen(backlog=4)
    presentation.open_to_group()
    assert seen == [(GROUP_DIR_MODE, "presentation")]
    server.close()


def test_two_presentations_of_one_user_get_distinct_numbers(runtime, claimed):
    first, second = claimed(), claimed()
    assert (first.number, second.number) == (1, 2)
    assert presentation_numbers(runtime, UID, "me") == [1, 2]


def test_a_number_is_free_again_after_removal_but_its_lock_file_stays(runtime, claimed):
    first = claimed()
    first.remove()
    assert sorted(os.listdir(runtime.user_dir(UID))) == ["1.lock"]
    assert claimed().number == 1


def test_a_crashed_presenters_stale_socket_is_replaced(runtime):
    """A presenter killed with SIGKILL leaves its directory and socket; its lock dies with it."""
    presenter = subprocess.Popen(
        [sys.executable, "-c", CRASHING_PRESENTER, str(runtime.base)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert presenter.stdout.readline().strip() == "listening"
    finally:
        presenter.kill()
        presenter.wait()
    socket_file = runtime.user_dir(UID) / "1" / SOCKET_NAME
    assert stat.S_ISSOCK(os.lstat(socket_file).st_mode) and not connects(str(socket_file))
    replacement = PresentationDir.claim(runtime, GID)
    try:
        assert replacement.number == 1
        assert not socket_file.exists()
        server = replacement.listen(backlog=1)
        assert connects(str(socket_file))
        server.close()
    finally:
        replacement.remove()


CRASHING_PRESENTER = """
import sys, time
from pathlib import Path
from briefing.session.share.runtime import PresentationDir, RuntimeDir
presentation = PresentationDir.claim(RuntimeDir(Path(sys.argv[1]), configured=True), None)
server = presentation.listen(backlog=1)
print("listening", flush=True)
time.sleep(60)
"""


def test_a_live_socket_is_never_replaced_even_without_its_lock(runtime, claimed):
    first = claimed()
    server = first.listen(backlog=1)
    fcntl.flock(first._lock_fd, fcntl.LOCK_UN)
    assert claimed().number == 2
    server.close()


def test_a_user_dir_that_is_a_symlink_is_refused(runtime, tmp_path):
    os.symlink(tmp_path, runtime.user_dir(UID))
    with pytest.raises(RuntimeDirError, match="not a directory of ours"):
        PresentationDir.claim(runtime, None)


def test_a_user_dir_writable_by_others_is_refused(runtime):
    os.mkdir(runtime.user_dir(UID), 0o700)
    os.chmod(runtime.user_dir(UID), 0o777)
    with pytest.raises(RuntimeDirError, match="writable by others"):
        PresentationDir.claim(runtime, None)


@root_only
def test_a_user_dir_someone_else_made_first_is_refused(runtime):
    os.mkdir(runtime.user_dir(UID), 0o700)
    os.chown(runtime.user_dir(UID), 65534, 65534)
    with pytest.raises(RuntimeDirError, match="belongs to uid 65534"):
        PresentationDir.claim(runtime, None)


def test_a_runtime_dir_deeper_than_a_socket_path_allows_still_works(claimed, runtime):
    deep = runtime.base / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    deep_runtime = RuntimeDir(deep, configured=True)
    presentation = PresentationDir.claim(deep_runtime, GID)
    try:
        assert len(os.fsencode(str(presentation.socket_path))) > SUN_PATH_LIMIT
        server = presentation.listen(backlog=1)
        found = verified_dir(deep_runtime, UID, "me", presentation.number)
        assert connects(found.address)
        found.close()
        server.close()
    finally:
        presentation.remove()


def test_without_proc_a_socket_path_over_the_limit_is_a_clear_error(runtime, monkeypatch):
    monkeypatch.setattr(runtime_module, "PROC_FD", Path("/nonexistent/proc/self/fd"))
    deep = runtime.base / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    presentation = PresentationDir.claim(RuntimeDir(deep, configured=True), None)
    try:
        with pytest.raises(RuntimeDirError, match=f"at most {SUN_PATH_LIMIT - 1}"):
            presentation.listen(backlog=1)
    finally:
        presentation.remove()


def test_without_proc_a_short_socket_path_is_used_as_is(runtime, claimed, monkeypatch):
    monkeypatch.setattr(runtime_module, "PROC_FD", Path("/nonexistent/proc/self/fd"))
    presentation = claimed()
    server = presentation.listen(backlog=1)
    assert server.getsockname() == str(presentation.socket_path)
    server.close()


def test_a_follower_finds_nothing_where_nobody_presents(runtime):
    with pytest.raises(NotSharing, match="alice is not presenting"):
        presentation_numbers(runtime, 1000, "alice")
    os.mkdir(runtime.user_dir(UID), 0o700)
    with pytest.raises(NotSharing, match="no presentation 1"):
        verified_dir(runtime, UID, "me", 1)


def test_a_follower_finds_no_socket_while_a_presentation_starts(runtime, claimed):
    claimed()
    with pytest.raises(NotSharing, match="starting or has ended"):
        verified_dir(runtime, UID, "me", 1)


@root_only
def test_a_follower_refuses_a_directory_the_presenter_does_not_own(runtime, claimed):
    presentation = claimed()
    server = presentation.listen(backlog=1)
    os.chown(presentation.path, 65534, -1)
    with pytest.raises(NotThePresenter, match="does not belong to me"):
        verified_dir(runtime, UID, "me", 1)
    os.chown(presentation.path, UID, -1)
    os.chown(presentation.socket_path, 65534, -1, follow_symlinks=False)
    with pytest.raises(NotThePresenter, match="socket"):
        verified_dir(runtime, UID, "me", 1)
    server.close()


def test_a_follower_refuses_a_socket_that_is_not_a_socket(runtime, claimed):
    presentation = claimed()
    (presentation.path / SOCKET_NAME).write_text("not a socket")
    with pytest.raises(NotThePresenter, match="socket"):
        verified_dir(runtime, UID, "me", 1)


def test_a_follower_refuses_a_user_dir_writable_by_others(runtime, claimed):
    claimed()
    os.chmod(runtime.user_dir(UID), 0o777)
    with pytest.raises(NotThePresenter, match="does not belong to me alone"):
        verified_dir(runtime, UID, "me", 1)


def test_the_presenter_cannot_remove_twice(claimed):
    presentation = claimed()
    presentation.remove()
    presentation.remove()

