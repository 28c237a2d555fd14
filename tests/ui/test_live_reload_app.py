"""Live reload in the app: real deck files in a temporary folder, the real follower, pilot keys.

Every test waits on the app's state with a deadline (never a long sleep): a save is seen by
kernel notification (or stat polling) and loaded in a thread, so it lands a few tens of
milliseconds later.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from app_support import EXAMPLE_DECK, screen_text

from briefing.deck import LoadCache, load_deck
from briefing.ui.app import BriefingApp
from briefing.ui.screens.brief import BriefScreen
from briefing.ui.screens.countries import CountriesScreen
from briefing.ui.widgets.brief.slide import Slide
from briefing.ui.widgets.error_bar import ErrorBar
from briefing.session import FollowNotice

TIMEOUT = 10.0


@pytest.fixture
def deck_path(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    return folder / "deck.yaml"


def following_app(path: Path, **options) -> BriefingApp:
    """The app as `briefing deck.yaml` builds it: one LoadCache shared with the follower."""
    cache = LoadCache()
    result = load_deck(path, cache=cache)
    assert result.ok
    options.setdefault("watch", True)
    return BriefingApp(path, result, load_cache=cache, show_clock=False, **options)


async def wait_until(pilot, condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {what}\nscreen:\n{screen_text(pilot.app)}")
        await pilot.pause(0.02)


async def follower_ready(pilot) -> None:
    """The follower has read the files it compares saves against (its first look is done).

    A save made before that would be taken for the starting content; a real presenter saves
    long after startup, a test saves at once, so it waits for this first.
    """
    app = pilot.app
    await wait_until(
        pilot,
        lambda: app.session.follower is not None and app.session.follower.ready,
        "the follower to start",
    )


def edit(path: Path, old: str, new: str, *, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} appears {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def delete_incident(deck_path: Path, incident_id: str, next_marker: str) -> None:
    """Delete an incident: first the quotes' references to it (so each save is valid), then it."""
    quotes = deck_path.parent / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    quotes.write_text(text.replace(f"about: [{incident_id}]", "about: [deliberate-test]").replace(f"{incident_id}, ", ""), encoding="utf-8")
    text = deck_path.read_text(encoding="utf-8")
    start, end = text.index(f"  - id: {incident_id}\n"), text.index(next_marker)
    deck_path.write_text(text[:start] + text[end:], encoding="utf-8")


def brief(app: BriefingApp) -> BriefScreen:
    screen = app.screen
    assert isinstance(screen, BriefScreen)
    return screen


def current_id(app: BriefingApp) -> str | None:
    item = brief(app).current_item()
    return getattr(item, "id", None)


def notices(app: BriefingApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def error_bar(app: BriefingApp) -> ErrorBar:
    return app.screen.query_one(ErrorBar)


ROMANIA_TITLE = "Russian drone tracked over Romania for 50 minutes"
ROMANIA_PLACES = "    where: Romanian airspace\n    countries: [RO]\n"


def romania_countries_line(deck_path: Path) -> int:
    """The line of the Romania incident's `countries:`, where an unknown code there is reported."""
    text = deck_path.read_text(encoding="utf-8")
    return text[: text.index(ROMANIA_PLACES)].count("\n") + 2


async def test_save_shows_the_new_text_on_the_same_slide(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right")
        assert current_id(app) == "romania-drone"
        edit(deck_path, ROMANIA_TITLE, "Romania drone, edited live")
        await wait_until(pilot, lambda: "Romania drone, edited live" in screen_text(app), "the new title")
        assert current_id(app) == "romania-drone"
        assert "Brief 3/5" in screen_text(app)


async def test_reload_keeps_current_incident_by_id_when_one_is_inserted_before_it(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right")
        new_incident = "  - id: inserted-first\n    title: A new first incident\n\n  - id: poland-drones\n"
        edit(deck_path, "  - id: poland-drones\n", new_incident)
        await wait_until(pilot, lambda: len(app.deck.incidents) == 5, "the inserted incident")
        await wait_until(pilot, lambda: "Brief 4/6" in screen_text(app), "the slide number to follow the incident")
        assert current_id(app) == "romania-drone"
        await wait_until(pilot, lambda: ROMANIA_TITLE in screen_text(app), "the same slide")


async def test_reload_keeps_current_incident_when_incidents_are_reordered(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right")
        text = deck_path.read_text(encoding="utf-8")
        start, end = text.index("  - id: denmark-drones\n"), text.index("events:\n")
        denmark = text[start:end]
        text = text[:start] + text[end:]
        text = text.replace("  - id: poland-drones\n", denmark + "  - id: poland-drones\n")
        deck_path.write_text(text, encoding="utf-8")
        await wait_until(pilot, lambda: app.deck.incidents[0].id == "denmark-drones", "the reordered deck")
        await wait_until(pilot, lambda: "Brief 4/5" in screen_text(app), "the slide number to follow the incident")
        assert current_id(app) == "romania-drone"


async def test_reload_moves_to_the_next_incident_when_the_current_one_is_deleted(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right")
        delete_incident(deck_path, "romania-drone", "  - id: estonia-mig31\n")
        await wait_until(pilot, lambda: app.deck.get("romania-drone") is None, "the deletion")
        await wait_until(pilot, lambda: current_id(app) == "estonia-mig31", "its neighbour")
        assert "Brief 3/4" in screen_text(app)
        await wait_until(pilot, lambda: "Three MiG-31 jets enter Estonian airspace" in screen_text(app), "the neighbour's slide")


async def test_reload_returns_to_the_incident_a_transient_save_took_away(deck_path):
    """A save seen half-written (the last incidents cut off), then whole: the presenter
    ends on the slide they were on, not on the neighbour the short deck left them on."""
    whole = deck_path.read_text(encoding="utf-8")
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("G")
        assert current_id(app) == "denmark-drones"
        delete_incident(deck_path, "denmark-drones", "events:\n")
        await wait_until(pilot, lambda: current_id(app) == "estonia-mig31", "the short deck's last incident")
        deck_path.write_text(whole, encoding="utf-8")
        await wait_until(pilot, lambda: app.deck.get("denmark-drones") is not None, "the whole deck")
        await wait_until(pilot, lambda: current_id(app) == "denmark-drones", "the slide the presenter was on")
        assert "Brief 5/5" in screen_text(app)


async def test_reload_stays_where_the_presenter_moved_after_an_incident_was_taken_away(deck_path):
    whole = deck_path.read_text(encoding="utf-8")
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("G")
        delete_incident(deck_path, "denmark-drones", "events:\n")
        await wait_until(pilot, lambda: current_id(app) == "estonia-mig31", "the short deck's last incident")
        await pilot.press("left")
        moved_to = current_id(app)
        deck_path.write_text(whole, encoding="utf-8")
        await wait_until(pilot, lambda: app.deck.get("denmark-drones") is not None, "the whole deck")
        await pilot.pause()
        assert current_id(app) == moved_to


async def test_reload_moves_to_the_previous_incident_when_the_last_one_is_deleted(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("G")
        assert current_id(app) == "denmark-drones"
        delete_incident(deck_path, "denmark-drones", "events:\n")
        await wait_until(pilot, lambda: current_id(app) == "estonia-mig31", "the previous incident")
        assert "Brief 4/4" in screen_text(app)


async def test_scroll_position_is_kept_when_the_current_slide_did_not_change(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right", "right")
        scroll = app.screen.query_one("#slide")
        assert scroll.max_scroll_y > 5, "the Estonia slide should be taller than the screen"
        scroll.scroll_to(y=5, animate=False)
        await pilot.pause()
        slide = app.screen.query_one(Slide)
        edit(deck_path, "title: Drones disrupt air traffic in Denmark", "title: Drones disrupt Danish air traffic")
        await wait_until(pilot, lambda: app.deck.get("denmark-drones").title == "Drones disrupt Danish air traffic", "the edit")
        await pilot.pause()
        assert scroll.scroll_y == 5
        assert app.screen.query_one(Slide) is slide


async def test_scroll_position_is_kept_when_the_current_slide_is_edited(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right", "right")
        scroll = app.screen.query_one("#slide")
        scroll.scroll_to(y=5, animate=False)
        await pilot.pause()
        edit(deck_path, "see the\n      claims of each side.\n    notes:", "see the\n      claims, edited.\n    notes:")
        await wait_until(pilot, lambda: "claims, edited." in screen_text(app) or scroll.scroll_y != 5, "the edit")
        await wait_until(pilot, lambda: "claims, edited." in screen_text(app), "the edited summary")
        assert scroll.scroll_y == 5
        assert current_id(app) == "estonia-mig31"


async def test_an_edited_slide_keeps_its_widget_and_shows_the_new_text(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right", "right")
        slide = app.screen.query_one(Slide)
        edit(deck_path, "title: Three MiG-31 jets enter Estonian airspace", "title: Three MiG-31 jets, edited in place")
        await wait_until(pilot, lambda: "Three MiG-31 jets, edited in place" in screen_text(app), "the new title")
        assert app.screen.query_one(Slide) is slide, "a reload is drawn in the same widget, never a remount"


async def test_an_edit_that_adds_a_claim_keeps_the_scroll(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right", "right")
        scroll = app.screen.query_one("#slide")
        scroll.scroll_to(y=5, animate=False)
        await pilot.pause()
        new_claim = "    claims:\n      - by: EE\n        text: Estonia adds a claim.\n      - by: moscow-envoys"
        edit(deck_path, "    claims:\n      - by: moscow-envoys", new_claim)
        await wait_until(pilot, lambda: any("Estonia adds a claim." in claim.text for claim in app.deck.get("estonia-mig31").claims), "the new claim")
        await pilot.pause()
        assert scroll.scroll_y == 5
        assert current_id(app) == "estonia-mig31"
        scroll.scroll_home(animate=False)
        await pilot.pause()
        scroll.scroll_to(y=10, animate=False)
        await pilot.pause()
        assert "Estonia adds a claim." in screen_text(app)


async def test_each_screen_redraws_once_per_reload(deck_path, monkeypatch):
    redraws = []
    original = BriefScreen.show_deck
    monkeypatch.setattr(BriefScreen, "show_deck", lambda self, deck: (redraws.append(deck), original(self, deck)))
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        edit(deck_path, ROMANIA_TITLE, "Romania, once")
        await wait_until(pilot, lambda: "incident romania-drone edited" in notices(app), "the notice")
        await pilot.pause(0.1)
        assert len(redraws) == 1


async def test_a_new_slide_starts_at_the_top_when_the_current_one_is_deleted(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right", "right")
        scroll = app.screen.query_one("#slide")
        scroll.scroll_to(y=5, animate=False)
        await pilot.pause()
        delete_incident(deck_path, "estonia-mig31", "  - id: denmark-drones\n")
        await wait_until(pilot, lambda: current_id(app) == "denmark-drones", "the neighbour")
        await pilot.pause()
        assert scroll.scroll_y == 0


async def test_invalid_save_keeps_the_deck_and_shows_errors_until_the_next_good_save(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        await pilot.press("right", "right")
        good_deck = app.deck
        line = romania_countries_line(deck_path)
        edit(deck_path, ROMANIA_PLACES, ROMANIA_PLACES.replace("[RO]", "[XX]"))
        await wait_until(pilot, lambda: error_bar(app).display, "the error bar")
        await pilot.pause()
        text = screen_text(app)
        assert "Deck not reloaded" in text
        assert f"deck.yaml:{line}:" in str(error_bar(app).render()) and "XX" in text
        assert app.deck is good_deck
        assert current_id(app) == "romania-drone" and ROMANIA_TITLE in text

        edit(deck_path, ROMANIA_PLACES.replace("[RO]", "[XX]"), ROMANIA_PLACES)
        edit(deck_path, ROMANIA_TITLE, "Romania, fixed")
        await wait_until(pilot, lambda: not error_bar(app).display, "the error bar to clear")
        await wait_until(pilot, lambda: "Romania, fixed" in screen_text(app), "the fixed deck")
        assert app.deck_errors == ()
        assert "Brief 3/5" in screen_text(app)


async def test_half_written_save_never_shows_an_error(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        errors_seen = []
        app.errors_changed.subscribe(app, lambda errors: errors_seen.append(errors) if errors else None)
        text = deck_path.read_text(encoding="utf-8").replace(ROMANIA_TITLE, "Romania after truncation")
        os.truncate(deck_path, 0)
        await pilot.pause(0.05)
        deck_path.write_text(text, encoding="utf-8")
        await wait_until(pilot, lambda: app.deck.get("romania-drone").title == "Romania after truncation", "the final content")
        await pilot.pause(0.4)
        assert errors_seen == []


def loadable_cuts(deck_path: Path, data: bytes, tries: int = 80, seed: int = 5) -> list[int]:
    """Places to cut the deck file where the first part alone loads, with fewer incidents."""
    scratch = deck_path.parent.parent / "scratch"
    shutil.copytree(deck_path.parent, scratch)
    rng = random.Random(seed)
    cuts = []
    for cut in sorted(rng.sample(range(1, data.index(b"\nincidents:")), tries)):
        (scratch / "deck.yaml").write_bytes(data[:cut])
        result = load_deck(scratch / "deck.yaml")
        if result.ok and len(result.deck.incidents) < 4:
            cuts.append(cut)
    shutil.rmtree(scratch)
    return cuts


async def test_a_save_written_in_two_parts_never_shows_the_first_part_and_keeps_the_last_slide(deck_path):
    """Issue 13: a presenter on the last slide must not drop to a truncated deck and stay there."""
    app = following_app(deck_path)
    shown_incidents: list[int] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.deck_changed.subscribe(app, lambda deck: shown_incidents.append(len(deck.incidents)))
        await follower_ready(pilot)
        await pilot.press("G")
        assert current_id(app) == "denmark-drones"
        original = deck_path.read_text(encoding="utf-8")
        saves = 0
        for cut in loadable_cuts(deck_path, original.encode())[:10]:
            saves += 1
            title = f"Drones over Denmark, save {saves}"
            data = original.replace("title: Drones disrupt air traffic in Denmark", f"title: {title}").encode()
            with open(deck_path, "wb") as handle:  # noqa: ASYNC230 - the test is the editor
                handle.write(data[:cut])
                handle.flush()
                await asyncio.sleep(0.03)
                handle.write(data[cut:])
            await wait_until(pilot, lambda: getattr(app.deck.get("denmark-drones"), "title", None) == title, f"save {saves}")
        assert saves >= 5, "too few cuts where the first part loads"
        await pilot.pause(0.3)
        assert shown_incidents and min(shown_incidents) == 4, f"incidents shown: {shown_incidents}"
        assert current_id(app) == "denmark-drones"
        await wait_until(pilot, lambda: "Brief 5/5" in screen_text(app), "the last slide, once the notice is gone")
        assert not [message for message in notices(app) if "removed" in message]


async def test_e_on_an_error_opens_its_place_and_the_save_there_clears_it(deck_path, monkeypatch):
    app = following_app(deck_path)
    calls = []

    def fake_editor(command, check):
        calls.append(command)
        edit(deck_path, ROMANIA_PLACES.replace("[RO]", "[XX]"), ROMANIA_PLACES)

    class NoSuspend:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr("briefing.ui.app.subprocess.run", fake_editor)
    monkeypatch.setattr("briefing.ui.app.editor_command", lambda place: ["ed", f"+{place.line}", place.path])
    monkeypatch.setattr(app, "suspend", lambda: NoSuspend())
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        line = romania_countries_line(deck_path)
        edit(deck_path, ROMANIA_PLACES, ROMANIA_PLACES.replace("[RO]", "[XX]"))
        await wait_until(pilot, lambda: error_bar(app).display, "the error bar")
        first = app.deck_errors[0].place
        await pilot.press("e")
        assert calls == [["ed", f"+{first.line}", first.path]]
        assert first.line == line
        await wait_until(pilot, lambda: not error_bar(app).display, "the error bar to clear after the editor")


async def test_notice_says_what_changed(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        quotes = deck_path.parent / "quotes.yaml"
        new_quotes = "".join(
            f"\n  - id: added-{n}\n    by: tusk\n    text: Added quote {n} [b]not markup[/b]\n    source: bloomberg-shoot-down\n"
            for n in (1, 2)
        )
        quotes.write_text(quotes.read_text(encoding="utf-8") + new_quotes, encoding="utf-8")
        edit(deck_path, "title: Three MiG-31 jets enter Estonian airspace", "title: Three MiG-31 jets in Estonian airspace")
        expected = "incident estonia-mig31 edited; 2 quotes added"
        await wait_until(pilot, lambda: expected in notices(app), "the notice")
        notification = next(n for n in app._notifications if n.message == expected)
        assert notification.markup is False
        assert notification.title == "Deck reloaded · J: jump to it"


async def test_saves_in_quick_succession_share_one_notice(deck_path, monkeypatch):
    monkeypatch.setattr("briefing.session.deck_session.NOTICE_SECONDS", 1.0)
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        edit(deck_path, ROMANIA_TITLE, "Romania, first save")
        await wait_until(pilot, lambda: "incident romania-drone edited" in notices(app), "the first notice")
        edit(deck_path, "title: Three MiG-31 jets enter Estonian airspace", "title: Estonia, second save")
        await wait_until(pilot, lambda: app.deck.get("estonia-mig31").title == "Estonia, second save", "the second save")
        edit(deck_path, "title: Drones disrupt air traffic in Denmark", "title: Denmark, third save")
        await wait_until(pilot, lambda: "2 incidents edited" in notices(app), "one notice for both saves")
        assert not any(message in notices(app) for message in ("incident estonia-mig31 edited", "incident denmark-drones edited"))
        await pilot.press("J")
        await wait_until(pilot, lambda: current_id(app) == "estonia-mig31", "the jump to the first of them")


async def test_jump_key_opens_the_first_changed_incident(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        edit(deck_path, "title: Drones disrupt air traffic in Denmark", "title: Drones over Copenhagen")
        await wait_until(pilot, lambda: "incident denmark-drones edited" in notices(app), "the notice")
        assert current_id(app) is None
        await pilot.press("J")
        await wait_until(pilot, lambda: current_id(app) == "denmark-drones", "the jump")
        assert "Drones over Copenhagen" in screen_text(app)


async def test_jump_key_opens_a_changed_country_on_the_countries_screen(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        edit(deck_path, "name: Estonia\n", "name: Eesti\n")
        await wait_until(pilot, lambda: "country EE edited" in notices(app), "the notice")
        await pilot.press("J")
        await wait_until(pilot, lambda: isinstance(app.screen, CountriesScreen), "the countries screen")
        assert getattr(app.screen.current_item(), "code", None) == "EE"


async def test_jump_key_without_a_change_says_so(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("J")
        await pilot.pause()
        assert "No changed item to jump to." in notices(app)
        assert current_id(app) is None


async def test_r_reloads_through_the_follower_and_says_nothing_changed(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        before = app.deck
        await pilot.press("r")
        await wait_until(pilot, lambda: "no changes" in notices(app), "the notice")
        assert app.deck is not before
        assert app.session.following


async def test_no_watch_ignores_saves_until_r(deck_path):
    app = following_app(deck_path, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.session.following
        await pilot.press("right", "right")
        edit(deck_path, ROMANIA_TITLE, "Romania, loaded by hand")
        await pilot.pause(0.3)
        assert ROMANIA_TITLE in screen_text(app)
        await pilot.press("r")
        await wait_until(pilot, lambda: "Romania, loaded by hand" in screen_text(app), "the reload by hand")
        await wait_until(pilot, lambda: "incident romania-drone edited" in notices(app), "the notice")
        assert current_id(app) == "romania-drone"


async def test_poll_finds_saves_by_stat_polling(deck_path):
    app = following_app(deck_path, poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        assert app.session.follower.polling
        await pilot.press("right", "right")
        edit(deck_path, ROMANIA_TITLE, "Romania, polled")
        await wait_until(pilot, lambda: "Romania, polled" in screen_text(app), "the polled save")


async def test_a_save_to_an_included_file_reloads(deck_path):
    app = following_app(deck_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await follower_ready(pilot)
        quotes = deck_path.parent / "quotes.yaml"
        edit(quotes, "text: escalation trap\n", "text: an escalation trap\n")
        await wait_until(pilot, lambda: app.deck.get("pistorius-escalation-trap").text == "an escalation trap", "the quote")
        await wait_until(pilot, lambda: "quote pistorius-escalation-trap edited" in notices(app), "the notice")


async def test_a_deck_chosen_in_the_picker_is_followed(tmp_path):
    shutil.copytree(EXAMPLE_DECK.parent, tmp_path / "airspace")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "deck.yaml").write_text("title: Another deck\n", encoding="utf-8")
    app = BriefingApp(folder=tmp_path, watch=True, show_clock=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "Another deck" in screen_text(app), "the picker's list")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.deck is not None and isinstance(app.screen, BriefScreen), "the chosen deck")
        await follower_ready(pilot)
        deck_path = tmp_path / "airspace" / "deck.yaml"
        edit(deck_path, "title: Airspace incursions on NATO's eastern flank", "title: Airspace, followed from the picker")
        await wait_until(pilot, lambda: "Airspace, followed from the picker" in screen_text(app), "the reloaded title slide")


async def test_watch_notice_is_one_plain_line(deck_path):
    app = following_app(deck_path, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(BriefingApp.FromSession(FollowNotice("checking every 0.1 s [b]x[/b]")))
        await wait_until(pilot, lambda: "checking every 0.1 s [b]x[/b]" in notices(app), "the notice")
        notification = next(n for n in app._notifications if n.message.startswith("checking"))
        assert notification.markup is False


def test_present_passes_watch_poll_and_the_load_cache_to_the_app(monkeypatch, deck_path):
    from briefing import commands

    built = []
    monkeypatch.setattr(commands, "wants_plain_text", lambda: False)
    monkeypatch.setattr(BriefingApp, "run", lambda self: built.append(self) or 0)
    for flags, watch, poll in (([], True, False), (["--poll"], True, True), (["--no-watch"], False, False)):
        args = argparse.Namespace(deck=str(deck_path), theme=None, no_watch="--no-watch" in flags, poll="--poll" in flags, screen=None, notes=False)
        assert commands.present(args) == 0
        app = built.pop()
        assert (app.session.watch, app.session.poll) == (watch, poll)
        assert app.session.cache.entries, "the first load fills the cache the follower reuses"
