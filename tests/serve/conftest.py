from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from serve_support import peer_command

from briefing.session.share.runtime import PresentationDir, RuntimeDir


class RunningView:
    """A BrowserView serving on a real Unix socket in a private directory, as ``briefing serve`` does."""

    def __init__(self, view, directory: PresentationDir, runner) -> None:
        self.view = view
        self.directory = directory
        self.runner = runner
        self.socket_path = str(directory.socket_path)
        self.notices: list[str] = []


@pytest.fixture
def runtime():
    """A base folder like /tmp (1777) that every user can reach: only the view's own directory may stop them."""
    base = Path(tempfile.mkdtemp(prefix="briefing-serve-test-", dir="/tmp"))
    os.chmod(base, 0o1777)
    yield RuntimeDir(base, configured=True)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
async def make_view(runtime):
    """``await make_view(command=..., max_tabs=..., uid=...)``: a running view; all stopped afterwards."""
    from briefing.serve.command import SOCKET_PREFIX
    from briefing.serve.web import BrowserView

    running: list[RunningView] = []

    async def make(command=None, **options) -> RunningView:
        directory = PresentationDir.claim(runtime, None, prefix=SOCKET_PREFIX)
        notices: list[str] = []
        view = BrowserView(command or peer_command(), title="alice's presentation", on_notice=notices.append, **options)
        runner = await view.start(directory.listen(16))
        made = RunningView(view, directory, runner)
        made.notices = notices
        running.append(made)
        return made

    yield make
    for made in running:
        await made.runner.cleanup()
        made.directory.remove()
