"""Time the safeguard analysis of the full AI Act proposal against the Council general approach.

A plain script (no timed tests): prints load, align and analysis times and the
finding counts.  Target: analysis under 2 s on one core.

    /work/venv/bin/python bench/bench_safeguards.py [corpora-dir]
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import treatydiff
from treatydiff.safeguards import safeguards

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "corpora"
DRAFTS = "eu-ai-act-drafts/md-snapshots-branch-20230404"
OLD = f"{DRAFTS}/2021-04-21-from-email.act.md"
NEW = f"{DRAFTS}/2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md"


def main(corpora: Path) -> None:
    t0 = time.perf_counter()
    old, new = treatydiff.load(corpora / OLD), treatydiff.load(corpora / NEW)
    t1 = time.perf_counter()
    alignment = treatydiff.align(old, new)
    t2 = time.perf_counter()
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        findings = safeguards(alignment)
        runs.append(time.perf_counter() - start)
    print(
        f"provisions: {sum(1 for _ in old.walk())} old, {sum(1 for _ in new.walk())} new; "
        f"matches: {len(alignment.matches)}"
    )
    print(
        f"load {t1 - t0:.2f} s, align {t2 - t1:.2f} s, "
        f"safeguards median {statistics.median(runs):.2f} s (min {min(runs):.2f}, target < 2 s)"
    )
    print(f"findings: {len(findings)}")
    for (cat, sev), n in sorted(Counter((f.category, f.severity) for f in findings).items()):
        print(f"  {cat:24} {sev:6} {n}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
