"""The public facade: a small, sorted surface whose verbs stay functions."""

from __future__ import annotations

import importlib
import inspect

import treatydiff


def test_all_is_sorted_and_complete() -> None:
    assert treatydiff.__all__ == sorted(treatydiff.__all__)
    for name in treatydiff.__all__:
        assert hasattr(treatydiff, name), name


def test_verbs_stay_functions_after_their_stages_are_imported(samples) -> None:
    # Importing treatydiff.align (the package) must not replace treatydiff.align (the verb).
    for module in ("treatydiff.align", "treatydiff.align.history", "treatydiff.safeguards",
                   "treatydiff.crosswalk", "treatydiff.render.html"):
        importlib.import_module(module)
    old = treatydiff.load(samples / "cybercrime-draft-2.txt")
    new = treatydiff.load(samples / "cybercrime-draft-3.txt")
    for _ in range(2):
        alignment = treatydiff.align(old, new)
        treatydiff.safeguards(alignment)
        treatydiff.crosswalk(old, [new])
    for verb in ("load", "loads", "align", "align_many", "redline", "safeguards", "safeguards_of",
                 "crosswalk", "compare"):
        assert inspect.isfunction(getattr(treatydiff, verb)), verb
