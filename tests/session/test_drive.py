"""What the presenter view reads off a place, and where its keys take the presentation."""

from __future__ import annotations

import pytest

from briefing.session import CountriesView, Place, PositionsView, QuotesView, SourcesView, TimelineView
from briefing.session.drive import current_item, driven, next_slide, slide_number, speaker_notes


def test_the_brief_names_its_incident_by_id_and_the_title_slide_names_nothing(example_deck):
    third = example_deck.incidents[2]
    assert current_item(example_deck, Place(slide=3, slide_id=third.id)) is third
    assert current_item(example_deck, Place(slide=9, slide_id=third.id)) is third, "the id wins over the number"
    assert current_item(example_deck, Place()) is None


def test_each_screen_names_its_selected_item(example_deck):
    deck = example_deck
    event, question, quote, source = deck.events[0], deck.questions[0], deck.quotes[3], deck.sources[0]
    person = next(p for p in deck.people if p.country is not None)
    cited = deck.citing(source.id)[0]
    assert current_item(deck, Place(screen="timeline", timeline=TimelineView(selected=event.id))) is event
    assert current_item(deck, Place(screen="countries", countries=CountriesView(selected="PL"))) is deck.country("PL")
    on_person = CountriesView(selected=person.country.code, entry=f"person:{person.id}")
    assert current_item(deck, Place(screen="countries", countries=on_person)) is person
    assert current_item(deck, Place(screen="positions", positions=PositionsView(question=question.id))) is question
    assert current_item(deck, Place(screen="quotes", quotes=QuotesView(selected=quote.id))) is quote
    assert current_item(deck, Place(screen="sources", sources=SourcesView(selected=source.id))) is source
    citing = SourcesView(selected=source.id, cited=f"{type(cited).__name__.lower()}:{cited.id}")
    assert current_item(deck, Place(screen="sources", sources=citing)) is cited


def test_an_open_detail_window_is_the_current_item(example_deck):
    event = example_deck.events[1]
    assert current_item(example_deck, Place(slide=2, detail=event.id)) is event


def test_only_incidents_and_events_carry_speaker_notes(example_deck):
    with_notes = next(i for i in example_deck.incidents if i.notes)
    assert speaker_notes(with_notes) == with_notes.notes
    assert speaker_notes(example_deck.quotes[0]) is None
    assert speaker_notes(None) is None


def test_next_slide_is_the_following_incident_and_none_after_the_last(example_deck):
    incidents = example_deck.incidents
    assert next_slide(example_deck, Place()) == (1, incidents[0])
    assert next_slide(example_deck, Place(slide=2, slide_id=incidents[1].id)) == (3, incidents[2])
    assert next_slide(example_deck, Place(slide=len(incidents), slide_id=incidents[-1].id)) is None


def test_presentation_keys_step_the_brief_from_any_screen_and_stay_within_it(example_deck):
    incidents = example_deck.incidents
    on_timeline = Place(screen="timeline", slide=2, slide_id=incidents[1].id, timeline=TimelineView(zoom=3))
    after = driven(example_deck, on_timeline, "next")
    assert (after.screen, after.slide, after.slide_id) == ("brief", 3, incidents[2].id)
    assert after.timeline == on_timeline.timeline, "the other screens' views are kept"
    assert driven(example_deck, Place(), "previous") == Place()
    last = driven(example_deck, Place(), "last")
    assert (last.slide, last.slide_id) == (len(incidents), incidents[-1].id)
    assert driven(example_deck, last, "next") == last
    assert driven(example_deck, last, "first") == Place(slide=0)


def test_blank_toggles_and_a_step_ends_it(example_deck):
    blanked = driven(example_deck, Place(slide=1), "blank")
    assert blanked.blank and not driven(example_deck, blanked, "blank").blank
    assert not driven(example_deck, blanked, "next").blank


def test_a_slide_id_gone_from_the_deck_falls_back_to_the_slide_number(example_deck):
    assert slide_number(example_deck, Place(slide=2, slide_id="deleted-since")) == 2
    assert slide_number(example_deck, Place(slide=999)) == len(example_deck.incidents)


def test_an_unknown_presentation_key_is_refused(example_deck):
    with pytest.raises(ValueError, match="unknown presentation key"):
        driven(example_deck, Place(), "explode")
