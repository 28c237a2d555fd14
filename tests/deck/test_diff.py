"""diff_decks: what the reload notice says changed, and where "jump to the change" lands."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing.deck.diff import (
    DeckChanges,
    SectionChanges,
    diff_decks,
    surviving_neighbour,
)
from briefing.deck.model import (
    Claim,
    Confidence,
    Country,
    DatePoint,
    Deck,
    Event,
    Incident,
    KeyJudgment,
    Person,
    Place,
    Position,
    Precision,
    Question,
    Quote,
    Source,
    Stance,
    Subject,
)


def day(d: int) -> DatePoint:
    return DatePoint(datetime(2025, 9, d, tzinfo=UTC), Precision.DAY, text=f"2025-09-{d:02}")


def build(shift: int = 0, **overrides) -> Deck:
    """A small deck; ``shift`` moves every place down, as a line added at the top would."""

    def at(line: int, path: str = "deck.yaml") -> Place:
        return Place(path, line + shift, 3)

    article = Source("article", "Europeans warn Russia", at(10), publisher="Bloomberg", date=day(25))
    ee = Country("EE", "Estonia", at(20), groups=("NATO", "EU"))
    ru = Country("RU", "Russia", at(22))
    pl = Country("PL", "Poland", at(24), groups=("NATO",))
    tusk = Person("tusk", "Donald Tusk", at(30), role="Prime Minister", country=pl)
    mig = Incident(
        "estonia-mig31", "Three MiG-31 jets enter Estonian airspace", at(40), when=day(19),
        countries=(ee,), actor=ru, claims=(Claim(ru, "Denies it", at(45)),), sources=(article,), tags=("air",),
    )
    drones = Incident("poland-drones", "Drones over Poland", at(50), when=day(10), countries=(pl,), actor=ru)
    warning = Event("moscow-warning", "Envoys warn the Kremlin", at(60), when=day(22), countries=(ru,))
    quote = Quote(
        "tusk-shoot", tusk, "We will shoot down objects.", at(5, "quotes.yaml"), when=day(20), source=article,
        about=(Subject("question", "shoot-down", "Shoot down?", at(6, "quotes.yaml")),),
    )
    question = Question(
        "shoot-down", "Shoot down Russian aircraft?", at(70),
        positions=(Position("shoot-down", pl, Stance.SUPPORT, at(72), summary="Yes", quotes=(quote,)),),
    )
    fields = {
        "title": "Airspace incursions", "path": Path("deck.yaml"), "place": at(1),
        "subtitle": "Situation briefing", "as_of": day(25), "summary": "Bottom line.",
        "key_judgments": (KeyJudgment("A deliberate probe.", at(8), confidence=Confidence.MODERATE),),
        "sources": (article,), "countries": (ee, ru, pl), "people": (tusk,), "incidents": (mig, drones),
        "events": (warning,), "questions": (question,), "quotes": (quote,),
    }
    fields.update(overrides)
    return Deck(**fields)


def with_item(deck: Deck, section: str, key: str, **changes) -> Deck:
    items = tuple(
        dataclasses.replace(item, **changes) if getattr(item, "id", getattr(item, "code", None)) == key else item
        for item in getattr(deck, section)
    )
    return dataclasses.replace(deck, _index={}, **{section: items})


def test_the_same_deck_with_every_place_moved_has_no_changes() -> None:
    changes = diff_decks(build(), build(shift=7))
    assert changes.empty
    assert changes.summary() == "no changes"
    assert changes.first_changed_id is None


def test_an_edited_incident_is_named() -> None:
    old = build()
    new = with_item(build(shift=1), "incidents", "estonia-mig31", title="Three MiG-31s in Estonian airspace")
    changes = diff_decks(old, new)
    assert changes.section("incidents") == SectionChanges(
        "incidents", edited=("estonia-mig31",), changed=("estonia-mig31",)
    )
    assert changes.summary() == "incident estonia-mig31 edited"
    assert changes.first_changed_id == "estonia-mig31"
    assert changes.first_change == ("incidents", "estonia-mig31")


def test_a_change_deep_inside_an_item_edits_it() -> None:
    old = build()
    ru = old.country("RU")
    new = with_item(old, "incidents", "estonia-mig31", claims=(Claim(ru, "Denies it firmly", Place("deck.yaml", 45, 3)),))
    assert diff_decks(old, new).section("incidents").edited == ("estonia-mig31",)
    later = dataclasses.replace(day(19), precision=Precision.MONTH)
    new = with_item(old, "incidents", "estonia-mig31", when=later)
    assert diff_decks(old, new).section("incidents").edited == ("estonia-mig31",)


def test_renaming_a_country_edits_the_country_not_the_items_that_mention_it() -> None:
    old = build()
    estonia = dataclasses.replace(old.country("EE"), name="Republic of Estonia")
    mig = dataclasses.replace(old.get("estonia-mig31"), countries=(estonia,))
    new = dataclasses.replace(
        old, _index={}, countries=(estonia, *old.countries[1:]), incidents=(mig, *old.incidents[1:])
    )
    changes = diff_decks(old, new)
    assert changes.summary() == "country EE edited"
    assert changes.first_changed_id == "EE"


def test_pointing_a_reference_at_another_item_edits_the_item() -> None:
    old = build()
    new = with_item(old, "incidents", "estonia-mig31", actor=old.country("PL"))
    assert diff_decks(old, new).summary() == "incident estonia-mig31 edited"


def test_added_quotes_are_counted_and_the_first_one_is_the_jump_target() -> None:
    old = build()
    tusk = old.get("tusk")
    new_quotes = tuple(Quote(f"q{n}", tusk, f"Quote {n}", Place("quotes.yaml", 20 + n, 3)) for n in (1, 2))
    new = dataclasses.replace(old, _index={}, quotes=(*new_quotes, *old.quotes))
    changes = diff_decks(old, new)
    assert changes.section("quotes").added == ("q1", "q2")
    assert changes.summary() == "2 quotes added"
    assert changes.first_changed_id == "q1"


def test_removed_items_are_reported_but_never_a_jump_target() -> None:
    old = build()
    new = dataclasses.replace(old, _index={}, events=())
    changes = diff_decks(old, new)
    assert changes.summary() == "event moscow-warning removed"
    assert changes.first_changed_id is None
    assert not changes.empty


def test_deck_settings_are_summarised_after_the_items() -> None:
    old = build()
    new = with_item(build(title="Airspace incursions, week 39"), "incidents", "estonia-mig31", tags=("air", "sea"))
    tusk = old.get("tusk")
    added = tuple(Quote(f"q{n}", tusk, "x", Place("quotes.yaml", n, 3)) for n in (1, 2))
    new = dataclasses.replace(new, _index={}, quotes=(*new.quotes, *added))
    assert diff_decks(old, new).summary() == "incident estonia-mig31 edited; 2 quotes added; deck title edited"


def test_several_settings_are_joined_in_one_phrase() -> None:
    old = build()
    judgments = (KeyJudgment("A deliberate probe of resolve.", Place("deck.yaml", 8, 3)),)
    new = build(title="New", summary="New bottom line.", key_judgments=judgments)
    changes = diff_decks(old, new)
    assert changes.settings == ("title", "summary", "key_judgments")
    assert changes.summary() == "deck title, summary and key judgments edited"
    assert changes.first_changed_id is None


def test_a_reorder_is_reported_without_marking_items_edited() -> None:
    old = build()
    new = dataclasses.replace(old, _index={}, incidents=tuple(reversed(old.incidents)))
    changes = diff_decks(old, new)
    assert changes.section("incidents") == SectionChanges("incidents", reordered=True)
    assert changes.summary() == "incidents reordered"


def test_the_first_change_follows_screen_order_then_deck_order() -> None:
    old = build()
    new = with_item(old, "quotes", "tusk-shoot", text="Changed")
    new = with_item(new, "incidents", "poland-drones", title="Drones over Poland and Romania")
    new = with_item(new, "events", "moscow-warning", title="Envoys warn Moscow")
    changes = diff_decks(old, new)
    assert changes.first_change == ("incidents", "poland-drones")
    assert [s.section for s in changes.sections] == ["incidents", "events", "quotes"]


def test_a_long_summary_ends_with_a_count_of_the_rest() -> None:
    old = build()
    new = dataclasses.replace(
        build(title="T", subtitle=None),
        _index={},
        incidents=(),
        events=(),
        quotes=(),
        sources=(),
    )
    changes = diff_decks(old, new)
    assert changes.summary(max_parts=3) == "2 incidents removed; event moscow-warning removed; 3 more changes"
    assert changes.summary().count(";") == 3


def test_an_edited_question_position_edits_the_question() -> None:
    old = build()
    question = old.get("shoot-down")
    position = dataclasses.replace(question.positions[0], stance=Stance.CAUTIOUS)
    new = with_item(old, "questions", "shoot-down", positions=(position,))
    assert diff_decks(old, new).summary() == "question shoot-down edited"


def test_deck_changes_default_is_empty() -> None:
    assert DeckChanges().empty and DeckChanges().first_change is None


def test_items_in_files_the_caller_knows_unchanged_are_not_compared() -> None:
    old = build()
    new = with_item(build(shift=1), "quotes", "tusk-shoot", text="Edited in quotes.yaml")
    new = with_item(new, "incidents", "poland-drones", title="Edited in deck.yaml")
    changes = diff_decks(old, new, unchanged_files=["./quotes.yaml"])
    assert changes.summary() == "incident poland-drones edited"
    assert diff_decks(old, new).summary() == "incident poland-drones edited; quote tusk-shoot edited"


def test_the_unchanged_files_hint_is_ignored_when_the_timezone_changes() -> None:
    old = build()
    new = with_item(build(timezone="Europe/Tallinn"), "quotes", "tusk-shoot", when=day(21))
    changes = diff_decks(old, new, unchanged_files=["quotes.yaml"])
    assert changes.section("quotes").edited == ("tusk-shoot",)
    assert changes.settings == ("timezone",)


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        (["A", "B", "C"], ["A", "B", "C"], "B", "B"),
        (["A", "B", "C"], ["A", "C"], "B", "C"),
        (["A", "B", "C"], ["A", "B"], "C", "B"),
        (["A", "B", "C"], ["C", "A"], "B", "C"),
        (["A", "B"], ["X"], "B", "X"),
        (["A", "B"], [], "A", None),
        (["A", "B"], ["B"], None, "B"),
    ],
)
def test_surviving_neighbour_prefers_the_same_key_then_the_next_then_the_previous(
    old, new, key, expected
):
    assert surviving_neighbour(old, new, key) == expected
