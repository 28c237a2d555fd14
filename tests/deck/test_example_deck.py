"""The bundled example deck: valid, complete, and faithful to its source article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from paths import EXAMPLE_DECK as DECK_FILE
from paths import REPO

from briefing.deck.model import Deck, Precision, Stance, Status

ARTICLE = REPO.parent / "shared" / "sources" / "nato-airspace-article.txt"


@pytest.fixture
def result(example_result):
    return example_result


@pytest.fixture
def deck(example_deck) -> Deck:
    return example_deck


def day_of(point) -> date:
    return point.start.date()


def test_example_deck_loads_without_errors_or_warnings(result):
    assert [str(d) for d in result.diagnostics] == []
    assert result.ok


def test_example_deck_reads_its_included_quotes_file(result, deck):
    assert {Path(f).name for f in result.files} == {"deck.yaml", "quotes.yaml"}
    assert all(q.place.path.endswith("quotes.yaml") for q in deck.quotes)


def test_modeline_points_at_the_schema_on_line_one():
    first_line = DECK_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../docs/deck.schema.json"


def test_settings(deck):
    assert deck.title == "Airspace incursions on NATO's eastern flank"
    assert deck.classification == "UNCLASSIFIED // OPEN SOURCE"
    assert deck.timezone == "Europe/Tallinn"
    assert deck.as_of.precision is Precision.DAY and day_of(deck.as_of) == date(2025, 9, 25)
    assert deck.summary and deck.key_judgments
    assert all(kj.confidence is not None for kj in deck.key_judgments)


def test_counts(deck):
    assert len(deck.incidents) == 4
    assert len(deck.events) == 10
    assert len(deck.quotes) == 12
    assert len(deck.questions) == 3
    assert len(deck.sources) == 1


def test_the_article_is_the_graded_source(deck):
    (source,) = deck.sources
    assert source.publisher == "Bloomberg"
    assert source.reliability == "B"
    assert source.title == "Europeans Privately Tell Russia They\u2019re Ready To Shoot Down Jets"
    assert day_of(source.date) == date(2025, 9, 25)
    assert all(incident.sources == (source,) and incident.credibility for incident in deck.incidents)
    assert {incident.id: incident.grades() for incident in deck.incidents}["estonia-mig31"] == ("B2",)


def test_moscow_meeting_is_a_range_within_the_week_not_a_made_up_day(deck):
    meeting = deck.get("moscow-warning")
    assert meeting.when.is_interval
    assert meeting.when.precision is Precision.DAY and meeting.when.end.precision is Precision.DAY
    assert (day_of(meeting.when), day_of(meeting.when.end)) == (date(2025, 9, 22), date(2025, 9, 25))
    assert meeting.when.format() == "22\u201325 September 2025"
    assert {c.code for c in meeting.countries} == {"GB", "FR", "DE", "RU"}


def test_poland_drones_on_the_night_of_9_to_10_september(deck):
    poland = deck.get("poland-drones")
    assert (day_of(poland.when), day_of(poland.when.end)) == (date(2025, 9, 9), date(2025, 9, 10))
    assert poland.actor.code == "RU"
    assert any(c.by.code == "RU" and "error" in c.text for c in poland.claims)


def test_romania_drone_tracked_fifty_minutes_by_two_f16s_not_shot_down(deck):
    romania = deck.get("romania-drone")
    assert romania.when.precision is Precision.DAY and day_of(romania.when) == date(2025, 9, 13)
    assert romania.duration == "50 minutes"
    assert "two F-16" in romania.response and "debris" in romania.response
    assert romania.notes


def test_estonia_three_mig31s_on_19_september_denied_by_russia(deck):
    estonia = deck.get("estonia-mig31")
    assert day_of(estonia.when) == date(2025, 9, 19) and estonia.when.precision is Precision.DAY
    assert estonia.assets == "3 × MiG-31"
    assert estonia.status is Status.DENIED
    assert "Article 4" in estonia.response
    assert any(c.by.code == "RU" and "deny" in c.text for c in estonia.claims)
    peskov = [c for c in estonia.claims if getattr(c.by, "id", None) == "peskov"]
    assert peskov and peskov[0].by.role == "Kremlin spokesman"
    assert estonia.notes


def test_denmark_from_22_september_with_kremlin_denial_and_no_attributed_actor(deck):
    denmark = deck.get("denmark-drones")
    assert day_of(denmark.when) == date(2025, 9, 22)
    assert denmark.actor is None
    assert denmark.status is Status.UNVERIFIED
    assert any(c.by.code == "RU" and "denied involvement" in c.text for c in denmark.claims)


def test_article_4_nine_times_since_1949_twice_this_month(deck):
    invoked = [e for e in deck.events if e.id in ("poland-article-4", "estonia-article-4")]
    assert len(invoked) == 2
    assert all(e.when.start.month == 9 and e.when.end is not None for e in invoked)
    assert "nine times since NATO was founded in 1949" in deck.get("poland-article-4").summary
    assert "Article 4 consultations have been invoked nine times since 1949; twice this month" in " ".join(deck.summary.split())


def test_romania_rules_of_engagement_approved_on_thursday_25_september(deck):
    decision = deck.get("romania-rules-of-engagement")
    assert day_of(decision.when) == date(2025, 9, 25) and decision.when.precision is Precision.DAY
    assert decision.when.start.weekday() == 3


def test_timeline_runs_from_poland_to_the_last_thursday(deck):
    entries = list(deck.timeline_entries())
    assert entries[0].id == "poland-drones"
    assert all(e.when is not None and e.when.start.date() <= date(2025, 9, 25) for e in entries)


@pytest.mark.parametrize(
    ("country", "stance"),
    [
        ("PL", Stance.SUPPORT),
        ("NL", Stance.SUPPORT),
        ("US", Stance.SUPPORT),
        ("GB", Stance.SUPPORT),
        ("RO", Stance.SUPPORT),
        ("DE", Stance.CAUTIOUS),
        ("IT", Stance.CAUTIOUS),
        ("FR", Stance.UNDECIDED),
        ("RU", Stance.OPPOSE),
    ],
)
def test_shoot_down_positions(deck, country, stance):
    assert deck.get("shoot-down").position_of(country).stance is stance


def test_germany_position_cites_both_pistorius_and_merz(deck):
    germany = deck.get("shoot-down").position_of("DE")
    assert {q.speaker.id for q in germany.quotes} == {"pistorius", "merz"}


def test_every_quote_is_attributed_to_a_person_with_role_and_country(deck):
    for quote in deck.quotes:
        assert quote.speaker.role and quote.speaker.country is not None, quote.id
        assert quote.source is not None, quote.id


def test_quote_dates_keep_the_articles_precision(deck):
    assert day_of(deck.get("nauseda-testing").when) == date(2025, 9, 22)
    assert deck.get("trump-eu-support").when.is_interval
    assert deck.get("basescu-credibility").when is None


@pytest.mark.skipif(not ARTICLE.exists(), reason="source article not beside the repo")
def test_quotes_are_verbatim_from_the_article(deck):
    article = ARTICLE.read_text(encoding="utf-8")
    missing = [quote.id for quote in deck.quotes if quote.text not in article]
    assert missing == []
