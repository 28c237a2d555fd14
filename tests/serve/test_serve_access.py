"""Who gets into a browser view, over its real Unix socket: the key, the cookie, Host, Origin, the cap."""

from __future__ import annotations

import asyncio
import os
import stat

import aiohttp
import pytest
from serve_support import peer_command, unix_session
from yarl import URL

pytest.importorskip("textual_serve", reason="briefing serve needs the serve extra: pip install -e '.[serve]'")

BASE = "http://localhost:8080"
ORIGIN = "http://localhost:8080"


async def entered(view) -> aiohttp.ClientSession:
    """A client that followed the printed link: it holds the session cookie."""
    session = unix_session(view.socket_path)
    async with session.get(BASE + view.view.link_path()) as response:
        assert response.status == 200, await response.text()
    return session


async def open_tab(session: aiohttp.ClientSession, *, origin: str | None = ORIGIN) -> aiohttp.ClientWebSocketResponse:
    return await session.ws_connect(BASE + "/ws?width=100&height=30", origin=origin)


async def received_text(websocket: aiohttp.ClientWebSocketResponse, until: bytes, timeout: float = 15.0) -> bytes:
    """The drawn bytes a tab sends, up to and including ``until``; every text message goes in ``websocket.texts``."""
    drawn = b""
    websocket.texts = getattr(websocket, "texts", [])
    async with asyncio.timeout(timeout):
        while until not in drawn:
            message = await websocket.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                drawn += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                websocket.texts.append(message.data)
            else:
                raise AssertionError(f"the tab closed ({message.type}) before {until!r}; it drew {drawn!r}")
    return drawn


async def tabs_down_to(view, count: int) -> None:
    """The server counts a tab closed only after its process is stopped: wait for that."""
    async with asyncio.timeout(10):
        while view.view.tabs > count:
            await asyncio.sleep(0.05)


# --- the key and the cookie ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/static/textual.js", "/ws"])
async def test_without_the_link_every_route_is_refused(make_view, path):
    view = await make_view()
    async with unix_session(view.socket_path) as session, session.get(BASE + path) as response:
        assert response.status == 403
        assert "open the newest link" in await response.text()
    assert view.view.tabs == 0


async def test_a_wrong_key_is_refused_and_sets_no_cookie(make_view):
    view = await make_view()
    async with unix_session(view.socket_path) as session:
        wrong = view.view.link_path()[:-4] + "AAAA"
        async with session.get(BASE + wrong, allow_redirects=False) as response:
            assert response.status == 403
            assert "Set-Cookie" not in response.headers
        async with session.get(BASE + "/") as response:
            assert response.status == 403


async def test_the_link_sets_an_httponly_strict_cookie_and_leads_to_the_page(make_view):
    view = await make_view()
    async with unix_session(view.socket_path) as session:
        async with session.get(BASE + view.view.link_path(), allow_redirects=False) as response:
            assert response.status == 303
            assert response.headers["Location"] == "/"
            cookie = response.cookies[view.view.doorkeeper.cookie_name]
            assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
            assert cookie.value not in view.view.link_path()
        async with session.get(BASE + "/") as response:
            assert response.status == 200
            page = await response.text()
    assert 'data-session-websocket-url="ws://localhost:8080/ws"' in page
    assert "alice&#x27;s presentation" in page


async def test_a_link_opens_one_browser_once_and_a_new_link_is_printed(make_view):
    view = await make_view()
    first = view.view.link_path()
    async with await entered(view):
        pass
    second = view.view.link_path()
    assert second != first
    assert any(second in notice for notice in view.notices)
    async with unix_session(view.socket_path) as late:
        async with late.get(BASE + first) as response:
            assert response.status == 403
            assert "used already" in await response.text()
        async with late.get(BASE + second) as response:
            assert response.status == 200


async def test_a_browser_already_in_may_open_a_spent_link_again(make_view):
    view = await make_view()
    link = view.view.link_path()
    async with unix_session(view.socket_path) as session:
        async with session.get(BASE + link) as response:
            assert response.status == 200
        new_key = view.view.link_path()
        async with session.get(BASE + link) as response:  # from the browser's history
            assert response.status == 200
            assert str(response.url) == BASE + "/"
    assert view.view.link_path() == new_key


async def test_a_cookie_of_another_run_is_refused(make_view):
    view = await make_view()
    other = await make_view()
    async with await entered(other) as session:
        cookie = session.cookie_jar.filter_cookies(URL(BASE))[other.view.doorkeeper.cookie_name].value
    async with unix_session(view.socket_path) as session:
        session.cookie_jar.update_cookies(
            {other.view.doorkeeper.cookie_name: cookie, view.view.doorkeeper.cookie_name: cookie}
        )
        async with session.get(BASE + "/") as response:
            assert response.status == 403


async def test_a_flood_of_refused_requests_is_told_once(make_view):
    """Any page open in the browser can send requests to the forwarded port: the terminal must not flood."""
    view = await make_view()
    async with unix_session(view.socket_path) as session:
        for _ in range(20):
            async with session.get(BASE + "/") as response:
                assert response.status == 403
    assert len([notice for notice in view.notices if notice.startswith("refused")]) == 1


async def test_a_plain_request_for_the_websocket_opens_no_tab(make_view):
    view = await make_view()
    async with await entered(view) as session, session.get(BASE + "/ws", headers={"Origin": ORIGIN}) as response:
        assert response.status == 400
    assert view.view.tabs == 0
    assert not [notice for notice in view.notices if "tab" in notice]


# --- Host and Origin ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["localhost:8080", "127.0.0.1:9999", "[::1]:8080", "LOCALHOST", "localhost"])
async def test_loopback_hosts_are_served(make_view, host):
    view = await make_view()
    async with await entered(view) as session, session.get(BASE + "/", headers={"Host": host}) as response:
        assert response.status == 200


@pytest.mark.parametrize(
    "host", ["evil.example:8080", "localhost.evil.example", "127.0.0.2:8080", "localhost:8080@evil", ""]
)
async def test_any_other_host_is_refused_even_with_the_cookie(make_view, host):
    """DNS re-binding: a page whose own name now points at 127.0.0.1 still sends its own name."""
    view = await make_view()
    async with await entered(view) as session, session.get(BASE + "/", headers={"Host": host}) as response:
        assert response.status == 403


@pytest.mark.parametrize(
    "origin",
    [None, "http://evil.example", "http://localhost:8081", "https://localhost:8080", "null", "http://127.0.0.1:8080"],
)
async def test_a_websocket_from_anywhere_but_the_page_is_refused(make_view, origin):
    view = await make_view()
    async with await entered(view) as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await open_tab(session, origin=origin)
        assert refused.value.status == 403
    assert view.view.tabs == 0


async def test_a_websocket_from_the_page_opens_a_tab(make_view):
    view = await make_view()
    async with await entered(view) as session:
        websocket = await open_tab(session)
        assert b"running as uid" in await received_text(websocket, b"\r\n")
        assert view.view.tabs == 1
        await websocket.close()


# --- who is at the other end of the socket ----------------------------------------------------


def test_the_socket_is_in_a_private_directory_of_our_own(runtime):
    from briefing.serve.command import SOCKET_PREFIX
    from briefing.session.share.runtime import PresentationDir, presentation_numbers

    directory = PresentationDir.claim(runtime, None, prefix=SOCKET_PREFIX)
    try:
        directory.listen(4).close()
        folder, socket_file = os.lstat(directory.path), os.lstat(directory.socket_path)
        assert directory.path.name == "serve-1"
        assert stat.S_IMODE(folder.st_mode) == 0o700 and folder.st_uid == os.geteuid()
        assert stat.S_ISSOCK(socket_file.st_mode) and stat.S_IMODE(socket_file.st_mode) == 0o600
        assert presentation_numbers(runtime, os.geteuid(), "me") == []  # followers never take it for a presentation
    finally:
        directory.remove()
    assert not directory.path.exists()


async def test_a_peer_of_another_uid_is_refused(make_view):
    """Defence behind the directory's mode: the kernel's credentials of the connecting process."""
    view = await make_view(uid=os.geteuid() + 1)
    async with unix_session(view.socket_path) as session, session.get(BASE + view.view.link_path()) as response:
        assert response.status == 403
        assert "another user" in await response.text()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root: connects as another user (CI runs the tests as root)")
async def test_another_user_cannot_reach_the_socket(make_view):
    view = await make_view()
    probe = (
        "import socket, sys; s = socket.socket(socket.AF_UNIX); "
        'exec(\'try: s.connect(sys.argv[1]); print("connected")\\nexcept PermissionError: print("refused")\')'
    )
    process = await asyncio.create_subprocess_exec(
        "setpriv",
        "--reuid",
        "65534",
        "--regid",
        "65534",
        "--clear-groups",
        "python3",
        "-c",
        probe,
        view.socket_path,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await process.communicate()
    assert out.decode().strip() == "refused"


# --- tabs -----------------------------------------------------------------------------------------


async def test_tabs_beyond_the_cap_are_refused_until_one_closes(make_view):
    view = await make_view(max_tabs=2)
    async with await entered(view) as session:
        tabs = [await open_tab(session) for _ in range(2)]
        for tab in tabs:
            await received_text(tab, b"\r\n")
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await open_tab(session)
        assert refused.value.status == 503
        assert any("2 tabs are open already" in notice for notice in view.notices)
        await tabs[0].close()
        await tabs_down_to(view, 1)
        third = await open_tab(session)
        await received_text(third, b"\r\n")
        for tab in (tabs[1], third):
            await tab.close()


async def test_each_tab_is_a_process_of_the_user_who_serves(make_view):
    view = await make_view()
    async with await entered(view) as session:
        websocket = await open_tab(session)
        assert f"running as uid {os.geteuid()}".encode() in await received_text(websocket, b"\r\n")
        await websocket.close()


async def test_keys_reach_the_tab_and_garbage_is_ignored(make_view):
    view = await make_view()
    async with await entered(view) as session:
        websocket = await open_tab(session)
        await received_text(websocket, b"\r\n")
        for garbage in (
            "not json",
            "[]",
            '["stdin", 5]',
            '["resize", {"width": "x"}]',
            '{"stdin": "a"}',
            '["rm", "-rf"]',
        ):
            await websocket.send_str(garbage)
        await websocket.send_bytes(b"\x00binary")
        await websocket.send_json(["resize", {"width": 10**9, "height": -5}])
        await websocket.send_json(["stdin", "n"])
        assert b"key:n" in await received_text(websocket, b"key:n")
        await websocket.close()


async def test_a_ping_is_answered(make_view):
    view = await make_view()
    async with await entered(view) as session:
        websocket = await open_tab(session)
        await websocket.send_json(["ping", "1234"])
        async with asyncio.timeout(10):
            while True:
                message = await websocket.receive()
                if message.type == aiohttp.WSMsgType.TEXT:
                    break
        assert message.json() == ["pong", "1234"]
        await websocket.close()


async def test_the_process_cannot_open_urls_or_deliver_files_to_the_browser(make_view):
    """textual.js would window.open() any URL in the page (javascript: too) and fetch /download/{key}."""
    view = await make_view(command=peer_command("--open-url", "--deliver-file"))
    async with await entered(view) as session:
        websocket = await open_tab(session)
        await received_text(websocket, b"\r\n")
        await websocket.send_json(["stdin", "x"])
        await received_text(websocket, b"key:x")
        assert not [text for text in websocket.texts if "open_url" in text or "deliver_file" in text]
        await websocket.close()
        async with session.get(BASE + "/download/k1") as response:
            assert response.status == 404


async def test_a_process_that_ends_without_drawing_closes_its_tab_with_a_word(make_view):
    view = await make_view(command=peer_command("--exit-at-once"))
    async with await entered(view) as session:
        websocket = await open_tab(session)
        drawn = b""
        async with asyncio.timeout(15):
            async for message in websocket:
                drawn += message.data if message.type == aiohttp.WSMsgType.BINARY else b""
        assert b"ended before it could draw" in drawn
        assert websocket.closed
    await tabs_down_to(view, 0)


async def test_a_tab_whose_process_cannot_be_made_closes_and_says_why(make_view, monkeypatch):
    """fork() fails with EAGAIN at the user's process limit: a word in the terminal, no traceback."""
    import errno

    async def no_more_processes(*args, **kwargs):
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(asyncio, "create_subprocess_shell", no_more_processes)
    view = await make_view()
    async with await entered(view) as session:
        websocket = await open_tab(session)
        async with asyncio.timeout(15):
            async for _ in websocket:
                pass
        assert websocket.close_code == 1011
    assert any("could not start" in notice and "temporarily unavailable" in notice for notice in view.notices)
    await tabs_down_to(view, 0)


async def test_stopping_the_view_ends_every_tab(make_view):
    view = await make_view()
    async with await entered(view) as session:
        websocket = await open_tab(session)
        await received_text(websocket, b"\r\n")
        stopping = asyncio.create_task(view.runner.cleanup())
        async with asyncio.timeout(10):
            while not websocket.closed:
                await websocket.receive()
            await stopping
        assert websocket.close_code == 1001
