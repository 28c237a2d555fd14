"""The bundled example deck: valid, complete, and faithful to its source article.

The article is kept beside the repository (../shared/sources), not in it; the tests that
compare the deck with it fail, rather than skip, when it is missing, so a deck that drifts
from its source is never passed unnoticed.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from paths import EXAMPLE_DECK as DECK_FILE
from paths import REPO

from briefing.deck.craft import craft_warnings
from briefing.deck.model import Country, Deck, Likelihood, Precision, Stance, Status

ARTICLE = REPO.parent / "shared" / "sources" / "nato-airspace-article.txt"
QUOTE_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
QUOTED = re.compile(r'"([^"]+)"')


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


def test_example_deck_passes_the_craft_checks_acknowledging_its_single_source(deck):
    assert craft_warnings(deck) == ()
    assert deck.single_source_acknowledged and len(deck.sources) == 1


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
    """A night that runs over two days is a duration (when + until), not a window of
    uncertainty (an interval `when`), which would read "the day is unknown within"."""
    poland = deck.get("poland-drones")
    assert not poland.when.is_interval
    assert (day_of(poland.when), day_of(poland.until)) == (date(2025, 9, 9), date(2025, 9, 10))
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
    assert any(side_of(c) == "RU" and "deny" in c.text for c in estonia.claims)
    peskov = [c for c in estonia.claims if getattr(c.by, "id", None) == "peskov"]
    assert peskov and peskov[0].by.role == "Kremlin spokesman"
    assert estonia.notes


def test_denmark_from_22_september_ongoing_with_kremlin_denial_and_no_attributed_actor(deck):
    denmark = deck.get("denmark-drones")
    assert day_of(denmark.when) == date(2025, 9, 22)
    assert denmark.until.ongoing and denmark.until.start == deck.as_of.start
    assert denmark.actor is None
    assert denmark.status is Status.UNVERIFIED
    assert any(side_of(c) == "RU" and "denied involvement" in c.text for c in denmark.claims)


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
        ("FR", Stance.SUPPORT),
        ("DE", Stance.CAUTIOUS),
        ("RO", Stance.CAUTIOUS),
        ("IT", Stance.CAUTIOUS),
        ("RU", Stance.OPPOSE),
    ],
)
def test_shoot_down_positions(deck, country, stance):
    assert deck.get("shoot-down").position_of(country).stance is stance


def test_the_three_envoys_private_warning_weighs_alike_in_their_countries_positions(deck):
    """GB, FR and DE gave the same warning; their stances differ only by what each says in public."""
    question = deck.get("shoot-down")
    for code in ("GB", "FR", "DE"):
        summary = " ".join(question.position_of(code).summary.split())
        assert "private warning in Moscow" in summary and "anonymous officials" in summary, code
    assert "escalation trap" in question.position_of("DE").summary


def test_romania_which_chose_not_to_shoot_is_coded_cautious_and_says_why(deck):
    romania = " ".join(deck.get("shoot-down").position_of("RO").summary.split())
    assert "Did not shoot down the drone of 13 September" in romania
    assert "rules of engagement" in romania


@pytest.mark.parametrize(("country", "stance"), [("GB", Stance.SUPPORT), ("FR", Stance.SUPPORT), ("DE", Stance.SUPPORT), ("LT", Stance.SUPPORT), ("DK", Stance.UNDECIDED), ("RU", Stance.OPPOSE)])
def test_deliberate_positions(deck, country, stance):
    assert deck.get("deliberate-test").position_of(country).stance is stance


def test_denmark_is_undecided_on_russian_intent_because_hummelgaard_names_no_one(deck):
    denmark = " ".join(deck.get("deliberate-test").position_of("DK").summary.split())
    assert "names neither Russia nor a test" in denmark


def test_every_position_says_in_its_summary_what_its_stance_rests_on(deck):
    missing = [(q.id, p.country.code) for q in deck.questions for p in q.positions if not (p.summary or "").strip()]
    assert missing == []


def test_germany_position_cites_both_pistorius_and_merz(deck):
    germany = deck.get("shoot-down").position_of("DE")
    assert {q.speaker.id for q in germany.quotes} == {"pistorius", "merz"}


def test_every_quote_is_attributed_to_a_person_with_role_and_country(deck):
    for quote in deck.quotes:
        assert quote.speaker.role and quote.speaker.country is not None, quote.id
        assert quote.source is not None, quote.id


def test_meshkov_is_the_russian_ambassador_as_the_article_calls_him(deck):
    meshkov = deck.get("meshkov-war").speaker
    assert meshkov.role == "Russian Ambassador"
    assert "RTL" in deck.get("meshkov-war").where


def test_poland_says_only_that_a_drone_was_downed_there_not_by_whom(deck):
    poland = deck.get("poland-drones")
    text = " ".join(f"{poland.summary} {poland.response}".split())
    assert '"occurred in Poland this month"' in text
    assert "Poland downed" not in text and "does not say" in text


def test_the_deliberate_tactic_allegation_sits_among_estonias_claims_beside_russias_denials(deck):
    estonia = deck.get("estonia-mig31")
    sides = {(side_of(c), c.text.split()[0]) for c in estonia.claims}
    allegation = [c for c in estonia.claims if "deliberate tactic" in c.text]
    assert [side_of(c) for c in allegation] == [None]
    assert "anonymity" in allegation[0].by.role
    assert ("RU", "Russian") in sides
    assert "deliberate tactic" not in estonia.summary


def test_bottom_line_gives_the_sourcing_caveat_and_the_articles_context(deck):
    summary = " ".join(deck.summary.split())
    for words in ("condition of anonymity", "behind closed doors", "UK and French spokespeople",
                  "Ukraine's civilian infrastructure", "US backing for Kyiv wavers"):
        assert words in summary, words


def test_incidents_run_in_time_order_and_no_later_one_asks_to_open_the_brief(deck):
    starts = [incident.when.start for incident in deck.incidents]
    assert starts == sorted(starts)
    assert not any("open with" in (incident.notes or "").lower() for incident in deck.incidents[1:])


def test_each_key_judgment_says_its_likelihood_in_its_own_words(deck):
    words = sorted((w.value for w in Likelihood), key=len, reverse=True)
    for judgment in deck.key_judgments:
        text = " ".join(judgment.text.split())
        said = [w for w in words if re.search(rf"\b{w}\b", text)]
        said = [w for w in said if not any(w != longer and w in longer for longer in said)]
        assert said == [judgment.likelihood.value], judgment.text


def test_the_counter_drone_judgment_is_narrowed_to_romania_at_low_confidence(deck):
    (judgment,) = [j for j in deck.key_judgments if "drones" in j.text and "missiles" in j.text]
    assert judgment.text.startswith("Romania") and judgment.confidence.value == "low"


def test_quote_dates_keep_the_articles_precision(deck):
    assert day_of(deck.get("nauseda-testing").when) == date(2025, 9, 22)
    assert deck.get("trump-eu-support").when.is_interval
    assert deck.get("basescu-credibility").when is None


def side_of(claim) -> str | None:
    """The country code a claim speaks for: its own, or its speaker's (None for neither)."""
    by = claim.by
    country = by if isinstance(by, Country) else by.country
    return country.code if country is not None else None


def normalised(text: str) -> str:
    """Curly quotes as straight ones and every run of whitespace as one space."""
    return " ".join(text.translate(QUOTE_MARKS).split())


@pytest.fixture(scope="module")
def article() -> str:
    """The article's body (its header of date notes left out), normalised."""
    assert ARTICLE.exists(), f"the example deck's source article is missing: {ARTICLE}"
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    return normalised("\n".join(line for line in lines if not line.startswith("#")))


def test_quotes_are_verbatim_from_within_the_articles_quotation_marks(deck, article):
    """Each quote is words someone said: inside one pair of the article's quotation marks,
    not paraphrase and not narrative text, with only quote marks and spacing normalised."""
    spoken = QUOTED.findall(article)
    assert len(spoken) >= 12
    misquoted = [quote.id for quote in deck.quotes if not any(normalised(quote.text) in words for words in spoken)]
    assert misquoted == []


def deck_prose(deck: Deck):
    """Every sentence the deck writes itself, where a quoted phrase could hide."""
    yield "summary", deck.summary or ""
    for judgment in deck.key_judgments:
        yield "key judgment", judgment.text
    for item in (*deck.incidents, *deck.events):
        for field in ("title", "summary", "notes", "response"):
            yield item.id, getattr(item, field, None) or ""
        for claim in getattr(item, "claims", ()):
            yield item.id, claim.text
    for question in deck.questions:
        for position in question.positions:
            yield f"{question.id}/{position.country.code}", position.summary or ""


def test_words_in_quotation_marks_anywhere_in_the_deck_are_the_articles(deck, article):
    unsupported = [
        (where, phrase)
        for where, text in deck_prose(deck)
        for phrase in QUOTED.findall(normalised(text))
        if phrase.lower() not in article.lower()
    ]
    assert unsupported == []
