"""Sharing is core: a follower process imports neither Textual, Rich nor PyYAML to follow."""

from __future__ import annotations

import subprocess
import sys


def test_sharing_imports_no_textual_rich_or_yaml():
    probe = (
        "import sys, briefing.session.share, briefing.deck.codec; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'yaml', '_yaml'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
