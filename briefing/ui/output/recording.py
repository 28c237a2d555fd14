"""A driver that draws to no terminal and keeps, frame by frame, what Textual wrote and what
the lean output sent in its place: the exactness tests replay both into terminal emulators,
and the benchmark times the lean output on them. (Textual's headless driver writes nothing.)
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.drivers.headless_driver import HeadlessDriver
from textual.messages import TerminalSupportsSynchronizedOutput

from .lean_output import LeanOutput

STARTUP = "\x1b[?1049h\x1b[?1000h\x1b[?1003h\x1b[?1015h\x1b[?1006h\x1b[?25l\x1b[?1004h\x1b[>13u\x1b[?2026$p\x1b[?2004h\x1b[?7l"
"""What Textual's LinuxDriver writes on starting (alternate screen, mouse, hidden cursor, focus
events, keyboard protocol, queries, paste, no wrap), one write per sequence."""
SHUTDOWN = "\x1b[?2004l\x1b[?7h\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l"


@dataclass(frozen=True, slots=True)
class RecordedFrame:
    """One flush: Textual's output since the last one, what the lean output sent for it, and
    the size Textual drew for."""

    textual: str
    lean: str
    size: tuple[int, int]


class RecordingDriver(HeadlessDriver):
    """Headless input, but Textual draws to it as to a terminal (`is_headless` is False)."""

    synchronized = False
    """Tell the app the terminal supports synchronized output, so frames come bracketed."""
    lean = True
    """Run the lean output on every write (False: keep Textual's output only, to time Textual alone)."""

    def __init__(self, app, **options) -> None:
        super().__init__(app, **options)
        self.frames: list[RecordedFrame] = []
        self._textual: list[str] = []
        self._lean: list[str] = []
        self.lean_output = LeanOutput(self._lean.append, lambda: tuple(app.size))

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        self._textual.append(data)
        if self.lean:
            self.lean_output.write(data)

    def flush(self) -> None:
        self.lean_output.flush()
        if self._textual or self._lean:
            self.frames.append(RecordedFrame("".join(self._textual), "".join(self._lean), tuple(self._app.size)))
            self._textual.clear()
            self._lean.clear()

    def start_application_mode(self) -> None:
        super().start_application_mode()
        for sequence in STARTUP.split("\x1b")[1:]:
            self.write("\x1b" + sequence)
        self.flush()
        if self.synchronized:
            self.send_message(TerminalSupportsSynchronizedOutput())

    def stop_application_mode(self) -> None:
        for sequence in SHUTDOWN.split("\x1b")[1:]:
            self.write("\x1b" + sequence)
        self.flush()


class SynchronizedRecordingDriver(RecordingDriver):
    synchronized = True
