"""The bytes that turn what the terminal shows into what Textual means, and nothing more.

`ScreenEncoder` remembers what it has sent: cells, cursor and pen. Given the wanted screen
(a ScreenModel), it sends only the cells that differ, each pen change as the shortest SGR
from the pen before, the blank rest of a line as an erase (EL), a long run of blanks inside
it as an erase of that many characters (ECH), and cursor moves as the shortest of the
absolute and relative forms. It ends where Textual's output ends: same cursor,
same pen, so anything written after a frame finds the terminal as Textual left it.
"""

from __future__ import annotations

from .pen import DEFAULT_PEN, Pen, pen_change
from .screen_model import CONTINUATION, ScreenModel

ERASE_LINE = "\x1b[K"
MERGE_GAP = 3
"""Unchanged cells between two changed ones are sent again when the gap is at most this long:
a cursor move over them costs about as many bytes."""
ERASE_AT_LEAST = 4
"""The blank rest of a line is erased (3 bytes) rather than written when it is at least this long."""
ERASE_CHARACTERS_AT_LEAST = 5
"""Blanks inside a line: ECH (`ESC [ n X`, 4+ bytes), plus a step over them (4+) when more follows."""


class ScreenEncoder:
    """What has been sent to the terminal, and the difference to send next."""

    def __init__(self, width: int, height: int) -> None:
        self.pen: Pen | None = DEFAULT_PEN
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.chars: list[list[str | None]] = [[None] * width for _ in range(height)]
        self.pens: list[list[Pen | None]] = [[None] * width for _ in range(height)]
        self.x: int | None = None
        self.y: int | None = None

    def accept(self, model: ScreenModel) -> None:
        """Textual's output went to the terminal as written: the terminal now shows the model."""
        for y in model.touched:
            self.chars[y] = model.chars[y][:]
            self.pens[y] = model.pens[y][:]
        model.touched.clear()
        self.pen = model.pen
        self._cursor_at(model)

    def encode(self, model: ScreenModel, *, erase_lines: bool = True) -> str | None:
        """The bytes that make the terminal show `model`; None when they cannot end with the
        terminal's cursor and pen where Textual's output leaves them (then send that output).

        `erase_lines`: EL may be used, the terminal's right margin being the model's (an erase
        would reach cells Textual never draws on a terminal wider than Textual thinks)."""
        if model.pen is None or model.y is None or model.x is None or model.x >= model.width or model.link_open:
            return None
        out: list[str] = []
        for y in sorted(model.touched):
            wanted_chars, wanted_pens = model.chars[y], model.pens[y]
            if wanted_chars != self.chars[y] or wanted_pens != self.pens[y]:
                self._row(y, wanted_chars, wanted_pens, out, erase_lines)
                self.chars[y] = wanted_chars[:]
                self.pens[y] = wanted_pens[:]
        model.touched.clear()
        out.append(pen_change(self.pen, model.pen))
        self.pen = model.pen
        out.append(self._move(model.x, model.y))
        self._cursor_at(model)
        return "".join(out)

    def _cursor_at(self, model: ScreenModel) -> None:
        inside = model.x is not None and model.x < self.width
        self.x, self.y = (model.x, model.y) if inside else (None, None)

    def _row(self, y: int, chars: list, pens: list, out: list[str], erase_lines: bool) -> None:
        blank_from = _blank_tail(chars, pens, self.width) if erase_lines else self.width
        runs = _runs(_changed(chars, pens, self.chars[y], self.pens[y]), chars)
        for index, (start, end) in enumerate(runs):
            if end > blank_from:
                erase_from = max(start, blank_from)
                rest = end - erase_from + sum(e - s for s, e in runs[index + 1 :])
                if rest >= ERASE_AT_LEAST:
                    if start < erase_from:
                        self._cells(y, start, erase_from, chars, pens, out)
                    out.append(self._move(erase_from, y))
                    out.append(pen_change(self.pen, pens[erase_from]))
                    self.pen = pens[erase_from]
                    out.append(ERASE_LINE)
                    return
            self._cells(y, start, end, chars, pens, out)

    def _cells(self, y: int, start: int, end: int, chars: list, pens: list, out: list[str]) -> None:
        """Write cells start..end of row y (whole graphemes: a run never splits a wide one).

        A long stretch of blanks in an erasable pen is erased (ECH) and stepped over rather
        than written, when that is shorter."""
        out.append(self._move(start, y))
        pen = self.pen
        x = cursor = start
        placed = True
        while x < end:
            char = chars[x]
            cell_pen = pens[x]
            if cell_pen is not pen:
                out.append(pen_change(pen, cell_pen))
                pen = cell_pen
            if char == " ":
                blank_end = x + 1
                while blank_end < end and chars[blank_end] == " " and pens[blank_end] is cell_pen:
                    blank_end += 1
                count = blank_end - x
                erase = _erase_characters(count, more=blank_end < end) if cell_pen.erasable else None
                out.append(erase if erase is not None else " " * count)
                cursor = x if erase is not None and blank_end == end else blank_end
                x = blank_end
                placed = True
                continue
            out.append(char)
            x += 1
            while x < end and chars[x] == CONTINUATION:
                x += 1
            cursor = x
            placed = len(char) == 1
            if not placed and x < end:
                # A grapheme of several code points: terminals disagree on its width, so the
                # next cell is placed, not left to wherever the terminal's cursor went.
                out.append(f"\x1b[{y + 1};{x + 1}H")
                placed = True
        self.pen = pen
        self.x, self.y = (cursor, y) if cursor < self.width and placed else (None, None)

    def _move(self, x: int, y: int) -> str:
        """The shortest move of the cursor to (x, y), which it then remembers."""
        move = self._shortest_move(x, y)
        self.x, self.y = x, y
        return move

    def _shortest_move(self, x: int, y: int) -> str:
        if self.y == y and self.x is not None:
            step = x - self.x
            if step == 0:
                return ""
            if x == 0:
                return "\r"
            absolute = f"\x1b[{x + 1}G"
            if step > 0:
                relative = f"\x1b[{step}C" if step > 1 else "\x1b[C"
            else:
                relative = f"\x1b[{-step}D" if step < -1 else "\x1b[D"
            return relative if len(relative) <= len(absolute) else absolute
        return f"\x1b[{y + 1}H" if x == 0 else f"\x1b[{y + 1};{x + 1}H"


def _blank_tail(chars: list, pens: list, width: int) -> int:
    """Where the row's trailing blanks start (all one erasable pen, so an erase can paint them); width if none."""
    last_pen = pens[width - 1]
    if last_pen is None or not last_pen.erasable or chars[width - 1] != " ":
        return width
    start = width - 1
    while start and chars[start - 1] == " " and pens[start - 1] is last_pen:
        start -= 1
    return start


def _changed(chars: list, pens: list, shown_chars: list, shown_pens: list) -> list[int]:
    """Columns whose cell differs from what was sent; cells not known are never sent."""
    return [
        x
        for x, (char, pen, shown_char, shown_pen) in enumerate(zip(chars, pens, shown_chars, shown_pens))
        if (char != shown_char or pen is not shown_pen) and char is not None
    ]


def _runs(columns: list[int], chars: list) -> list[tuple[int, int]]:
    """Changed columns grouped into runs to write, short known gaps included, whole graphemes
    only: a wide character that changed ends its run on its second half, which may not have
    changed (a run never starts on a second half: its first half changes with it)."""
    runs: list[tuple[int, int]] = []
    width = len(chars)
    for x in columns:
        if runs:
            start, end = runs[-1]
            if x < end:
                continue
            if x - end <= MERGE_GAP and None not in chars[end:x]:
                runs[-1] = (start, x + 1)
                continue
        runs.append((x, x + 1))
    whole = []
    for start, end in runs:
        while end < width and chars[end] == CONTINUATION:
            end += 1
        if whole and start <= whole[-1][1]:
            whole[-1] = (whole[-1][0], end)
        else:
            whole.append((start, end))
    return whole


def _erase_characters(count: int, *, more: bool) -> str | None:
    """ECH over `count` blanks, then a step past them when more cells follow; None when
    writing the blanks is no longer."""
    if count < ERASE_CHARACTERS_AT_LEAST:
        return None
    erase = f"\x1b[{count}X" + (f"\x1b[{count}C" if more else "")
    return erase if len(erase) < count else None
