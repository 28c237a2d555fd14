"""Sharing a presentation over a Unix socket: transport, access, protocol — no Textual, no Rich.

The presenter's app runs a :class:`ShareServer` on its event loop; a follower's app runs a
:class:`ShareClient` and turns its events into messages; ``briefing follow`` with no name
shows :func:`list_presentations`. docs/sharing.md has the design; each module's docstring
the details: runtime.py (where sockets live and the order in which one is opened to a
group), access.py (who may connect), protocol.py (frames, limits, messages), server.py and
client.py (the two ends), events.py (what the app is told).
"""

from .access import Group, Role
from .client import ShareClient, list_presentations
from .errors import (
    AccessDenied,
    AmbiguousPresentation,
    MessageTooBig,
    NotSharing,
    NotThePresenter,
    ProtocolError,
    RuntimeDirError,
    ShareError,
)
from .events import (
    AudienceChanged,
    ClientEvent,
    Connected,
    DeckReceived,
    DriveRequest,
    Ended,
    Joined,
    Left,
    PlaceChanged,
    Problem,
    Refused,
    ServerEvent,
    Waiting,
)
from .protocol import DRIVE_COMMANDS, PROTOCOL_VERSION, PresentationInfo, Timing
from .runtime import RUNTIME_DIR_VARIABLE, RuntimeDir
from .server import DEFAULT_MAX_FOLLOWERS, ShareServer

__all__ = [
    "DEFAULT_MAX_FOLLOWERS",
    "DRIVE_COMMANDS",
    "PROTOCOL_VERSION",
    "RUNTIME_DIR_VARIABLE",
    "AccessDenied",
    "AmbiguousPresentation",
    "AudienceChanged",
    "ClientEvent",
    "Connected",
    "DeckReceived",
    "DriveRequest",
    "Ended",
    "Group",
    "Joined",
    "Left",
    "MessageTooBig",
    "NotSharing",
    "NotThePresenter",
    "PlaceChanged",
    "PresentationInfo",
    "Problem",
    "ProtocolError",
    "Refused",
    "Role",
    "RuntimeDir",
    "RuntimeDirError",
    "ServerEvent",
    "ShareClient",
    "ShareError",
    "ShareServer",
    "Timing",
    "Waiting",
    "list_presentations",
]
