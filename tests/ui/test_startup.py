"""The start-up work-arounds of `briefing.ui.startup` still find the Textual members they use."""

from __future__ import annotations

import gc
from importlib import import_module

import pytest

from briefing.ui.startup import TEXTUAL_PRIVATE_MEMBERS, collector_paused, resume_collector


def instance_of(class_path: str):
    module, _, name = class_path.rpartition(".")
    return getattr(import_module(module), name)()


@pytest.mark.parametrize(("class_path", "member"), TEXTUAL_PRIVATE_MEMBERS, ids=[f"{c}.{m}" for c, m in TEXTUAL_PRIVATE_MEMBERS])
def test_textuals_private_members_used_at_start_up_still_exist(class_path, member):
    import textual

    assert hasattr(instance_of(class_path), member), (
        f"Textual {textual.__version__} has no {class_path}.{member}: briefing/ui/startup.py relies on it "
        "to skip start-up work; find what it became in Textual's source and update startup.py "
        "(or drop the work-around if Textual no longer does the work it skips)"
    )


def test_the_collector_is_paused_inside_and_on_again_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("start-up failed")
    assert gc.isenabled()


def test_resuming_the_collector_moves_what_start_up_built_out_of_its_sight():
    gc.disable()
    try:
        resume_collector()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
