"""``briefing serve`` in a real headless Chromium: the page draws the deck and moves with it.

The browser reaches the view as a user's would: through a forwarded loopback port (the
test's stand-in for ``ssh -L``) and the one-time link. The text is read from xterm.js's own
buffer — what the terminal in the page holds — through the object textual.js keeps as
``this.terminal`` (a setter on Object.prototype, installed before the page's script runs,
keeps a reference).
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from chromium import Chromium, needs_chromium
from paths import EXAMPLE_DECK
from serve_support import Forwarder, ServeProcess
from tmux_support import TmuxTerminal, needs_tmux

pytest.importorskip("textual_serve", reason="briefing serve needs the serve extra: pip install -e '.[serve]'")

pytestmark = [needs_chromium, pytest.mark.e2e]

KEEP_TERMINAL = """
window.__terminals = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
    if (value && typeof value === 'object' && 'buffer' in value) window.__terminals.push(value);
  },
});
"""
SCREEN = """(() => {
  const terminal = window.__terminals[0];
  if (!terminal) return '';
  const buffer = terminal.buffer.active, lines = [];
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : '');
  }
  return lines.join('\\n');
})()"""
ALLOWED_VIOLATIONS = {"style-src-elem inline"}
"""textual.js's bundle injects two <style> elements (its copy of what xterm.css and briefing.css
already give the page); the policy blocks them, and nothing else may be blocked."""


def screen_shows(text: str) -> str:
    return f"{SCREEN}.includes({text!r})"


@pytest.fixture
def base():
    folder = Path(tempfile.mkdtemp(prefix="briefing-serve-browser-", dir="/tmp"))
    os.chmod(folder, 0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def browser(tmp_path):
    with Chromium(tmp_path / "profile") as chromium:
        yield chromium


def open_view(browser, serving: ServeProcess, forwarder: Forwarder):
    page = browser.page()
    page.before_each_document(KEEP_TERMINAL)
    page.navigate(f"http://localhost:{forwarder.port}{serving.link_path()}")
    return page


def wait_for_text(page, text: str, serving: ServeProcess, timeout: float = 60.0) -> str:
    page.wait_until(
        screen_shows(text),
        timeout=timeout,
        describe=lambda: f"The page shows:\n{page.evaluate(SCREEN)}\nbriefing serve printed:\n{serving.output}",
    )
    return page.evaluate(SCREEN)


def test_the_browser_shows_the_deck_and_steps_with_its_keys(browser, base, tmp_path, example_deck):
    command = [sys.executable, "-m", "briefing", str(EXAMPLE_DECK), "--no-watch"]
    with ServeProcess.serving(command, base) as serving, Forwarder(serving.socket_path) as forwarder:
        page = open_view(browser, serving, forwarder)
        first = wait_for_text(page, "Brief 1/", serving)
        assert example_deck.title in first
        assert page.evaluate("location.href") == f"http://localhost:{forwarder.port}/"  # the key left the address bar
        page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")  # as a click into the page would
        page.press("ArrowRight", "ArrowRight", 39)
        second = wait_for_text(page, "Brief 2/", serving)
        assert example_deck.incidents[0].title in second
        page.screenshot(tmp_path / "browser-view.png")
        assert set(page.evaluate("window.__violations")) <= ALLOWED_VIOLATIONS
        assert "a tab opened (1 of at most 2)" in serving.output


NOTE = "Stress the criticism"
"""From the speaker notes of the example deck's second incident (slide 3): the presenter's alone."""


@needs_tmux
def test_the_browser_follows_the_presenter_and_never_shows_notes(browser, base, tmp_path, example_deck):
    """The real commands: ``briefing DECK --share GROUP --notes`` in tmux, ``briefing serve`` with no
    presenter named (the one presentation shared with us), a tab of it in Chromium; the
    presenter steps twice, then quits."""
    group = grp.getgrgid(os.getegid()).gr_name
    env = {"BRIEFING_RUNTIME_DIR": str(base)}
    present = [sys.executable, "-m", "briefing", str(EXAMPLE_DECK), "--no-watch", "--share", group, "--notes"]
    with TmuxTerminal(present, size=(120, 40), env=env) as presenter:
        presenter.wait_for("Brief 1/", timeout=30)
        serve = [sys.executable, "-m", "briefing", "serve", "--max-tabs", "2"]
        with ServeProcess(serve, env=env) as serving, Forwarder(serving.socket_path) as forwarder:
            me = pwd.getpwuid(os.geteuid()).pw_name
            assert f"{me}/1's presentation" in serving.output
            page = open_view(browser, serving, forwarder)
            assert example_deck.title in wait_for_text(page, "Brief 1/", serving)
            presenter.send("Right")
            presenter.wait_for("Brief 2/")
            assert example_deck.incidents[0].title in wait_for_text(page, "Brief 2/", serving)
            presenter.send("Right")
            assert NOTE in presenter.wait_for("Brief 3/")
            followed = wait_for_text(page, "Brief 3/", serving)
            page.screenshot(tmp_path / "browser-follows.png")
            assert example_deck.incidents[1].title in followed and f"following {me}" in followed
            assert NOTE not in followed
            presenter.send("q")
            page.wait_until("document.body.classList.contains('-closed')", timeout=30)  # "The follower has ended"
            serving.wait_for(r"a tab closed \(0 open\)")
