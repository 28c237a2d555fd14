"""The deck as plain text for `less`, cron mail and printouts: no line wider than 80 columns.

Widths are measured in terminal cells (a CJK character takes two), and words longer than
a line (URLs) are hard-broken, so the limit holds whatever the deck contains. Deck
Markdown is rendered to text from markdown-it's syntax tree, keeping lists, quotes and
code readable instead of showing the raw markup.

A printout is cut into pages of at most ``page_length`` lines, a form feed before each new
page, and every page starts and ends with the classification banner, as a marked document's
pages must; the breaks fall between paragraphs where they can, never just under a heading.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from briefing.deck.model import Deck, Event, Incident, Quote, Source
from briefing.views.markdown import cell_alignment, image_text, markdown_tree, table_rows

from . import common
from .common import SECTION_TITLES, DateText, clean, one_line

WIDTH = 80
INDENT = "  "
PAGE_LENGTH = 66
"""Lines per printed page by default: a US letter or A4 sheet at six lines an inch."""
FORM_FEED = "\f"
MIN_PAGE_BODY = 10


@lru_cache(maxsize=4096)
def cell_width(char: str) -> int:
    """Terminal cells a character takes: 0 for combining marks, 2 for wide East Asian ones."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """Terminal cells ``text`` takes (printable ASCII, the common case, is one per character)."""
    if text.isascii():
        return len(text)
    return sum(map(cell_width, text))


def _break_word(word: str, room: int) -> tuple[str, str]:
    """The longest head of ``word`` that fits ``room`` cells (at least one character)."""
    used = 0
    for index, char in enumerate(word):
        used += cell_width(char)
        if used > room and index > 0:
            return word[:index], word[index:]
    return word, ""


def wrap(text: str, width: int = WIDTH, first: str = "", rest: str | None = None) -> list[str]:
    """Greedy word wrap by cells; ``first`` prefixes the first line and ``rest`` the others.

    A word longer than a whole line (a URL) is cut across lines rather than overflow.
    """
    rest = first if rest is None else rest
    lines: list[str] = []
    line, used, empty = first, cells(first), True
    for word in one_line(text).split(" "):
        size = cells(word)
        if not empty and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if not empty:
            lines.append(line)
            line, used = rest, cells(rest)
        while used + size > width:
            head, word = _break_word(word, width - used)
            lines.append(line + head)
            line, used, size = rest, cells(rest), cells(word)
        line, used, empty = line + word, used + size, False
    lines.append(line)
    return lines


def hard_wrap(line: str, width: int, prefix: str = "") -> list[str]:
    """Preformatted text cut at ``width`` cells without reflowing (code blocks)."""
    room = max(1, width - cells(prefix))
    pieces: list[str] = []
    rest = line
    while cells(rest) > room:
        head, rest = _break_word(rest, room)
        pieces.append(prefix + head)
    pieces.append(prefix + rest)
    return [piece.rstrip() for piece in pieces]


def heading(text: str, rule: str) -> list[str]:
    lines = wrap(text)
    return lines + [rule * min(WIDTH, max(cells(line) for line in lines))]


def centred(text: str) -> list[str]:
    return [" " * ((WIDTH - cells(line)) // 2) + line for line in wrap(text)]


def facts_block(facts: tuple[common.Fact, ...], indent: str = INDENT, width: int = WIDTH) -> list[str]:
    """'  When:      19 September 2025' with every value aligned and wrapped under itself."""
    if not facts:
        return []
    label_width = max(len(fact.label) for fact in facts) + 2
    lines: list[str] = []
    for fact in facts:
        first = f"{indent}{fact.label + ':':<{label_width}}"
        lines += wrap(fact.value, width, first=first, rest=" " * len(first))
    return lines


# --- deck Markdown ------------------------------------------------------------------------

def markdown_text(text: str, width: int = WIDTH, indent: str = "") -> list[str]:
    """Deck Markdown as wrapped plain text: paragraphs reflowed, lists, quotes and tables kept."""
    tree = markdown_tree(clean(text))
    return [indent + line if line else "" for line in _blocks(tree.children, _room(width - cells(indent)))]


def _room(width: int) -> int:
    """Deeply nested lists and quotes still get a readable column; `_tidy` cuts what overflows."""
    return max(width, 20)


def _blocks(nodes, width: int, tight: bool = False) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        block = _block(node, width)
        if lines and block and not tight:
            lines.append("")
        lines += block
    return lines


def _block(node, width: int) -> list[str]:
    kind = node.type
    if kind in ("paragraph", "heading"):
        lines = _inline_lines(node.children[0] if node.children else None, width)
        return lines + (["-" * min(width, max(map(cells, lines)))] if kind == "heading" and lines else [])
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, width)
    if kind == "blockquote":
        return ["> " + line if line else ">" for line in _blocks(node.children, _room(width - 2))]
    if kind in ("code_block", "fence"):
        return [piece for line in node.content.rstrip("\n").split("\n") for piece in hard_wrap(line, width, "    ")]
    if kind == "hr":
        return ["-" * min(width, 20)]
    if kind == "table":
        return _table(node, width)
    return [piece for line in clean(node.content).split("\n") for piece in wrap(line, width)] if node.content else []


def _list(node, width: int) -> list[str]:
    start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
    markers = [f"{start + n}. " if node.type == "ordered_list" else "- " for n in range(len(node.children))]
    pad = max(map(len, markers), default=2)
    tight = all(child.hidden for item in node.children for child in item.children if child.type == "paragraph")
    lines: list[str] = []
    for marker, item in zip(markers, node.children):
        if lines and not tight:
            lines.append("")
        body = _blocks(item.children, _room(width - pad), tight=tight) or [""]
        lines.append(marker.ljust(pad) + body[0])
        lines += [(" " * pad + line) if line else "" for line in body[1:]]
    return lines


TABLE_GAP = "  "


def _table(node, width: int) -> list[str]:
    """A table as aligned columns under a rule when it fits ``width``; otherwise each row as
    'Header: value' lines, so nothing is cut or run together."""
    rows = table_rows(node)
    if not rows:
        return []
    texts = [[one_line("".join(_inline_text(child) for child in cell.children)) for cell in row] for row in rows]
    aligns = [cell_alignment(cell) for cell in rows[0]]
    widths = [max(3, *(cells(row[i]) for row in texts if i < len(row))) for i in range(len(aligns))]
    if sum(widths) + len(TABLE_GAP) * (len(widths) - 1) > width:
        return _table_records(texts, width)
    lines = [_table_line(row, widths, aligns) for row in texts[:1]]
    lines.append(TABLE_GAP.join("-" * size for size in widths))
    return lines + [_table_line(row, widths, aligns) for row in texts[1:]]


def _table_line(row: list[str], widths: list[int], aligns: list[str]) -> str:
    padded = []
    for size, align, text in zip(widths, aligns, [*row, *[""] * (len(widths) - len(row))]):
        room = size - cells(text)
        left = room if align == "right" else room // 2 if align == "center" else 0
        padded.append(" " * left + text + " " * (room - left))
    return TABLE_GAP.join(padded).rstrip()


def _table_records(texts: list[list[str]], width: int) -> list[str]:
    header, body = texts[0], texts[1:]
    lines: list[str] = []
    for row in body:
        if lines:
            lines.append("")
        facts = tuple(common.Fact(label or "-", value) for label, value in zip(header, row) if value)
        lines += facts_block(facts, indent="", width=width)
    return lines


def _inline_lines(inline, width: int) -> list[str]:
    """An inline node's text, wrapped; hard breaks start new lines, links show their URL."""
    if inline is None:
        return []
    segments = [""]
    for child in inline.children:
        if child.type == "hardbreak":
            segments.append("")
        elif child.type == "softbreak":
            segments[-1] += " "
        else:
            segments[-1] += _inline_text(child)
    return [line for segment in segments for line in wrap(segment, width)]


def _inline_text(node) -> str:
    if node.type in ("text", "code_inline", "html_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    if node.type == "image":
        return image_text("".join(_inline_text(child) for child in node.children))
    inner = "".join(_inline_text(child) for child in node.children)
    if node.type == "link":
        href = str(node.attrs.get("href", ""))
        return inner if not href or href == inner else f"{inner} <{href}>"
    if node.type == "s":
        return f"~~{inner}~~"  # plain text cannot strike through: the reader sees what was struck
    return inner


# --- sections -----------------------------------------------------------------------------

def _banner(deck: Deck) -> list[str]:
    return centred(deck.classification) if deck.classification else []


def _title(deck: Deck, date_text: DateText) -> list[str]:
    lines = heading(deck.title, "=")
    if deck.subtitle:
        lines += wrap(deck.subtitle)
    if deck.as_of is not None:
        lines += wrap(f"As of {date_text(deck.as_of)}")
    return lines + [""]


def _section(key: str, body: list[str]) -> list[str]:
    if not body:
        return []
    return ["", *heading(SECTION_TITLES[key].upper(), "="), "", *body, ""]


def _judgments(deck: Deck) -> list[str]:
    lines: list[str] = []
    pad = len(f"{len(deck.key_judgments)}. ")
    for number, judgment in enumerate(deck.key_judgments, 1):
        lines += wrap(judgment.text, first=f"{number}. ".rjust(pad), rest=" " * pad)
        estimates = ". ".join(f"{f.label}: {f.value}" for f in common.estimate_facts(judgment))
        if estimates:
            lines += wrap(estimates + ".", first=" " * pad)
        lines.append("")
    return lines[:-1]


def _quote(handout: common.Handout, quote: Quote, first: str = INDENT, rest: str | None = None) -> list[str]:
    """The quote verbatim in double quotes, its attribution and source under it; ``first``
    begins its first line (a label), ``rest`` the others."""
    rest = " " * cells(first) if rest is None else rest
    paragraphs = [p for p in clean(quote.text).strip().split("\n") if p.strip()]
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        opening, lead = ('"', first) if number == 0 else ("", rest + " ")
        closing = '"' if number == len(paragraphs) - 1 else ""
        lines += wrap(opening + paragraph.strip() + closing, first=lead, rest=rest + " ")
    attribution = "-- " + common.quote_attribution(quote, handout.date_text)
    source = handout.quote_source(quote)
    if source:
        attribution += f" (source: {source})"
    return lines + wrap(attribution, first=rest + "  ", rest=rest + "     ")


def _quotes_cited(handout: common.Handout, label: str, quotes: tuple[Quote, ...], indent: str) -> list[str]:
    """The quotes behind an incident or a position, by label ('see Q9 (Peter Hummelgaard,
    25 Sep 2025)'): each is given in full under QUOTES, or here if that section lacks it."""
    held, elsewhere = handout.cited_quotes(quotes)
    lines: list[str] = []
    if held:
        references = "; ".join(handout.quote_reference(quote) for quote in held)
        lines += wrap(f"{label}: see {references}", first=indent, rest=indent + INDENT)
    for quote in elsewhere:
        lines += _quote(handout, quote, indent)
    return lines


def _url_lines(url: str | None, indent: str) -> list[str]:
    """A followable URL on its own line(s), broken after a '/', '-', '?', '&' or '=' when
    one is near the line's end, else hard-broken, so even a long one fits."""
    safe = common.web_url(url)
    if safe is None:
        return []
    room = WIDTH - cells(indent)
    lines: list[str] = []
    while cells(safe) > room:
        head, rest = _break_word(safe, room)
        cut = max(head.rfind(mark) for mark in "/-?&=")
        if cut >= room // 2:
            head, rest = safe[: cut + 1], safe[cut + 1 :]
        lines.append(indent + head)
        safe = rest
    return lines + [indent + safe]


def _source(handout: common.Handout, source: Source, credibility: int | None, indent: str) -> list[str]:
    return wrap(handout.source_line(source, credibility), first=indent + "- ", rest=indent + "  ")


def _claims(incident: Incident) -> list[str]:
    """Claims and denials by side, as on the slide: others' first, then the actor's own."""
    if not incident.claims:
        return []
    lines = ["", f"{INDENT}Claims and denials:"]
    for side in common.claims_by_side(incident):
        bullet = INDENT * 2
        if incident.actor is not None:
            lines.append(f"{INDENT * 2}{side.heading}:")
            bullet = INDENT * 3
        for claim in side.claims:
            text = f"{common.speaker_label(claim.by)}: {one_line(claim.text)}"
            lines += wrap(text, first=bullet + "- ", rest=bullet + INDENT)
    return lines


def _incident(handout: common.Handout, incident: Incident, number: int, total: int) -> list[str]:
    lines = heading(f"{number}/{total}  {one_line(incident.title)}", "-")
    lines += facts_block(handout.incident_facts(incident))
    if incident.summary:
        lines += ["", *markdown_text(incident.summary, indent=INDENT)]
    lines += _claims(incident)
    cited = _quotes_cited(handout, "What was said", handout.lookups.quotes_about(incident.id), INDENT)
    lines += ["", *cited] if cited else []
    if incident.sources:
        lines += ["", f"{INDENT}Sources:"]
        for source in incident.sources:
            lines += _source(handout, source, incident.credibility, INDENT * 2)
    return lines + [""]


def _incidents(handout: common.Handout) -> list[str]:
    total = len(handout.deck.incidents)
    lines: list[str] = []
    for number, incident in enumerate(handout.deck.incidents, 1):
        lines += _incident(handout, incident, number, total)
    return lines[:-1]


def _timeline(handout: common.Handout) -> list[str]:
    lines: list[str] = []
    for row in common.timeline_rows(handout.deck, handout.date_text):
        lines += wrap(row.date)
        lines += wrap(f"{row.kind}: {one_line(row.entry.title)}", first=INDENT, rest=INDENT * 2)
        if isinstance(row.entry, Event):
            lines += facts_block(handout.event_facts(row.entry), indent=INDENT * 2)
            if row.entry.summary:
                lines += markdown_text(row.entry.summary, indent=INDENT * 2)
        lines.append("")
    return lines[:-1]


def _countries(handout: common.Handout) -> list[str]:
    lines: list[str] = []
    for country, pairs in common.countries_with_positions(handout.deck):
        lines += heading(common.country_label(country), "-")
        if country.groups:
            lines += wrap("Member of: " + ", ".join(country.groups))
        for question, position in pairs:
            lines += wrap(
                f"{one_line(question.title)} — {position.stance.value.upper()}{common.as_of_text(position, handout.date_text)}",
                first=INDENT + "- ",
                rest=INDENT * 2,
            )
            if position.summary:
                lines += wrap(position.summary, first=INDENT * 2)
            lines += _quotes_cited(handout, "Quotes", position.quotes, INDENT * 2)
        lines.append("")
    return lines[:-1]


def _matrix(deck: Deck) -> list[str]:
    """Questions numbered 1. to n. (Q1 … names a quote), then tables of stance words, as
    many countries per table as fit in 80 columns."""
    columns = common.matrix_countries(deck)
    if not deck.questions or not columns:
        return []
    labels = [f"{n}." for n in range(1, len(deck.questions) + 1)]
    label_width = max(map(len, labels)) + 2
    lines: list[str] = []
    for label, question in zip(labels, deck.questions):
        lines += wrap(one_line(question.title), first=label.ljust(label_width), rest=" " * label_width)
    lines.append("")
    heads = {c.code: _column_head(c.code) for c in columns}
    widths = {c.code: max(cells(heads[c.code]), *(len(common.stance_word(q, c)) for q in deck.questions)) for c in columns}
    for chunk in _chunks(columns, widths, WIDTH - label_width):
        lines.append(" " * label_width + "  ".join(_pad(heads[c.code], widths[c.code]) for c in chunk).rstrip())
        for label, question in zip(labels, deck.questions):
            row = "  ".join(common.stance_word(question, c).ljust(widths[c.code]) for c in chunk)
            lines.append((label.ljust(label_width) + row).rstrip())
        lines.append("")
    legend = common.matrix_legend(columns)
    return lines + wrap(legend) if legend else lines[:-1]


def _column_head(code: str) -> str:
    """The country code as a column head; a code too long for a column (the loader allows
    at most 8 letters, a hand-built deck anything) is cut, the legend gives it whole."""
    head = one_line(code)
    return head if cells(head) <= 12 else _break_word(head, 11)[0] + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - cells(text))


def _chunks(columns, widths: dict[str, int], room: int):
    """Split the matrix columns into runs whose stance words fit side by side in ``room``."""
    chunk: list = []
    used = 0
    for country in columns:
        size = widths[country.code] + (2 if chunk else 0)
        if chunk and used + size > room:
            yield chunk
            chunk, used, size = [], 0, widths[country.code]
        chunk.append(country)
        used += size
    if chunk:
        yield chunk


def _quotes(handout: common.Handout) -> list[str]:
    """Every quote in full, once, its label hanging before it; elsewhere the label is cited."""
    quotes = handout.deck.quotes
    pad = max((len(handout.quote_label(quote) or "") for quote in quotes), default=0) + 2
    lines: list[str] = []
    for quote in quotes:
        lines += _quote(handout, quote, first=(handout.quote_label(quote) or "").ljust(pad), rest=" " * pad)
        subjects = common.quote_subjects(quote)
        if subjects:
            lines += wrap("About: " + subjects, first=" " * pad, rest=" " * (pad + 2))
        lines.append("")
    return lines[:-1]


def _sources(handout: common.Handout) -> list[str]:
    """Each source in full, once, its label hanging before it, with what cites it listed."""
    sources = handout.deck.sources
    pad = max((len(handout.source_label(source) or "") for source in sources), default=0) + 2
    indent = " " * pad
    lines: list[str] = []
    for source in sources:
        lines += wrap(one_line(source.title), first=(handout.source_label(source) or "").ljust(pad), rest=indent)
        facts = (
            common.Fact("Published", common.source_details(source, handout.date_text)),
            common.Fact("Reliability", common.reliability_text(source)),
        )
        lines += facts_block(tuple(f for f in facts if f.value), indent=indent)
        lines += _url_lines(source.url, indent)
        cited = handout.cited_by(source)
        lines.append(f"{indent}Cited by:" if cited else f"{indent}Cited by: nothing in this deck")
        for entry in cited:
            lines += wrap(entry, first=indent + "- ", rest=indent + "  ")
        lines.append("")
    return lines[:-1]


def render_text(deck: Deck, date_text: DateText, page_length: int = PAGE_LENGTH) -> str:
    """The whole briefing as plain text, every line at most 80 cells, ending in a newline.

    With ``page_length`` (lines; 0 for one endless page) pages are separated by a form feed
    and each carries the banner at its top and bottom.
    """
    handout = common.handout_for(deck, date_text)
    sections = [
        ("summary", markdown_text(deck.summary) if deck.summary else []),
        ("judgments", _judgments(deck) if deck.key_judgments else []),
        ("incidents", _incidents(handout)),
        ("timeline", _timeline(handout)),
        ("countries", _countries(handout)),
        ("positions", _matrix(deck)),
        ("quotes", _quotes(handout)),
        ("sources", _sources(handout)),
    ]
    lines = _title(deck, date_text)
    for key, body in sections:
        lines += _section(key, body)
    pages = paginate(_tidy(lines), _banner(deck), page_length)
    return FORM_FEED.join("\n".join(page) + "\n" for page in pages)


def paginate(body: list[str], banner: list[str], page_length: int) -> list[list[str]]:
    """``body`` in pages of at most ``page_length`` lines, each between two banners.

    Raises :class:`ExportError` when the page is too short to hold the banners and some text.
    """
    top, bottom = ([*banner, ""], ["", *banner]) if banner else ([], [])
    if page_length == 0:
        return [top + body + bottom]
    room = page_length - len(top) - len(bottom)
    if room < MIN_PAGE_BODY:
        raise common.ExportError(
            f"a page of {page_length} lines is too short: the banner takes {len(top) + len(bottom)}; "
            f"give at least {len(top) + len(bottom) + MIN_PAGE_BODY}, or 0 for no pages"
        )
    pages: list[list[str]] = []
    rest = body
    while rest:
        cut = _page_break(rest, room)
        pages.append(top + _trimmed(rest[:cut]) + bottom)
        rest = _trimmed(rest[cut:])
    return pages or [top + bottom]


def _page_break(lines: list[str], room: int) -> int:
    """Where the page ends: all of ``lines`` if they fit, else at the last blank line in the
    page's lower quarter, else a full page; never with a heading at its foot."""
    if len(lines) <= room:
        return len(lines)
    for index in range(room, room - room // 4, -1):
        if lines[index] == "" and _before_heading(lines, index) == index:
            return index
    return _before_heading(lines, room - 1 if _is_rule(lines[room]) else room) or room


def _before_heading(lines: list[str], cut: int) -> int:
    """``cut`` moved up past any heading (title and rule) that would end the page."""
    while (last := _last_text(lines, cut)) >= 0 and _is_rule(lines[last]):
        while last > 0 and lines[last - 1] != "":
            last -= 1
        cut = last
    return cut


def _last_text(lines: list[str], cut: int) -> int:
    index = cut - 1
    while index >= 0 and lines[index] == "":
        index -= 1
    return index


def _is_rule(line: str) -> bool:
    """A heading's underline: the line under a title that must stay with what follows."""
    return len(line) >= 2 and set(line) <= {"=", "-"}


def _trimmed(lines: list[str]) -> list[str]:
    """Without the blank lines at either end (a page never starts or ends with a gap)."""
    start, end = 0, len(lines)
    while start < end and lines[start] == "":
        start += 1
    while end > start and lines[end - 1] == "":
        end -= 1
    return lines[start:end]


def _tidy(lines: list[str]) -> list[str]:
    """Blank runs squeezed, trailing spaces dropped, and the 80-column promise enforced."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line == "" and (not out or out[-1] == ""):
            continue
        out.extend(hard_wrap(line, WIDTH) if cells(line) > WIDTH else [line])
    return _trimmed(out)
