"""The reference for the reload budget: a minimal Textual app that shows a file and follows it
with watchfiles' defaults, the plain "reload on change" a presenter tool would start from.

    python benchmarks/minimal_follow_app.py FILE
"""

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static
from watchfiles import awatch


class FollowFile(App):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Static(id="text")

    def on_mount(self) -> None:
        self.show()
        self.run_worker(self.follow())

    async def follow(self) -> None:
        async for _changes in awatch(self.path):
            self.show()

    def show(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as error:
            text = str(error)
        self.query_one(Static).update(Content(text))


if __name__ == "__main__":
    FollowFile(Path(sys.argv[1])).run()
