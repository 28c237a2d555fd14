"""Shared helpers for the sharing tests: a runtime directory anyone can reach, and short clocks."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from briefing.session.share.protocol import Timing
from briefing.session.share.runtime import RuntimeDir

FAST = Timing(keepalive=0.2, silence=1.0, hello=1.0, send=1.0, goodbye=0.5)
"""Clocks short enough for tests, long enough for a loaded machine."""

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root: acts as other users (CI runs the tests as root)")


def public_runtime() -> RuntimeDir:
    """A fresh base folder like /tmp (1777) on a path every user can reach (not under pytest's 0700 tmp)."""
    base = Path(tempfile.mkdtemp(prefix="briefing-share-test-", dir="/tmp"))
    os.chmod(base, 0o1777)
    return RuntimeDir(base, configured=True)


def remove_runtime(runtime: RuntimeDir) -> None:
    shutil.rmtree(runtime.base, ignore_errors=True)
