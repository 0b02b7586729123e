"""Cost growth: time and peak memory of parse, align and redline at 1x, 4x, 16x and 64x size.

Documents are synthetic conventions (fixed seed) rendered as text, so the sizes are exact multiples and
nothing depends on the shared corpora. Each size compares a document with an edited copy (renumbering,
a moved article, rewording), like successive drafts.

    python bench/bench_growth.py [--png docs/growth.png] [--max 64]
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import time
import tracemalloc

import treatydiff

WORDS = (
    "state party shall adopt legislative measures necessary establish criminal offence domestic law "
    "intentionally without right access computer system data interference interception device "
    "production order preservation traffic content subscriber information judicial authority review "
    "proportionality necessity privacy protection cooperation assistance request refusal extradition"
).split()


def make_text(n_articles: int, seed: int, edit: bool = False) -> str:
    rnd = random.Random(seed)
    arts = []
    for a in range(n_articles):
        head = " ".join(rnd.choice(WORDS) for _ in range(3)).capitalize()
        paras = []
        for p in range(rnd.randint(1, 4)):
            words = [rnd.choice(WORDS) for _ in range(rnd.randint(15, 40))]
            paras.append(f"{p + 1}. " + " ".join(words).capitalize() + ".")
        arts.append((head, paras))
    if edit:
        edit_rnd = random.Random(seed + 1)
        arts.insert(len(arts) // 3, ("Respect for human rights", ["1. New article on human rights law."]))
        moved = arts.pop(len(arts) // 2)
        arts.append(moved)
        for head, paras in arts[:: 7]:
            if paras:
                words = paras[0].split()
                words[edit_rnd.randrange(1, len(words))] = "may"
                paras[0] = " ".join(words)
    lines = ["Synthetic convention", ""]
    for i, (head, paras) in enumerate(arts, 1):
        if (i - 1) % 10 == 0:
            lines += [f"Chapter {i // 10 + 1}", "Provisions", ""]
        lines += [f"Article {i}", head, "", *paras, ""]
    return "\n".join(lines)


def measure(fn):
    """Time one run, then peak traced memory in a second run (tracemalloc slows Python down,
    so the two are never measured together)."""
    gc.collect()
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--png", help="write a plot here")
    parser.add_argument("--max", type=int, default=64)
    parser.add_argument("--base", type=int, default=40, help="articles at 1x")
    args = parser.parse_args()
    print(f"# growth benchmark, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print("| size | articles | KB | parse s | align s | redline s | total s | peak MB |")
    print("|---|---|---|---|---|---|---|---|")
    rows = []
    # Warm up: the first parse loads and compiles the text profiles.
    treatydiff.redline(treatydiff.align(treatydiff.loads(make_text(3, 1)), treatydiff.loads(make_text(3, 2))))
    factor = 1
    while factor <= args.max:
        n = args.base * factor
        old_text, new_text = make_text(n, 7), make_text(n, 7, edit=True)
        (old, new), t_parse, m1 = measure(lambda: (treatydiff.loads(old_text), treatydiff.loads(new_text)))
        alignment, t_align, m2 = measure(lambda: treatydiff.align(old, new))
        _, t_red, m3 = measure(lambda: treatydiff.redline(alignment))
        total = t_parse + t_align + t_red
        peak = max(m1, m2, m3)
        kb = (len(old_text) + len(new_text)) / 2048
        rows.append((factor, n, kb, t_parse, t_align, t_red, total, peak))
        print(f"| {factor}x | {n} | {kb:.0f} | {t_parse:.3f} | {t_align:.3f} | {t_red:.3f} | {total:.3f} | {peak:.0f} |")
        factor *= 4
    base = rows[0]
    for r in rows[1:]:
        print(f"{r[0]}x size: time x{r[6] / base[6]:.1f}, memory x{r[7] / base[7]:.1f}")
    if args.png:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
        xs = [r[0] for r in rows]
        for idx, label in ((3, "parse"), (4, "align"), (5, "redline"), (6, "total")):
            ax1.plot(xs, [r[idx] for r in rows], marker="o", label=label)
        ax1.plot(xs, [base[6] * x for x in xs], linestyle="--", color="grey", label="linear from 1x")
        ax1.set_xscale("log", base=4)
        ax1.set_yscale("log")
        ax1.set_xlabel("document size (x base)")
        ax1.set_ylabel("seconds")
        ax1.legend()
        ax1.set_title("time")
        ax2.plot(xs, [r[7] for r in rows], marker="s", label="peak traced memory")
        ax2.set_xscale("log", base=4)
        ax2.set_yscale("log")
        ax2.set_xlabel("document size (x base)")
        ax2.set_ylabel("MB")
        ax2.set_title("memory")
        fig.tight_layout()
        fig.savefig(args.png, dpi=100)
        print(f"wrote {args.png}")


if __name__ == "__main__":
    main()
