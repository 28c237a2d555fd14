"""Untrusted YAML in, composed nodes with places out; every failure is a diagnostic.

Why not ``yaml.safe_load``: it resolves YAML 1.1 types (``NO`` -> False, ``12:30`` -> 750,
``0123`` -> 83), forgets where each value was written, accepts duplicate keys silently,
and raises more than ``YAMLError`` on hostile input. Here every scalar stays text (the deck
schema decides each field's type), nodes keep their marks, and the two PyYAML back ends —
libyaml through ``CParser`` and the pure-Python parser — are made to give the same
diagnostics: a deck must not validate differently on a machine without libyaml.

Hostile input is stopped before it can hurt: files over :data:`MAX_FILE_BYTES`, bytes that
are not UTF-8, nesting deeper than :data:`MAX_DEPTH` (libyaml's composer recurses in C and
crashes the interpreter on deep nesting, so depth is bounded *before* parsing), and raw
control characters (removed with a warning, since PyYAML would refuse the whole file).
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from . import codes
from .model import Diagnostic, Place, Severity
from .reading import MAX_FILE_BYTES, ReadProblem, read_bytes  # noqa: F401 - the front door's names, kept here for callers
from .text import quoted, removal_warning, source_may_be_unsafe, unsafe_runs_in_source

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    CParser = None

MAX_DEPTH = 64
MAX_NODES = 2_000_000
"""YAML nodes (every key, value and list) a deck's files may hold together. A composed node
costs about 400 bytes, so 16 MiB of ``[a,a,…]`` would take 3 GB; the 10,000-incident,
50,000-quote benchmark deck holds 1.3 million."""
OVER_NODE_BUDGET = sys.maxsize
"""The node count :func:`compose_counted` gives for a file it stopped: more than any budget."""
HAVE_LIBYAML = CParser is not None
LOADERS = ("c", "python") if HAVE_LIBYAML else ("python",)
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_TAGS = {ScalarNode: STR_TAG, SequenceNode: SEQ_TAG, MappingNode: MAP_TAG}

# Which back end composes deck files; tests set it to compare the two.
default_loader = LOADERS[0]

TAB_MESSAGE = "tab character here: indent and separate with spaces (tabs are allowed only inside quoted or block text)"


class _TooManyNodes(Exception):
    """Stops composing at the node budget, before the nodes past it take memory."""

    def __init__(self, parent: Node | None) -> None:
        super().__init__()
        self.parent = parent


class _PlainResolver:
    """Every node gets its kind's plain tag: no YAML 1.1 guessing, and cheaper than any resolver."""

    def descend_resolver(self, parent: Any, index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _PLAIN_TAGS[kind]


if CParser is not None:

    class _CComposer(CParser, _PlainResolver):
        pass


class _PyComposer(Reader, Scanner, Parser, Composer, _PlainResolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


def _composer_class(loader: str) -> type:
    if loader == "c" and CParser is not None:
        return _CComposer
    if loader in ("c", "python"):
        return _PyComposer
    raise ValueError(f"unknown YAML loader {loader!r}: use 'c' or 'python'")


# --- places ------------------------------------------------------------------------------

_BREAK = re.compile(r"\r\n|[\r\n]")  # as editors count lines; NEL, LS and PS are removed before parsing


@dataclass(slots=True)
class Locator:
    """Turns parser marks into places in the file as the author sees it.

    Raw control characters are cut out before parsing; ``shifts`` puts columns on those
    lines back where the author's editor shows them.
    """

    path: str
    shifts: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def place(self, mark: Any) -> Place:
        return self.at(mark.line, mark.column)

    def at(self, line: int, column: int) -> Place:
        """A place from a 0-based line and column of the parsed text."""
        if self.shifts and line in self.shifts:
            column += sum(width for start, width in self.shifts[line] if start <= column)
        return Place(self.path, line + 1, column + 1)


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """0-based line and column of ``index``, counting line breaks the way editors do."""
    line, start = 0, 0
    for match in _BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start


# --- reading -----------------------------------------------------------------------------

@dataclass(slots=True)
class Source:
    """One file's text, ready for the parser, with what reading it found."""

    path: str
    text: str | None
    data: bytes
    locator: Locator
    diagnostics: list[Diagnostic]


def prepare(data: bytes, path: str) -> Source:
    """Decode and clean one file's bytes; ``text`` is None when the file cannot be parsed."""
    locator = Locator(path)
    diagnostics: list[Diagnostic] = []
    text, problem = _decode(data, path)
    if problem is not None:
        return Source(path, None, data, locator, [problem])
    if not text.strip(" \t\r\n"):
        return Source(path, None, data, locator, [_error(Place(path, 1, 1), "empty file", codes.EMPTY_FILE)])
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if _SEPARATOR_BYTES.search(body):
        text = _spaces_for_separators(text, path, diagnostics)
    if source_may_be_unsafe(body):
        text = _cut_runs(text, unsafe_runs_in_source(text), locator, diagnostics)
    return Source(path, text, data, locator, diagnostics)


_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_SEPARATOR_BYTES = re.compile(rb"\xc2\x85|\xe2\x80[\xa8\xa9]")
_SEPARATOR_NAMES = {"\x85": "next line (U+0085)", "\u2028": "line separator (U+2028)", "\u2029": "paragraph separator (U+2029)"}


def _spaces_for_separators(text: str, path: str, diagnostics: list[Diagnostic]) -> str:
    """NEL, LS and PS become spaces, each with a warning.

    YAML counts them as line breaks and editors do not: kept, every later line number would
    be off, a block text would end in the middle, and the terminal would get them.
    """
    for match in _SEPARATORS.finditer(text):
        line, column = line_and_column(text, match.start())
        message = (f"replaced a {_SEPARATOR_NAMES[match.group()]} with a space: YAML reads it as a line break "
                   "that editors do not show")
        diagnostics.append(Diagnostic(Place(path, line + 1, column + 1), Severity.WARNING, message, codes.LINE_SEPARATOR))
    return _SEPARATORS.sub(" ", text)


def _decode(data: bytes, path: str) -> tuple[str, Diagnostic | None]:
    wide = _wide_encoding(data)
    if wide is not None:
        return "", _error(Place(path, 1, 1), f"not UTF-8: this file looks like {wide} (zero bytes between the letters); "
                                             "save it as UTF-8", codes.NOT_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return "", _bad_byte(data, error, path)
    return (text.removeprefix("\ufeff")), None


def _wide_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when the start of the file has the zero bytes those leave in
    ASCII text. Such bytes are valid UTF-8, so without this a UTF-16 file would load as one
    removed control character per letter. Text never holds a zero byte."""
    sample = data[:4096]
    if b"\x00" not in sample:
        return None
    if b"\x00\x00\x00" in sample and sample.count(0) * 4 >= len(sample) * 2:
        return "UTF-32"
    halves = (sample[0::2].count(0), sample[1::2].count(0))
    return "UTF-16" if max(halves) * 4 >= len(sample) else None


def _bad_byte(data: bytes, error: UnicodeDecodeError, path: str) -> Diagnostic:
    good = data[: error.start].decode("utf-8")
    line, column = line_and_column(good, len(good))
    byte = data[error.start]
    if line == 0 and good.startswith("\ufeff"):
        column -= 1
    message = f"not UTF-8: byte 0x{byte:02x} cannot be decoded here (save the file as UTF-8)"
    return _error(Place(path, line + 1, column + 1), message, codes.NOT_UTF8)


def _cut_runs(text: str, runs: list[tuple[int, int]], locator: Locator, diagnostics: list[Diagnostic]) -> str:
    """Remove raw control characters and escape sequences; warn at each, keep columns true."""
    pieces, kept_until, removed_on_line = [], 0, {}
    for start, end in runs:
        line, column = line_and_column(text, start)
        removed_before = removed_on_line.get(line, 0)
        locator.shifts.setdefault(line, []).append((column - removed_before, end - start))
        removed_on_line[line] = removed_before + end - start
        place = Place(locator.path, line + 1, column + 1)
        diagnostics.append(Diagnostic(place, Severity.WARNING, removal_warning(1), codes.CONTROL_CHARACTERS))
        pieces.append(text[kept_until:start])
        kept_until = end
    pieces.append(text[kept_until:])
    return "".join(pieces)


def _error(place: Place, message: str, code: str) -> Diagnostic:
    return Diagnostic(place, Severity.ERROR, message, code)


def _syntax(place: Place, message: str) -> Diagnostic:
    """An 'invalid YAML: ...' error: the file does not parse."""
    return _error(place, message, codes.YAML_SYNTAX)


# --- composing ---------------------------------------------------------------------------

def compose(source: Source, loader: str | None = None) -> tuple[Node | None, list[Diagnostic]]:
    """The document's root node (None with an error when there is none to give)."""
    root, problems, _ = compose_counted(source, loader)
    return root, problems


def compose_counted(
    source: Source, loader: str | None = None, node_budget: int = MAX_NODES,
) -> tuple[Node | None, list[Diagnostic], int]:
    """:func:`compose`, stopping with an error past ``node_budget`` nodes; also the node count
    (:data:`OVER_NODE_BUDGET` when it stopped there)."""
    assert source.text is not None
    loader = loader or default_loader
    composer = _composer_class(loader)
    text, locator = source.text, source.locator
    too_deep = _too_deep(text, composer, locator)
    if too_deep is not None:
        return None, [too_deep], 0
    instance = composer(text)
    instance.descend_resolver, nodes = _node_counter(node_budget)
    try:
        root = instance.get_single_node()
    except _TooManyNodes as stop:
        return None, [_too_many_nodes(stop.parent, locator)], OVER_NODE_BUDGET
    except Exception as error:  # noqa: BLE001 - PyYAML raises many kinds; every one is a diagnostic
        return None, [_describe_failure(error, text, composer, locator)], nodes()
    finally:
        instance.dispose()
    if root is None:
        return None, [_error(locator.at(0, 0), "empty file: it holds only comments", codes.EMPTY_FILE)], 0
    if "\t" in text:
        tab = _misplaced_tab(root, text)
        if tab is not None:
            return None, [_error(locator.at(*line_and_column(text, tab)), TAB_MESSAGE, codes.TAB)], nodes()
    return root, [], nodes()


def _node_counter(budget: int) -> tuple[Callable[[Any, Any], None], Callable[[], int]]:
    """A ``descend_resolver`` that counts nodes and stops past ``budget``, and its count.

    Both composers (libyaml's and the pure-Python one) call ``descend_resolver`` once for
    every node, tagged or not, before building it: the one place to count on both paths.
    A plain function in the instance costs no more than the no-op method it replaces.
    """
    count = 0

    def descend_resolver(parent: Any, index: Any) -> None:
        nonlocal count
        count += 1
        if count > budget:
            raise _TooManyNodes(parent)

    def counted() -> int:
        return count

    return descend_resolver, counted


def _too_many_nodes(parent: Node | None, locator: Locator) -> Diagnostic:
    place = locator.place(parent.start_mark) if parent is not None else locator.at(0, 0)
    return _error(place, f"too many values: the deck's files hold more than {MAX_NODES:,} YAML values "
                         "(keys, values and lists; the limit for a deck) from this list or mapping on", codes.TOO_MANY_VALUES)


# --- depth ---------------------------------------------------------------------------------

# A cheap bound proves most files shallow; only the rest pay for an exact event-by-event pass.
_INDENT_BOUND = 16
_DEEP_LINE_START = re.compile(rf"(?:\A|(?<=[\n\r\x85\u2028\u2029]))[ \t?:-]{{{_INDENT_BOUND}}}")
_DEEP_LINE_AFTER_NEWLINE = re.compile(rf"\n[ \t?:-]{{{_INDENT_BOUND}}}")  # a literal first char: fast
_SIMPLE_SEQUENCE = re.compile(r"\[[^\[\]{}\"'#\r\n\x85\u2028\u2029]*\]")
_SIMPLE_MAPPING = re.compile(r"\{[^\[\]{}\"'#\r\n\x85\u2028\u2029]*\}")


def _may_be_too_deep(text: str) -> bool:
    """False only when nesting provably stays within :data:`MAX_DEPTH`.

    Block collections nest only by indenting (a sequence may share its key's column), so
    no line starting with ``_INDENT_BOUND`` blanks or indicators bounds block depth by
    ``2 * _INDENT_BOUND + 1``. Flow depth is at most one more than the brackets left once
    single-line brackets with nothing quotable inside are dropped.
    """
    if _has_deep_line(text):
        return True
    allowed = MAX_DEPTH - (2 * _INDENT_BOUND + 1) - 1
    if text.count("[") + text.count("{") <= allowed:
        return False
    rest = _SIMPLE_SEQUENCE.sub("", text) if "[" in text else text
    rest = _SIMPLE_MAPPING.sub("", rest) if "{" in rest else rest
    return rest.count("[") + rest.count("{") > allowed


def _has_deep_line(text: str) -> bool:
    rare_breaks = "\x85" in text or "\u2028" in text or "\u2029" in text or text.count("\r") != text.count("\r\n")
    if rare_breaks:
        return _DEEP_LINE_START.search(text) is not None
    return _DEEP_LINE_START.match(text) is not None or _DEEP_LINE_AFTER_NEWLINE.search(text) is not None


def _too_deep(text: str, composer: type, locator: Locator) -> Diagnostic | None:
    if not _may_be_too_deep(text):
        return None
    instance = composer(text)
    depth = 0
    try:
        while instance.check_event():
            event = instance.get_event()
            kind = type(event)
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"nesting deeper than {MAX_DEPTH} levels: a deck never needs this much"
                    return _error(locator.place(event.start_mark), message, codes.TOO_DEEP)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                depth -= 1
    except Exception as error:  # noqa: BLE001 - the syntax error is reported by composing
        if composer is not _PyComposer and "nesting depth" in str(error):
            # Newer libyaml stops at its own limit before yielding an event; the pure parser
            # has none, so it finds the place where the deck passes ours.
            return _too_deep(text, _PyComposer, locator)
        return None
    finally:
        instance.dispose()
    return None


# --- tabs ------------------------------------------------------------------------------------

def _misplaced_tab(root: Node, text: str) -> int | None:
    """Index of the first tab outside quoted or block text and outside comments.

    libyaml accepts a tab after ``key:`` or inside plain text, the pure-Python parser does
    not; refusing such tabs on both paths makes a deck valid on both or on neither.
    """
    allowed, scalars = _scalar_spans(root)
    allowed_starts = [start for start, _ in allowed]
    scalar_starts = [start for start, _ in scalars]
    for match in re.finditer("\t", text):
        tab = match.start()
        if _inside(allowed, allowed_starts, tab) or _in_comment(text, tab, scalars, scalar_starts):
            continue
        return tab
    return None


def _scalar_spans(root: Node) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    allowed, scalars, seen, stack = [], [], set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            span = (node.start_mark.index, node.end_mark.index)
            scalars.append(span)
            if node.style in ('"', "'", "|", ">"):
                allowed.append(span)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    allowed.sort()
    scalars.sort()
    return allowed, scalars


def _inside(spans: list[tuple[int, int]], starts: list[int], index: int) -> bool:
    at = bisect.bisect_right(starts, index) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def _in_comment(text: str, index: int, scalars: list[tuple[int, int]], starts: list[int]) -> bool:
    line_start = max(text.rfind(ch, 0, index) for ch in "\n\r\x85\u2028\u2029") + 1
    for hash_match in re.finditer("#", text[line_start:index]):
        at = line_start + hash_match.start()
        if (at == line_start or text[at - 1] in " \t") and not _inside(scalars, starts, at):
            return True
    return False


# --- describing failures ---------------------------------------------------------------------

def _describe_failure(error: BaseException, text: str, composer: type, locator: Locator) -> Diagnostic:
    if isinstance(error, RecursionError):
        return _too_deep_anyway(text, composer, locator)
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        if "\t" in text:
            tab = _tab_before(text, error.problem_mark.index)
            if tab is not None:
                return _error(locator.at(*line_and_column(text, tab)), TAB_MESSAGE, codes.TAB)
        return _describe_marked(error, text, locator)
    if isinstance(error, yaml.YAMLError):
        return _syntax(locator.at(0, 0), f"invalid YAML: {_one_line(str(error))}")
    if isinstance(error, MemoryError):
        return _error(locator.at(0, 0), "not enough memory to read this file", codes.OUT_OF_MEMORY)
    return _syntax(locator.at(0, 0), f"invalid YAML: {_one_line(str(error)) or type(error).__name__}")


def _too_deep_anyway(text: str, composer: type, locator: Locator) -> Diagnostic:
    found = _too_deep(text, composer, locator)
    return found or _error(locator.at(0, 0), f"nesting deeper than {MAX_DEPTH} levels: a deck never needs this much", codes.TOO_DEEP)


def _tab_before(text: str, limit: int) -> int | None:
    """The tab the pure-Python parser stops at, when it comes before a later syntax error.

    libyaml reads on past tabs that Python's parser refuses; asking the Python parser about
    the text up to libyaml's error tells which complaint comes first on both paths.
    """
    if "\t" not in text[:limit + 1]:
        return None
    try:
        for _ in yaml.parse(text[: limit + 1], Loader=_PyComposer):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        if mark is not None and _is_tab_problem(error, text):
            return mark.index
    except Exception:  # noqa: BLE001 - only the tab question matters here
        return None
    return None


def _is_tab_problem(error: yaml.MarkedYAMLError, text: str) -> bool:
    mark = error.problem_mark
    problem = error.problem or ""
    return (
        "cannot start any token" in problem or "tab" in problem
    ) and mark.index < len(text) and text[mark.index] == "\t"


_ANCHOR_NAME = re.compile(r"[&*]([^\s,\[\]{}]*)")


def _describe_marked(error: yaml.MarkedYAMLError, text: str, locator: Locator) -> Diagnostic:
    mark = error.problem_mark
    problem = _one_line(error.problem or "")
    context = _one_line(error.context or "")
    index = mark.index
    here = text[index] if index < len(text) else ""
    if _is_tab_problem(error, text):
        return _error(locator.place(mark), TAB_MESSAGE, codes.TAB)
    if "mapping values are not allowed" in problem:
        return _syntax(locator.place(mark), "invalid YAML: ': ' cannot start a value here (put text that holds ': ' in quotes)")
    if problem == "did not find expected key" or (
        problem.startswith("expected <block end>") and "block mapping" in context
    ):
        return _syntax(locator.place(mark), "invalid YAML: this line does not line up with the keys above it (check its indentation)")
    if problem == "did not find expected '-' indicator" or problem.startswith("expected <block end>"):
        return _syntax(locator.place(mark), "invalid YAML: this line does not line up with the list above it (check its indentation)")
    for opener, closer in (("[", "]"), ("{", "}")):
        if f"',' or '{closer}'" in problem:
            return _syntax(locator.place(mark), f"invalid YAML: a '{opener}' list is not closed with '{closer}' (or an item lacks its ',')")
    ends_early = "unexpected end of stream" in problem or "unexpected document" in problem  # libyaml: indicator, Python: separator
    if ends_early and "quoted scalar" in context and error.context_mark is not None:
        return _syntax(locator.place(error.context_mark), "invalid YAML: this quoted text has no closing quote")
    if "unknown escape character" in problem:
        backslash = index if here == "\\" else index - 1
        line, column = line_and_column(text, backslash)
        return _syntax(locator.at(line, column), "invalid YAML: unknown escape in double-quoted text (write \\\\ for a backslash, or use single quotes)")
    if "undefined alias" in problem:
        return _syntax(locator.place(mark), f"invalid YAML: alias {_anchor_at(text, index)} has no anchor before it")
    if "duplicate anchor" in context and error.context_mark is not None:
        return _syntax(locator.place(mark), f"invalid YAML: anchor {_anchor_at(text, index)} is defined twice (first at line {error.context_mark.line + 1})")
    if "mapping keys are not allowed" in problem:
        return _syntax(locator.place(mark), "invalid YAML: a '? ' key cannot start here (put text that starts with '?' in quotes)")
    if "sequence entries are not allowed" in problem:
        return _syntax(locator.place(mark), "invalid YAML: a '- ' list entry cannot start here (check the indentation)")
    if "while scanning a block scalar" in context:
        return _syntax(locator.place(mark), "invalid YAML: after '|' or '>' only a comment may follow on the line (the text starts on the next line)")
    if "while scanning a simple key" in context and error.context_mark is not None:
        return _syntax(locator.place(error.context_mark), "invalid YAML: this key has no ':' after it on its line")
    if "another document" in problem:
        return _syntax(locator.place(mark), "invalid YAML: a second document ('---') in the file; a deck file holds one")
    if "cannot start any token" in problem:
        return _syntax(locator.place(mark), f"invalid YAML: {quoted(here)} cannot start a value (put the text in quotes)")
    if "alphabetic or numeric character" in problem:
        return _syntax(locator.place(mark), "invalid YAML: an anchor (&name) or alias (*name) needs a name of letters and digits")
    if "tag" in problem.lower() or "URI" in problem:
        return _error(locator.place(mark), "tags (!...) are not allowed in a deck", codes.TAG)
    return _syntax(locator.place(mark), f"invalid YAML: {_common_wording(problem)}" + (f" ({context})" if context else ""))


_PYTHON_EXPECTED = re.compile(r"expected (.*), but (?:found|got) .*")


def _common_wording(problem: str) -> str:
    """libyaml says "did not find expected X" where Python's parser says "expected X, but found Y"."""
    if problem.startswith("did not find expected "):
        problem = "expected " + problem[len("did not find expected "):]
    else:
        match = _PYTHON_EXPECTED.fullmatch(problem)
        if match:
            problem = f"expected {match.group(1)}"
    return problem.replace("'<", "<").replace(">'", ">").replace("a comment or a line break", "comment or line break").replace("the node content", "node content")


def _anchor_at(text: str, index: int) -> str:
    match = _ANCHOR_NAME.match(text, index)
    name = match.group(0) if match else "*"
    return quoted(name)


def _one_line(text: str) -> str:
    return " ".join(text.split())
