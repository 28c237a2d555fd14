"""The layers of DESIGN.md's architecture: the core never imports Textual, Rich or the UI.

`briefing validate` and `briefing export` start fast and the core is tested without a
screen only while this holds. Checked twice: every import statement in the core's source
(so an import inside a function or under TYPE_CHECKING counts too), and what importing
every core module really loads. `session/` is checked as soon as it exists.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import briefing

PACKAGE_ROOT = Path(briefing.__file__).parent
CORE = ("deck", "views", "session", "search", "watch")
FORBIDDEN = ("textual", "rich", "briefing.ui")


def core_packages() -> list[str]:
    return [name for name in CORE if (PACKAGE_ROOT / name / "__init__.py").exists()]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def file_imports(path: Path) -> list[tuple[int, str]]:
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return imported_modules(path.read_text(encoding="utf-8"), package)


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``source``, relative ones resolved
    against ``package`` (the package the source's module is in)."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found += [(node.lineno, f"{base}.{alias.name}" if not node.module else base) for alias in node.names]
    return found


def is_forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def test_every_core_layer_of_the_design_is_checked():
    assert {"deck", "views", "search", "watch"} <= set(core_packages())


@pytest.mark.parametrize("package", core_packages())
def test_core_source_imports_no_textual_rich_or_ui(package):
    offending = [
        f"{path.relative_to(PACKAGE_ROOT.parent)}:{line}: imports {module}"
        for path in sorted((PACKAGE_ROOT / package).rglob("*.py"))
        for line, module in file_imports(path)
        if is_forbidden(module)
    ]
    assert not offending, f"briefing/{package}/ is a core layer (no Textual, no Rich, no UI):\n" + "\n".join(offending)


def test_the_import_check_resolves_relative_imports_of_the_ui():
    source = "from ..ui.app import BriefingApp\nfrom .. import ui\nfrom . import labels\nimport rich.text\n"
    modules = [module for _, module in imported_modules(source, "briefing.views")]
    assert modules == ["briefing.ui.app", "briefing.ui", "briefing.views.labels", "rich.text"]
    assert [is_forbidden(module) for module in modules] == [True, True, False, True]
    assert not is_forbidden("richer")


def test_importing_every_core_module_loads_no_textual_or_rich():
    modules = sorted(
        module_name(path)
        for package in core_packages()
        for path in (PACKAGE_ROOT / package).rglob("*.py")
    )
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('briefing.ui')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", f"importing the core loaded: {result.stdout.strip()}"
