"""The browser view's web server: one page, its files, and a websocket per tab, on a Unix socket.

An aiohttp application of three routes, served on a listening socket it is handed (the
caller makes it, in a private directory: ``command.py``):

- ``GET /`` — the page; ``GET /?key=…`` — the one-time link: sets the session cookie and
  sends the browser on to ``/``;
- ``GET /static/<name>`` — the page's five files, by name from a fixed list (``upstream.py``):
  no directory, no listing, no path from the request ever reaches the file system;
- ``GET /ws`` — a tab: its own follower process (``tab.py``), at most ``max_tabs`` at once.

Every request first passes ``guard.py``'s checks (our uid at the other end, a loopback
Host, the session cookie; on the websocket, the page's own Origin); every response carries
headers that keep the page to itself: a Content-Security-Policy allowing only this origin
(scripts, styles, fonts, the websocket) and no framing, ``Referrer-Policy: no-referrer``,
and ``Cache-Control: no-store`` on all but the fixed files. Nothing is logged per request:
an access log would write the key.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from string import Template

from aiohttp import WSMsgType, hdrs, web

from .command import DEFAULT_MAX_TABS
from .guard import KEY_PARAMETER, Doorkeeper, Refusal, host_refusal, origin_refusal, peer_refusal
from .tab import Tab
from .upstream import assets

MAX_MESSAGE = 64 * 1024
"""A browser sends keys, sizes and pings: nothing near this."""
HEARTBEAT = 15.0
COLUMNS = (10, 1000)
ROWS = (5, 500)
FONT_SIZES = (6, 48)
NOTICE_EVERY = 10.0
PAGE = Template(Path(__file__).with_name("page.html").read_text(encoding="utf-8"))

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
NO_STORE = "no-store"
ASSET_CACHE = "private, max-age=3600"


def content_security_policy(host: str | None) -> str:
    """This origin only; the websocket named by its address too (older browsers read 'self' as http only)."""
    connect = "'self'" + (f" ws://{host}" if host is not None and host_refusal(host) is None else "")
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; "
        f"connect-src {connect}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


class BrowserView:
    """Serves ``command`` (the follower) to browser tabs, one process each, to our own user only."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        title: str,
        max_tabs: int = DEFAULT_MAX_TABS,
        uid: int | None = None,
        on_notice: Callable[[str], None] = lambda text: None,
    ) -> None:
        self.command = tuple(command)
        self.title = title
        self.max_tabs = max_tabs
        self.uid = os.geteuid() if uid is None else uid
        self.doorkeeper = Doorkeeper()
        self._notice = on_notice
        self._sockets: set[web.WebSocketResponse] = set()
        self._told: dict[str, float] = {}
        self._assets = assets()

    @property
    def tabs(self) -> int:
        """Tabs open now (each a follower process)."""
        return len(self._sockets)

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=MAX_MESSAGE)
        app.add_routes(
            [
                web.get("/", self._page, allow_head=False),
                web.get("/static/{name}", self._asset, allow_head=False),
                web.get("/ws", self._tab, allow_head=False),
            ]
        )
        app.on_response_prepare.append(_secure_headers)
        app.on_shutdown.append(self._close_tabs)
        return app

    async def start(self, listening) -> web.AppRunner:
        """Serve on an already listening socket; ``await runner.cleanup()`` ends every tab and stops."""
        runner = web.AppRunner(self.application(), access_log=None, handle_signals=False)
        await runner.setup()
        await web.SockSite(runner, listening).start()
        return runner

    # --- access ---------------------------------------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler) -> web.StreamResponse:
        refusal = peer_refusal(request.transport.get_extra_info("socket") if request.transport else None, self.uid)
        refusal = refusal or host_refusal(request.headers.get(hdrs.HOST))
        if refusal is None and request.path == "/" and KEY_PARAMETER in request.query:
            if self.doorkeeper.admits(request.cookies):
                return _to_page()  # a link opened again in a browser already in
            return self._enter(request.query[KEY_PARAMETER])
        if refusal is None and not self.doorkeeper.admits(request.cookies):
            refusal = Refusal(
                403,
                "this browser has not opened the link briefing serve printed (each link opens one browser, once): "
                "open the newest link it printed",
            )
        if refusal is not None:
            return self._refuse(refusal)
        return await handler(request)

    def _enter(self, key: str) -> web.StreamResponse:
        if not self.doorkeeper.enter(key):
            return self._refuse(
                Refusal(403, "this link has been used already, or is not the one briefing serve printed")
            )
        self._notice(f"a browser opened the link; for another browser: {self.link_path()}")
        response = _to_page()
        response.set_cookie(
            self.doorkeeper.cookie_name, self.doorkeeper.cookie_value, httponly=True, samesite="Strict", path="/"
        )
        return response

    def link_path(self) -> str:
        """The path and query of the link that opens the view now (after the forwarded address)."""
        return f"/?{KEY_PARAMETER}={self.doorkeeper.key}"

    def _refuse(self, refusal: Refusal) -> web.Response:
        """The refusal, said in the terminal at most once every ``NOTICE_EVERY`` seconds per
        reason: any web page open in the browser can send requests to the forwarded port."""
        now = time.monotonic()
        if now - self._told.get(refusal.reason, -NOTICE_EVERY) >= NOTICE_EVERY:
            self._told[refusal.reason] = now
            self._notice(f"refused a request: {refusal.reason}")
        return web.Response(status=refusal.status, text=f"briefing serve: {refusal.reason}\n")

    # --- routes ---------------------------------------------------------------------------

    async def _page(self, request: web.Request) -> web.Response:
        font_size = _bounded(request.query.get("fontsize", "16"), FONT_SIZES, 16)
        body = PAGE.substitute(
            title=html.escape(self.title),
            websocket_url=html.escape(f"ws://{request.headers[hdrs.HOST]}/ws"),
            font_size=font_size,
        )
        return web.Response(text=body, content_type="text/html", charset="utf-8")

    async def _asset(self, request: web.Request) -> web.StreamResponse:
        asset = self._assets.get(request.match_info["name"])
        if asset is None:
            raise web.HTTPNotFound(text="no such file\n")
        return web.FileResponse(asset.path, headers={"Content-Type": asset.content_type, "Cache-Control": ASSET_CACHE})

    async def _tab(self, request: web.Request) -> web.StreamResponse:
        refusal = origin_refusal(request.headers.get(hdrs.ORIGIN), request.headers[hdrs.HOST])
        if refusal is not None:
            return self._refuse(refusal)
        if self.tabs >= self.max_tabs:
            return self._refuse(Refusal(503, f"{self.max_tabs} tabs are open already (briefing serve --max-tabs)"))
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE)
        self._sockets.add(websocket)  # before the first await: the cap holds for tabs opened at once
        try:
            await websocket.prepare(request)  # refuses a request that is no websocket upgrade
        except BaseException:
            self._sockets.discard(websocket)
            raise
        try:
            await self._run_tab(request, websocket)
        finally:
            self._sockets.discard(websocket)
            self._notice(f"a tab closed ({self.tabs} open)")
        return websocket

    async def _run_tab(self, request: web.Request, websocket: web.WebSocketResponse) -> None:
        tab = Tab(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=websocket.close)
        width = _bounded(request.query.get("width", "80"), COLUMNS, 80)
        height = _bounded(request.query.get("height", "24"), ROWS, 24)
        try:
            await tab.start(width, height)
        except OSError as error:
            self._notice(f"a tab could not start {self.command[0]}: {error.strerror or error}")
            await websocket.close(code=1011, message=b"the follower could not start")
            return
        self._notice(f"a tab opened ({self.tabs} of at most {self.max_tabs})")
        try:
            await _relay(websocket, tab)
        finally:
            await tab.stop()
            await websocket.close()

    async def _close_tabs(self, app: web.Application) -> None:
        await asyncio.gather(
            *(websocket.close(code=1001, message=b"briefing serve has stopped") for websocket in list(self._sockets))
        )


async def _relay(websocket: web.WebSocketResponse, tab: Tab) -> None:
    """The browser's messages to the tab's process; anything not in textual.js's vocabulary is ignored."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        match envelope:
            case ["stdin", str(text)]:
                await tab.send_bytes(text.encode("utf-8", "replace"))
            case ["resize", {"width": int(width), "height": int(height)}]:
                await tab.set_terminal_size(_clamp(width, COLUMNS), _clamp(height, ROWS))
            case ["ping", str(stamp)]:
                await websocket.send_json(["pong", stamp[:32]])
            case ["blur"]:
                await tab.blur()
            case ["focus"]:
                await tab.focus()


def _to_page() -> web.Response:
    """A redirect to the page, so the key leaves the address bar (it is spent anyway)."""
    return web.Response(status=303, headers={"Location": "/"})


async def _secure_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)
    response.headers["Content-Security-Policy"] = content_security_policy(request.headers.get(hdrs.HOST))
    response.headers.setdefault("Cache-Control", NO_STORE)


def _bounded(text: str, limits: tuple[int, int], default: int) -> int:
    try:
        return _clamp(int(text), limits)
    except ValueError:
        return default


def _clamp(value: int, limits: tuple[int, int]) -> int:
    low, high = limits
    return max(low, min(high, value))
