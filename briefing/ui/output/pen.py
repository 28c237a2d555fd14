"""Pens: the attributes a terminal paints the next characters with, and the SGR that changes them.

A terminal keeps one current pen; `ESC [ ... m` (SGR) changes it and every character written
takes it. Textual resets the pen after every segment and sets it again in full before the
next; the lean output sends only the difference between one cell's pen and the next's.
Pens are interned, so two equal pens are the same object and a screen row compares at C speed.
"""

from __future__ import annotations

from dataclasses import dataclass

BOLD, DIM, ITALIC, UNDERLINE, BLINK, RAPID_BLINK, REVERSE, CONCEAL, STRIKE = (1 << bit for bit in range(9))
DOUBLE_UNDERLINE, FRAMED, ENCIRCLED, OVERLINE = (1 << bit for bit in range(9, 13))

ATTRIBUTE_ON: dict[int, int] = {
    1: BOLD, 2: DIM, 3: ITALIC, 4: UNDERLINE, 5: BLINK, 6: RAPID_BLINK, 7: REVERSE, 8: CONCEAL,
    9: STRIKE, 21: DOUBLE_UNDERLINE, 51: FRAMED, 52: ENCIRCLED, 53: OVERLINE,
}
"""SGR code -> the attribute it turns on."""
ATTRIBUTE_OFF: dict[int, int] = {
    22: BOLD | DIM, 23: ITALIC, 24: UNDERLINE | DOUBLE_UNDERLINE, 25: BLINK | RAPID_BLINK,
    27: REVERSE, 28: CONCEAL, 29: STRIKE, 54: FRAMED | ENCIRCLED, 55: OVERLINE,
}
"""SGR code -> the attributes it turns off (22 ends both bold and dim, 24 both underlines...)."""
_ON_CODE = {attribute: str(code) for code, attribute in ATTRIBUTE_ON.items()}
_OFF_CODE = {attribute: str(code) for code, group in ATTRIBUTE_OFF.items() for attribute in _ON_CODE if attribute & group}
_GROUP = {attribute: group for group in ATTRIBUTE_OFF.values() for attribute in _ON_CODE if attribute & group}


class UnknownSGR(ValueError):
    """An SGR this model does not understand: the output that carries it goes to the terminal as it is."""


@dataclass(frozen=True, slots=True, eq=False)
class Pen:
    """Attributes (a bit set) and colours, each colour kept as the SGR parameters that set it
    ("" is the terminal's default colour), so re-sending a colour is copying its text.

    Made only through `pen()`, which interns them: equal pens are one object, so identity is
    equality and hashing is by identity (the hot path hashes a pen per SGR)."""

    attributes: int = 0
    foreground: str = ""
    background: str = ""

    @property
    def erasable(self) -> bool:
        """Blanks in this pen look the same as cells erased with it (EL/ECH fill with the
        background only: bold, underline or reverse on a blank would not survive an erase)."""
        return self.attributes == 0

    def parameters(self) -> list[str]:
        """The SGR parameters that set this pen from the default one."""
        codes = [_ON_CODE[bit] for bit in _ON_CODE if self.attributes & bit]
        if self.foreground:
            codes.append(self.foreground)
        if self.background:
            codes.append(self.background)
        return codes


_PENS: dict[tuple[int, str, str], Pen] = {}
_MAX_PENS = 4096


def pen(attributes: int = 0, foreground: str = "", background: str = "") -> Pen:
    """The one Pen with these values."""
    key = (attributes, foreground, background)
    found = _PENS.get(key)
    if found is None:
        if len(_PENS) >= _MAX_PENS:
            _forget_pens()
        found = _PENS[key] = Pen(attributes, foreground, background)
    return found


def _forget_pens() -> None:
    """Bound the memory a long session of changing colours takes. A pen made before this is
    no longer the one made after for the same values: a cell holding it only looks changed
    and is sent again, and `pen_change` compares values, so no output is ever wrong."""
    _PENS.clear()
    _AFTER.clear()
    _CHANGE.clear()
    _PENS[(0, "", "")] = DEFAULT_PEN


DEFAULT_PEN = Pen()
_PENS[(0, "", "")] = DEFAULT_PEN
RESET = "\x1b[m"

_AFTER: dict[tuple[Pen | None, str], Pen | None] = {}
_CHANGE: dict[tuple[Pen | None, Pen], str] = {}


def pen_after(current: Pen | None, parameters: str) -> Pen | None:
    """The pen after `ESC [ parameters m` is applied to `current` (None: a pen not known).

    Raises UnknownSGR for parameters this model does not know (colon sub-parameters,
    codes it has no attribute for)."""
    key = (current, parameters)
    try:
        return _AFTER[key]
    except KeyError:
        pass
    result = _apply(current, parameters)
    _AFTER[key] = result
    return result


def _apply(current: Pen | None, parameters: str) -> Pen | None:
    codes = [int(code) if code else 0 for code in parameters.split(";")]
    attributes, foreground, background = (current.attributes, current.foreground, current.background) if current else (0, "", "")
    known = current is not None
    index = 0
    while index < len(codes):
        code = codes[index]
        index += 1
        if code == 0:
            attributes, foreground, background, known = 0, "", "", True
        elif code in ATTRIBUTE_ON:
            attributes |= ATTRIBUTE_ON[code]
        elif code in ATTRIBUTE_OFF:
            attributes &= ~ATTRIBUTE_OFF[code]
        elif 30 <= code <= 37 or 90 <= code <= 97:
            foreground = str(code)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            background = str(code)
        elif code == 39:
            foreground = ""
        elif code == 49:
            background = ""
        elif code in (38, 48):
            colour, index = _extended_colour(codes, index)
            if code == 38:
                foreground = f"38;{colour}"
            else:
                background = f"48;{colour}"
        else:
            raise UnknownSGR(parameters)
    return pen(attributes, foreground, background) if known else None


def _extended_colour(codes: list[int], index: int) -> tuple[str, int]:
    """`5;n` (256 colours) or `2;r;g;b` (24-bit) after a 38 or 48; the parameters and the next index."""
    kind = codes[index] if index < len(codes) else None
    if kind == 5 and index + 1 < len(codes) and 0 <= codes[index + 1] <= 255:
        return f"5;{codes[index + 1]}", index + 2
    if kind == 2 and index + 3 < len(codes) and all(0 <= c <= 255 for c in codes[index + 1 : index + 4]):
        red, green, blue = codes[index + 1 : index + 4]
        return f"2;{red};{green};{blue}", index + 4
    raise UnknownSGR(";".join(map(str, codes)))


def pen_change(current: Pen | None, wanted: Pen) -> str:
    """The shortest SGR that turns the terminal's pen `current` (None: not known) into `wanted`."""
    key = (current, wanted)
    try:
        return _CHANGE[key]
    except KeyError:
        pass
    change = _CHANGE[key] = _shortest_change(current, wanted)
    return change


def _shortest_change(current: Pen | None, wanted: Pen) -> str:
    if current is not None and _values(current) == _values(wanted):
        return ""
    if not wanted.attributes and not wanted.foreground and not wanted.background:
        return RESET
    from_reset = ";".join(["0", *wanted.parameters()])
    if current is None:
        return f"\x1b[{from_reset}m"
    delta = ";".join(_delta(current, wanted))
    return f"\x1b[{delta if len(delta) < len(from_reset) else from_reset}m"


def _values(pen: Pen) -> tuple[int, str, str]:
    return pen.attributes, pen.foreground, pen.background


def _delta(current: Pen, wanted: Pen) -> list[str]:
    removed = current.attributes & ~wanted.attributes
    off_codes: list[str] = []
    cleared = 0
    for bit in _OFF_CODE:
        if removed & bit and _OFF_CODE[bit] not in off_codes:
            off_codes.append(_OFF_CODE[bit])
            cleared |= _GROUP[bit]
    added = (wanted.attributes & ~current.attributes) | (wanted.attributes & cleared)
    codes = off_codes + [_ON_CODE[bit] for bit in _ON_CODE if added & bit]
    if wanted.foreground != current.foreground:
        codes.append(wanted.foreground or "39")
    if wanted.background != current.background:
        codes.append(wanted.background or "49")
    return codes
