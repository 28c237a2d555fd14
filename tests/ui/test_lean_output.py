"""The lean output layer on its own: frames written the way Textual writes them, replayed into
two terminal emulators (Textual's output and the lean output), compared after each frame."""

from __future__ import annotations

import pytest
from emulator_support import EmulatedTerminal, first_differences
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.ui.output import choose_driver
from briefing.ui.output.lean_output import SYNC_END, SYNC_START, LeanOutput
from briefing.ui.output.pen import BOLD, DIM, ITALIC, REVERSE, UNDERLINE, pen, pen_after, pen_change
from briefing.ui.output.recording import STARTUP

BACKGROUND = "48;2;16;21;28"
TEXT = f"38;2;220;227;234;{BACKGROUND}"


def segment(text: str, sgr: str = "") -> str:
    """A segment as Textual's Strip renders it: its whole style, the text, a reset."""
    return f"\x1b[{sgr}m{text}\x1b[0m" if sgr else text


def line(y: int, x: int, *segments: str) -> str:
    return f"\x1b[{y + 1};{x + 1}H" + "".join(segments)


def frame(*lines: str, cursor=(0, 0)) -> str:
    return "\n".join(lines) + f"\x1b[{cursor[1] + 1};{cursor[0] + 1}H"


class SideBySide:
    """One LeanOutput; every write goes to it and, as written, to a reference terminal."""

    def __init__(self, width: int = 20, height: int = 4, *, terminal: tuple[int, int] | None = None) -> None:
        """`terminal`: the terminal's size, when not the one Textual draws for."""
        self.size = (width, height)
        self.sent: list[str] = []
        self.lean = LeanOutput(self.sent.append, lambda: self.size, lambda: terminal)
        self.textual = EmulatedTerminal(*(terminal or self.size))
        self.lean_screen = EmulatedTerminal(*(terminal or self.size))
        self.write(*STARTUP.split("\x1b")[1:], prefix="\x1b")

    def write(self, *writes: str, prefix: str = "", flush: bool = True) -> str:
        """Write each string as one driver write, then flush; returns what the lean output sent."""
        before = len(self.sent)
        for data in writes:
            self.lean.write(prefix + data)
            self.textual.feed(prefix + data)
        if flush:
            self.lean.flush()
        output = "".join(self.sent[before:])
        self.lean_screen.feed(output)
        return output

    def resize(self, width: int, height: int) -> None:
        self.size = (width, height)
        self.textual.resize(width, height)
        self.lean_screen.resize(width, height)

    def assert_same_screen(self) -> None:
        assert first_differences(self.textual, self.lean_screen) == []
        assert self.textual.cursor() == self.lean_screen.cursor()


def test_a_style_repeated_along_a_line_is_sent_once():
    terminal = SideBySide(40)
    sent = terminal.write(frame(line(0, 0, segment("one ", TEXT), segment("two ", TEXT), segment("three", TEXT))))
    terminal.assert_same_screen()
    assert sent.count("38;2;220;227;234") == 1
    assert "\x1b[0m" not in sent


def test_only_the_attributes_that_change_are_sent():
    terminal = SideBySide(40)
    sent = terminal.write(frame(line(0, 0, segment("Bold", f"1;{TEXT}"), segment(" then plain", TEXT))))
    terminal.assert_same_screen()
    assert "\x1b[22m then plain" in sent


def test_cells_that_did_not_change_are_not_sent_again():
    terminal = SideBySide(40)
    terminal.write(frame(line(0, 0, segment("Brief 1/5  Drones", TEXT)), line(1, 0, segment("unchanged", TEXT))))
    sent = terminal.write(frame(line(0, 0, segment("Brief 2/5  Drones", TEXT)), line(1, 0, segment("unchanged", TEXT))))
    terminal.assert_same_screen()
    assert "2" in sent and "Drones" not in sent and "unchanged" not in sent


def test_a_frame_identical_to_the_screen_sends_nothing():
    terminal = SideBySide(40)
    drawn = frame(line(0, 0, segment("same", TEXT)), cursor=(3, 2))
    terminal.write(drawn)
    assert terminal.write(drawn) == ""


def test_blanks_to_the_end_of_a_line_become_an_erase_in_the_background_colour():
    terminal = SideBySide(60)
    terminal.write(frame(line(0, 0, segment("x" * 60, TEXT))))
    sent = terminal.write(frame(line(0, 0, segment("short", TEXT), segment(" " * 55, BACKGROUND))))
    terminal.assert_same_screen()
    assert "\x1b[39m\x1b[K" in sent and " " * 5 not in sent


def test_after_an_erase_the_cursor_ends_where_textuals_output_leaves_it():
    terminal = SideBySide(20)
    terminal.write(frame(line(0, 0, segment("x" * 20, TEXT)), line(1, 0, segment("y" * 20, TEXT))))
    terminal.write(frame(line(0, 0, segment("ab" + "x" * 18, TEXT)), line(1, 0, segment("y" * 5, TEXT), segment(" " * 15, BACKGROUND)), cursor=(2, 0)))
    terminal.assert_same_screen()
    terminal.write(frame(line(0, 0, segment("ab" + "x" * 6 + "Q" + "x" * 11, TEXT)), cursor=(2, 0)))
    terminal.assert_same_screen()


def test_no_erase_to_the_end_of_a_line_wider_than_textual_draws():
    """Textual's size can lag a resize, or follow $COLUMNS: an erase would reach cells it never draws."""
    terminal = SideBySide(20, terminal=(30, 4))
    terminal.write(frame(line(0, 0, segment("x" * 20, TEXT))))
    sent = terminal.write(frame(line(0, 0, segment("short", TEXT), segment(" " * 15, BACKGROUND))))
    terminal.assert_same_screen()
    assert "\x1b[K" not in sent


@pytest.mark.parametrize("terminal_size", [(15, 4), (20, 3)], ids=["narrower", "shorter"])
def test_frames_go_as_written_to_a_terminal_smaller_than_textual_draws_for(terminal_size):
    terminal = SideBySide(20, 4, terminal=terminal_size)
    first = frame(line(0, 0, segment("x" * 20, TEXT)), line(3, 0, segment("y" * 20, TEXT)))
    second = frame(line(0, 0, segment("x" * 10 + "ab" + "x" * 8, TEXT)), line(3, 0, segment("y" * 19 + "z", TEXT)))
    assert terminal.write(first) == first
    assert terminal.write(second) == second
    terminal.assert_same_screen()


def test_a_long_run_of_blanks_inside_a_line_is_erased_and_stepped_over():
    terminal = SideBySide(60)
    terminal.write(frame(line(0, 0, segment("x" * 60, TEXT))))
    sent = terminal.write(frame(line(0, 0, segment("left", TEXT), segment(" " * 40, TEXT), segment("right" + "x" * 11, TEXT))))
    terminal.assert_same_screen()
    assert "\x1b[40X\x1b[40C" in sent


@pytest.mark.parametrize("attributes", ["7", "4", "9", "53", "21"], ids=["reverse", "underline", "strike", "overline", "double underline"])
def test_blanks_an_erase_would_not_draw_are_written(attributes):
    """An erase paints the background only: a reversed or underlined blank must be written."""
    terminal = SideBySide(60)
    terminal.write(frame(line(0, 0, segment("x" * 60, TEXT))))
    sent = terminal.write(frame(line(0, 0, segment(" " * 30, f"{attributes};{TEXT}"), segment("y" * 10, TEXT), segment(" " * 20, f"{attributes};{TEXT}"))))
    terminal.assert_same_screen()
    assert "X" not in sent and "\x1b[K" not in sent


def test_wide_characters_replace_and_are_replaced_whole():
    terminal = SideBySide(20)
    for text in ("ab中文cd", "a中文bcd", "abcdefgh", "中文中文", "ab中xxcd", "中x      y", "文x      z"):
        terminal.write(frame(line(1, 2, segment(text, TEXT))))
        terminal.assert_same_screen()


def test_half_of_a_wide_character_overwritten_is_sent_as_written():
    """Terminals blank the other half; the model does not guess which, so that frame goes as written."""
    terminal = SideBySide(20)
    terminal.write(frame(line(0, 0, segment("中文中文", TEXT))))
    for drawn in (line(0, 1, segment("x", TEXT)), line(0, 4, segment("y", TEXT)), line(0, 0, segment("中文中文", TEXT))):
        terminal.write(frame(drawn))
        terminal.assert_same_screen()


def test_a_wide_character_whose_first_half_is_overwritten_leaves_the_cursor_where_the_terminal_has_it():
    terminal = SideBySide(20)
    terminal.write(frame(line(0, 0, segment("中" + "x" * 18, TEXT))))
    terminal.write(frame(line(0, 0, segment("a", TEXT)), line(0, 8, segment("Q", TEXT))))
    terminal.assert_same_screen()


def test_cells_no_frame_has_drawn_are_never_sent():
    terminal = SideBySide(20)
    terminal.write(frame(line(0, 0, segment("x" * 20, TEXT))))
    terminal.write("\x1b[2J")
    sent = terminal.write(frame(line(0, 0, segment("ab", TEXT)), line(0, 4, segment("cd", TEXT))))
    terminal.assert_same_screen()
    assert "ab" in sent and "cd" in sent


def test_erased_blanks_leave_the_cursor_before_them():
    """ECH does not move the cursor: the next cell is reached from where the erase began."""
    terminal = SideBySide(30)
    terminal.write(frame(line(0, 0, segment("x" * 30, TEXT))))
    sent = terminal.write(frame(line(0, 0, segment("x" * 5, TEXT), segment(" " * 10, BACKGROUND), segment("x" * 5 + "Q" + "x" * 9, TEXT))))
    terminal.assert_same_screen()
    assert "\x1b[10X" in sent


def test_a_pen_it_cannot_read_keeps_frames_as_written_until_a_reset():
    terminal = SideBySide(20)
    unreadable = frame(line(0, 0, "\x1b[73msuperscript"))
    assert terminal.write(unreadable) == unreadable
    moved = frame(line(1, 0), cursor=(4, 1))
    assert terminal.write(moved) == moved
    terminal.write(frame(line(1, 0, segment("reset", TEXT))))
    assert "!" in terminal.write(frame(line(1, 0, segment("reset!", TEXT))))
    terminal.assert_same_screen()


def test_after_a_sequence_that_may_change_later_ones_everything_goes_as_written():
    """Scroll margins, origin or insert mode... change what later output means: no model is trusted again."""
    terminal = SideBySide(20)
    terminal.write(frame(line(0, 0, segment("before", TEXT))))
    for drawn in ("\x1b[4h", frame(line(0, 0, segment("before", TEXT))), frame(line(1, 0, segment("after", TEXT)))):
        assert terminal.write(drawn) == drawn
    terminal.assert_same_screen()


def test_a_grapheme_of_several_code_points_is_followed_by_an_explicit_cursor_position():
    """Terminals disagree on such widths; the next cell is placed, not left to the terminal's cursor."""
    terminal = SideBySide(20)
    sent = terminal.write(frame(line(0, 0, segment("cafe\u0301 ok", TEXT))))
    terminal.assert_same_screen()
    assert "e\u0301\x1b[1;5H ok" in sent


def test_combining_characters_stay_on_their_cell():
    terminal = SideBySide(20)
    for text in ("cafe\u0301 ok", "cafe ok", "Ba\u0306sescu"):
        terminal.write(frame(line(0, 0, segment(text, TEXT))))
        terminal.assert_same_screen()


def test_a_frame_with_a_sequence_it_does_not_know_goes_through_as_written():
    terminal = SideBySide(30)
    terminal.write(frame(line(0, 0, segment("before", TEXT))))
    linked = "\x1b]8;id=1;https://example.org\x1b\\" + segment("link", TEXT) + "\x1b]8;;\x1b\\"
    drawn = frame(line(0, 0, linked))
    assert terminal.write(drawn) == drawn
    after = terminal.write(frame(line(0, 0, segment("after", TEXT))))
    terminal.assert_same_screen()
    assert "after" in after


def test_output_that_draws_nothing_passes_at_once_after_the_frame_before_it():
    terminal = SideBySide(30)
    assert terminal.write(frame(line(0, 0, segment("frame", TEXT))), flush=False) == ""
    sent = terminal.write("\x1b[?1000h", flush=False)
    assert "frame" in sent and sent.endswith("\x1b[?1000h")
    terminal.assert_same_screen()


def test_synchronized_frames_keep_their_brackets_and_empty_ones_vanish():
    terminal = SideBySide(30)
    drawn = frame(line(0, 0, segment("shown", TEXT)))
    sent = terminal.write(SYNC_START, drawn, SYNC_END)
    assert sent.startswith(SYNC_START) and sent.endswith(SYNC_END) and "shown" in sent
    assert terminal.write(SYNC_START, drawn, SYNC_END) == ""
    terminal.assert_same_screen()


def test_after_a_resize_everything_is_drawn_again():
    terminal = SideBySide(30, 3)
    drawn = frame(line(0, 0, segment("a" * 30, TEXT)), line(1, 0, segment("b" * 30, TEXT)), line(2, 0, segment("c" * 30, TEXT)))
    terminal.write(drawn)
    terminal.resize(20, 2)
    sent = terminal.write(frame(line(0, 0, segment("a" * 20, TEXT)), line(1, 0, segment("b" * 20, TEXT))))
    terminal.assert_same_screen()
    assert "a" * 20 in sent and "b" * 20 in sent


def test_text_past_the_right_margin_goes_through_as_written():
    terminal = SideBySide(10, 2)
    drawn = frame(line(0, 5, segment("overflowing", TEXT)))
    assert terminal.write(drawn) == drawn
    terminal.assert_same_screen()


def test_text_past_the_right_margin_leaves_the_last_column_unknown():
    """Line wrap off (Textual's), text past the margin overwrites the last column, again and
    again: drawing that column as it was before must send it."""
    terminal = SideBySide(12, 2)
    terminal.write(frame(line(0, 4, segment("a中aaaab", "39;49"), "a")))
    sent = terminal.write(frame(line(0, 7, "aaaab")))
    terminal.assert_same_screen()
    assert "b" in sent


def test_text_wrapping_past_the_right_margin_leaves_no_cell_known():
    """Line wrap on, text past the margin goes on to the next line, or scrolls the screen."""
    terminal = SideBySide(12, 2)
    terminal.write(frame(line(0, 0, "top"), line(1, 0, "bottom")))
    for drawn in ("\x1b[?7h" + frame(line(0, 8, "abcdef")), frame(line(1, 0, "bottom")), frame(line(1, 8, "abcdef"))):
        terminal.write(drawn)
        terminal.assert_same_screen()
    terminal.write(frame(line(0, 0, "top")))
    terminal.assert_same_screen()


@pytest.mark.parametrize(
    ("before", "mark_at"),
    [("cafe", 4), ("ab中", 4), ("x" * 12, 12), ("abc", 0)],
    ids=["after a letter", "after a wide character", "at the right margin", "at a line's start"],
)
def test_a_zero_width_character_starting_a_segment_leaves_the_cell_it_joins_unknown(before, mark_at):
    """A style can change inside a grapheme (`e` in one segment, its accent in the next): the
    accent joins a cell written before, which is drawn again as it was in the next frame."""
    terminal = SideBySide(12, 2)
    terminal.write(frame(line(0, 0, segment(before, TEXT)), line(0, mark_at, segment("\u0301", f"1;{TEXT}"))))
    terminal.assert_same_screen()
    terminal.write(frame(line(0, 0, segment(before, TEXT))))
    terminal.assert_same_screen()


def test_an_accented_letter_in_the_last_column_leaves_the_cell_before_unknown():
    """Line wrap off, tmux puts the accent of a letter written in the last column on the cell before."""
    terminal = SideBySide(12, 2)
    terminal.write(frame(line(0, 0, segment("x" * 11 + "e\u0301", TEXT))))
    terminal.write(frame(line(0, 10, segment("x", TEXT)), line(0, 11, segment("o", TEXT))))
    terminal.assert_same_screen()


def test_the_alternate_screen_makes_every_cell_unknown():
    terminal = SideBySide(10, 2)
    drawn = frame(line(0, 0, segment("kept", TEXT)))
    terminal.write(drawn)
    terminal.write("\x1b[?1049l")
    terminal.write("\x1b[?1049h")
    assert "kept" in terminal.write(drawn)


def test_pen_changes_are_the_shortest_sgr():
    red_on_blue = pen(0, "31", "44")
    assert pen_change(pen(BOLD, "31", "44"), red_on_blue) == "\x1b[22m"
    assert pen_change(pen(BOLD | DIM, "31", "44"), pen(DIM, "31", "44")) == "\x1b[22;2m"
    assert pen_change(red_on_blue, pen(REVERSE | UNDERLINE, "31", "44")) == "\x1b[4;7m"
    assert pen_change(pen(UNDERLINE, "38;2;1;2;3", "48;2;4;5;6"), pen(0, "38;2;1;2;3", "")) == "\x1b[24;49m"
    assert pen_change(pen(BOLD | UNDERLINE | REVERSE, "38;2;1;2;3", ""), pen(0, "", "41")) == "\x1b[0;41m"
    assert pen_change(None, red_on_blue) == "\x1b[0;31;44m"
    assert pen_change(red_on_blue, pen()) == "\x1b[m"
    assert pen_change(red_on_blue, red_on_blue) == ""


def test_sgr_is_read_as_a_terminal_reads_it():
    assert pen_after(pen(), "1;38;2;1;2;3;48;5;17") is pen(BOLD, "38;2;1;2;3", "48;5;17")
    assert pen_after(pen(BOLD | DIM, "31"), "22;39") is pen()
    assert pen_after(None, "1") is None
    assert pen_after(None, "0;1") is pen(BOLD)
    assert pen_after(pen(DIM | ITALIC | UNDERLINE, "31"), "23;24") is pen(DIM, "31")


@pytest.mark.parametrize(
    ("choice", "switch", "lean"),
    [("textual.drivers.linux_driver:LinuxDriver", None, True), ("textual.drivers.linux_driver:LinuxDriver", "0", False),
     ("textual.drivers.web_driver:WebDriver", None, False)],
)
def test_the_lean_driver_replaces_only_textuals_linux_driver(monkeypatch, choice, switch, lean):
    import importlib

    module, _, name = choice.partition(":")
    textual_driver = getattr(importlib.import_module(module), name)
    if switch is None:
        monkeypatch.delenv("BRIEFING_LEAN_OUTPUT", raising=False)
    else:
        monkeypatch.setenv("BRIEFING_LEAN_OUTPUT", switch)
    chosen = choose_driver(textual_driver)
    assert (chosen is not textual_driver) == lean
    if lean:
        assert issubclass(chosen, textual_driver)


# Any frames Textual could write: chops of segments at any place, in a few pens, with wide,
# combining and box-drawing characters, blanks, and now and then a sequence the model does
# not know or text that overflows the line.
WIDTH, HEIGHT = 12, 4
PENS = ["", "1", "7", "4", "2", "9", "3;53", "21", TEXT, BACKGROUND, f"1;{TEXT}", f"7;{TEXT}", "31;44", "1;38;5;100", "39;49"]
PEN_CHANGES = ["22", "23;24", "27", "29;55", "25", "2;5", "39", "49", "38;5;9", "0"]
"""SGR without the reset after it, which Textual's strips never write but other renderables may."""
GLYPHS = ["a", "b", " ", " ", " ", "─", "é", "中", "e\u0301", "x", "\u0301"]
texts = st.lists(st.sampled_from(GLYPHS), min_size=1, max_size=8).map("".join)
segments = st.lists(st.tuples(texts, st.sampled_from(PENS) | st.sampled_from(PEN_CHANGES).map(lambda sgr: "+" + sgr)), min_size=1, max_size=4)
columns = st.integers(0, WIDTH - 1) | st.integers(WIDTH - 4, WIDTH - 1)
"""Any column, and often one near the right margin, where text overflows and wide characters are cut."""
chop = st.tuples(st.integers(0, HEIGHT - 1), columns, segments, st.booleans())
cursors = st.tuples(st.integers(0, WIDTH - 1), st.integers(0, HEIGHT - 1))
extras = st.sampled_from(["", "", "", "", "\x1b[2J", "\x1b[?1049h", "\x1b[2;3r", "\x1b[?7h", "\x1b[?7l"])
"""Now and then before a frame: an erase, the other screen, scroll margins, line wrap on or off."""


def frames_drawn_from(chops):
    return st.lists(st.tuples(chops, cursors, extras), min_size=1, max_size=6)


frames = frames_drawn_from(st.lists(chop, min_size=1, max_size=6)) | st.lists(chop, min_size=1, max_size=8).flatmap(
    lambda palette: frames_drawn_from(st.lists(st.sampled_from(palette), min_size=1, max_size=6))
)
"""Frames of any chops, or of chops drawn again and again from a few, as Textual draws the same
lines again: a cell the model keeps wrongly shows only when a later frame draws it as it was."""


def render_chop(y: int, x: int, chop_segments, crop: bool) -> str:
    parts, room = [], WIDTH - x
    for text, sgr in chop_segments:
        if crop:
            while cell_len(text) > room:
                text = text[:-1]
            if not text:
                break
            room -= cell_len(text)
        parts.append(f"\x1b[{sgr[1:]}m{text}" if sgr.startswith("+") else segment(text, sgr))
    return line(y, x, *parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames)
@example(  # text past the right margin overwrote the last column; the model kept it as it was
    [([(0, 0, [("a", "")], False), (0, 4, [("a中aaaab", "39;49"), ("a", "")], False)], (0, 0), ""),
     ([(0, 0, [("a", "")], False), (0, 7, [("aaaab", "")], False)], (0, 0), "")]
)
@example(  # an accented letter in the last column: tmux puts the accent on the cell before
    [([(0, 11, [("a\u0301", "")], False), (0, 11, [("a\u0301", "")], False)], (0, 0), "")]
)
@example(  # line wrap on: text reaching the margin of the last row, then its accent (pyte scrolled)
    [([(0, 0, [("a", "")], False), (3, 9, [("aae\u0301", "")], False)], (0, 0), "\x1b[?7h"),
     ([(0, 0, [("a", "")], False)], (0, 0), "")]
)
def test_any_frames_show_the_same_cells_as_textuals_output(drawn_frames):
    terminal = SideBySide(WIDTH, HEIGHT)
    for frame_chops, cursor, extra in drawn_frames:
        chops_text = [render_chop(y, x, chop_segments, crop) for y, x, chop_segments, crop in frame_chops]
        terminal.write(extra + frame(*chops_text, cursor=cursor))
        terminal.assert_same_screen()
