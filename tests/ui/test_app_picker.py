"""`briefing FOLDER`: a picker of the decks in it, broken ones listed with their first error."""

from __future__ import annotations

import shutil

from app_support import EXAMPLE_DECK, screen_text

from briefing.catalog import deck_in_folder, decks_in_folder
from briefing.commands import resolve_deck_argument
from briefing.ui.app import BriefingApp
from briefing.ui.screens.brief import BriefScreen
from briefing.ui.screens.picker import PickerScreen

BROKEN = "title: Broken deck\nincidents:\n  - id: a\n    title: A\n    countries: [XX]\n"


def make_folder(tmp_path):
    shutil.copytree(EXAMPLE_DECK.parent, tmp_path / "nato")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_a_folder_with_deck_yaml_is_one_deck_and_others_are_collections(tmp_path):
    folder = make_folder(tmp_path)
    assert deck_in_folder(folder / "nato") == folder / "nato" / "deck.yaml"
    assert resolve_deck_argument(str(folder / "nato")) == (folder / "nato" / "deck.yaml", None)
    assert resolve_deck_argument(str(folder)) == (None, folder)
    assert decks_in_folder(folder) == [folder / "nato" / "deck.yaml", folder / "broken.yaml"]


async def wait_for_choices(pilot, screen: PickerScreen) -> None:
    for _ in range(200):
        if screen.choices:
            return
        await pilot.pause(0.02)
    raise AssertionError("the picker never listed the decks")


async def test_picker_lists_good_decks_by_title_and_broken_ones_with_their_first_error(tmp_path):
    app = BriefingApp(folder=make_folder(tmp_path), show_clock=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for_choices(pilot, app.screen)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Airspace incursions on NATO's eastern flank" in text
        assert "broken.yaml:5:17: unknown country 'XX'" in text


async def test_enter_on_a_broken_deck_explains_and_enter_on_a_good_one_presents_it(tmp_path):
    app = BriefingApp(folder=make_folder(tmp_path), show_clock=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_for_choices(pilot, app.screen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert any("unknown country 'XX'" in str(n.message) for n in app._notifications)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        assert app.deck is not None and app.deck.title.startswith("Airspace incursions")
