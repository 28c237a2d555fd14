"""The screen Textual means: every cell its own output would leave on the terminal, read from that output.

Textual draws a frame with a small set of sequences: cursor moves (CUP), SGR, printable text
and line feeds. `ScreenModel.feed` applies them to a grid of cells (text and pen), as a
terminal would. Whatever it does not know for certain (any other sequence, text where the
cursor or the pen is not known, text past the right margin, a wide character cut in half)
makes the cells it may have touched *unknown* and tells the caller to send that output to
the terminal exactly as Textual wrote it: the model never guesses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len, split_graphemes

from .pen import DEFAULT_PEN, Pen, UnknownSGR, pen_after

CONTINUATION = ""
"""The cell right of a wide character: the character's second half."""

SCREENLESS = (
    r"\x1b\[\?(?:7|25|1000|1002|1003|1004|1005|1006|1015|1016|2004|2026|2048)[hl]"  # wrap, cursor, mouse, focus, paste, sync, resize
    r"|\x1b\[\?[0-9]+\$p"  # mode queries
    r"|\x1b\[[<>=][0-9]*u"  # the kitty keyboard protocol
    r"|\x1b\](?!8;)[^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC but hyperlinks: clipboard, pointer shape, title
    r"|\x07"  # the bell
)
"""Sequences that change nothing on screen and leave every later sequence meaning what it meant."""

_TOKEN = re.compile(
    r"\x1b\[([0-9;]*)m([^\x00-\x1f\x7f-\x9f]*)\x1b\[0m"  # 1, 2: a segment as Textual writes one: SGR, text, reset
    r"|\x1b\[([0-9;]*)m"  # 3: SGR
    r"|\x1b\[([0-9]*)(?:;([0-9]*))?H"  # 4, 5: cursor position
    r"|([^\x00-\x1f\x7f-\x9f]+)"  # 6: printable text
    r"|(\r\n|\n|\r)"  # 7: line feed, carriage return
    r"|(\x1b\[\?(?:1049|1047|47)[hl]|\x1b\[[0-3]?J)"  # 8: another screen, or this one erased
    rf"|({SCREENLESS})"  # 9
    r"|\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\)"  # 10: a hyperlink opens (a URL) or closes (none)
    r"|(\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[^\[\]]?|[\x00-\x1f\x7f-\x9f])"  # 11: anything else
)
_SEGMENT = 2
_SGR, _CUP_ROW, _CUP_COLUMN, _TEXT, _NEWLINE, _NEW_SCREEN, _SCREENLESS, _LINK, _OTHER = range(3, 12)


@lru_cache(maxsize=4096)
def text_cells(text: str) -> tuple[str, ...] | None:
    """The cells `text` fills, as Rich measures it (Textual lays out with Rich's widths): one
    grapheme a cell, a wide one followed by a CONTINUATION. None when the text starts with a
    zero-width character, which would join a cell written before."""
    spans, _ = split_graphemes(text)
    cells: list[str] = []
    for start, end, width in spans:
        if width == 0:
            return None
        cells.append(text[start:end])
        if width == 2:
            cells.append(CONTINUATION)
    return tuple(cells)


class ScreenModel:
    """Cells (a grapheme or CONTINUATION, and a Pen; None where not known), cursor and pen.

    `touched` holds the rows changed since the caller last took them."""

    def __init__(self, width: int, height: int) -> None:
        self.pen: Pen | None = DEFAULT_PEN
        self.link_open = False
        """A hyperlink (OSC 8) is open: text written now is part of it, which cells do not keep."""
        self.lost = False
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        """A terminal of a new size: what it shows now is not known until drawn again."""
        self.width, self.height = width, height
        self.chars: list[list[str | None]] = [[None] * width for _ in range(height)]
        self.pens: list[list[Pen | None]] = [[None] * width for _ in range(height)]
        self.touched: set[int] = set(range(height))
        self.x: int | None = None
        self.y: int | None = None

    def forget(self, *, pen: bool = True) -> None:
        """After output the model cannot follow: every cell, the cursor and (unless kept) the pen unknown."""
        for row in self.chars:
            row[:] = [None] * self.width
        for row in self.pens:
            row[:] = [None] * self.width
        self.touched.update(range(self.height))
        self.x = self.y = None
        if pen:
            self.pen = None

    def feed(self, data: str) -> bool:
        """Apply Textual's output; False when some of it was not understood (send it as written).

        After a sequence that may change how later ones are read (scroll margins, origin or
        insert mode, character sets...), `lost` is set: no model of the screen can be trusted
        from then on."""
        understood = True
        for match in _TOKEN.finditer(data):
            kind = match.lastindex
            if kind == _SEGMENT:
                parameters, text = match.group(1, 2)
                try:
                    self.pen = pen_after(self.pen, parameters)
                except UnknownSGR:
                    self.forget()
                    understood = False
                if text:
                    understood = self._text(text) and understood
                self.pen = DEFAULT_PEN
            elif kind == _SGR:
                try:
                    self.pen = pen_after(self.pen, match.group(3))
                except UnknownSGR:
                    self.forget()
                    understood = False
            elif kind == _TEXT:
                understood = self._text(match.group(6)) and understood
            elif kind == _CUP_ROW or kind == _CUP_COLUMN:
                row, column = match.group(4, 5)
                self.y = min(max(int(row or 1), 1), self.height) - 1
                self.x = min(max(int(column or 1), 1), self.width) - 1
            elif kind == _NEWLINE:
                understood = self._newline(match.group(7)) and understood
            elif kind == _SCREENLESS:
                understood = False
            elif kind == _NEW_SCREEN or kind == _LINK:
                self.link_open = bool(match.group(10)) if kind == _LINK else self.link_open
                self.forget(pen=False)
                understood = False
            else:
                self.forget()
                self.lost = True
                understood = False
        return understood

    def _newline(self, newline: str) -> bool:
        if newline != "\n":
            self.x = 0
        elif self.x is not None:
            self.x = None  # a bare LF may or may not return the carriage (the tty's ONLCR)
        if newline == "\r":
            return True
        if self.y is None:
            return True
        if self.y + 1 >= self.height:
            self.forget(pen=False)  # a line feed on the last row scrolls
            return False
        self.y += 1
        return True

    def _text(self, text: str) -> bool:
        x, y, width = self.x, self.y, self.width
        if x is None or y is None:
            self.forget(pen=False)
            return False
        cells = text if text.isascii() else text_cells(text)
        if cells is None:
            return self._joining_text(text, x, y)
        if x + len(cells) > width:
            # Past the right margin, a terminal wraps onto the next line (and scrolls on the
            # last) or, line wrap off, overwrites the last column; each places a wide
            # character there its own way.
            self.forget(pen=False)
            return False
        chars, pens = self.chars[y], self.pens[y]
        self.touched.add(y)
        end = x + len(cells)
        understood = self.pen is not None
        if x and chars[x] == CONTINUATION:
            self._unknown(chars, pens, x - 1, x)  # the wide character's first half is left alone
            understood = False
        if end < width and chars[end] == CONTINUATION:
            self._unknown(chars, pens, end, end + 1)  # and its second half
            understood = False
        chars[x:end] = cells
        pens[x:end] = [self.pen] * len(cells)
        self.x = end
        if end == width and _ends_in_marks(cells):
            # Line wrap off, the cursor stays on the last column once it is written, and tmux
            # joins the marks of a grapheme written there to the cell before.
            self._unknown(chars, pens, _grapheme_start(chars, max(width - 2, 0)), width)
            understood = False
        return understood

    def _joining_text(self, text: str, x: int, y: int) -> bool:
        """Text starting with a zero-width character, which joins the grapheme left of the
        cursor (a style can change inside a grapheme: `e` in one segment, its accent in the
        next). That grapheme and the rest of the line are unknown. At either end of a line
        terminals disagree (at its start one joins the line above, another nothing; at the
        right margin one joins the last cell, tmux the one before): the whole screen is."""
        if x == 0 or x + cell_len(text) >= self.width:
            self.forget(pen=False)
            return False
        chars, pens = self.chars[y], self.pens[y]
        self._unknown(chars, pens, _grapheme_start(chars, x - 1), self.width)
        self.touched.add(y)
        self.x = None
        return False

    @staticmethod
    def _unknown(chars: list, pens: list, start: int, end: int) -> None:
        chars[start:end] = [None] * (end - start)
        pens[start:end] = [None] * (end - start)


def _grapheme_start(chars: list, x: int) -> int:
    """The first cell of the grapheme on cell x (a wide character's second half is part of it)."""
    return x - 1 if x and chars[x] == CONTINUATION else x


def _ends_in_marks(cells) -> bool:
    """Whether the last grapheme of `cells` has several code points (a letter and its accent...)."""
    last = cells[-1] if cells[-1] != CONTINUATION else cells[-2]
    return len(last) > 1
