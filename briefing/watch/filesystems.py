"""Which file systems give no change notification for edits made elsewhere (network shares)."""

from __future__ import annotations

import re

from .files import is_within

_NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p", "drvfs",
        "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "ocfs2", "gfs2", "vboxsf", "vmhgfs",
        "virtiofs", "davfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse",
        "fuse.glusterfs", "fuse.vmhgfs-fuse", "fuse.davfs2", "fuse.cephfs",
    }
)


def is_network_filesystem(fstype: str | None) -> bool:
    """File systems where changes made elsewhere raise no local notification."""
    return fstype is not None and fstype in _NETWORK_FILESYSTEMS


def filesystem_type(path: str, mountinfo: str | None = None) -> str | None:
    """The type of the file system holding ``path`` (Linux ``/proc/self/mountinfo``), or None."""
    if mountinfo is None:
        try:
            with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
                mountinfo = handle.read()
        except OSError:
            return None
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        left, separator, right = line.partition(" - ")
        fields = left.split()
        if not separator or len(fields) < 5 or not right.split():
            continue
        mount_point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), fields[4])
        if is_within(path, mount_point) and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), right.split()[0])
    return best[1] if best else None
