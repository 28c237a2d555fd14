"""A lean terminal output: Textual's frames reach the terminal as only the cells that change.

See docs/terminal-output.md. `BRIEFING_LEAN_OUTPUT=0` turns it off (Textual's own output).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.driver import Driver

LEAN_OUTPUT_VARIABLE = "BRIEFING_LEAN_OUTPUT"


def lean_output_wanted() -> bool:
    return os.environ.get(LEAN_OUTPUT_VARIABLE, "1").strip().lower() not in {"0", "no", "off", "false"}


def choose_driver(textual_choice: type[Driver]) -> type[Driver]:
    """The lean driver in place of Textual's Linux driver; any other choice (a web or Windows
    driver, one named by TEXTUAL_DRIVER, or the switch set to 0) is left as it is."""
    is_linux_driver = (textual_choice.__module__, textual_choice.__qualname__) == ("textual.drivers.linux_driver", "LinuxDriver")
    if not is_linux_driver or not lean_output_wanted():
        return textual_choice
    from .driver import LeanLinuxDriver

    return LeanLinuxDriver
