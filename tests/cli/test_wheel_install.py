"""A built wheel, installed in an environment of its own as `pipx install .` and `uv tool
install .` do, brings the example deck, the built-in themes and the schemas with it.

The wheel is built from the files git knows in this checkout (committed or not, ignored
ones left out). It is installed without its dependencies: a `.pth` file lends the new
environment the packages of the one running the tests, so no package index is needed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from paths import REPO

from briefing import __version__
from briefing.deck.schema import include_json_schema, json_schema

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs git and a git checkout")


def run(*command, **options) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], check=True, capture_output=True, text=True, timeout=300, **options)


def source_tree(destination: Path) -> Path:
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO).stdout
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("wheel")
    source = source_tree(root / "source")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", root / "dist", source)
    return next((root / "dist").glob("briefing-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The environment the wheel is installed in, as pipx would make it."""
    environment = tmp_path_factory.mktemp("tool") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", environment)
    python = environment / "bin" / "python"
    site_packages = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip())
    lent = [path for path in sys.path if path.endswith(("site-packages", "dist-packages")) and Path(path).is_dir()]
    (site_packages / "lent-by-the-tests.pth").write_text("\n".join(lent) + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel)
    return environment


def test_the_wheel_carries_the_example_deck_the_themes_and_the_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = f"briefing-{__version__}.data/data/share/briefing/"
    for name in ("decks/nato-airspace-2025/deck.yaml", "decks/nato-airspace-2025/quotes.yaml",
                 "themes/briefing-dark.yaml", "docs/deck.schema.json", "docs/deck-include.schema.json"):
        assert data + name in names


def test_the_installed_command_presents_the_example_deck_from_its_prefix(installed, tmp_path):
    briefing = installed / "bin" / "briefing"
    handout = run(briefing, cwd=tmp_path).stdout  # piped: the plain-text handout of the example
    assert "Airspace incursions on NATO's eastern flank" in handout
    themes = run(briefing, "themes", cwd=tmp_path).stdout
    assert str(installed / "share" / "briefing" / "themes" / "mono.yaml") in themes


def test_the_installed_example_deck_s_modelines_reach_the_installed_schemas(installed):
    share = installed / "share" / "briefing"
    for name, schema in (("deck.yaml", json_schema()), ("quotes.yaml", include_json_schema())):
        deck = share / "decks" / "nato-airspace-2025" / name
        modeline = deck.read_text(encoding="utf-8").splitlines()[0]
        target = (deck.parent / modeline.split("$schema=", 1)[1]).resolve()
        assert json.loads(target.read_text(encoding="utf-8")) == schema
