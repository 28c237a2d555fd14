"""Who may connect to a shared presentation, decided from the kernel's peer credentials.

The uid on the other end of a Unix socket comes from the kernel (``SO_PEERCRED``), so it
cannot be faked the way a name in a message could. The presenter's own uid is the
presenter: it may drive the presentation and receives the speaker notes. Members of the
group the presentation is shared with follow it, read-only. Anyone else is refused, and the
presenter is told who.

Membership is read from the user database (``os.getgrouplist`` on the peer's passwd entry:
primary and supplementary groups), not from the peer process's own group list: removing a
user from the group takes effect at their next connection, even in a login session that
still carries the group, and a process that merely runs with the group as its effective
gid (a setgid program) gains nothing. A uid without a passwd entry has no groups to check
and is refused.
"""

from __future__ import annotations

import grp
import os
import pwd
import socket
import struct
from dataclasses import dataclass
from enum import Enum

from .errors import AccessDenied, ShareError

_CREDENTIALS = struct.Struct("3i")


class Role(str, Enum):
    PRESENTER = "presenter"
    """The presenter's own uid: drives, receives notes."""
    FOLLOWER = "follower"
    """A member of the group: follows, read-only, never sees notes."""


@dataclass(frozen=True, slots=True)
class Credentials:
    """A peer process as the kernel saw it when it connected."""

    pid: int
    uid: int
    gid: int


def peer_credentials(sock: socket.socket) -> Credentials:
    """``SO_PEERCRED`` of a connected Unix socket (from asyncio: ``writer.get_extra_info("socket")``)."""
    raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _CREDENTIALS.size)
    return Credentials(*_CREDENTIALS.unpack(raw))


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    gid: int

    @classmethod
    def named(cls, name: str) -> Group:
        """The group called ``name`` (or with that number); a clear error if there is none."""
        try:
            entry = grp.getgrgid(int(name)) if name.isdigit() else grp.getgrnam(name)
        except (KeyError, OverflowError):
            raise ShareError(f"there is no group {name!r} (see `getent group`)") from None
        return cls(entry.gr_name, entry.gr_gid)


@dataclass(frozen=True, slots=True)
class Account:
    """What the user database says about a uid: its name and every group it is in."""

    uid: int
    name: str | None
    """None when the uid has no passwd entry."""
    gids: frozenset[int] = frozenset()

    @property
    def label(self) -> str:
        """How notices name this user: the user name, or ``uid 1234``."""
        return self.name if self.name is not None else f"uid {self.uid}"


def account_of(uid: int) -> Account:
    """The uid's user name and groups. May block on NSS (LDAP, SSSD): call it off the event loop."""
    try:
        entry = pwd.getpwuid(uid)
    except KeyError:
        return Account(uid, None)
    try:
        gids = frozenset(os.getgrouplist(entry.pw_name, entry.pw_gid))
    except OSError:
        gids = frozenset({entry.pw_gid})
    return Account(uid, entry.pw_name, gids)


def uid_of(user: str) -> int:
    """The uid of the presenter a follower named; a clear error if there is no such user."""
    try:
        return pwd.getpwnam(user).pw_uid
    except KeyError:
        raise ShareError(f"there is no user {user!r} on this machine") from None


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a peer gets in, as what, and if not, why (for both sides' messages)."""

    user: str
    role: Role | None
    reason: str = ""

    @property
    def allowed(self) -> bool:
        return self.role is not None


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """The presenter's uid and the group the presentation is shared with (None: nobody else)."""

    presenter_uid: int
    group: Group | None

    def decide(self, account: Account) -> Decision:
        if account.uid == self.presenter_uid:
            return Decision(account.label, Role.PRESENTER)
        if self.group is None:
            return Decision(account.label, None, "the presentation is not shared with any group")
        if account.name is None:
            return Decision(account.label, None, "a uid with no user entry cannot be in a group")
        if self.group.gid in account.gids:
            return Decision(account.label, Role.FOLLOWER)
        return Decision(account.label, None, f"not in group {self.group.name}")


def check_can_share_with(group: Group) -> None:
    """A presenter can only give the socket to a group it is in (root excepted): say so early."""
    if os.geteuid() == 0 or group.gid == os.getegid() or group.gid in os.getgroups():
        return
    raise AccessDenied(
        f"you are not in group {group.name}, so you cannot share with it: "
        f"ask an administrator to add you (then log in again), or choose one of your groups (`id`)"
    )
