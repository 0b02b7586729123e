"""treatydiff against what a user would otherwise pick, on the same real pairs, in the same run.

For each pair of versions in the shared corpora it measures time and peak memory (tracemalloc) and what
each tool can say about the change:

- treatydiff: load + align + redline HTML; provisions reported changed, moved, renumbered, split/merged.
- difflib word diff (``SequenceMatcher`` over the words of the two files): change hunks.
- ``difflib.HtmlDiff`` (line table) on the pairs where it finishes in reasonable time.
- ``xml_diff`` (one ``<p>`` per line, as a user would feed plain text to it): ``<ins>``/``<del>`` spans.
- ``redlines``: changed spans in its Markdown output.

and, for alignment quality, a **naive all-pairs matcher** (each old article to the new article with the
highest ``rapidfuzz.fuzz.token_sort_ratio``, Python loop over all pairs, cut-off 60) against
``treatydiff.align`` on a fixed-seed synthetic suite with known true mappings, and on the StPO number-reuse
trap.

    python bench/bench_peers.py [--repeat 1] [--skip-slow]
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from conftest import corpora_dir  # noqa: E402
from strategies import edit_document, random_treaty  # noqa: E402

import treatydiff  # noqa: E402

PAIRS = [
    ("Budapest 2007 vs 2012 (formatting only)", "coe-budapest-convention-ets185/BWBV0001839_README_2007-03-01.md",
     "coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md", True),
    ("Canada I-20.7 2023 -> 2025", "ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2023-09-18.xml",
     "ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2025-11-04.xml", True),
    ("NL Sr 2015-06-16 -> 06-30", "nl-wetboek-van-strafrecht/BWBR0001854_README_2015-06-16.md",
     "nl-wetboek-van-strafrecht/BWBR0001854_README_2015-06-30.md", False),
    ("AI Act COM -> Council GA", "eu-ai-act-drafts/md-snapshots-branch-20230103/2021-04-21-AIA-COM-Proposal-21-April-21.act.md",
     "eu-ai-act-drafts/md-snapshots-branch-20230103/2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md", False),
    ("DE StPO 2013 -> 2022", "de-stpo/stpo_index_2013-01-11.md", "de-stpo/stpo_index_2022-01-28.md", False),
]


def measure(fn: Callable[[], Any], *, memory_limit_s: float = 20.0) -> tuple[Any, float, float]:
    """Seconds of one plain run, then peak traced MB of a second run under tracemalloc (which
    slows Python code down, so it never shares a run with the timing). Runs slower than
    ``memory_limit_s`` are not repeated for memory (NaN)."""
    gc.collect()
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    if seconds > memory_limit_s:
        return out, seconds, float("nan")
    gc.collect()
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return out, seconds, peak


def file_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


# -- the tools -------------------------------------------------------------------


def run_treatydiff(old_path: Path, new_path: Path) -> str:
    old, new = treatydiff.load(old_path), treatydiff.load(new_path)
    alignment = treatydiff.align(old, new)
    treatydiff.redline(alignment)
    units = [m for m in alignment.matches if m.level in ("article", "section")]
    changed = sum(1 for m in alignment.matches if m.kind not in ("unchanged",))
    moved = sum(1 for m in alignment.matches if m.moved)
    renum = sum(1 for m in units if m.renumbered)
    split = sum(1 for m in alignment.matches if m.kind in ("split", "merged"))
    return f"{changed} provisions changed; {renum} renumbered, {moved} moved, {split} split/merged"


def run_difflib_words(a: str, b: str) -> str:
    sm = difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False)
    hunks = sum(1 for op in sm.get_opcodes() if op[0] != "equal")
    return f"{hunks} word hunks; no structure"


def run_htmldiff(a: str, b: str) -> str:
    html = difflib.HtmlDiff(wrapcolumn=100).make_file(a.splitlines(), b.splitlines())
    spans = sum(html.count(f'class="{c}"') for c in ("diff_chg", "diff_add", "diff_sub"))
    return f"{spans} marked spans; lines, no structure"


def run_xml_diff(a: str, b: str) -> str:
    import lxml.etree as etree
    import xml_diff

    def tree(lines: list[str]) -> Any:
        root = etree.Element("doc")
        for line in lines:
            etree.SubElement(root, "p").text = line
        return root

    ta, tb = tree(a.splitlines()), tree(b.splitlines())
    xml_diff.compare(ta, tb)
    spans = len(tb.findall(".//ins")) + len(tb.findall(".//del")) + len(ta.findall(".//ins")) + len(ta.findall(".//del"))
    return f"{spans} ins/del spans; no structure"


def run_redlines(a: str, b: str) -> str:
    from redlines import Redlines

    out = Redlines(a, b).output_markdown
    return f"{len(re.findall(r'<(?:ins|del|span)', out))} changed spans; no structure"


# -- naive matcher ---------------------------------------------------------------------


def naive_align(old: treatydiff.Document, new: treatydiff.Document) -> set[tuple[str, str]]:
    """What a user writes first: each old article to its best-scoring new article (all pairs)."""
    from rapidfuzz import fuzz

    olds = [(a.eid, a.full_text()) for a in old.articles()]
    news = [(a.eid, a.full_text()) for a in new.articles()]
    out = set()
    for oe, ot in olds:
        best, best_score = None, 60.0
        for ne, nt in news:
            s = fuzz.token_sort_ratio(ot, nt)
            if s > best_score:
                best, best_score = ne, s
        if best is not None:
            out.add((oe, best))
    return out


def prf(found: set, expected: set) -> tuple[float, float, float]:
    tp = len(found & expected)
    p = tp / len(found) if found else 1.0
    r = tp / len(expected) if expected else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def synthetic_quality(n_docs: int) -> None:
    found_t: set = set()
    found_n: set = set()
    expected: set = set()
    t_ours = t_naive = 0.0
    for boiler in (0.0, 0.8):
        for k in range(n_docs):
            rng = random.Random(424242 + k + int(boiler * 1000))
            doc = random_treaty(rng, rng.randint(8, 30), boilerplate=boiler)
            new, truth = edit_document(doc, rng, n_edits=rng.randint(1, 6), renumber=rng.random() < 0.7)
            exp = {(boiler, k, o, n) for o, n in truth.at("article")}
            t0 = time.perf_counter()
            al = treatydiff.align(doc, new)
            t_ours += time.perf_counter() - t0
            t0 = time.perf_counter()
            naive = naive_align(doc, new)
            t_naive += time.perf_counter() - t0
            ours = {(boiler, k, o, n) for o, n in al.pairs("article")}
            expected |= exp
            found_t |= ours
            found_n |= {(boiler, k, (o,), (n,)) for o, n in naive}
    p, r, f = prf(found_t, expected)
    pn, rn, fn = prf(found_n, expected)
    print(f"\nsynthetic suite ({2 * n_docs} edited treaties, half with 80% boilerplate), article pairs:")
    print(f"  treatydiff.align     P {p:.3f} R {r:.3f} F1 {f:.3f}   {t_ours:.2f} s")
    print(f"  naive all-pairs      P {pn:.3f} R {rn:.3f} F1 {fn:.3f}   {t_naive:.2f} s")


def stpo_trap(base: Path) -> None:
    old = treatydiff.load(base / "de-stpo/stpo_index_2013-01-11.md")
    new = treatydiff.load(base / "de-stpo/stpo_index_2022-01-28.md")
    (_, naive_s, _) = measure(lambda: naive_align(old, new))
    naive = naive_align(old, new)
    al = treatydiff.align(old, new)
    old_b = next(a for a in old.articles() if a.number == "100b")
    naive_target = next((new.get(n).number for o, n in naive if o == old_b.eid), None)
    m = al.for_old(old_b.eid)
    went = []
    for child in old_b.children:
        cm = al.for_old(child.eid)
        if cm is not None and cm.new:
            went.append(f"{old.citation(child.eid)} -> {', '.join(new.citation(e) for e in cm.new)}")
    print(f"\nStPO number reuse: old § 100b -> naive all-pairs: § {naive_target} ({naive_s:.1f} s); "
          f"treatydiff: section {m.kind if m else 'unmatched'}; its paragraphs: {'; '.join(went)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-slow", action="store_true", help="no HtmlDiff/redlines on large pairs")
    parser.add_argument("--quality-only", action="store_true", help="skip the real pairs")
    parser.add_argument("--synthetic", type=int, default=60, help="documents per boilerplate setting")
    args = parser.parse_args()
    base = corpora_dir()
    if not (base / "INDEX.md").is_file():
        sys.exit(f"corpora not found at {base} (set TREATYDIFF_CORPORA)")
    print("| pair | tool | seconds | x treatydiff | peak MB | what it reports |")
    print("|---|---|---|---|---|---|")
    for label, a_rel, b_rel, small in [] if args.quality_only else PAIRS:
        a_path, b_path = base / a_rel, base / b_rel
        a, b = file_text(a_path), file_text(b_path)
        ours, t_ours, m_ours = measure(lambda: run_treatydiff(a_path, b_path))
        print(f"| {label} | treatydiff (load+align+redline) | {t_ours:.2f} | 1 | {m_ours:.0f} | {ours} |")
        tools: list[tuple[str, Callable[[], str]]] = [
            ("difflib word diff", lambda: run_difflib_words(a, b)),
            ("xml_diff", lambda: run_xml_diff(a, b)),
        ]
        if small or not args.skip_slow:
            tools.append(("redlines", lambda: run_redlines(a, b)))
        if small:
            tools.append(("difflib.HtmlDiff", lambda: run_htmldiff(a, b)))
        for name, fn in tools:
            try:
                out, t, m = measure(fn)
            except Exception as exc:  # a peer failing is a result too
                print(f"| {label} | {name} | - | - | - | failed: {type(exc).__name__}: {exc} |")
                continue
            print(f"| {label} | {name} | {t:.2f} | {t / t_ours:.1f} | {m:.0f} | {out} |", flush=True)
    synthetic_quality(args.synthetic)
    stpo_trap(base)


if __name__ == "__main__":
    main()
