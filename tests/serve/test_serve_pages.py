"""What a browser view serves: one page, five files by name, and headers that keep the page to itself."""

from __future__ import annotations

import re

import pytest
from serve_support import unix_session

pytest.importorskip("textual_serve", reason="briefing serve needs the serve extra: pip install -e '.[serve]'")

BASE = "http://localhost:8080"


async def responses(view) -> dict[str, tuple[int, dict, bytes]]:
    """Status, headers and body of each kind of response, by a name."""
    found = {}
    async with unix_session(view.socket_path) as session:
        for name, path in [("refused", "/"), ("link", view.view.link_path())]:
            async with session.get(BASE + path, allow_redirects=False) as response:
                found[name] = (response.status, dict(response.headers), await response.read())
        for name, path in [("page", "/"), ("script", "/static/textual.js"), ("missing", "/static/nothing.js")]:
            async with session.get(BASE + path) as response:
                found[name] = (response.status, dict(response.headers), await response.read())
    return found


async def test_every_response_keeps_the_page_to_itself(make_view):
    found = await responses(await make_view())
    assert [found[name][0] for name in ("refused", "link", "page", "script", "missing")] == [403, 303, 200, 200, 404]
    for name, (_, headers, _) in found.items():
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self';" in policy, name
        assert "frame-ancestors 'none'" in policy and "connect-src 'self' ws://localhost:8080;" in policy, name
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, name
        assert headers["X-Frame-Options"] == "DENY", name
        assert headers["Referrer-Policy"] == "no-referrer", name
        assert headers["X-Content-Type-Options"] == "nosniff", name


async def test_nothing_that_carries_or_leads_to_a_secret_is_cached(make_view):
    found = await responses(await make_view())
    for name in ("refused", "link", "page", "missing"):
        assert found[name][1]["Cache-Control"] == "no-store", name
    assert found["script"][1]["Cache-Control"] == "private, max-age=3600"


async def test_the_page_loads_only_its_own_files(make_view):
    page = (await responses(await make_view()))["page"][2].decode()
    assert "<script>" not in page and not re.search(r"\son\w+=", page)  # no inline script, no handler attribute
    assert "style=" not in page and "<style" not in page
    assert set(re.findall(r'(?:href|src)="([^"]+)"', page)) == {
        "/static/xterm.css",
        "/static/briefing.css",
        "/static/textual.js",
    }
    assert "googleapis" not in page


async def test_the_title_is_text_not_markup(make_view):
    view = await make_view()
    view.view.title = '<script>alert(1)</script>"'
    async with unix_session(view.socket_path) as session:
        await session.get(BASE + view.view.link_path())
        async with session.get(BASE + "/") as response:
            page = await response.text()
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;</title>" in page


@pytest.mark.parametrize(
    "path",
    [
        "/static/",
        "/static",
        "/static/js/textual.js",
        "/static/..%2fserver.py",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/../app_service.py",
        "/static/images/background.png",
        "/download/anything",
        "/templates/app_index.html",
        "/etc/passwd",
    ],
)
async def test_no_path_leads_to_any_other_file(make_view, path):
    view = await make_view()
    async with unix_session(view.socket_path) as session:
        await session.get(BASE + view.view.link_path())
        async with session.get(BASE + path) as response:
            assert response.status == 404, (path, await response.text())


@pytest.mark.parametrize(
    "name,content_type",
    [
        ("textual.js", "text/javascript"),
        ("xterm.css", "text/css"),
        ("briefing.css", "text/css"),
        ("RobotoMono.ttf", "font/ttf"),
    ],
)
async def test_each_file_of_the_page_is_served_with_its_type(make_view, name, content_type):
    view = await make_view()
    async with unix_session(view.socket_path) as session:
        await session.get(BASE + view.view.link_path())
        async with session.get(BASE + "/static/" + name) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == content_type
            assert len(await response.read()) > 100


async def test_only_get_is_answered(make_view):
    view = await make_view()
    async with unix_session(view.socket_path) as session:
        await session.get(BASE + view.view.link_path())
        for method in ("POST", "PUT", "DELETE", "HEAD"):
            async with session.request(method, BASE + "/") as response:
                assert response.status == 405, method
