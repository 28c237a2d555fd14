"""The user's settings: the config folder, and the default theme (``BRIEFING_THEME`` or
``theme:`` in ``config.yaml``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from briefing.deck.model import NOWHERE, Diagnostic, Place
from .files import error_at

if TYPE_CHECKING:
    import yaml

    from briefing.deck import yamlsafe


def user_config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CONFIG_HOME/briefing`` (an absolute XDG_CONFIG_HOME only, as the spec says)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME", "")
    if not base or not os.path.isabs(base):
        home = environ.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, ".config")
    return Path(base) / "briefing"


def user_theme_dir(environ: Mapping[str, str] | None = None) -> Path:
    return user_config_dir(environ) / "themes"


@dataclass(frozen=True, slots=True)
class UserDefault:
    """The user's default theme name, where it was set, and any problem reading it."""

    name: str | None
    place: Place = NOWHERE
    diagnostics: tuple[Diagnostic, ...] = ()


def read_user_default(environ: Mapping[str, str] | None = None) -> UserDefault:
    """The user's default theme: ``BRIEFING_THEME``, else ``theme:`` in ``config.yaml``.

    Other keys in ``config.yaml`` are left alone: the file may grow other settings.
    """
    environ = os.environ if environ is None else environ
    if environ.get("BRIEFING_THEME", "").strip():
        return UserDefault(environ["BRIEFING_THEME"].strip(), Place("$BRIEFING_THEME", 1, 1))
    path = user_config_dir(environ) / "config.yaml"
    try:
        if not path.exists():
            return UserDefault(None)
    except OSError:
        pass  # a folder we may not look into: reading the file says so, as a warning
    from .parse import load_yaml

    root, locator, diagnostics = load_yaml(path)
    if root is None:
        return UserDefault(None, diagnostics=tuple(diagnostics))
    return _theme_setting(root, locator)


def _theme_setting(root: yaml.Node, locator: yamlsafe.Locator) -> UserDefault:
    """``theme:`` from config.yaml; other keys are left alone, but the file must still be a
    mapping of text keys, each once, without tags."""
    import yaml

    from briefing.deck.nodes import NodeChecker

    diagnostics: list[Diagnostic] = []
    nodes = NodeChecker(locator, diagnostics, "config.yaml")
    name, place = None, NOWHERE
    if nodes.is_mapping(root, "config.yaml", "theme: briefing-dark"):
        for _, value, key in nodes.pairs(root):
            if key != "theme":
                continue
            if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
                diagnostics.append(error_at(nodes.place(value), "theme: must be a theme name"))
            elif nodes.tag_ok(value):
                name, place = value.value.strip(), nodes.place(value)
    return UserDefault(name, place, tuple(diagnostics))


