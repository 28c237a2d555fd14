"""Deck text made safe for a terminal, and deck text quoted safely inside messages.

Deck text is untrusted: a pasted quote can carry terminal escape sequences (colours, cursor
moves, OSC 8 links, title changes), stray control characters or bidi overrides that make a
line read differently from what it says. The loader removes all of them here, once, with a
warning, so every consumer (UI, export, ``briefing validate``) can show deck text as is.
"""

from __future__ import annotations

import re

_ESC = "\x1b"
# One alternation, tried in order at each position: whole escape sequences first, so that
# "ESC [ 3 1 m" goes as one unit, then any single control or bidi-override character.
_UNSAFE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, ...
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, ... strings
    r"|\x1b[ -/]*[0-~]?"  # other escapes: ESC c, ESC ( B, ...
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"  # C0 but \t \n, DEL, C1, separators, bidi
)
# The same, for raw file text before YAML sees it: line breaks (\r) stay for the parser, and a
# stray byte-order mark inside the file goes too. (NEL, U+2028 and U+2029 never get here: the
# reader turns them into spaces first, see yamlsafe.)
_UNSAFE_IN_SOURCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\r\n\x85]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufeff]"
)

MESSAGE_TEXT_LIMIT = 60

# Bytes that can never start an unsafe run, for a fast first look at a whole file: what is
# left after deleting them is C0 and DEL; C1, bidi overrides and a stray BOM are looked for
# by their UTF-8 lead bytes.
_SAFE_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
_UNSAFE_UTF8 = re.compile(rb"\xc2[\x80-\x84\x86-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf")


def clean_text(text: str) -> tuple[str, int]:
    """``text`` without escape sequences, control characters (but newline and tab) and bidi
    overrides, and how many such runs were removed."""
    cleaned, count = _UNSAFE.subn("", text)
    return cleaned, count


def source_may_be_unsafe(data: bytes) -> bool:
    """Quick test of a file's UTF-8 bytes (after any leading BOM): False means nothing to remove."""
    if data.translate(None, _SAFE_BYTES):
        return True
    return data.isascii() is False and _UNSAFE_UTF8.search(data) is not None


def unsafe_runs_in_source(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of raw file text to remove before parsing."""
    return [match.span() for match in _UNSAFE_IN_SOURCE.finditer(text)]


def removal_warning(count: int) -> str:
    what = "control character or escape sequence" if count == 1 else "control characters or escape sequences"
    return f"removed {count} {what} from this text (they could change what the terminal shows)"


def quoted(text: str, limit: int = MESSAGE_TEXT_LIMIT) -> str:
    """Deck text quoted for a message: control characters visible as escapes, long text cut."""
    short = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return repr(short)


def printable(text: str) -> str:
    """A file name or path safe to print: each unsafe character shown as its escape.

    Unlike deck text (cleaned at load), a path must stay findable, so ``ESC`` becomes the
    four characters ``\\x1b`` rather than vanishing. Every path shown to a person (a
    diagnostic's place, a notice, the picker) goes through here.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def printable_lines(text: str) -> str:
    """:func:`printable` for a message of several lines: its line breaks stay."""
    if text.isprintable():
        return text
    return "\n".join(printable(line) for line in text.split("\n"))


def _escape(ch: str) -> str:
    """What Python's repr writes for a character that is not printable (controls, format
    characters such as bidi overrides, line separators, spaces other than ' ')."""
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
