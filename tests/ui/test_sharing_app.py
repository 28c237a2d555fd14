"""Sharing in the app: a presenter app with a real `ShareServer` in a runtime directory of its
own, and follower apps fed by `ShareClient`s in the same process (the presenter's own user,
following as a follower does: no notes, read-only)."""

from __future__ import annotations

import pytest
from app_support import screen_text, settle
from share_support import public_runtime, remove_runtime
from sharing_support import ME, follower_app, shared, sharing_app, until

SMALL, LARGE = (80, 24), (120, 40)


@pytest.fixture
def runtime():
    made = public_runtime()
    yield made
    remove_runtime(made)


async def test_a_follower_sees_the_presenters_slide_and_follows_each_step(runtime):
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=SMALL) as p:
        await shared(p)
        await p.press("right", "right")
        await settle(p)
        follower = await follower_app(runtime)
        async with follower.run_test(size=LARGE) as f:
            third = presenter.deck.incidents[1]
            await until([p, f], lambda: follower.screen.current_item() is not None, what="the follower's slide")
            assert follower.screen.current_item().id == third.id
            assert third.title in screen_text(follower)
            await p.press("right")
            await until([p, f], lambda: follower.screen.current_item().id == presenter.deck.incidents[2].id, what="the step")
            assert f"following {ME}" in screen_text(follower)
