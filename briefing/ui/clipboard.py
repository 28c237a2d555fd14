"""Copying text to the user's clipboard from a terminal app, including over SSH.

The terminal does the copying: the app writes an OSC 52 sequence ("set the clipboard to
this base64 text") and a terminal that supports it (most do: xterm, iTerm2, kitty,
WezTerm, Windows Terminal, foot, Alacritty...) sets the clipboard of the machine the
user sits at, however many SSH hops away the app runs. Textual's
``App.copy_to_clipboard`` writes exactly that sequence; inside tmux the same sequence
is also sent wrapped for tmux's passthrough, since tmux, by default, does not hand an
application's OSC 52 on to the outer terminal (see docs/search.md for the settings).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping

from textual.app import App


def osc52(text: str) -> str:
    """The OSC 52 sequence that sets the system clipboard (``c``) to ``text``."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{encoded}\a"


def tmux_passthrough(sequence: str) -> str:
    """``sequence`` wrapped so tmux passes it to the outer terminal (ESC doubled inside)."""
    return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"


def inside_tmux(environ: Mapping[str, str] | None = None) -> bool:
    return bool((os.environ if environ is None else environ).get("TMUX"))


def copy_to_clipboard(app: App, text: str, environ: Mapping[str, str] | None = None) -> None:
    """Put ``text`` on the clipboard of the terminal the user sees (and in ``app.clipboard``)."""
    app.copy_to_clipboard(text)
    driver = getattr(app, "_driver", None)
    if driver is not None and inside_tmux(environ):
        driver.write(tmux_passthrough(osc52(text)))
