"""Redline speed: EU AI Act COM proposal (2021) -> Council general approach (2022).

treatydiff (alignment + per-provision word diff + HTML) against, in the same
run and on the same two files: ``difflib.HtmlDiff`` (line table),
``xml_diff`` (GovTrack's word diff of two XML trees, one element per line) and
``redlines`` (word diff of the two whole texts, Markdown output).  Prints
seconds (best of N) and ratios.  The others do not align provisions and diff
whole documents, so they answer an easier question; the ratio says what the
alignment and the per-provision diff cost.

Run: ``python bench/bench_redline.py [--repeat N] [--ours-only]``; ``--ours-only``
skips the other tools (``difflib.HtmlDiff`` alone takes about a minute a run)
and prints the median beside the best of the treatydiff steps.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import corpora_dir  # noqa: E402

import treatydiff  # noqa: E402
from treatydiff.align import align  # noqa: E402
from treatydiff.render.html import redline  # noqa: E402

FOLDER = "eu-ai-act-drafts/md-snapshots-branch-20230103"
OLD = "2021-04-21-AIA-COM-Proposal-21-April-21.act.md"
NEW = "2022-12-06-CONSIL_ST_15698_2022_INIT_EN_TXT.act.md"


MEDIANS: dict[str, float] = {}


def best_of(n: int, fn, name: str = ""):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(n):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    if name:
        MEDIANS[name] = statistics.median(times)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool (best is kept)")
    parser.add_argument(
        "--ours-only", action="store_true", help="time treatydiff only, not the other tools"
    )
    args = parser.parse_args()
    folder = corpora_dir() / FOLDER
    if not folder.is_dir():
        sys.exit(f"corpus not found: {folder} (set TREATYDIFF_CORPORA)")
    old_text = (folder / OLD).read_text(encoding="utf-8")
    new_text = (folder / NEW).read_text(encoding="utf-8")
    n = args.repeat
    print(f"old: {OLD} ({len(old_text) / 1e3:.0f} kB)\nnew: {NEW} ({len(new_text) / 1e3:.0f} kB)")

    t_load, (old, new) = best_of(
        n, lambda: (treatydiff.load(folder / OLD), treatydiff.load(folder / NEW))
    )
    t_align, alignment = best_of(n, lambda: align(old, new), "treatydiff align")
    t_render, page = best_of(n, lambda: redline(alignment), "treatydiff redline HTML")
    MEDIANS["treatydiff align+redline"] = (
        MEDIANS["treatydiff align"] + MEDIANS["treatydiff redline HTML"]
    )
    ours = t_align + t_render
    rows = [
        ("treatydiff load (both)", t_load, None),
        ("treatydiff align", t_align, None),
        ("treatydiff redline HTML", t_render, len(page)),
        ("treatydiff align+redline", ours, len(page)),
    ]

    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    if args.ours_only:
        print(f"\n{'step (best / median of ' + str(n) + ')':28} {'best':>9} {'median':>9}")
        for name, seconds, _ in rows:
            if name in MEDIANS:
                print(f"{name:28} {seconds:9.3f} {MEDIANS[name]:9.3f}")
        return
    t, out = best_of(n, lambda: difflib.HtmlDiff(wrapcolumn=100).make_file(old_lines, new_lines))
    rows.append(("difflib.HtmlDiff", t, len(out)))

    try:
        import lxml.etree as etree
        import xml_diff

        def xml_pair():
            def tree(lines):
                root = etree.Element("doc")
                for line in lines:
                    etree.SubElement(root, "p").text = line
                return root

            a, b = tree(old_lines), tree(new_lines)
            xml_diff.compare(a, b)
            return etree.tostring(b)

        t, out = best_of(n, xml_pair)
        rows.append(("xml_diff.compare", t, len(out)))
    except ImportError:
        print("xml_diff not installed: pip install xml-diff")

    try:
        from redlines import Redlines

        t, out = best_of(n, lambda: Redlines(old_text, new_text).output_markdown)
        rows.append(("redlines (markdown)", t, len(out)))
    except ImportError:
        print("redlines not installed: pip install redlines")

    print(f"\n{'tool':28} {'seconds':>9} {'output kB':>10} {'vs treatydiff':>14}")
    for name, seconds, size in rows:
        ratio = f"{seconds / ours:13.2f}x" if not name.startswith("treatydiff") else ""
        kb = f"{size / 1e3:10.0f}" if size else " " * 10
        print(f"{name:28} {seconds:9.3f} {kb} {ratio:>14}")
    kinds: dict[str, int] = {}
    for m in alignment.matches:
        kinds[m.kind] = kinds.get(m.kind, 0) + 1
    print("\nmatches:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
