"""Benchmark: the Budapest Convention (English) against German StGB + StPO together.

Target: under 2 s for the crosswalk on a 2-core machine (loading the files is timed
apart).  A plain script: ``python bench/bench_crosswalk.py [corpora folder]``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import attrs

import treatydiff
from treatydiff.crosswalk import crosswalk


def corpora_dir() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    env = os.environ.get("TREATYDIFF_CORPORA")
    return (
        Path(env) if env else Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
    )


def main() -> None:
    root = corpora_dir()
    t0 = time.perf_counter()
    budapest = treatydiff.load(
        root / "coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md"
    )
    english = next(
        top
        for top in budapest.provisions
        if any(p.number == "2" and p.kind == "article" for p in top.walk())
    )
    convention = attrs.evolve(budapest.with_provisions([english]), language="en")
    laws = [
        treatydiff.load(root / "de-stgb/stgb_index_2022-01-28.md"),
        treatydiff.load(root / "de-stpo/stpo_index_2022-01-28.md"),
    ]
    load_time = time.perf_counter() - t0
    sections = sum(len(law.articles()) for law in laws)
    nodes = sum(1 for law in laws for _ in law.walk())
    times = []
    for _ in range(5):
        t = time.perf_counter()
        result = crosswalk(convention, laws)
        times.append(time.perf_counter() - t)
    print(
        f"laws: {len(laws)} ({sections} sections, {nodes} provisions); "
        f"convention rows: {len(result.rows)}"
    )
    print(f"load: {load_time:.2f} s")
    print(
        f"crosswalk: first {times[0]:.2f} s, median {statistics.median(times):.2f} s, "
        f"best {min(times):.2f} s (target < 2 s)"
    )


if __name__ == "__main__":
    main()
