"""Between Textual and the terminal: Textual's output in, only what changes on screen out.

Textual writes each frame as one string (between an optional synchronized-update pair, then
a flush), and other output (terminal modes, queries, the clipboard, the bell) as strings of
their own. `LeanOutput` reads frames into a ScreenModel and, at the end of each frame, sends
the ScreenEncoder's difference. Output it knows changes nothing on screen goes through at
once, after any frame before it. Output it does not fully understand goes through exactly as
Textual wrote it, so the terminal can never show something Textual did not mean.
"""

from __future__ import annotations

import re
import threading
from typing import Callable

from .encoder import ScreenEncoder
from .screen_model import SCREENLESS, ScreenModel

SYNC_START = "\x1b[?2026h"
SYNC_END = "\x1b[?2026l"

_SCREENLESS = re.compile(f"(?:{SCREENLESS})+")


class LeanOutput:
    """Takes Textual's writes; hands the terminal the same screen in fewer bytes.

    `send` writes to the terminal; `size` gives the size Textual lays out for;
    `terminal_size`, the terminal's own size when it can be known (None: take Textual's).
    They differ while Textual catches up with a resize, or when $COLUMNS or $LINES says
    otherwise: a terminal smaller than Textual thinks gets frames as written (where text
    past its edge lands is the terminal's business), a wider one no erase to the line's end.
    Thread-safe: Textual's input thread writes some terminal modes while the event loop
    writes frames."""

    def __init__(
        self,
        send: Callable[[str], None],
        size: Callable[[], tuple[int, int]],
        terminal_size: Callable[[], tuple[int, int] | None] = lambda: None,
    ) -> None:
        self._send = send
        self._size = size
        self._terminal_size = terminal_size
        self._lock = threading.Lock()
        self._model: ScreenModel | None = None
        self._encoder: ScreenEncoder | None = None
        self._frame: list[str] = []
        self._frame_as_written = False
        self._sync_asked = False
        self._sync_sent = False
        self._transparent = False
        """Set for good after output whose effect on later output is not known: from then on
        everything goes through as Textual wrote it."""

    def write(self, data: str) -> None:
        with self._lock:
            if self._transparent:
                self._send(data)
            elif data == SYNC_START:
                self._sync_asked = True
            elif data == SYNC_END:
                self._end_frame()
                if self._sync_sent:
                    self._send(SYNC_END)
                self._sync_asked = self._sync_sent = False
            elif _SCREENLESS.fullmatch(data):
                self._end_frame()
                self._send(data)
            else:
                self._draw(data)

    def flush(self) -> None:
        with self._lock:
            self._end_frame()

    def _draw(self, data: str) -> None:
        model = self._sized_model()
        self._frame.append(data)
        if not model.feed(data):
            self._frame_as_written = True
        if model.lost:
            self._end_frame()
            self._transparent = True

    def _sized_model(self) -> ScreenModel:
        width, height = self._size()
        if self._model is None:
            self._model = ScreenModel(width, height)
            self._encoder = ScreenEncoder(width, height)
        elif (self._model.width, self._model.height) != (width, height):
            self._end_frame()
            self._model.resize(width, height)
            self._encoder.resize(width, height)
        return self._model

    def _end_frame(self) -> None:
        if not self._frame:
            return
        model = self._model
        terminal = self._terminal_size() or (model.width, model.height)
        if self._frame_as_written or terminal[0] < model.width or terminal[1] < model.height:
            output = None
        else:
            output = self._encoder.encode(model, erase_lines=terminal[0] == model.width)
        if output is None:
            output = "".join(self._frame)
            self._encoder.accept(self._model)
        self._frame.clear()
        self._frame_as_written = False
        if output:
            if self._sync_asked and not self._sync_sent:
                output = SYNC_START + output
                self._sync_sent = True
            self._send(output)
