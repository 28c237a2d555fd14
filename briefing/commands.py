"""The commands that need more than the deck core: present, export, screenshot.

Kept apart from `cli.py` so that `briefing validate` never imports Textual: each command
imports the UI only once it knows it will present.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .catalog import bundled_deck, deck_in_folder, decks_in_folder
from .deck.text import printable
from .exits import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from .launch import run_app, start_themes

if TYPE_CHECKING:
    from .deck import LoadResult


def load_deck(path):
    """The loader, imported on first use: a start that finds its deck in the start-up cache never imports it."""
    from .deck import load_deck as load

    return load(path)


def print_diagnostics(result: LoadResult, stream=None) -> None:
    stream = stream or sys.stderr
    for diagnostic in result.diagnostics:
        stream.write(f"{diagnostic}\n")


def write_stdout(text: str | bytes) -> None:
    """UTF-8 whatever the locale: deck text has '—' and 'ė' in it (bytes go as they are)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8") if isinstance(text, str) else text)
    sys.stdout.buffer.flush()


def resolve_deck_argument(deck: str | None) -> tuple[Path | None, Path | None]:
    """(deck file, folder for the picker): a folder holding deck.yaml is a single deck."""
    if deck is None:
        return bundled_deck(), None
    path = Path(deck)
    if os.path.isdir(path):  # False where we may not look (the loader then says why, at the file)
        single = deck_in_folder(path)
        return (single, None) if single is not None else (None, path)
    return path, None


def wants_plain_text(environ=None, stdout=None) -> bool:
    """Piped output or a dumb terminal gets the plain-text handout instead of the app — unless
    a Textual driver is named (``TEXTUAL_DRIVER``: textual-serve's web driver, whose screen
    is the pipe)."""
    env = os.environ if environ is None else environ
    out = sys.stdout if stdout is None else stdout
    if env.get("TEXTUAL_DRIVER"):
        return False
    return env.get("TERM") == "dumb" or not out.isatty()


def present(args: argparse.Namespace, *, collector_paused: bool = False) -> int:
    """Present a deck (from the start-up cache when it is still what a load would give: see
    `briefing.cache`), or the picker for a folder of decks."""
    share = share_settings(args)
    if share is False:
        return EXIT_USAGE
    from .cache.start import start

    deck_path, folder = resolve_deck_argument(args.deck)
    starting = start(deck_path)
    result = starting.result
    if result is not None:
        if not result.ok:
            print_diagnostics(result)
            return EXIT_INVALID
        if wants_plain_text():
            from .export import export_deck

            write_stdout(export_deck(result.deck, "txt"))
            return EXIT_OK
    elif folder is not None and wants_plain_text():
        return list_decks(folder)
    from .ui.app import BriefingApp

    themes = start_themes(args.theme, result, watch=not args.no_watch)
    if themes is None:
        return EXIT_USAGE
    app = BriefingApp(
        deck_path,
        result,
        folder=folder,
        initial_screen=args.screen or "brief",
        themes=themes,
        show_notes=args.notes,
        load_cache=starting.load_cache,
        watch=not args.no_watch,
        poll=args.poll,
        collector_paused=collector_paused,
        after_first_paint=starting.keep_for_next_start,
        share=share,
    )
    return run_app(app)


def share_settings(args: argparse.Namespace):
    """`--share GROUP` / `--presenter-view` checked before any screen: None when not sharing,
    False (after saying why on stderr) when the group cannot be shared with. (Read with
    defaults: callers that build their own arguments may leave the sharing options out.)"""
    group, presenter_view = getattr(args, "share", None), getattr(args, "presenter_view", False)
    max_followers = getattr(args, "max_followers", None)
    if group is None and not presenter_view:
        if max_followers is not None:
            sys.stderr.write("briefing: --max-followers is for --share GROUP\n")
            return False
        return None
    from .session.share import DEFAULT_MAX_FOLLOWERS, ShareError
    from .ui.sharing import check_share_settings

    try:
        return check_share_settings(group, max_followers or DEFAULT_MAX_FOLLOWERS)
    except ShareError as error:
        sys.stderr.write(f"briefing: cannot share: {error}\n")
        return False


def list_decks(folder: Path) -> int:
    """The picker's list as plain lines, for a pipe or a dumb terminal: each deck's title, or
    its error count and first error."""
    decks = decks_in_folder(folder)
    if not decks:
        sys.stderr.write(f"briefing: no decks in {printable(str(folder))} (a deck is FOLDER/deck.yaml or a .yaml file)\n")
        return EXIT_INVALID
    lines = [f"{printable(str(path))}: {_deck_summary(load_deck(path))}" for path in decks]
    write_stdout("".join(line + "\n" for line in lines))
    return EXIT_OK


def _deck_summary(result: LoadResult) -> str:
    if result.deck is not None:
        return " ".join(result.deck.title.split())
    errors = result.errors
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return f"{count}, first: {errors[0]}" if errors else "cannot be loaded"


def themes_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="briefing themes",
        description="List every theme: its name, where it comes from, dark or light, and its file; "
        "then every problem in a theme file at file:line:col. * marks the theme briefing picks here "
        "without --theme or a deck's theme:.",
        epilog="exit status: 0 no errors in theme files, 1 a theme file (or config.yaml) has errors, 2 usage error",
    )


def themes(argv: Sequence[str]) -> int:
    themes_parser().parse_args(argv)
    from .themes.choice import select_theme
    from .themes.listing import format_theme_listing

    selection = select_theme()
    write_stdout(format_theme_listing(selection.library, current=selection.choice.name))
    for diagnostic in selection.choice.diagnostics:
        sys.stderr.write(f"{diagnostic}\n")
    return EXIT_INVALID if any(d.is_error for d in selection.diagnostics) else EXIT_OK


def export_parser() -> argparse.ArgumentParser:
    from .export import ALL_FORMATS, PAGE_LENGTH

    parser = argparse.ArgumentParser(
        prog="briefing export",
        description="Write the briefing as a handout.",
        epilog="pdf needs the optional extra: pip install 'briefing[pdf]'. "
        "exit status: 0 written, 1 invalid deck or cannot write, 2 usage error or PDF support missing",
    )
    parser.add_argument("deck", metavar="DECK", help="the deck file (or a folder holding deck.yaml)")
    parser.add_argument("--format", "-f", required=True, choices=ALL_FORMATS, help="output format")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of standard output")
    parser.add_argument(
        "--page-length",
        type=_page_length,
        metavar="LINES",
        help=f"txt only: lines per printed page, each with the banner at its top and bottom "
        f"and a form feed between pages (default {PAGE_LENGTH}; 0: no pages)",
    )
    return parser


def export(argv: Sequence[str]) -> int:
    parser = export_parser()
    args = parser.parse_args(argv)
    if args.page_length is not None and args.format != "txt":
        parser.error("--page-length is for --format txt only")
    if args.format == "pdf" and args.output is None and sys.stdout.isatty():
        parser.error("a PDF is not written to a terminal: give -o FILE.pdf, or redirect standard output")
    from .export import ExportError, export_deck, export_pdf, write_atomically
    from .export.pdf import PdfUnavailable

    result = load_deck(_deck_file(args.deck))
    if not result.ok:
        print_diagnostics(result)
        return EXIT_INVALID
    try:
        if args.format == "pdf":
            data: str | bytes = export_pdf(result.deck)
        elif args.page_length is None:
            data = export_deck(result.deck, args.format)
        else:
            data = export_deck(result.deck, args.format, page_length=args.page_length)
        if args.output is None:
            write_stdout(data)
        else:
            write_atomically(args.output, data, protected=result.files)
    except PdfUnavailable as error:
        sys.stderr.write(f"briefing export: {error}\n")
        return EXIT_USAGE
    except ExportError as error:
        sys.stderr.write(f"briefing export: {error}\n")
        return EXIT_INVALID
    return EXIT_OK


def _page_length(text: str) -> int:
    try:
        lines = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of lines such as 66 (0 for no pages), got {text!r}") from None
    if lines != 0 and not 20 <= lines <= 10_000:
        raise argparse.ArgumentTypeError(f"page length {lines} is out of range: 20 to 10000 lines, or 0 for no pages")
    return lines


def screenshot_parser() -> argparse.ArgumentParser:
    from .ui.screens import SCREEN_NAMES

    parser = argparse.ArgumentParser(prog="briefing screenshot", description="Save an SVG picture of one screen.")
    parser.add_argument("deck", metavar="DECK", help="the deck file (or a folder holding deck.yaml)")
    parser.add_argument("--screen", default="brief", choices=SCREEN_NAMES, help="which screen (default: brief)")
    parser.add_argument("--size", default="120x40", type=_size, help="COLUMNSxROWS (default: 120x40)")
    parser.add_argument("--theme", metavar="NAME", help="theme to draw with")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.svg", help="where to write the SVG")
    return parser


def screenshot(argv: Sequence[str]) -> int:
    args = screenshot_parser().parse_args(argv)
    deck_path = _deck_file(args.deck)
    result = load_deck(deck_path)
    if not result.ok:
        print_diagnostics(result)
        return EXIT_INVALID
    from .export import ExportError, write_atomically
    from .ui.app import BriefingApp

    themes = start_themes(args.theme, result, watch=False)
    if themes is None:
        return EXIT_USAGE
    app = BriefingApp(deck_path, result, initial_screen=args.screen, themes=themes, show_clock=False)
    svg: list[str] = []

    async def capture(pilot) -> None:
        await pilot.pause()
        svg.append(app.export_screenshot())
        app.exit(EXIT_OK)

    status = run_app(app, headless=True, size=args.size, auto_pilot=capture)
    if status != EXIT_OK or not svg:
        return status or EXIT_INVALID
    try:
        write_atomically(args.output, svg[0], protected=result.files)
    except ExportError as error:
        sys.stderr.write(f"briefing screenshot: {error}\n")
        return EXIT_INVALID
    return EXIT_OK


def _deck_file(deck: str) -> Path:
    path = Path(deck)
    return (deck_in_folder(path) or path) if os.path.isdir(path) else path


def _size(text: str) -> tuple[int, int]:
    try:
        columns, rows = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected COLUMNSxROWS such as 120x40, got {text!r}") from None
    if not (20 <= columns <= 1000 and 5 <= rows <= 500):
        raise argparse.ArgumentTypeError(f"size {text!r} is out of range (20x5 to 1000x500)")
    return columns, rows
