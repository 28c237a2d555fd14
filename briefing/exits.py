"""The exit statuses of every ``briefing`` command, in one place so that they cannot drift.

``EXIT_INVALID`` is any failure of what the command was asked to do: a deck or theme file
with errors (or warnings under ``validate --strict``), a file in the way of ``new``, an
export that cannot be written. ``EXIT_USAGE`` is argparse's status for a wrong command line,
and the status of a request briefing cannot serve (an unknown ``--theme``, PDF support
missing). ``EXIT_INTERRUPTED`` is the shell's for Ctrl-C (128 + SIGINT).
"""

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
