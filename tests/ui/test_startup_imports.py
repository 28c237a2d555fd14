"""What the first paint imports: guards for the start-up work in docs/benchmarks.md."""

import subprocess
import sys

FIRST_SCREEN = "import briefing.commands, briefing.ui.app, briefing.ui.screens.brief"


def modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_the_brief_screen_imports_no_highlighter_and_no_markdown_widget():
    loaded = modules_after(FIRST_SCREEN)
    assert not {"pygments", "textual.widgets._markdown", "rich.markdown", "rich.syntax"} & loaded


def test_other_screens_the_palette_and_the_watchers_load_only_when_used():
    loaded = modules_after(FIRST_SCREEN)
    later = {
        "briefing.ui.screens.timeline",
        "briefing.ui.screens.countries",
        "briefing.ui.screens.positions",
        "briefing.ui.screens.quotes",
        "briefing.ui.screens.sources",
        "briefing.ui.commands",
        "briefing.watch",
        "watchfiles",
    }
    assert not later & loaded


def test_the_presentation_session_loads_after_the_first_paint():
    """Its frozen dataclasses (places, events) cost the first paint a few ms to define; the
    app makes the session when first needed, after the paint."""
    loaded = modules_after(FIRST_SCREEN)
    assert not {name for name in loaded if name.startswith("briefing.session")}
