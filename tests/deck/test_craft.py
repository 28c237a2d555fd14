"""Craft checks: each warns at the place of what it is about, and stays silent on a deck made well."""

from __future__ import annotations

import pytest

from briefing.deck import load_deck
from briefing.deck.craft import craft_warnings

WELL_MADE = """\
title: Airspace incursions
as_of: 2025-09-25
key_judgments:
  - text: Russia will likely keep probing NATO's eastern flank.
    confidence: high
    likelihood: likely
sources:
  - {id: article, title: Europeans Privately Tell Russia, reliability: B}
  - {id: interview, title: Interview with Nausėda, reliability: C}
countries:
  - {code: EE, name: Estonia}
  - {code: PL, name: Poland}
people:
  - {id: nauseda, name: Gitanas Nausėda}
incidents:
  - {id: estonia-mig31, title: Three MiG-31s over Estonia, when: 2025-09-19, sources: [article], credibility: 2}
  - {id: poland-drones, title: Drones over Poland, when: 2025-09-10, sources: [interview], credibility: 3}
questions:
  - id: shoot-down
    title: Shoot down violating aircraft?
    positions:
      - {country: EE, stance: support, summary: Estonia backs it.}
      - {country: PL, stance: support, quotes: [nauseda-testing]}
quotes:
  - {id: nauseda-testing, by: nauseda, text: Russia is testing us, source: interview}
"""


def warnings_for(tmp_path, text: str) -> list[str]:
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    result = load_deck(tmp_path / "deck.yaml")
    assert result.ok, [str(d) for d in result.diagnostics]
    return [f"{d.place.line}:{d.place.column} {d.code} {d.message}" for d in craft_warnings(result.deck)]


def codes_for(tmp_path, text: str) -> list[str]:
    return [line.split()[1] for line in warnings_for(tmp_path, text)]


def edited(*changes: tuple[str, str]) -> str:
    text = WELL_MADE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_a_well_made_deck_gets_no_craft_warning(tmp_path):
    assert warnings_for(tmp_path, WELL_MADE) == []


def test_a_title_alone_gets_no_craft_warning(tmp_path):
    assert warnings_for(tmp_path, "title: Airspace incursions\n") == []


def test_every_warning_is_a_warning_with_a_reason(tmp_path):
    text = edited(("sources: [interview], credibility: 3", "sources: [article]"))
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    found = craft_warnings(load_deck(tmp_path / "deck.yaml").deck)
    assert found and all(not d.is_error and ": " in d.message for d in found)


# BRF701 a key judgment at high confidence, incidents on one source

def test_high_confidence_with_incidents_on_one_source_is_warned_at_the_judgment(tmp_path):
    found = warnings_for(tmp_path, edited(("sources: [interview], credibility: 3", "sources: [article], credibility: 3")))
    assert found == [
        ("4:5 BRF701 high confidence, but every incident rests on one source ('article'): one report cannot corroborate "
        "itself, so the audience is told more certainty than the evidence holds; lower the confidence or add an "
        "independent source"),
    ]


def test_high_confidence_with_incidents_on_no_source_says_so(tmp_path):
    text = edited((", sources: [article], credibility: 2", ""), (", sources: [interview], credibility: 3", ""))
    assert next(line for line in warnings_for(tmp_path, text) if "BRF701" in line).startswith(
        "4:5 BRF701 high confidence, but every incident rests on no source:")


def test_moderate_confidence_on_one_source_is_not_warned(tmp_path):
    text = edited(("confidence: high", "confidence: moderate"), ("sources: [interview], credibility: 3", "sources: [article], credibility: 3"))
    assert "BRF701" not in codes_for(tmp_path, text)


# BRF702 the whole deck on one source

def test_a_deck_resting_on_one_source_is_warned_at_that_source(tmp_path):
    text = edited(("confidence: high", "confidence: moderate"), ("sources: [interview], credibility: 3", "sources: [article], credibility: 3"),
                  ("source: interview", "source: article"))
    assert warnings_for(tmp_path, text) == [
        ("8:5 BRF702 the whole deck rests on this one source ('article'): nothing in it is corroborated, and one error "
        "there is an error everywhere; add an independent source, or say so in the summary and set "
        "single_source: acknowledged"),
    ]


def test_acknowledged_single_sourcing_is_not_warned(tmp_path):
    text = edited(("confidence: high", "confidence: moderate"), ("sources: [interview], credibility: 3", "sources: [article], credibility: 3"),
                  ("source: interview", "source: article"), ("as_of: 2025-09-25\n", "as_of: 2025-09-25\nsingle_source: acknowledged\n"))
    assert warnings_for(tmp_path, text) == []


def test_single_source_takes_only_acknowledged(tmp_path):
    (tmp_path / "deck.yaml").write_text("title: T\nsingle_source: yes\n", encoding="utf-8")
    assert [str(d) for d in load_deck(tmp_path / "deck.yaml").errors] == [
        f"{tmp_path / 'deck.yaml'}:2:16: error: 'single_source' must be acknowledged, not 'yes'",
    ]


# BRF703, BRF704 an incident with no source, or no credibility

def test_an_incident_with_no_source_is_warned_at_the_incident(tmp_path):
    found = warnings_for(tmp_path, edited((", sources: [interview], credibility: 3", "")))
    assert "17:5 BRF703 incident 'poland-drones' cites no source: the audience cannot weigh or check what nobody can " \
           "trace; add sources: [...]" in found


def test_an_incident_with_sources_but_no_credibility_is_warned(tmp_path):
    found = warnings_for(tmp_path, edited(("sources: [interview], credibility: 3", "sources: [interview]")))
    assert found == [
        ("17:5 BRF704 incident 'poland-drones' has no credibility: its grade then says how reliable the source is but "
        "not how far this report is believed; add credibility: 1 (confirmed) to 6 (cannot be judged)"),
    ]


# BRF705 a quote with no source

def test_a_quote_with_no_source_is_warned_at_the_quote(tmp_path):
    found = warnings_for(tmp_path, edited((", source: interview}", "}")))
    assert "25:5 BRF705 quote 'nauseda-testing' has no source: words nobody can trace cannot be checked as said, or " \
           "as said in that sense; add source: ..." in found


# BRF706 a position with neither summary nor quote

def test_a_position_with_neither_summary_nor_quote_is_warned_at_the_position(tmp_path):
    found = warnings_for(tmp_path, edited(("stance: support, summary: Estonia backs it.", "stance: support")))
    assert found == [
        ("22:9 BRF706 the position of EE on 'shoot-down' has neither a summary nor a quote: a stance with nothing "
        "behind it cannot be checked or explained; add summary: or quotes: [...]"),
    ]


# BRF707 a likelihood its own words contradict

@pytest.mark.parametrize(("text", "likelihood", "word"), [
    ("NATO will not shoot down a Russian jet this year.", "roughly even chance", "will not"),
    ("NATO won't shoot down a Russian jet this year.", "likely", "won't"),
    ("Russia will test NATO again.", "unlikely", "will"),
    ("The allies will certainly hold one line.", "roughly even chance", "will"),
    ("Russia never admits an incursion.", "very likely", "never"),
    ("Romania cannot afford enough anti-drone systems.", "roughly even chance", "cannot"),
    ("Drones always come at night.", "unlikely", "always"),
])
def test_a_certainty_word_the_likelihood_contradicts_is_warned(tmp_path, text, likelihood, word):
    found = warnings_for(tmp_path, edited(("Russia will likely keep probing NATO's eastern flank.", text),
                                          ("likelihood: likely", f"likelihood: {likelihood}")))
    assert found == [
        (f"4:5 BRF707 the judgment says {word!r} but its likelihood is {likelihood!r}: the audience hears the words, "
        "not the label; say the likelihood in the text ('will likely') or change one"),
    ]


@pytest.mark.parametrize(("text", "likelihood"), [
    ("Russia will likely keep probing NATO's eastern flank.", "likely"),
    ("Russia will probably not admit the incursion.", "roughly even chance"),
    ("Russia will test NATO again.", "almost certain"),
    ("Russia will test NATO again.", "likely"),
    ("NATO will not shoot down a Russian jet this year.", "very unlikely"),
    ("Allied political will to respond is roughly evenly split.", "roughly even chance"),
    ("NATO's will to respond is being tested.", "unlikely"),
    ('Moscow warns that shooting down a plane "will be war"; a clash is a roughly even chance.', "roughly even chance"),
    ("Russia almost never admits an incursion.", "likely"),
])
def test_words_that_agree_with_the_likelihood_or_are_hedged_or_quoted_are_not_warned(tmp_path, text, likelihood):
    found = warnings_for(tmp_path, edited(("Russia will likely keep probing NATO's eastern flank.", text),
                                          ("likelihood: likely", f"likelihood: {likelihood}")))
    assert found == []


def test_a_judgment_without_a_likelihood_has_nothing_to_contradict(tmp_path):
    text = edited(("Russia will likely keep probing NATO's eastern flank.", "NATO will never shoot."), ("    likelihood: likely\n", ""))
    assert warnings_for(tmp_path, text) == []


# BRF708 as_of earlier than an incident

def test_as_of_before_an_incident_is_warned_at_the_incident(tmp_path):
    found = warnings_for(tmp_path, edited(("as_of: 2025-09-25", "as_of: 2025-09-18")))
    assert found == [
        ("16:5 BRF708 as_of (18 September 2025) is before incident 'estonia-mig31' happened (19 September 2025): the "
        "briefing says it is current as of a day before its own facts; move as_of or check the incident's date"),
    ]


@pytest.mark.parametrize("as_of", ["2025-09-19", "2025-09", "2025-09-19 08:00"])
def test_as_of_on_or_after_the_incidents_start_is_not_warned(tmp_path, as_of):
    assert warnings_for(tmp_path, edited(("as_of: 2025-09-25", f"as_of: {as_of}"))) == []
