"""The browser view's checks one by one: Host names, Origin, the one-time key and the session cookie."""

from __future__ import annotations

import pytest

pytest.importorskip("textual_serve", reason="briefing serve needs the serve extra: pip install -e '.[serve]'")

from briefing.serve.guard import Doorkeeper, host_refusal, origin_refusal


@pytest.mark.parametrize("host", ["localhost", "localhost:8080", "127.0.0.1:1", "[::1]:65535", "LocalHost:8080"])
def test_loopback_names_pass(host):
    assert host_refusal(host) is None


@pytest.mark.parametrize(
    "host",
    [
        None,
        "",
        "evil.example",
        "localhost.evil.example:8080",
        "sub.localhost:8080",
        "127.0.0.1.nip.io",
        "0.0.0.0:8080",
        "[::ffff:127.0.0.1]:8080",
        "localhost:8080 ",
        "localhost:123456",
        "localhost:8080\r\nX: y",
    ],
)
def test_every_other_host_is_refused(host):
    assert host_refusal(host).status == 403


def test_the_origin_must_be_the_page_itself():
    assert origin_refusal("http://localhost:8080", "localhost:8080") is None
    assert origin_refusal("http://LOCALHOST:8080", "localhost:8080") is None
    for origin in (
        None,
        "",
        "null",
        "http://localhost",
        "http://localhost:8081",
        "https://localhost:8080",
        "http://127.0.0.1:8080",
        "http://localhost:8080/",
        "http://evil.example",
    ):
        assert origin_refusal(origin, "localhost:8080") is not None, origin


def test_a_key_opens_once_and_is_replaced():
    door = Doorkeeper()
    key = door.key
    assert not door.enter(key[:-1])
    assert door.key == key  # a wrong guess spends nothing
    assert door.enter(key)
    assert door.key != key
    assert not door.enter(key)


def test_the_cookie_is_a_secret_apart_from_the_key():
    door = Doorkeeper()
    assert door.cookie_value != door.key and len(door.cookie_value) >= 40
    assert door.admits({door.cookie_name: door.cookie_value})
    assert not door.admits({})
    assert not door.admits({door.cookie_name: door.cookie_value[:-1]})
    assert not door.admits({door.cookie_name: "é" * 43})
    assert not door.admits({"briefing-other": door.cookie_value})


def test_two_runs_use_different_cookie_names():
    """Cookies ignore ports: two views forwarded to two ports of one browser must not overwrite each other."""
    assert Doorkeeper().cookie_name != Doorkeeper().cookie_name
