"""What one search result looks like, as plain text pieces: no widget, no markup.

A result is four lines, whatever the width: who said it (and when, and the source's
grade), the quote word-wrapped on up to two lines (cut with '…' around its first match
only when it is longer still), where it was said, and a blank line before the next (the
context moves up when the quote takes one line). A fixed height lets the result list map
any screen line to a result by division, so 50,000 results scroll as cheaply as ten.
Every piece carries a role name; the list turns roles into styles (``"match"`` is a
highlighted match), so deck text is never parsed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from rich.cells import cell_len, get_character_cell_size

from ....deck.dates import format_date_point_short
from ....deck.model import Quote, Source

Piece = tuple[str, str]
"""A run of text and its role: speaker, details, date, text, match, context."""

RESULT_HEIGHT = 4
QUOTE_LINES = 2
OPEN_QUOTE, CLOSE_QUOTE, ELLIPSIS = "“", "”", "…"
MATCH_LEAD = 12
"""How many characters before a match to show when the quote must be cut to reach it."""

_FLAT = str.maketrans({"\n": " ", "\t": " ", "\r": " "})


def flatten(text: str) -> str:
    """Line breaks and tabs as spaces, one for one, so match offsets stay valid."""
    return text.translate(_FLAT)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in an ellipsis when it had to be cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = get_character_cell_size(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + ELLIPSIS


def header_pieces(quote: Quote, width: int, tz: tzinfo | None = None) -> list[Piece]:
    """'Name  Role · Country' on the left, 'date [grade]' on the right."""
    right = "  " + date_label(quote, tz)
    grade = quote.source.grade() if quote.source is not None else ""
    if grade:
        right += f" [{grade}]"
    room = max(0, width - cell_len(right))
    name = fit(flatten(quote.speaker.name), room)
    details = speaker_details(quote)
    rest = room - cell_len(name)
    details = fit(flatten("  " + details), rest) if details and rest > 3 else ""
    gap = max(0, width - cell_len(name) - cell_len(details) - cell_len(right))
    return [(name, "speaker"), (details, "details"), (" " * gap, "text"), (right, "date")]


def speaker_details(quote: Quote) -> str:
    """Role and country, the country left out when the role already names it."""
    speaker = quote.speaker
    parts = [speaker.role] if speaker.role else []
    country = speaker.country
    if country is not None and (not speaker.role or country.name not in speaker.role):
        parts.append(country.name)
    return " · ".join(parts)


def date_label(quote: Quote, tz: tzinfo | None = None) -> str:
    return format_date_point_short(quote.when, tz) if quote.when is not None else "undated"


def context_pieces(quote: Quote, width: int) -> list[Piece]:
    """Where it was said, then the source it comes from."""
    parts = [quote.where] if quote.where else []
    if quote.source is not None:
        parts.append(source_name(quote.source))
    return [(fit(flatten(" · ".join(parts)), width), "context")]


def source_name(source: Source) -> str:
    return source.publisher or source.title


def snippet_pieces(text: str, spans: Sequence[tuple[int, int]], width: int) -> list[Piece]:
    """The quote in quotation marks on one line of ``width`` cells, matches marked.

    A quote too long for the line is cut; when its first match would fall beyond the cut,
    the line starts a few words before that match instead (after an ellipsis), so the
    reason a quote is listed is always on screen.
    """
    text = flatten(text)
    if width < 3:
        return [(fit(OPEN_QUOTE + text, width), "text")]
    sizes = [get_character_cell_size(char) for char in text]
    if sum(sizes) + 2 <= width:
        start, end = 0, len(text)
    else:
        start = _window_start(text, sizes, spans, width)
        end = _window_end(sizes, start, width - 2)
        if end == len(text) and start > 0:
            start = _fill_back(text, sizes, start, width - 2)
    opening = OPEN_QUOTE if start == 0 else ELLIPSIS
    closing = CLOSE_QUOTE if end == len(text) else ELLIPSIS
    return [(opening, "text"), *_marked(text, start, end, spans), (closing, "text")]


def _window_start(text: str, sizes: list[int], spans: Sequence[tuple[int, int]], width: int) -> int:
    if not spans:
        return 0
    first_start, first_end = spans[0]
    if sum(sizes[:first_end]) + 2 <= width:
        return 0
    earliest = max(0, first_start - MATCH_LEAD)
    start = earliest
    if earliest > 0 and text[earliest - 1] != " ":
        space = text.find(" ", earliest, first_start)
        start = space + 1 if space >= 0 else first_start
    while start < first_start and text[start] == " ":
        start += 1
    return start


def _window_end(sizes: list[int], start: int, room: int) -> int:
    end, used = start, 0
    while end < len(sizes) and used + sizes[end] <= room:
        used += sizes[end]
        end += 1
    return end


def _fill_back(text: str, sizes: list[int], start: int, room: int) -> int:
    """When the end of the quote is on the line, use the space left for words before."""
    used = sum(sizes[start:])
    earliest = start
    while earliest > 0 and used + sizes[earliest - 1] <= room:
        earliest -= 1
        used += sizes[earliest]
    if earliest > 0 and text[earliest - 1] != " ":
        space = text.find(" ", earliest, start)
        earliest = space + 1 if space >= 0 else start
    return earliest


def _marked(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> list[Piece]:
    pieces: list[Piece] = []
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, position), min(span_end, end)
        if span_start >= span_end:
            continue
        if span_start > position:
            pieces.append((text[position:span_start], "text"))
        pieces.append((text[span_start:span_end], "match"))
        position = span_end
    if position < end:
        pieces.append((text[position:end], "text"))
    return pieces


def snippet_lines(text: str, spans: Sequence[tuple[int, int]], width: int, lines: int = QUOTE_LINES) -> list[list[Piece]]:
    """The quote word-wrapped on at most ``lines`` lines of ``width`` cells, matches marked.

    A quote that fits is shown whole; a longer one is the window :func:`snippet_pieces`
    picks around the first match, sized to the lines (less a little room for breaking
    between words) and cut with '…'."""
    if width < 3 or lines < 2:
        return [snippet_pieces(text, spans, width)]
    budget = width * lines
    while True:
        wrapped = wrap_pieces(snippet_pieces(text, spans, budget), width)
        if len(wrapped) <= lines or budget <= width:
            return wrapped[:lines]
        budget -= max(1, width // 4)


def wrap_pieces(pieces: list[Piece], width: int) -> list[list[Piece]]:
    """Pieces broken into lines of at most ``width`` cells, between words where there is a
    space to break at (the space is dropped), else inside a word."""
    chars = [(char, role) for text, role in pieces for char in text]
    lines: list[list[tuple[str, str]]] = []
    start = 0
    while start < len(chars):
        end, used, space = start, 0, -1
        while end < len(chars) and used + get_character_cell_size(chars[end][0]) <= width:
            if chars[end][0] == " ":
                space = end
            used += get_character_cell_size(chars[end][0])
            end += 1
        if end < len(chars) and space > start:
            end = space
        lines.append(chars[start:end])
        start = end + 1 if end < len(chars) and chars[end][0] == " " else end
    return [_runs(line) for line in lines]


def _runs(chars: list[tuple[str, str]]) -> list[Piece]:
    """Neighbouring characters of the same role as one piece."""
    pieces: list[Piece] = []
    for char, role in chars:
        if pieces and pieces[-1][1] == role:
            pieces[-1] = (pieces[-1][0] + char, role)
        else:
            pieces.append((char, role))
    return pieces
