"""`briefing new FOLDER`: a deck to start from, which validates, presents, and gets editor help.

It writes into FOLDER (made when missing) the deck, with one of everything, and the two
JSON Schemas its modelines name, and never overwrites a file.

The schemas go beside the deck, and the modelines name them by a relative path
(`$schema=deck.schema.json`): that keeps working wherever the folder is moved, copied or
committed, on any machine, with no network. An absolute path to the installed schema would
break as soon as the deck is shared or the environment is moved, and the schema has no
public URL. A schema beside the deck describes the format of the briefing that wrote it;
`briefing schema > deck.schema.json` brings it up to date.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from .catalog import DECK_FILE_NAME
from .deck.schema import include_json_schema, json_schema, schema_text
from .deck.text import clean_text
from .exits import EXIT_INVALID, EXIT_OK

DECK_SCHEMA_FILE = "deck.schema.json"
INCLUDE_SCHEMA_FILE = "deck-include.schema.json"

DECK_TEMPLATE = """\
# yaml-language-server: $schema={deck_schema}
#
# A new briefing deck. `briefing {deck}` presents it and follows every save;
# `briefing validate {deck}` checks it. Every field: docs/deck-format.md in briefing's repository.
# To split it across files, list them under include: and start each with
# # yaml-language-server: $schema={include_schema}
format: 1
title: {title}
subtitle: Situation briefing
as_of: {today}
timezone: UTC
classification: UNCLASSIFIED // EXAMPLE

summary: |
  **Bottom line:** the one thing the audience must take away.

key_judgments:
  - text: What you judge, and why, in one sentence.
    confidence: moderate
    likelihood: likely

sources:
  - id: first-report
    title: The report this briefing rests on
    publisher: Its publisher
    date: {today}
    reliability: B              # A completely reliable ... F reliability cannot be judged
  - id: interview
    title: The interview the quote comes from
    publisher: Its broadcaster
    date: {today}
    reliability: C

# XA and XB are codes no country has: use ISO 3166 codes (EE, PL) or names such as NATO.
countries:
  - {{code: XA, name: Country A}}
  - {{code: XB, name: Country B}}

people:
  - id: spokesperson
    name: A spokesperson
    role: Spokesperson of Country A's foreign ministry
    country: XA

incidents:
  - id: first-incident
    title: What happened, as a headline
    when: {today}
    where: Where it happened
    countries: [XA]
    actor: XB
    kind: incursion
    status: unverified
    summary: |
      What happened, what is known and what is not.
    sources: [first-report]
    credibility: 3              # 1 confirmed by other sources ... 6 truth cannot be judged

events:
  - id: first-meeting
    title: A dated event that is not an incident
    when: {today}
    countries: [XA, XB]
    kind: meeting

questions:
  - id: first-question
    title: The question each country takes a position on?
    positions:
      - country: XA
        stance: support
        summary: Country A's position, in a sentence.
        quotes: [spokesperson-statement]
      - country: XB
        stance: oppose
        summary: Country B's position, in a sentence.

quotes:
  - id: spokesperson-statement
    by: spokesperson
    text: The words as spoken, verbatim.
    when: {today}
    source: interview
    about: [first-question]
"""


def new_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing new",
        description=f"Start a deck in FOLDER: {DECK_FILE_NAME} with one of everything (it validates and presents), "
                    f"and {DECK_SCHEMA_FILE} and {INCLUDE_SCHEMA_FILE} beside it for editors' completion.",
        epilog="never overwrites a file. exit status: 0 written, 1 a file is in the way or cannot be written, 2 usage error",
    )
    parser.add_argument("folder", metavar="FOLDER", help="where to write the deck (made when missing)")
    parser.add_argument("--title", help="the deck's title (default: from the folder's name)")
    return parser


def new(argv: Sequence[str], *, today: date | None = None) -> int:
    parser = new_parser()
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    title = one_line(args.title or title_from_folder(folder))
    if not is_utf8(title):
        parser.error("the title must be UTF-8 text (give one with --title)")
    files = deck_files(title, today or date.today())
    try:
        written = write_new_files(folder, files)
    except Refusal as refusal:
        sys.stderr.write(f"briefing new: {refusal}\n")
        return EXIT_INVALID
    except OSError as error:
        sys.stderr.write(f"briefing new: cannot write {shown(Path(error.filename or folder))}: {error.strerror or error}\n")
        return EXIT_INVALID
    deck = shown(folder / DECK_FILE_NAME)
    sys.stdout.write(f"wrote {', '.join(shown(path) for path in written)}\n"
                     f"present it: briefing {deck}\ncheck it:   briefing validate {deck}\n")
    return EXIT_OK


_LINE_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}
"""Editors do not break lines there but Unicode does: a word on each side stays apart."""


def one_line(text: str) -> str:
    """A title as one line of plain text: what the loader would remove with a warning
    (escape sequences, control characters) is left out, so the new deck loads clean."""
    return " ".join(clean_text(text.translate(_LINE_BREAKS))[0].split())


def is_utf8(text: str) -> bool:
    """False for text holding bytes that were not UTF-8 (a command line's surrogate escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: Path) -> str:
    """A path for the terminal: undecodable bytes and control characters as escapes, never acting."""
    text = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def title_from_folder(folder: Path) -> str:
    """'baltic-drones' -> 'Baltic drones'."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "New briefing"


def deck_files(title: str, today: date) -> dict[str, Callable[[], str]]:
    """Each file's name and how to write its text. The title is written as a JSON string,
    which YAML reads as a double-quoted scalar: any text stays text."""
    deck = DECK_TEMPLATE.format(
        deck_schema=DECK_SCHEMA_FILE, include_schema=INCLUDE_SCHEMA_FILE, deck=DECK_FILE_NAME,
        title=json.dumps(title, ensure_ascii=False), today=today.isoformat(),
    )
    return {
        DECK_FILE_NAME: lambda: deck,
        DECK_SCHEMA_FILE: lambda: schema_text(json_schema()),
        INCLUDE_SCHEMA_FILE: lambda: schema_text(include_json_schema()),
    }


class Refusal(Exception):
    """Why nothing was written."""


def _in_the_way(path: Path) -> Refusal:
    return Refusal(f"{shown(path)} already exists: briefing new never overwrites a file (choose another folder, or move it)")


def write_new_files(folder: Path, files: dict[str, Callable[[], str]]) -> list[Path]:
    """Write every file or none. Each is created exclusively, so a file that appears
    meanwhile is not overwritten either, and the ones already written are taken back."""
    if folder.exists() and not folder.is_dir():
        raise Refusal(f"{shown(folder)} is a file, not a folder: give the folder to write the deck into")
    targets = [folder / name for name in files]
    for target in targets:
        if target.exists() or target.is_symlink():
            raise _in_the_way(target)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for target, text in zip(targets, files.values()):
            try:
                with target.open("x", encoding="utf-8", newline="\n") as stream:
                    written.append(target)
                    stream.write(text())
            except FileExistsError:
                raise _in_the_way(target) from None
    except (OSError, Refusal):
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
