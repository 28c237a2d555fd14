"""A terminal emulator for the tests: pyte's Screen, with what pyte leaves out put back.

pyte (0.8.2) keeps characters, 16/256/24-bit colours, bold, italics, underline, strike,
reverse and blink. It ignores SGR dim (2), rapid blink (6), conceal (8), double underline
(21), framed/encircled (51/52) and overline (53); it leaves the other half of a wide
character standing when a write covers one half; it erases (EL, ECH, ED) with every
attribute of the current pen, where xterm, tmux and VTE erase with its background colour
only (background colour erase); and it draws the final `u` of `ESC [ < u` (the kitty keyboard
protocol's pop, which Textual writes on exit) as text. Around wide and zero-width characters
it differs from tmux too: a zero-width character at the right margin wraps (and scrolls on the
last row), one after a wide character joins its empty second half, and a wide character that
does not fit before the margin is written half. `FullScreen` keeps every attribute and erases
as those terminals do, blanks the other half of a wide character that a write or an erase
cuts in two, as they do too (tmux keeps it in its grid on an erase; the lean output never
erases over half of a wide character it knows of), and draws wide and zero-width characters
as tmux does (`tests/e2e/test_emulator_against_tmux.py` checks it against tmux);
`EmulatedTerminal` drops only the keyboard-protocol sequences, which draw nothing.

Two screens are compared as a person sees them (`appearance`): every cell's glyph and every
attribute, except that a blank cell's foreground and glyph-only attributes (bold, dim,
italics, blink, conceal) are not compared unless something shows them: reverse video (the
foreground becomes the background) or a line (underline, strike, overline, frame). That is
the one difference between a space Textual paints with its text's colours and the same cell
erased by a terminal: no one can see it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

import pyte
from pyte import graphics, modes
from wcwidth import wcwidth

_KEYBOARD_PROTOCOL = re.compile(r"\x1b\[[<>=][0-9;]*u")
_STANDARD_COLOURS = {**graphics.FG_ANSI, **graphics.FG_AIXTERM}
_STANDARD_BACKGROUNDS = {**graphics.BG_ANSI, **graphics.BG_AIXTERM}
_ON = {1: "bold", 2: "dim", 3: "italics", 4: "underscore", 5: "blink", 6: "rapid_blink", 7: "reverse",
       8: "conceal", 9: "strikethrough", 21: "double_underscore", 51: "framed", 52: "encircled", 53: "overline"}
_OFF = {22: ("bold", "dim"), 23: ("italics",), 24: ("underscore", "double_underscore"), 25: ("blink", "rapid_blink"),
        27: ("reverse",), 28: ("conceal",), 29: ("strikethrough",), 54: ("framed", "encircled"), 55: ("overline",)}


class Cell(NamedTuple):
    """pyte's Char and the attributes it does not keep."""

    data: str
    fg: str = "default"
    bg: str = "default"
    bold: bool = False
    italics: bool = False
    underscore: bool = False
    strikethrough: bool = False
    reverse: bool = False
    blink: bool = False
    dim: bool = False
    rapid_blink: bool = False
    conceal: bool = False
    double_underscore: bool = False
    framed: bool = False
    encircled: bool = False
    overline: bool = False


class FullScreen(pyte.Screen):
    @property
    def default_char(self) -> Cell:
        return Cell(data=" ", reverse=modes.DECSCNM in self.mode)

    def reset(self) -> None:
        super().reset()
        self.cursor.attrs = self.default_char

    def draw(self, data: str) -> None:
        """pyte's draw, a character at a time, with what tmux does where pyte differs: a
        zero-width character joins the grapheme before the cursor, never wraps, and joins
        nothing at a line's start; a wide character that does not fit before the right margin
        wraps first, or is dropped when line wrap is off; and when a write covers half of a
        wide character, the other half is blanked (as xterm and VTE do too)."""
        for char in data:
            width = wcwidth(char)
            if width == 0:
                self._join(char)
            elif width == 2 and self.cursor.x >= self.columns - 1:
                if modes.DECAWM in self.mode:
                    self.carriage_return()
                    self.linefeed()
                    self._draw_whole(char)
            else:
                self._draw_whole(char)

    def _join(self, mark: str) -> None:
        """Line wrap off, tmux's cursor stays on the last column once it is written, so a
        mark written then joins the cell before the last (terminals differ here: the lean
        output sends such a frame as written)."""
        line, x = self.buffer[self.cursor.y], self.cursor.x
        if x == self.columns and modes.DECAWM not in self.mode:
            x -= 1
        if x == 0:
            return
        if line[x - 1].data == "" and x >= 2:
            x -= 1
        line[x - 1] = line[x - 1]._replace(data=unicodedata.normalize("NFC", line[x - 1].data + mark))

    def _draw_whole(self, char: str) -> None:
        line = self.buffer[self.cursor.y]
        if 0 < self.cursor.x < self.columns and line[self.cursor.x].data == "":
            line[self.cursor.x - 1] = line[self.cursor.x - 1]._replace(data=" ")
        super().draw(char)
        self._blank_orphaned_half(self.cursor.y, self.cursor.x)

    def _blank_orphaned_half(self, y: int, x: int) -> None:
        line = self.buffer[y]
        if x < self.columns and line[x].data == "":
            before = line[x - 1].data if x else ""
            if not (before and wcwidth(before[0]) == 2):
                line[x] = line[x]._replace(data=" ")

    def erased(self) -> Cell:
        """What EL, ECH and ED leave: a blank in the pen's background colour, nothing else."""
        return self.default_char._replace(bg=self.cursor.attrs.bg)

    def erase_characters(self, count: int | None = None) -> None:
        line = self.buffer[self.cursor.y]
        end = min(self.cursor.x + (count or 1), self.columns)
        if 0 < self.cursor.x < self.columns and line[self.cursor.x].data == "":
            line[self.cursor.x - 1] = line[self.cursor.x - 1]._replace(data=" ")
        for x in range(self.cursor.x, end):
            line[x] = self.erased()
        self._blank_orphaned_half(self.cursor.y, end)

    def erase_in_line(self, how: int = 0, private: bool = False) -> None:
        line = self.buffer[self.cursor.y]
        columns = {0: range(self.cursor.x, self.columns), 1: range(self.cursor.x + 1), 2: range(self.columns)}[how]
        if how == 0 and 0 < self.cursor.x < self.columns and line[self.cursor.x].data == "":
            line[self.cursor.x - 1] = line[self.cursor.x - 1]._replace(data=" ")
        for x in columns:
            line[x] = self.erased()
        if how == 1:
            self._blank_orphaned_half(self.cursor.y, self.cursor.x + 1)

    def erase_in_display(self, how: int = 0, *args, **kwargs) -> None:
        rows = {0: range(self.cursor.y + 1, self.lines), 1: range(self.cursor.y), 2: range(self.lines), 3: range(self.lines)}[how]
        for y in rows:
            for x in range(self.columns):
                self.buffer[y][x] = self.erased()
        if how in (0, 1):
            self.erase_in_line(how)

    def select_graphic_rendition(self, *attrs: int, private: bool = False) -> None:
        """ECMA-48 SGR with every attribute Textual can send."""
        codes = list(attrs) or [0]
        replace: dict[str, object] = {}
        index = 0
        while index < len(codes):
            code = codes[index]
            index += 1
            if code == 0:
                replace.update(self.default_char._asdict())
            elif code in _ON:
                replace[_ON[code]] = True
            elif code in _OFF:
                replace.update(dict.fromkeys(_OFF[code], False))
            elif code in _STANDARD_COLOURS:
                replace["fg"] = _STANDARD_COLOURS[code]
            elif code in _STANDARD_BACKGROUNDS:
                replace["bg"] = _STANDARD_BACKGROUNDS[code]
            elif code in (38, 48):
                colour, index = _extended_colour(codes, index)
                replace["fg" if code == 38 else "bg"] = colour
        replace.pop("data", None)
        self.cursor.attrs = self.cursor.attrs._replace(**replace)


def _extended_colour(codes: list[int], index: int) -> tuple[str, int]:
    if codes[index] == 5:
        return graphics.FG_BG_256[codes[index + 1]], index + 2
    red, green, blue = codes[index + 1 : index + 4]
    return f"{red:02x}{green:02x}{blue:02x}", index + 4


class EmulatedTerminal:
    """A screen of cells fed with a program's output."""

    def __init__(self, width: int, height: int) -> None:
        self.screen = FullScreen(width, height)
        self.stream = pyte.Stream(self.screen)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.columns, self.screen.lines

    def resize(self, width: int, height: int) -> None:
        self.screen.resize(height, width)

    def feed(self, output: str) -> None:
        self.stream.feed(_KEYBOARD_PROTOCOL.sub("", output))

    def rows(self) -> list[list[Cell]]:
        screen = self.screen
        return [[screen.buffer[y][x] for x in range(screen.columns)] for y in range(screen.lines)]

    def cursor(self) -> tuple[int, int]:
        return self.screen.cursor.x, self.screen.cursor.y


def screen_from_capture(capture: str, size: tuple[int, int]) -> EmulatedTerminal:
    """A screen drawn from tmux's `capture-pane -p -e -N`: each line at its row, attributes
    carrying over from one line to the next as capture-pane writes them. Line wrap is on, as
    a line fills its row: a zero-width character ending it joins the last cell (line wrap off,
    it would join the cell before, as in tmux)."""
    screen = EmulatedTerminal(*size)
    screen.feed("\x1b[?7h")
    for y, text in enumerate(capture.split("\n")[: size[1]]):
        screen.feed(f"\x1b[{y + 1};1H{text}")
    return screen


_LINES = ("underscore", "double_underscore", "strikethrough", "overline", "framed", "encircled")


def appearance(cell: Cell) -> tuple:
    """What a person sees of a cell (see the module's docstring)."""
    if cell.data.strip() or any(getattr(cell, line) for line in _LINES):
        return tuple(cell)
    return (cell.data, ("shown as background", cell.fg) if cell.reverse else ("background", cell.bg))


def first_differences(left: EmulatedTerminal, right: EmulatedTerminal, limit: int = 5) -> list[str]:
    """Where two screens look different, cell by cell, for an assertion message; [] when they match."""
    found = []
    for y, (left_row, right_row) in enumerate(zip(left.rows(), right.rows())):
        for x, (a, b) in enumerate(zip(left_row, right_row)):
            if appearance(a) != appearance(b):
                found.append(f"row {y} column {x}: {a} != {b}")
                if len(found) == limit:
                    return found
    return found
