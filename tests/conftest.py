"""Fixtures every test folder shares: the example deck, loaded once per run."""

from __future__ import annotations

import pytest
from paths import EXAMPLE_DECK


@pytest.fixture(scope="session")
def example_result():
    """The example deck's load result (diagnostics included), loaded once for the run."""
    from briefing.deck import load_deck

    return load_deck(EXAMPLE_DECK)


@pytest.fixture(scope="session")
def example_deck(example_result):
    """The example deck's model; the run fails here, with the errors, if it does not load."""
    assert example_result.deck is not None, [str(d) for d in example_result.diagnostics]
    return example_result.deck


@pytest.fixture(autouse=True, scope="session")
def private_start_up_cache(tmp_path_factory):
    """Every start in the tests (in process, or a `briefing` the tests run) keeps its start-up
    cache in a folder of this run, never the user's: set for child processes too."""
    import os

    folder = tmp_path_factory.mktemp("xdg-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def out_of_reach(monkeypatch):
    """Make a folder one this user may not look into, as another user's 0700 folder is: a stat
    of anything inside fails with EACCES (root passes a real chmod, and CI runs as root)."""
    import errno
    import os

    real_stat = os.stat

    def refuse(folder):
        inside = str(folder) + os.sep

        def stat(path, *args, **kwargs):
            if os.fspath(path).startswith(inside):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            return real_stat(path, *args, **kwargs)

        monkeypatch.setattr(os, "stat", stat)

    return refuse
