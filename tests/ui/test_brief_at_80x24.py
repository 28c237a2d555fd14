"""The brief as an audience sees it at 80×24: how far to trust a slide is in sight, what is
below the fold is named, nothing is said twice."""

from __future__ import annotations

import pytest
from app_support import example_app, screen_text

from briefing.views.labels import grade_text


async def slide_text(app, pilot, incident_id: str | None) -> str:
    if incident_id is not None:
        await app.open_item(app.deck.get(incident_id))
    await pilot.pause()
    return screen_text(app)


@pytest.mark.parametrize("incident_id", ["poland-drones", "romania-drone", "estonia-mig31", "denmark-drones"])
async def test_an_incidents_grade_and_what_it_means_are_in_sight_without_scrolling(incident_id):
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        text = await slide_text(app, pilot, incident_id)
        incident = app.deck.get(incident_id)
        source = incident.sources[0]
        assert f"Source    Bloomberg {grade_text(source, incident.credibility)}" in text
        assert "usually reliable" in text


async def test_the_title_slide_says_its_key_judgments_are_below_the_fold_until_they_are_in_sight():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        text = await slide_text(app, pilot, None)
        assert "Key judgments" not in text.replace("more below: Key judgments", "")
        assert "▼ more below: Key judgments · ↓ scrolls" in text
        await pilot.press(*["j"] * 60)
        text = screen_text(app)
        assert "Key judgments" in text and "more below" not in text


async def test_a_slide_that_fits_says_nothing_is_below():
    app = example_app()
    async with app.run_test(size=(120, 80)) as pilot:
        text = await slide_text(app, pilot, "romania-drone")
        assert "more below" not in text


async def test_the_title_and_as_of_are_said_once_on_the_title_slide_and_in_the_header_after():
    app = example_app()
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.deck.title
        text = await slide_text(app, pilot, None)
        assert text.count(title) == 1 and text.lower().count("as of") == 1
        await pilot.press("pagedown")
        text = screen_text(app)
        assert text.splitlines()[1].startswith(f" {title}") and "as of 25 Sep 2025" in text


async def test_claims_with_no_attributed_actor_are_grouped_under_each_speaker_named_once():
    app = example_app()
    async with app.run_test(size=(120, 60)) as pilot:
        text = await slide_text(app, pilot, "denmark-drones")
        claims = text[text.index("Claims and denials"):text.index("What was said")]
        lines = [line.strip() for line in claims.splitlines() if line.strip()]
        assert lines == [
            "Claims and denials",
            "Denmark (DK)",
            "• Danish authorities are investigating a potential Russian role in the drone attacks.",
            "Russia (RU)",
            "• The Kremlin has again denied involvement.",
        ]


async def test_the_actors_own_claims_sit_under_its_heading_and_other_speakers_are_named_once():
    app = example_app()
    async with app.run_test(size=(160, 60)) as pilot:
        text = await slide_text(app, pilot, "estonia-mig31")
        claims = text[text.index("Claims and denials"):text.index("\n Sources ")]
        assert claims.count("Russia (RU)") == 0, "the side heading 'Russia says' names it"
        assert claims.count("Dmitry Peskov, Kremlin spokesman") == 1
        assert claims.count("• Russian officials") == 2
        assert "Russia says" in claims and "Others say" in claims
