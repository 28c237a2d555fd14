"""Shared helpers for the sharing tests: a runtime directory anyone can reach, short clocks,
and acting as another user (`nobody`, 65534) through `setpriv` when the tests run as root.

On `pythonpath` (pyproject), so the app's sharing tests in tests/ui and tests/e2e use them too.
"""

from __future__ import annotations

import grp
import json
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

__all__ = [
    "FAST",
    "NOBODY",
    "make_group",
    "nobody_command",
    "nobody_environment",
    "nobody_runs",
    "public_runtime",
    "readable_site",
    "remove_runtime",
    "root_only",
]

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


def nobody_environment(site: Path | None = None, **extra: str) -> dict[str, str]:
    """What nobody needs to run this checkout's code with this interpreter: the repository and
    these helpers on PYTHONPATH (nobody may not see the interpreter's own site for the project),
    and `site` (a `readable_site`) when given."""
    paths = [str(REPO), str(SHARE_TESTS), *([str(site)] if site is not None else [])]
    return {"PATH": os.environ["PATH"], "HOME": "/", "PYTHONPATH": os.pathsep.join(paths), **extra}


def nobody_runs(*command: str, groups: list[int] | None = None) -> subprocess.CompletedProcess:
    """Run Python as nobody with exactly these supplementary groups, on this checkout's code."""
    return subprocess.run(
        [*nobody_command(groups), sys.executable, *command],
        check=False, capture_output=True, text=True, timeout=60, cwd="/", env=nobody_environment(),
    )


def readable_site(into: Path) -> Path:
    """A copy, in `into`, of the third-party packages the follower's app imports, readable by
    every user: for machines where this interpreter's site-packages is out of nobody's reach
    (a Python installed under /root, as pyenv does). Put it on nobody's PYTHONPATH."""
    probe = (
        "import sys, json, importlib, briefing.follow, briefing.launch, briefing.ui.follower, briefing.ui.presenter_view;"
        "import briefing.ui.markdown_text, briefing.ui.commands, briefing.search;"
        "from briefing.views.markdown import markdown_tree; markdown_tree('**a** [b](c)');"
        "from briefing.ui.screens import SCREEN_SPECS; [spec.screen_class() for spec in SCREEN_SPECS];"
        "from briefing.launch import start_themes; start_themes(None, None, watch=False);"
        "print(json.dumps(sorted({m.__file__ for m in list(sys.modules.values()) if getattr(m, '__file__', None)})))"
    )
    files = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO).stdout)
    for site in {Path(p) for p in sys.path if p.endswith(("site-packages", "dist-packages"))}:
        tops = {Path(f).relative_to(site).parts[0] for f in files if Path(f).is_relative_to(site)}
        tops = {top for top in tops if not top.startswith(("__editable__", "_distutils_hack"))}
        for top in tops:
            source = site / top
            target = into / top
            if target.exists():
                continue
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(source, target)
        for info in site.glob("*.dist-info"):
            if info.name.split("-")[0].lower().replace("_", "") in {t.split(".")[0].lower().replace("_", "") for t in tops}:
                shutil.copytree(info, into / info.name, dirs_exist_ok=True)
    for path in [into, *into.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return into
