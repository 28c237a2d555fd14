"""Places in the app: a screen goes where the session is told, and a place read from one
terminal shows the same thing in another app at another size.

The ids come from the example deck itself (its third incident, its last question...), so
the tests say what they mean without depending on the deck's wording.
"""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from app_support import EXAMPLE_DECK, example_app, screen_text, settle

from briefing.deck import load_deck
from briefing.session import CountriesView, DeckSession, Place, PositionsView, QuotesView, SourcesView, TimelineView
from briefing.ui.app import BriefingApp

SMALL, LARGE = (80, 24), (120, 40)


def shown(app: BriefingApp) -> Place:
    """The place the app's screen reports now, read from the screen itself."""
    screen = app.screen
    return app.session.place.showing(screen.SCREEN_NAME, screen.place_view())


async def move(pilot, place: Place) -> None:
    pilot.app.session.move_to(place)
    await settle(pilot)


# -- driving every screen by handing the session a place -----------------------------------------


async def test_a_place_takes_the_brief_to_its_slide_by_incident_id():
    app = example_app()
    async with app.run_test(size=SMALL) as pilot:
        incident = app.deck.incidents[2]
        await move(pilot, Place(screen="brief", slide=3, slide_id=incident.id))
        assert app.screen.current_item() is incident
        assert f"Brief 4/{len(app.deck.incidents) + 1}" in screen_text(app)
        assert incident.title in screen_text(app)


async def test_a_place_naming_an_incident_that_is_gone_keeps_its_slide_number():
    app = example_app()
    async with app.run_test(size=SMALL) as pilot:
        await move(pilot, Place(slide=2, slide_id="deleted-since"))
        assert app.screen.current_item() is app.deck.incidents[1]


async def test_a_place_takes_the_app_to_the_timeline_with_its_filter_zoom_and_selection():
    app = example_app()
    async with app.run_test(size=LARGE) as pilot:
        event = app.deck.events[-1]
        code = event.countries[0].code
        view = TimelineView(zoom=2, left=None, selected=event.id, lane=code, filter=code)
        await move(pilot, Place(screen="timeline", timeline=view))
        screen = app.screen
        assert screen.SCREEN_NAME == "timeline"
        assert screen.current_item() is event and screen.navigator.lane.key == code
        assert (screen.navigator.zoom_index, screen.filter_query.text) == (2, code)
        text = screen_text(app)
        assert f"Timeline {code} " in text and " shown" in text
        assert " ".join(event.title.split()[:3]) in text


async def test_a_place_takes_the_app_to_a_country_with_its_marks_and_pane_entry():
    app = example_app()
    async with app.run_test(size=LARGE) as pilot:
        country, other = app.deck.countries[3], app.deck.countries[4]
        person = next(p for p in app.deck.people if p.country is not None and p.country.code == country.code)
        view = CountriesView(selected=country.code, marked=(country.code, other.code), entry=f"person:{person.id}")
        await move(pilot, Place(screen="countries", countries=view))
        screen = app.screen
        assert screen.table.current_code == country.code and screen.marked == [country.code, other.code]
        assert screen.pane.entries.highlighted_entry.key == f"person:{person.id}" and screen.pane.entries.has_focus
        assert screen.current_item() is person
        assert f"{country.name} ({country.code})" in screen_text(app)
        await move(pilot, Place(screen="countries", countries=replace(view, comparing=True)))
        assert screen.comparing and "Compare 2" in screen_text(app)


async def test_a_place_takes_the_matrix_to_its_cell_in_the_order_it_names():
    app = example_app()
    async with app.run_test(size=SMALL) as pilot:
        question, country = app.deck.questions[-1], app.deck.countries[2]
        view = PositionsView(question=question.id, country=country.code, order="stance", stance_question=question.id)
        await move(pilot, Place(screen="positions", positions=view))
        screen = app.screen
        assert (screen.grid.question, screen.grid.country) == (question, country)
        assert screen.stance_question_id == question.id
        text = screen_text(app)
        assert f"Positions {len(app.deck.questions)}/{len(app.deck.questions)} · {country.code}" in text
        assert "By stance on" in text


async def test_a_place_takes_the_quote_search_to_its_query_and_quote():
    app = example_app()
    async with app.run_test(size=SMALL) as pilot:
        speaker = app.deck.quotes[0].speaker
        surname = speaker.name.split()[-1]
        await move(pilot, Place(screen="quotes", quotes=QuotesView(query=surname)))
        assert app.screen.query_box.text == surname
        found = {hit.quote.id for hit in app.screen.results.hits}
        assert {q.id for q in app.deck.quotes if q.speaker is speaker} <= found < {q.id for q in app.deck.quotes}
        await move(pilot, Place(screen="quotes", quotes=QuotesView()))
        hits = [hit.quote.id for hit in app.screen.results.hits]
        await move(pilot, Place(screen="quotes", quotes=QuotesView(selected=hits[5])))
        assert app.screen.current_item().id == hits[5]
        assert f"Quotes 6/{len(hits)}" in screen_text(app)


async def test_a_place_takes_the_sources_to_an_item_citing_a_source():
    app = example_app()
    async with app.run_test(size=LARGE) as pilot:
        source = app.deck.sources[-1]
        cited = app.deck.citing(source.id)[0]
        view = SourcesView(selected=source.id, cited=f"{type(cited).__name__.lower()}:{cited.id}")
        await move(pilot, Place(screen="sources", sources=view))
        assert app.screen.current_item() is cited
        await move(pilot, Place(screen="sources", sources=replace(view, cited="incident:gone-since")))
        assert app.screen.current_item() is source


# -- a place read after key presses, shown by another app at another size ------------------------

KEYS = {
    "brief": ["right", "right", "right"],
    "timeline": ["2", "a", "right", "right", "minus", "a", "down"],
    "countries": ["3", "n", "n", "m", "n", "m", "right_square_bracket", "down"],
    "positions": ["4", "down", "right", "right", "o", "down"],
    "quotes": ["5", "n", "a", "t", "o", "tab", "down", "down"],
    "sources": ["6", "down", "down", "down"],
}


def same_thing(place: Place) -> tuple:
    """What a follower must see as the presenter does, whatever the size of its terminal."""
    timeline = place.timeline
    return (
        place.screen,
        place.slide,
        place.slide_id,
        (timeline.zoom, timeline.selected, timeline.lane, timeline.filter, timeline.all_in_one),
        place.countries,
        place.positions,
        place.quotes,
        place.sources,
    )


@pytest.mark.parametrize("screen_name", list(KEYS))
async def test_a_place_read_after_key_presses_shows_the_same_in_another_app_at_another_size(screen_name):
    presenter = example_app()
    async with presenter.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for key in KEYS[screen_name]:
            await pilot.press(key)
        await settle(pilot)
        place = presenter.session.place
        assert place == shown(presenter), "the session holds what the screen shows"
        assert place.screen == screen_name and place != Place(screen=screen_name), "the keys moved somewhere"
        item = presenter.screen.current_item()
    follower = example_app()
    async with follower.run_test(size=LARGE) as pilot:
        await move(pilot, place)
        assert same_thing(shown(follower)) == same_thing(place)
        assert same_thing(follower.session.place) == same_thing(place)
        followed = follower.screen.current_item()
        assert getattr(followed, "id", None) == getattr(item, "id", None)
        assert getattr(followed, "code", None) == getattr(item, "code", None)


# -- a session fed from outside, as a follower's will be -----------------------------------------


async def test_an_app_presents_a_session_fed_with_decks_and_places_from_outside(tmp_path):
    source = EXAMPLE_DECK.parent
    shutil.copytree(source, tmp_path / "deck")
    path = tmp_path / "deck" / "deck.yaml"
    session = DeckSession(None, load_deck(path))
    app = BriefingApp(session=session, show_clock=False)
    async with app.run_test(size=SMALL) as pilot:
        incident = app.deck.incidents[1]
        path.write_text(path.read_text(encoding="utf-8").replace(incident.title, "Retitled by the presenter"), encoding="utf-8")
        session.apply(load_deck(path))
        session.move_to(Place(slide=2, slide_id=incident.id))
        await settle(pilot)
        assert not session.following
        assert app.deck is session.deck and app.screen.current_item().id == incident.id
        assert "Retitled by the presenter" in screen_text(app)


async def test_a_place_blanks_the_screen_and_shows_it_again():
    app = example_app()
    async with app.run_test(size=SMALL) as pilot:
        await move(pilot, Place(screen="positions", blank=True))
        assert app.blank and "UNCLASSIFIED" in screen_text(app)
        assert "Shoot down" not in screen_text(app)
        await move(pilot, Place(screen="positions", blank=False))
        assert not app.blank and "Shoot down" in screen_text(app)


async def test_blanking_with_b_is_reported_in_the_place():
    app = example_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert app.session.place.blank
        await pilot.press("b")
        await pilot.pause()
        assert not app.session.place.blank


async def test_a_blank_place_on_another_screen_switches_then_blanks():
    app = example_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("b")
        await move(pilot, Place(screen="sources", blank=True))
        assert app.current_mode == "sources" and app.blank
        await move(pilot, Place(screen="sources"))
        assert "Bloomberg" in screen_text(app)
