"""Where the bundled deck and the built-in themes are found: a checkout, or a wheel's prefix."""

from briefing.catalog import SHARED_DATA, bundled_deck, deck_in_folder, shipped_folder
from briefing.deck import load_deck
from briefing.themes import BUILTIN_THEME_DIR


def test_a_checkout_uses_its_own_folders(tmp_path):
    (tmp_path / "checkout" / "themes").mkdir(parents=True)
    (tmp_path / "prefix" / SHARED_DATA / "themes").mkdir(parents=True)
    found = shipped_folder("themes", checkout=tmp_path / "checkout", prefixes=(str(tmp_path / "prefix"),))
    assert found == tmp_path / "checkout" / "themes"


def test_an_installed_wheel_uses_the_folders_under_its_prefix(tmp_path):
    (tmp_path / "site-packages").mkdir()
    (tmp_path / "user" / SHARED_DATA / "decks").mkdir(parents=True)
    found = shipped_folder(
        "decks", checkout=tmp_path / "site-packages", prefixes=(str(tmp_path / "venv"), str(tmp_path / "user"))
    )
    assert found == tmp_path / "user" / SHARED_DATA / "decks"


def test_the_shipped_deck_and_themes_are_there_and_valid():
    assert load_deck(bundled_deck()).ok
    assert {path.stem for path in BUILTIN_THEME_DIR.glob("*.yaml")} >= {"briefing-dark", "ansi", "mono"}


def test_a_deck_in_a_folder_we_may_not_look_into_goes_to_the_loader_to_say_why(tmp_path, out_of_reach):
    from briefing.commands import _deck_file, resolve_deck_argument

    deck = tmp_path / "theirs" / "deck.yaml"
    out_of_reach(tmp_path / "theirs")
    assert resolve_deck_argument(str(deck)) == (deck, None)
    assert resolve_deck_argument(str(tmp_path / "theirs" / "folder")) == (tmp_path / "theirs" / "folder", None)
    assert _deck_file(str(deck)) == deck
    assert deck_in_folder(tmp_path / "theirs") is None
