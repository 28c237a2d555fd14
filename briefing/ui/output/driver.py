"""Textual's terminal driver with the lean output between the app and the terminal."""

from __future__ import annotations

import os

from textual.drivers.linux_driver import LinuxDriver

from .lean_output import LeanOutput


class LeanLinuxDriver(LinuxDriver):
    """LinuxDriver whose writes pass through a LeanOutput; input, modes and suspend are Textual's."""

    def __init__(self, app, **options) -> None:
        super().__init__(app, **options)
        self._lean = LeanOutput(super().write, lambda: tuple(app.size), self._terminal_size)

    def _terminal_size(self) -> tuple[int, int] | None:
        """The terminal's size now (Textual's lags a resize, or follows $COLUMNS and $LINES)."""
        try:
            return tuple(os.get_terminal_size(self._file.fileno()))
        except (OSError, ValueError, AttributeError):
            return None

    def write(self, data: str) -> None:
        self._lean.write(data)

    def flush(self) -> None:
        self._lean.flush()

    def close(self) -> None:
        self._lean.flush()
        super().close()
