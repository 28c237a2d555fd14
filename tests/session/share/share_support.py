"""Shared helpers for the sharing tests: a runtime directory anyone can reach, and short clocks."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from share_timing import FAST

from briefing.session.share.runtime import RuntimeDir

__all__ = ["FAST", "public_runtime", "remove_runtime", "root_only"]

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root: acts as other users (CI runs the tests as root)")


def public_runtime() -> RuntimeDir:
    """A fresh base folder like /tmp (1777) on a path every user can reach (not under pytest's 0700 tmp)."""
    base = Path(tempfile.mkdtemp(prefix="briefing-share-test-", dir="/tmp"))
    os.chmod(base, 0o1777)
    return RuntimeDir(base, configured=True)


def remove_runtime(runtime: RuntimeDir) -> None:
    shutil.rmtree(runtime.base, ignore_errors=True)
