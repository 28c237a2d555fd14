"""Who may use a browser view: the checks every request to ``briefing serve`` passes.

The socket itself is the first gate (docs/sharing.md, "Browser view"): it sits in a 0700
directory of the user who ran ``briefing serve``, so the kernel lets no other user of the
server reach it. These checks stand behind it, each against a different way in:

- **peer credentials**: the process at the other end of the socket (``ssh``'s forwarding,
  in practice) must run as our own uid — a wrong directory mode can never open the view;
- **Host**: a loopback name (``localhost``, ``127.0.0.1``, ``[::1]``, any port): a web page
  that re-binds its own DNS name to 127.0.0.1 sends its own name and is refused;
- **the key and the cookie**: the forwarded port on the user's own computer is open to every
  process there, so a browser gets in only with the one-time link ``briefing serve`` printed;
  that link sets a cookie with a separate secret for this run and is then spent;
- **Origin** on the websocket: exactly the page's own origin, so no other site the browser
  has open can drive a tab (browsers send cookies with cross-site websockets).

Secrets are compared in constant time (``hmac.compare_digest``) and never logged.
"""

from __future__ import annotations

import hmac
import re
import secrets
import socket
from collections.abc import Mapping
from dataclasses import dataclass

from ..session.share.access import peer_credentials

LOOPBACK_HOST = re.compile(r"(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?", re.IGNORECASE)
KEY_PARAMETER = "key"
SECRET_BYTES = 32


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request is turned away: the HTTP status and a sentence for the person at the browser."""

    status: int
    reason: str


def host_refusal(host: str | None) -> Refusal | None:
    """A request for any name but a loopback one is refused (DNS re-binding)."""
    if host is not None and LOOPBACK_HOST.fullmatch(host):
        return None
    return Refusal(403, "this view answers only to http://localhost:PORT/ (the port your ssh -L forwards)")


def origin_refusal(origin: str | None, host: str) -> Refusal | None:
    """A websocket must come from the page itself: ``Origin`` is exactly ``http://`` + the Host."""
    if origin is not None and hmac.compare_digest(origin.lower().encode(), f"http://{host}".lower().encode()):
        return None
    return Refusal(403, "the connection did not come from this view's own page")


def peer_refusal(sock: socket.socket | None, uid: int) -> Refusal | None:
    """The kernel's word on who connected: only our own uid (ssh's forwarding runs as us)."""
    if sock is None or sock.family != socket.AF_UNIX:
        return Refusal(403, "not a local connection")
    if peer_credentials(sock).uid != uid:
        return Refusal(403, "this browser view belongs to another user")
    return None


class Doorkeeper:
    """The one-time entry key and the session cookie of one ``briefing serve`` run.

    The key is printed in the terminal as a link; following it once sets the cookie (a
    different secret, ``HttpOnly``, ``SameSite=Strict``) and spends the key, so the link left
    in the browser's history opens nothing. Each spent key is replaced by a new one, printed
    again, for the next browser.
    """

    def __init__(self) -> None:
        self.cookie_name = f"briefing-{secrets.token_hex(4)}"
        """Per run: cookies ignore ports, so two views forwarded to two ports must not share one."""
        self._session = secrets.token_urlsafe(SECRET_BYTES)
        self._key = secrets.token_urlsafe(SECRET_BYTES)

    @property
    def key(self) -> str:
        """The key of the link to print now."""
        return self._key

    def enter(self, offered: str) -> bool:
        """Whether ``offered`` is the current key; if it is, the key is spent and replaced."""
        if not _same(offered, self._key):
            return False
        self._key = secrets.token_urlsafe(SECRET_BYTES)
        return True

    @property
    def cookie_value(self) -> str:
        return self._session

    def admits(self, cookies: Mapping[str, str]) -> bool:
        """Whether the request carries this run's session cookie."""
        return _same(cookies.get(self.cookie_name, ""), self._session)


def _same(offered: str, secret: str) -> bool:
    return hmac.compare_digest(offered.encode("utf-8", "replace"), secret.encode())
