"""What the browser view takes from textual-serve, and the check that it is still there.

textual-serve's ``Server`` binds a TCP port with no authentication, serves a directory
listing of its static folder and a ``/download/{key}`` route, and builds its websocket
address from a configured public URL; none of that fits a Unix socket behind ``ssh -L``. So
the browser view builds its own small aiohttp application (``web.py``) and takes from
textual-serve only:

- ``AppService`` (``app_service.py``): starts the command with Textual's web driver and
  relays bytes between its stdin/stdout and the websocket — the part worth not rewriting;
- four static files: the page's script (xterm.js and textual-serve's client in one bundle),
  xterm's stylesheet and the Roboto Mono fonts;
- the client's conventions: it reads ``data-session-websocket-url`` from the page, appends
  ``?width=…&height=…`` and sends JSON arrays ``["stdin", text]``, ``["resize", {width,
  height}]``, ``["ping", text]``, ``["blur"]`` and ``["focus"]``.

The version is pinned (pyproject.toml, the ``serve`` extra); :func:`problems` names anything
of the above that a different version no longer has, and ``briefing serve`` refuses to start
with that list rather than fail in a browser.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

PINNED_VERSION = "1.1.3"
INSTALL_HINT = f"pip install 'briefing[serve]' (textual-serve {PINNED_VERSION})"

OWN_STATIC = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Asset:
    """A file the page loads: its place on disk and the type it is served as."""

    path: Path
    content_type: str


def textual_serve_static() -> Path:
    import textual_serve

    return Path(textual_serve.__file__).parent / "static"


def assets() -> dict[str, Asset]:
    """The page's files by the name in their URL (``/static/<name>``): nothing else is served."""
    upstream = textual_serve_static()
    return {
        "textual.js": Asset(upstream / "js" / "textual.js", "text/javascript"),
        "xterm.css": Asset(upstream / "css" / "xterm.css", "text/css"),
        "RobotoMono.ttf": Asset(upstream / "fonts" / "RobotoMono-VariableFont_wght.ttf", "font/ttf"),
        "RobotoMono-Italic.ttf": Asset(upstream / "fonts" / "RobotoMono-Italic-VariableFont_wght.ttf", "font/ttf"),
        "briefing.css": Asset(OWN_STATIC / "briefing.css", "text/css"),
    }


CLIENT_CONVENTIONS = (
    "dataset.sessionWebsocketUrl",
    '"?width="',
    '"&height="',
    'JSON.stringify(["stdin"',
    'JSON.stringify(["resize"',
    'JSON.stringify(["ping"',
    'JSON.stringify(["blur"]',
    'JSON.stringify(["focus"]',
    "textual-terminal",
    "-closed",
)
SERVICE_PARAMETERS = ("command", "write_bytes", "write_str", "close", "download_manager")
SERVICE_METHODS = (
    "start",
    "stop",
    "run",
    "send_bytes",
    "set_terminal_size",
    "blur",
    "focus",
    "on_data",
    "on_meta",
    "on_packed",
)


def problems() -> list[str]:
    """Everything the browser view relies on that the installed textual-serve lacks (empty: all there)."""
    try:
        version = metadata.version("textual-serve")
        from textual_serve.app_service import AppService
    except (metadata.PackageNotFoundError, ImportError):
        return [f"textual-serve is not installed: {INSTALL_HINT}"]
    found = (
        []
        if version == PINNED_VERSION
        else [f"textual-serve {version} is installed, briefing serve is built for {PINNED_VERSION}"]
    )
    parameters = inspect.signature(AppService.__init__).parameters
    found += [f"AppService() takes no {name!r} any more" for name in SERVICE_PARAMETERS if name not in parameters]
    found += [
        f"AppService has no {name}() any more"
        for name in SERVICE_METHODS
        if not callable(getattr(AppService, name, None))
    ]
    if "self._process" not in inspect.getsource(AppService):
        found.append("AppService keeps its process elsewhere than self._process (a stuck tab could not be killed)")
    found += [f"the static file {asset.path} is missing" for asset in assets().values() if not asset.path.is_file()]
    script = assets()["textual.js"].path
    if script.is_file():
        text = script.read_text(encoding="utf-8", errors="replace")
        found += [
            f"textual.js no longer has {convention}" for convention in CLIENT_CONVENTIONS if convention not in text
        ]
    return found
