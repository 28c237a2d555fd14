"""The user's settings: the config folder, and the default theme (``BRIEFING_THEME`` or
``theme:`` in ``config.yaml``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from briefing.deck.model import NOWHERE, Diagnostic, Place

from .files import ALLOWED_TAGS, error_at

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
    if not path.exists():
        return UserDefault(None)
    from .parse import load_yaml

    root, locator, diagnostics = load_yaml(path)
    if root is None:
        return UserDefault(None, diagnostics=tuple(diagnostics))
    return _theme_setting(root, locator)


def _theme_setting(root: yaml.Node, locator: yamlsafe.Locator) -> UserDefault:
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return UserDefault(None, diagnostics=(error_at(locator.place(root.start_mark), "config.yaml must be a mapping such as theme: briefing-dark"),))
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "theme":
            if isinstance(value, yaml.ScalarNode) and value.tag in ALLOWED_TAGS and value.value.strip():
                return UserDefault(value.value.strip(), locator.place(value.start_mark))
            return UserDefault(None, diagnostics=(error_at(locator.place(value.start_mark), "theme: must be a theme name"),))
    return UserDefault(None)


