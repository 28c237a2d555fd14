"""Textual's terminal driver with the lean output between the app and the terminal."""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver

from .lean_output import LeanOutput


class LeanLinuxDriver(LinuxDriver):
    """LinuxDriver whose writes pass through a LeanOutput; input, modes and suspend are Textual's."""

    def __init__(self, app, **options) -> None:
        super().__init__(app, **options)
        self._lean = LeanOutput(super().write, lambda: tuple(app.size))

    def write(self, data: str) -> None:
        self._lean.write(data)

    def flush(self) -> None:
        self._lean.flush()

    def close(self) -> None:
        self._lean.flush()
        super().close()
