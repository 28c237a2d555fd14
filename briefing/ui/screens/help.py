"""Help: every key of the current screen and the global ones, read from the live bindings."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from .window import WindowScreen

SCOPES = ("This screen", "In this pane", "Everywhere")


@dataclass(frozen=True)
class KeyHelp:
    keys: str
    description: str
    scope: str


def keys_for(screen: Screen, app: App) -> list[KeyHelp]:
    """Group the screen's active bindings by action, so 'right space n l' share one row."""
    grouped: dict[tuple[str, str], list[str]] = {}
    descriptions: dict[tuple[str, str], str] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or not (binding.description or binding.tooltip):
            continue
        scope = "Everywhere" if active.node is app else "This screen" if active.node is screen else "In this pane"
        group = (scope, binding.action)
        grouped.setdefault(group, []).append(binding.key_display or app.get_key_display(binding))
        descriptions[group] = binding.tooltip or binding.description
    rows = [KeyHelp(" ".join(dict.fromkeys(keys)), descriptions[group], group[0]) for group, keys in grouped.items()]
    return sorted(rows, key=lambda row: SCOPES.index(row.scope))


class HelpScreen(WindowScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100%; max-width: 110; height: 100%; max-height: 40; border: round $accent; background: $surface; padding: 0 1; }
    HelpScreen #help-title { text-style: bold; color: $primary; }
    HelpScreen #help-columns { height: auto; }
    HelpScreen .help-column { width: 1fr; height: auto; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close help")]

    def __init__(self, screen: Screen, extra_help: str = "") -> None:
        super().__init__()
        self.for_screen = screen
        self.extra_help = extra_help

    def compose_window(self) -> ComposeResult:
        rows = keys_for(self.for_screen, self.app)
        with VerticalScroll(id="help-scroll"):
            yield Static(Content(f"Keys: {getattr(self.for_screen, 'SCREEN_NAME', '') or 'this screen'}   (escape closes)"), id="help-title")
            with Horizontal(id="help-columns"):
                with Vertical(classes="help-column"):
                    for scope in SCOPES[:2]:
                        yield from self._section(scope, rows)
                with Vertical(classes="help-column"):
                    yield from self._section(SCOPES[2], rows)
            if self.extra_help:
                yield Static(Content(self.extra_help), id="help-extra")

    def _section(self, scope: str, rows: list[KeyHelp]) -> ComposeResult:
        scoped = [row for row in rows if row.scope == scope]
        if scoped:
            yield Static(self._table(scope, scoped))

    @staticmethod
    def _table(scope: str, rows: list[KeyHelp]) -> Table:
        table = Table(title=scope, title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for row in rows:
            table.add_row(Text(row.keys), Text(row.description))
        return table

    def action_close(self) -> None:
        self.dismiss(None)
