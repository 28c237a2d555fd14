"""Where a shared presentation's socket lives, and the order in which it is opened to a group.

Layout (``BASE`` is ``$BRIEFING_RUNTIME_DIR`` when set, else ``/tmp``)::

    BASE/<uid>/  or  /tmp/briefing-<uid>/    the presenter's own directory ("user directory")
        <n>.lock                             flock held by presentation n's presenter while it runs
        <n>/                                 presentation n: 0700 while private, then 0750 group GROUP
        <n>/socket                           its Unix socket: 0660 group GROUP (0600 when not shared)
        serve-<n>.lock, serve-<n>/socket     a browser view's socket (``briefing serve``): always 0700/0600

``$BRIEFING_RUNTIME_DIR`` names a directory an administrator made for everyone (a tmpfiles.d
line: ``d /run/briefing 1777 root root -``); each user's directory is ``<uid>`` inside it,
made by the user on first use, or made in advance by the administrator (owned by the user,
mode 0700) when the base is not writable by all. Followers find presenters the same way, so
everyone on a server needs the same value (set it system-wide, e.g. in /etc/environment).

Presentations are numbered 1, 2, … per user: two presentations of one user get distinct
numbers, the names stay short, and a follower who cannot list the user directory (0711) can
still find them. Holding ``<n>.lock`` (``flock``) is what makes number n taken, so two
presenters never race for one name; the kernel drops the lock when a presenter crashes, and
the next presenter to claim n finds the directory left behind, sees that its socket refuses
connections, and replaces it. Lock files are never removed (removing a lock file someone may
be about to lock would let two presenters hold "the same" lock).

Opening a presentation, step by step — no moment exists in which a user outside GROUP can
connect, or a member can connect to a socket that is not yet fully set up:

1. The user directory is created 0700 (``mkdir`` with an explicit mode: the process umask is
   never changed, since Textual runs threads), or an existing one is checked: ``lstat`` says a
   directory, not a symlink, owned by us, writable by no one else — anything else is refused.
   It is then only ever used through a file descriptor opened with ``O_NOFOLLOW``.
2. ``<n>.lock`` is created 0600 and locked; a leftover ``<n>/`` of a crashed presenter is removed.
3. ``<n>/`` is created 0700: from now until step 7 only our own uid can look inside.
4. The socket is bound inside it (its file's mode follows the umask, which does not matter
   because the directory is private), then set to exactly 0660 (0600 without a group) and
   its group to GROUP, and put in listening state; the server accepts from here on.
5. The user directory is set to 0711: others may pass through it to a presentation whose
   number they know, but never list it. ``<n>/`` is still 0700.
6. ``<n>/`` gets group GROUP while still 0700, so the group change itself grants nothing.
7. ``<n>/`` is set to 0750: this single ``chmod`` is the moment members of GROUP can reach the
   socket. Users outside GROUP never get search permission on ``<n>/``, at any step.

Closing reverses it: ``<n>/`` goes back to 0700 before the socket closes, then the socket
file and the directory are removed and the lock released. Peer credentials (access.py)
decide every connection on top of all this; the file modes keep non-members from even
reaching the socket.

Paths: every directory is opened once and then used through its descriptor, and sockets are
bound and reached through ``/proc/self/fd/<fd>/socket``. That closes the gap between checking
a directory and using it, and keeps the address far below the 108 bytes of ``sun_path``
whatever the depth of ``$BRIEFING_RUNTIME_DIR``. Without ``/proc`` the real path is used,
and one too long for ``sun_path`` is refused with a message naming the limit.
"""

from __future__ import annotations

import contextlib
import fcntl
import grp
import os
import re
import shutil
import socket
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import (
    AccessDenied,
    NotSharing,
    NotThePresenter,
    RuntimeDirError,
    ShareError,
)

RUNTIME_DIR_VARIABLE = "BRIEFING_RUNTIME_DIR"
DEFAULT_BASE = Path("/tmp")
SOCKET_NAME = "socket"
MAX_PRESENTATIONS = 32
"""Presentations one user may run at once (numbers 1 … 32)."""
SUN_PATH_LIMIT = 108
"""Bytes in ``sockaddr_un.sun_path``, the terminating NUL included."""
PROC_FD = Path("/proc/self/fd")

USER_DIR_MODE = 0o700
USER_DIR_OPEN_MODE = 0o711
PRIVATE_MODE = 0o700
GROUP_DIR_MODE = 0o750
GROUP_SOCKET_MODE = 0o660
OWNER_SOCKET_MODE = 0o600

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_LOOKUP_FLAGS = os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
"""For a follower: O_PATH needs only search permission, not read, on the directory."""


@dataclass(frozen=True, slots=True)
class RuntimeDir:
    """Where every user's presentations are: the base folder and how a user's folder is named."""

    base: Path = DEFAULT_BASE
    configured: bool = False
    """True when the base comes from ``$BRIEFING_RUNTIME_DIR`` (user folders are ``<uid>``)."""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> RuntimeDir:
        value = (os.environ if environ is None else environ).get(RUNTIME_DIR_VARIABLE, "")
        if not value:
            return cls()
        if not os.path.isabs(value):
            raise RuntimeDirError(f"{RUNTIME_DIR_VARIABLE} must be an absolute path, not {value!r}")
        return cls(Path(value), configured=True)

    def user_dir(self, uid: int) -> Path:
        return self.base / (str(uid) if self.configured else f"briefing-{uid}")

    def presenter_uids(self) -> list[int]:
        """The uids that have a user directory here (any of them may be presenting)."""
        pattern = re.compile(r"([0-9]{1,10})" if self.configured else r"briefing-([0-9]{1,10})")
        try:
            names = os.listdir(self.base)
        except OSError:
            return []
        return sorted(int(m.group(1)) for m in map(pattern.fullmatch, names) if m)


# --- the presenter's side ------------------------------------------------------------------


class PresentationDir:
    """One presentation's directory, socket file and lock, held by its presenter.

    A browser view (``briefing serve``) holds one too, under the prefix ``serve-`` and never
    opened to a group: followers only ever look at numbers, so they never see it.
    """

    def __init__(self, path: Path, number: int, user_fd: int, dir_fd: int, lock_fd: int, gid: int | None) -> None:
        self.path = path
        self.number = number
        self.name = path.name
        self._user_fd = user_fd
        self._dir_fd = dir_fd
        self._lock_fd = lock_fd
        self._gid = gid
        self._closed = False

    @classmethod
    def claim(cls, runtime: RuntimeDir, gid: int | None, prefix: str = "") -> PresentationDir:
        """Steps 1–3: a private directory under the lowest free number, its lock held."""
        uid = os.geteuid()
        user = runtime.user_dir(uid)
        user_fd = _own_user_dir(runtime, user, uid)
        try:
            number, lock_fd = _claim_number(user_fd, user, prefix)
            dir_fd = _private_dir(user_fd, f"{prefix}{number}")
        except BaseException:
            os.close(user_fd)
            raise
        return cls(user / f"{prefix}{number}", number, user_fd, dir_fd, lock_fd, gid)

    @property
    def socket_path(self) -> Path:
        """The socket's real path, for messages (connections go through the directory's fd)."""
        return self.path / SOCKET_NAME

    def listen(self, backlog: int) -> socket.socket:
        """Step 4: the socket, bound, with its final mode and group, listening."""
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
        try:
            server.bind(socket_address(self._dir_fd, self.path))
            os.chmod(SOCKET_NAME, OWNER_SOCKET_MODE if self._gid is None else GROUP_SOCKET_MODE, dir_fd=self._dir_fd)
            if self._gid is not None:
                os.chown(SOCKET_NAME, -1, self._gid, dir_fd=self._dir_fd, follow_symlinks=False)
            server.listen(backlog)
        except BaseException:
            server.close()
            raise
        return server

    def open_to_group(self) -> None:
        """Steps 5–7: members of the group may now reach the socket (nothing changes without one)."""
        if self._gid is None:
            return
        os.fchmod(self._user_fd, USER_DIR_OPEN_MODE)
        os.fchown(self._dir_fd, -1, self._gid)
        os.fchmod(self._dir_fd, GROUP_DIR_MODE)

    def close_door(self) -> None:
        """Back to 0700: nobody but us can reach the socket any more."""
        if not self._closed:
            os.fchmod(self._dir_fd, PRIVATE_MODE)

    def remove(self) -> None:
        """Close the door, remove the socket file and the directory, release the number."""
        if self._closed:
            return
        self.close_door()
        self._closed = True
        with contextlib.suppress(FileNotFoundError):
            os.unlink(SOCKET_NAME, dir_fd=self._dir_fd)
        with contextlib.suppress(OSError):
            os.rmdir(self.name, dir_fd=self._user_fd)
        for fd in (self._dir_fd, self._lock_fd, self._user_fd):
            os.close(fd)


def _own_user_dir(runtime: RuntimeDir, user: Path, uid: int) -> int:
    """Step 1: the user directory, created private or checked to be ours; its descriptor."""
    _check_base(runtime.base)
    try:
        os.mkdir(user, USER_DIR_MODE)
    except FileExistsError:
        pass
    except OSError as error:
        raise RuntimeDirError(f"cannot create {user}: {error.strerror}") from None
    try:
        fd = os.open(user, _DIR_FLAGS)
    except OSError:
        raise RuntimeDirError(
            f"{user} is not a directory of ours (a symlink or a file?): remove it, or set {RUNTIME_DIR_VARIABLE}"
        ) from None
    try:
        _check_owned(os.fstat(fd), uid, user)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _check_base(base: Path) -> None:
    """The base must exist, and if others may write in it, the sticky bit must stop them
    removing or renaming our directory (as on /tmp)."""
    try:
        info = os.stat(base)
    except OSError:
        raise RuntimeDirError(
            f"the runtime directory {base} does not exist: see docs/sharing.md (an administrator makes it)"
        ) from None
    if not stat.S_ISDIR(info.st_mode):
        raise RuntimeDirError(f"the runtime directory {base} is not a directory")
    if info.st_mode & 0o022 and not info.st_mode & stat.S_ISVTX:
        raise RuntimeDirError(
            f"the runtime directory {base} is writable by others without the sticky bit: anyone could replace what is in it"
        )


def _check_owned(info: os.stat_result, uid: int, path: Path) -> None:
    if not stat.S_ISDIR(info.st_mode):
        raise RuntimeDirError(f"{path} is not a directory")
    if info.st_uid != uid:
        raise RuntimeDirError(
            f"{path} belongs to uid {info.st_uid}, not to us (uid {uid}): someone made it first; "
            f"remove it or set {RUNTIME_DIR_VARIABLE}"
        )
    if info.st_mode & 0o022:
        raise RuntimeDirError(f"{path} is writable by others (mode {stat.S_IMODE(info.st_mode):o}): refusing to use it")


def _claim_number(user_fd: int, user: Path, prefix: str = "") -> tuple[int, int]:
    """Step 2: the lowest number whose lock we get; a crashed presenter's leftovers are removed."""
    for number in range(1, MAX_PRESENTATIONS + 1):
        name = f"{prefix}{number}"
        lock_fd = os.open(f"{name}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=user_fd)
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock_fd)
            continue
        if _answers(user_fd, name):
            os.close(lock_fd)
            continue
        _remove_leftover(user_fd, name)
        return number, lock_fd
    raise ShareError(f"{user} already holds {MAX_PRESENTATIONS} running presentations")


def _answers(user_fd: int, name: str) -> bool:
    """Whether the socket in directory ``name`` accepts connections (refused: a stale socket)."""
    try:
        dir_fd = os.open(name, _DIR_FLAGS, dir_fd=user_fd)
    except OSError:
        return False
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM | socket.SOCK_CLOEXEC)
    probe.settimeout(1.0)
    try:
        probe.connect(socket_address(dir_fd, Path(name)))
        return True
    except BlockingIOError:
        return True  # listening, its queue full
    except OSError:
        return False
    finally:
        probe.close()
        os.close(dir_fd)


def _remove_leftover(user_fd: int, name: str) -> None:
    try:
        info = os.stat(name, dir_fd=user_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(name, dir_fd=user_fd)
    else:
        os.unlink(name, dir_fd=user_fd)


def _private_dir(user_fd: int, name: str) -> int:
    """Step 3: ``<n>/`` created 0700, opened without following links, checked, mode made exact."""
    os.mkdir(name, PRIVATE_MODE, dir_fd=user_fd)
    fd = os.open(name, _DIR_FLAGS, dir_fd=user_fd)
    os.fchmod(fd, PRIVATE_MODE)
    return fd


def socket_address(dir_fd: int, directory: Path) -> str:
    """The address to bind or connect: through the directory's descriptor when /proc has it."""
    if PROC_FD.is_dir():
        return f"{PROC_FD}/{dir_fd}/{SOCKET_NAME}"
    path = str(directory / SOCKET_NAME)
    size = len(os.fsencode(path))
    if size >= SUN_PATH_LIMIT:
        raise RuntimeDirError(
            f"the socket path {path} is {size} bytes; a Unix socket path holds at most {SUN_PATH_LIMIT - 1}: "
            f"set {RUNTIME_DIR_VARIABLE} to a shorter folder"
        )
    return path


# --- the follower's side -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerifiedDir:
    """A presentation directory checked to be the presenter's, held open by descriptor."""

    number: int
    fd: int
    path: Path

    @property
    def address(self) -> str:
        return socket_address(self.fd, self.path)

    def close(self) -> None:
        os.close(self.fd)


def presentation_numbers(runtime: RuntimeDir, uid: int, who: str) -> list[int]:
    """The numbers of the presentations in ``who``'s directory (joinable or not)."""
    user_fd = _their_user_dir(runtime, uid, who)
    try:
        return [n for n in range(1, MAX_PRESENTATIONS + 1) if _exists(str(n), user_fd)]
    finally:
        os.close(user_fd)


def verified_dir(runtime: RuntimeDir, uid: int, who: str, number: int) -> VerifiedDir:
    """Presentation ``number`` of ``who`` (uid ``uid``), every step checked to be theirs.

    The user directory, the presentation directory and the socket must belong to ``uid`` and
    be writable by no one else; the peer's credentials, checked after connecting, settle it.
    """
    user_fd = _their_user_dir(runtime, uid, who)
    try:
        dir_fd = _their_dir(user_fd, uid, who, number)
    finally:
        os.close(user_fd)
    try:
        _check_their_socket(dir_fd, uid, who, number)
    except BaseException:
        os.close(dir_fd)
        raise
    return VerifiedDir(number, dir_fd, runtime.user_dir(uid) / str(number))


def _their_user_dir(runtime: RuntimeDir, uid: int, who: str) -> int:
    path = runtime.user_dir(uid)
    return _open_theirs(path, None, uid, who, missing=f"{who} is not presenting (no {path})", shown=path)


def _their_dir(user_fd: int, uid: int, who: str, number: int) -> int:
    missing = f"{who} has no presentation {number}"
    return _open_theirs(str(number), user_fd, uid, who, missing=missing, shown=Path(str(number)))


def _open_theirs(name: Path | str, dir_fd: int | None, uid: int, who: str, *, missing: str, shown: Path) -> int:
    """A directory of ``who``'s opened for lookups only, checked to be theirs alone."""
    try:
        fd = os.open(name, _LOOKUP_FLAGS, dir_fd=dir_fd)
    except FileNotFoundError:
        raise NotSharing(missing) from None
    except OSError as error:
        raise NotThePresenter(f"{shown} is not {who}'s directory: {error.strerror}") from None
    try:
        _check_theirs(os.fstat(fd), uid, who, shown)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _check_their_socket(dir_fd: int, uid: int, who: str, number: int) -> None:
    try:
        info = os.stat(SOCKET_NAME, dir_fd=dir_fd, follow_symlinks=False)
    except PermissionError:
        raise AccessDenied(_not_in_group(os.fstat(dir_fd).st_gid, who)) from None
    except FileNotFoundError:
        raise NotSharing(f"{who}'s presentation {number} is starting or has ended") from None
    if not stat.S_ISSOCK(info.st_mode) or info.st_uid != uid:
        raise NotThePresenter(f"the socket of {who}'s presentation {number} does not belong to {who}")


def _check_theirs(info: os.stat_result, uid: int, who: str, path: Path) -> None:
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid or info.st_mode & 0o022:
        raise NotThePresenter(f"{path} does not belong to {who} alone: not following it")


def _exists(name: str, dir_fd: int) -> bool:
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except OSError:
        return False
    return True


def _not_in_group(gid: int, who: str) -> str:
    try:
        name = grp.getgrgid(gid).gr_name
    except KeyError:
        name = f"gid {gid}"
    return f"{who} shares this presentation with group {name}, and you are not in it"
