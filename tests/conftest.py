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
