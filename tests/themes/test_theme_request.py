"""A run's theme sources: the deck's `theme:` and where it is written, and the files to follow."""

from __future__ import annotations

from theme_files import write

from briefing.deck import load_deck
from briefing.themes.request import ThemeRequest


def test_the_decks_theme_place_comes_from_the_loaded_deck(tmp_path):
    deck_path = write(tmp_path / "deck", "deck.yaml", "title: T\n# the look\ntheme:   nowhere-theme\n")
    request = ThemeRequest.for_deck(None, load_deck(deck_path).deck, user_dir=tmp_path / "user", environ={})
    assert (request.deck_place.line, request.deck_place.column) == (3, 10)
    warning = request.select().choice.diagnostics[0]
    assert str(warning).startswith(f"{deck_path}:3:10: warning: the deck's theme 'nowhere-theme' is unknown")


def test_followed_files_are_the_theme_folders_files_and_the_named_files(tmp_path):
    builtin = write(tmp_path / "builtin", "a.yaml", "primary: red\n").parent
    user = write(tmp_path / "user", "b.yml", "primary: red\n").parent
    write(user, ".hidden.yaml", "primary: red\n")
    write(user, "notes.txt", "not a theme\n")
    deck_path = write(tmp_path / "deck", "deck.yaml", "title: T\ntheme: look.yaml\n")
    request = ThemeRequest.for_deck(None, load_deck(deck_path).deck, user_dir=user, builtin_dir=builtin, environ={})
    assert set(request.followed_files()) == {builtin / "a.yaml", user / "b.yml", deck_path.parent / "look.yaml"}


def test_a_deck_without_a_theme_follows_only_the_folders(tmp_path):
    builtin = write(tmp_path / "builtin", "a.yaml", "primary: red\n").parent
    request = ThemeRequest(user_dir=tmp_path / "missing", builtin_dir=builtin, environ={})
    assert request.followed_files() == (builtin / "a.yaml",)
