"""`briefing validate DECK...`: every problem of each deck, for a person, a program or a CI job.

Each deck is loaded (every error and warning at file:line:col) and, when it loads, given
the craft checks (:mod:`briefing.deck.craft`). What is found is printed in one of three
formats: ``text`` (``file:line:col: severity: message``, the default), ``json`` (JSON Lines:
one object a diagnostic, so a pipe, ``jq`` or ``head`` can read them as they come and a clean
run prints nothing, where an array would need the whole run and print ``[]``) and ``github``
(the workflow commands GitHub Actions shows inline on a pull request). Never imports Textual.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence

from .deck import load_deck
from .deck.craft import craft_warnings
from .deck.model import Diagnostic
from .deck.text import printable
from .exits import EXIT_INVALID, EXIT_OK

FORMATS = ("text", "json", "github")


def validate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing validate",
        description="Check decks; print every problem as file:line:col: severity: message, with the craft "
                    "checks (warnings on how the briefing is made) for each deck that loads.",
        epilog="exit status: 0 valid (warnings allowed), 1 invalid (or any warning with --strict), 2 usage error",
    )
    parser.add_argument("decks", nargs="+", metavar="DECK", help="deck files (or folders holding deck.yaml)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="text",
                        help="text (default); json: one JSON object a line; github: GitHub Actions annotations")
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit 1): for CI and pre-commit")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print only what fails the check: errors, and warnings only with --strict")
    return parser


def validate(argv: Sequence[str]) -> int:
    args = validate_parser().parse_args(argv)
    line_for = FORMATTERS[args.format]
    status = EXIT_OK
    for deck in args.decks:
        diagnostics = deck_diagnostics(deck)
        failing = [d for d in diagnostics if d.is_error or args.strict]
        for diagnostic in failing if args.quiet else diagnostics:
            sys.stdout.write(line_for(diagnostic) + "\n")
        if failing:
            status = EXIT_INVALID
    return status


def deck_diagnostics(deck: str) -> tuple[Diagnostic, ...]:
    """What loading the deck found and, when it loads, what the craft checks find, by place."""
    result = load_deck(deck)
    if result.deck is None:
        return result.diagnostics
    return tuple(sorted((*result.diagnostics, *craft_warnings(result.deck)), key=Diagnostic.sort_key))


def as_text(diagnostic: Diagnostic) -> str:
    return str(diagnostic)


def as_json(diagnostic: Diagnostic) -> str:
    """One line of JSON. Text goes through ``printable`` as in the text format, so a control
    character in a file name or a message arrives as its escape, never as itself."""
    place = diagnostic.place
    return json.dumps({
        "file": printable(place.path),
        "line": place.line,
        "column": place.column,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "message": printable(diagnostic.message),
        "suggestion": None if diagnostic.suggestion is None else printable(diagnostic.suggestion),
    }, ensure_ascii=False)


def as_github(diagnostic: Diagnostic) -> str:
    """``::error file=…,line=…,col=…,title=BRF…::message``, escaped as GitHub's toolkit does
    (``%``, CR and LF everywhere; ``:`` and ``,`` in properties too), the file relative to the
    working directory, where GitHub looks for it."""
    place = diagnostic.place
    properties = [f"file={_property(_relative(place.path))}"]
    if place.line > 0:
        properties += [f"line={place.line}", f"col={place.column}"]
    if diagnostic.code:
        properties.append(f"title={_property(diagnostic.code)}")
    return f"::{diagnostic.severity.value} {','.join(properties)}::{_data(printable(diagnostic.message))}"


def _relative(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return printable(path)
    shown = path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative
    return printable(shown.replace(os.sep, "/"))


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


FORMATTERS: dict[str, Callable[[Diagnostic], str]] = {"text": as_text, "json": as_json, "github": as_github}
