from __future__ import annotations

import pytest
from share_support import public_runtime, remove_runtime


@pytest.fixture
def runtime():
    """A runtime base folder of its own for each test, removed afterwards."""
    made = public_runtime()
    yield made
    remove_runtime(made)
