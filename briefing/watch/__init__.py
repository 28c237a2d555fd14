"""Following the files a deck is made of, so that one save in the editor gives one reload.

Editors save in several steps (truncate then write, write a temporary file and rename it over
the old one, delete then create), tools touch files without changing them, and a watcher sees
every step. So file events are only a hint to look: the follower compares what the files hold
(a digest of their bytes) with what they held at the last update, loads the deck only when the
content really changed, and holds a failed load back for a short grace period, because a failure
right after a change is usually a save that is still being written.

Kernel notification (watchfiles) is used on the folders involved, never on the files themselves,
so a rename over a file is seen. Where notification is missing or broken (network file systems,
the inotify watch limit) the follower polls with ``stat`` instead and says so once.

A load waits until the save has settled (nobody is still writing the files), so a save caught
half-way is never shown even when it parses. Only regular files are ever opened, at most the
deck-file limit is read, and all reading happens in a worker thread.

Modules: ``files`` (one file's state, include globs, watch plans), ``sources`` (notification and
polling), ``tracking`` (the followed files and what they held), ``settling`` (when a save is
finished), ``follower`` (the loop and its updates).

Pure Python: no Textual, no Rich.
"""

from .files import (
    MISSING,
    FileState,
    include_patterns,
    is_noise,
    make_plan,
    pattern_base,
    read_state,
)
from .filesystems import filesystem_type, is_network_filesystem
from .follower import (
    DEFAULT_GRACE,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_RESCAN_INTERVAL,
    DEFAULT_STEP_MS,
    DeckFollower,
    LoadOutcome,
    Reloaded,
    ReloadFailed,
    Update,
    WatchNotice,
    follow,
)

__all__ = [
    "DEFAULT_GRACE",
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_RESCAN_INTERVAL",
    "DEFAULT_STEP_MS",
    "MISSING",
    "DeckFollower",
    "FileState",
    "LoadOutcome",
    "ReloadFailed",
    "Reloaded",
    "Update",
    "WatchNotice",
    "filesystem_type",
    "follow",
    "include_patterns",
    "is_network_filesystem",
    "is_noise",
    "make_plan",
    "pattern_base",
    "read_state",
]
