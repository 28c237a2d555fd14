"""The protocol's clocks for tests (no pytest here: the probe imports it as another user)."""

from briefing.session.share.protocol import Timing

FAST = Timing(keepalive=0.2, silence=1.0, hello=1.0, send=1.0, goodbye=0.5)
"""Clocks short enough for tests, long enough for a loaded machine."""
