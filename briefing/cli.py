"""The ``briefing`` command: ``briefing [DECK]`` presents, ``briefing validate DECK...`` checks.

argparse cannot mix an optional positional DECK with subcommands, so dispatch is by hand:
a first argument naming a subcommand picks that subcommand's parser, anything else is the
present parser. Usage errors exit 2 with argparse's message; no traceback reaches a user.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .exits import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

SCREENS = ("brief", "timeline", "countries", "positions", "quotes", "sources")


# --- parsers ----------------------------------------------------------------------------------

def _present_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Present an incident briefing deck in the terminal.",
        epilog="commands: briefing validate DECK... | briefing new FOLDER | briefing schema | briefing export DECK | "
               "briefing screenshot DECK | briefing themes | briefing follow [PRESENTER] | briefing serve [PRESENTER] "
               "(run 'briefing COMMAND --help' for each)",
    )
    parser.add_argument("deck", nargs="?", metavar="DECK", help="a deck file, or a folder of decks (default: the bundled example)")
    parser.add_argument("--theme", metavar="NAME", help="theme to use (overrides the deck's)")
    parser.add_argument("--no-watch", action="store_true", help="do not follow the deck files for changes")
    parser.add_argument("--poll", action="store_true", help="poll files for changes (network file systems)")
    parser.add_argument("--screen", choices=SCREENS, help="screen to open first")
    parser.add_argument("--notes", action="store_true", help="show speaker notes beside the slide")
    parser.add_argument(
        "--share", metavar="GROUP",
        help="let members of GROUP follow with 'briefing follow YOU' (read-only, never the notes); "
        "you open the presenter view with 'briefing follow --presenter'",
    )
    parser.add_argument(
        "--max-followers", type=_max_followers, metavar="N",
        help="with --share: at most N followers at once (default 64)",
    )
    parser.add_argument(
        "--presenter-view", action="store_true",
        help="let only you open the presenter view ('briefing follow --presenter'), sharing with no one",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    return parser


def _max_followers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 10_000:
        raise argparse.ArgumentTypeError(f"expected a number of followers from 1 to 10000, got {text!r}")
    return int(text)


def _schema_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing schema", description="Print the JSON Schema of deck format 1.")
    parser.add_argument("--include", action="store_true", help="the schema of a file a deck includes (list sections only)")
    return parser


# --- commands ---------------------------------------------------------------------------------

def _validate(argv: Sequence[str]) -> int:
    from .validate import validate

    return validate(argv)


def _schema(argv: Sequence[str]) -> int:
    args = _schema_parser().parse_args(argv)
    from .deck.schema import include_json_schema, json_schema, schema_text

    sys.stdout.write(schema_text(include_json_schema() if args.include else json_schema()))
    return EXIT_OK


def _present(argv: Sequence[str]) -> int:
    """Present, with Python's cyclic collector paused until the first paint (the app
    resumes it then; on any other way out it resumes here): see `ui.startup`."""
    args = _present_parser().parse_args(argv)
    from .ui.startup import collector_paused

    with collector_paused():
        from .commands import present

        return present(args, collector_paused=True)


def _export(argv: Sequence[str]) -> int:
    from .commands import export

    return export(argv)


def _screenshot(argv: Sequence[str]) -> int:
    from .commands import screenshot

    return screenshot(argv)


def _new(argv: Sequence[str]) -> int:
    from .new_deck import new

    return new(argv)


def _follow(argv: Sequence[str]) -> int:
    from .follow import follow

    return follow(argv)


def _serve(argv: Sequence[str]) -> int:
    from .serve.command import serve

    return serve(argv)


def _themes(argv: Sequence[str]) -> int:
    from .commands import themes

    return themes(argv)


# Subcommands by first argument.
COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "validate": _validate,
    "schema": _schema,
    "new": _new,
    "export": _export,
    "screenshot": _screenshot,
    "themes": _themes,
    "follow": _follow,
    "serve": _serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = COMMANDS.get(args[0]) if args else None
    try:
        if command is not None:
            return command(args[1:])
        return _present(args)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_broken_pipe()
        return EXIT_OK


def _silence_broken_pipe() -> None:
    """``briefing validate big | head``: stop quietly, without Python's BrokenPipe complaint."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
