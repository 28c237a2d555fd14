"""Shared helpers for the sharing tests: a runtime directory anyone can reach, short clocks,
and acting as another user (`nobody`, 65534) through `setpriv` when the tests run as root.

On `pythonpath` (pyproject), so the app's sharing tests in tests/ui and tests/e2e use them too.
"""

from __future__ import annotations

import grp
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from share_timing import FAST

from briefing.session.share import Group
from briefing.session.share.runtime import RuntimeDir

__all__ = ["FAST", "NOBODY", "make_group", "nobody_runs", "public_runtime", "remove_runtime", "root_only"]

SHARE_TESTS = Path(__file__).parent
REPO = SHARE_TESTS.parents[2]
NOBODY = 65534

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root: acts as other users (CI runs the tests as root)")


def public_runtime() -> RuntimeDir:
    """A fresh base folder like /tmp (1777) on a path every user can reach (not under pytest's 0700 tmp)."""
    base = Path(tempfile.mkdtemp(prefix="briefing-share-test-", dir="/tmp"))
    os.chmod(base, 0o1777)
    return RuntimeDir(base, configured=True)


def remove_runtime(runtime: RuntimeDir) -> None:
    shutil.rmtree(runtime.base, ignore_errors=True)


def make_group(members: str | None) -> Group:
    """A new group with a random name (listing `members` in /etc/group); `groupdel` it after."""
    name = f"brf{uuid.uuid4().hex[:10]}"
    command = ["groupadd", name] + (["--users", members] if members else [])
    subprocess.run(command, check=True, capture_output=True)
    return Group(name, grp.getgrnam(name).gr_gid)


def nobody_command(groups: list[int] | None = None) -> list[str]:
    """`setpriv` as nobody with exactly these supplementary groups (none: --clear-groups)."""
    group_option = ["--groups", ",".join(map(str, groups))] if groups else ["--clear-groups"]
    return ["setpriv", "--reuid", str(NOBODY), "--regid", str(NOBODY), *group_option]


def nobody_environment(**extra: str) -> dict[str, str]:
    """What nobody needs to run this checkout's code with this interpreter: the repository and
    these helpers on PYTHONPATH (nobody may not see the interpreter's own site for the project)."""
    return {"PATH": os.environ["PATH"], "HOME": "/", "PYTHONPATH": f"{REPO}{os.pathsep}{SHARE_TESTS}", **extra}


def nobody_runs(*command: str, groups: list[int] | None = None) -> subprocess.CompletedProcess:
    """Run Python as nobody with exactly these supplementary groups, on this checkout's code."""
    return subprocess.run(
        [*nobody_command(groups), sys.executable, *command],
        check=False, capture_output=True, text=True, timeout=60, cwd="/", env=nobody_environment(),
    )
