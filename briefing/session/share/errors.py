"""What can go wrong when sharing, as messages a user can act on (the UI shows them as is)."""

from __future__ import annotations


class ShareError(Exception):
    """A sharing problem with a message for the user; never shown as a traceback."""


class RuntimeDirError(ShareError):
    """The runtime directory is missing, not ours, or unsafe to use."""


class NotSharing(ShareError):
    """The named presenter has no presentation running (or it just ended)."""


class AccessDenied(ShareError):
    """The file system or the presenter refuses this user (not in the group, or the room is full)."""


class NotThePresenter(ShareError):
    """A socket, a directory or a peer does not belong to the presenter the follower named."""


class ProtocolError(ShareError):
    """The other side sent something this version does not accept (garbage, oversized, wrong version)."""


class AmbiguousPresentation(ShareError):
    """The presenter runs several presentations this user may join: say which (``alice/2``)."""

    def __init__(self, message: str, numbers: tuple[int, ...]) -> None:
        super().__init__(message)
        self.numbers = numbers


class MessageTooBig(ShareError):
    """A message (in practice a deck) is over the protocol's limit and cannot be sent."""
