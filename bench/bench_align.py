"""Alignment benchmark: accuracy on synthetic edits, speed and memory on real drafts.

Run: ``python bench/bench_align.py [--quick]``.  Prints a table; no figure is
asserted (speed depends on the machine).  Everything is seeded, so two runs
give the same accuracy figures.

1. Accuracy on >= 200 synthetic conventions, each edited with known edits
   (tests/strategies.py ``edit_document``): F1 of the article and paragraph
   pairs, recall of moved, renumbered, split and merged provisions, F1 on
   boilerplate-heavy documents, and calibration (precision per score band).
2. Speed and peak memory (tracemalloc) on the EU AI Act Commission proposal
   vs the Council general approach, when the shared corpora are present.
3. Growth: synthetic documents of 1x, 4x and 16x the AI Act's size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from strategies import edit_document, random_treaty  # noqa: E402

from treatydiff.align import align  # noqa: E402

AI_ACT = "eu-ai-act-drafts/md-snapshots-branch-20230103/"
AI_OLD = AI_ACT + "2021-04-21-AIA-COM-Proposal-21-April-21.act.md"
AI_NEW = AI_ACT + "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md"


def prf(found: set, expected: set) -> tuple[float, float, float]:
    tp = len(found & expected)
    p = tp / len(found) if found else 1.0
    r = tp / len(expected) if expected else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def accuracy(n_docs: int, *, boilerplate: float, seed: int) -> dict[str, float]:
    found_art: set = set()
    exp_art: set = set()
    found_par: set = set()
    exp_par: set = set()
    moved = [0, 0, 0]  # recovered pair, flagged moved, total
    renum = [0, 0]
    splits = [0, 0]
    bands: dict[str, list[int]] = {}
    for k in range(n_docs):
        rng = random.Random(seed * 100_000 + k)
        doc = random_treaty(rng, rng.randint(8, 30), boilerplate=boilerplate)
        new, truth = edit_document(doc, rng, n_edits=rng.randint(1, 6), renumber=rng.random() < 0.7)
        result = align(doc, new)
        fa = {(k, o, n) for o, n in result.pairs("article")}
        ea = {(k, o, n) for o, n in truth.at("article")}
        fp = {(k, o, n) for o, n in result.pairs("paragraph")}
        ep = {(k, o, n) for o, n in truth.at("paragraph")}
        found_art |= fa
        exp_art |= ea
        found_par |= fp
        exp_par |= ep
        for _, eid in truth.moved:
            m = result.for_old(eid)
            want = next(n for _, o, n in truth.pairs if o == (eid,))
            moved[2] += 1
            if m is not None and m.new == want:
                moved[0] += 1
                moved[1] += m.moved
        for level, o, n in truth.pairs:
            if level != "article" or len(o) != 1 or len(n) != 1:
                if level in ("article", "paragraph") and (len(o) > 1 or len(n) > 1):
                    splits[1] += 1
                    m = result.for_old(o[0])
                    splits[0] += m is not None and (m.old, m.new) == (o, n)
                continue
            if doc.get(o[0]).number != new.get(n[0]).number:
                renum[1] += 1
                m = result.for_old(o[0])
                renum[0] += m is not None and m.new == n
        truth_pairs = {(o, n) for lv, o, n in truth.pairs}
        for m in result.matches:
            if m.old and m.new and m.level in ("article", "paragraph"):
                band = "0.9-1.0" if m.score >= 0.9 else "0.75-0.9" if m.score >= 0.75 else "<0.75"
                bands.setdefault(band, [0, 0])
                bands[band][0] += (m.old, m.new) in truth_pairs
                bands[band][1] += 1
    out = {
        "article P/R/F1": prf(found_art, exp_art),
        "paragraph P/R/F1": prf(found_par, exp_par),
        "moved recall (pair)": moved[0] / max(moved[2], 1),
        "moved flagged": moved[1] / max(moved[2], 1),
        "renumbered recall": renum[0] / max(renum[1], 1),
        "split/merge recall": splits[0] / max(splits[1], 1),
        "counts": f"{moved[2]} moved, {renum[1]} renumbered, {splits[1]} split/merge",
    }
    for band in sorted(bands):
        ok, total = bands[band]
        out[f"precision at score {band}"] = f"{ok / total:.3f} ({total} matches)"
    return out


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer documents (smoke run)")
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    args = parser.parse_args()
    n = 40 if args.quick else 240

    rows: list[tuple[str, str]] = []
    t = time.perf_counter()
    for key, value in accuracy(n, boilerplate=0.25, seed=1).items():
        rows.append((f"[{n} docs] {key}", _fmt(value)))
    for key, value in accuracy(max(n // 4, 20), boilerplate=0.8, seed=2).items():
        if "P/R/F1" in key or key.startswith("precision"):
            rows.append((f"[boilerplate 80%] {key}", _fmt(value)))
    rows.append(("accuracy suite wall time (s)", f"{time.perf_counter() - t:.1f}"))

    corpora = Path(args.corpora)
    if (corpora / AI_OLD).is_file():
        import treatydiff

        old = treatydiff.load(corpora / AI_OLD)
        new = treatydiff.load(corpora / AI_NEW)
        size = sum(1 for _ in old.walk()) + sum(1 for _ in new.walk())
        rows.append(("AI Act COM -> Council GA provisions", str(size)))
        for level in ("article", "paragraph"):
            s = timed(lambda level=level: align(old, new, level=level))
            rows.append((f"AI Act align, level={level} (s, median of 3)", f"{s:.3f}"))
        rows.append(
            (
                "AI Act align peak memory (MB, tracemalloc)",
                f"{peak_mb(lambda: align(old, new)):.1f}",
            )
        )
        summary = align(old, new).summary("article")
        rows.append(("AI Act articles", ", ".join(f"{k} {v}" for k, v in summary.items() if v)))
    else:
        rows.append(("AI Act pair", f"skipped: {corpora / AI_OLD} not found"))

    base = None
    for factor in (1, 4, 16):
        rng = random.Random(99)
        doc = random_treaty(rng, 110 * factor, boilerplate=0.25)
        new, _ = edit_document(doc, rng, n_edits=11 * factor, renumber=True)
        s = timed(lambda doc=doc, new=new: align(doc, new), repeat=1 if factor == 16 else 3)
        base = base or s
        mem = (
            peak_mb(lambda doc=doc, new=new: align(doc, new))
            if factor < 16 or not args.quick
            else 0
        )
        rows.append(
            (
                f"synthetic {factor:>2}x ({110 * factor} articles)",
                f"{s:.3f} s ({s / base:.1f}x time), peak {mem:.0f} MB",
            )
        )

    width = max(len(k) for k, _ in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for key, value in rows:
        print(f"{key.ljust(width)}  {value}")


def _fmt(value) -> str:
    if isinstance(value, tuple):
        return " / ".join(f"{v:.4f}" for v in value)
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


if __name__ == "__main__":
    main()
