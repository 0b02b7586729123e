"""Throughput of the XML/HTML readers and the Akoma Ntoso writer, in MB/s.

Run: python bench/bench_readers_xml.py [--repeat N]
Reads the shared corpora ($TREATYDIFF_CORPORA or ../shared/corpora). Prints one
line per reader: input size, best time of N runs, MB/s (input bytes / time).
"""

from __future__ import annotations

import argparse
import os
import time
from functools import partial
from pathlib import Path

from treatydiff.model import Source
from treatydiff.readers import akn, canada, clml, eurlex
from treatydiff.writers.akn import schema, to_akn, validate

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("TREATYDIFF_CORPORA", ROOT.parent / "shared" / "corpora"))

CASES = [
    (
        "canada",
        canada.read,
        "ca-mutual-legal-assistance-criminal-matters-act-M-13.6/eng_M-13.6_2025-07-31.xml",
        {},
    ),
    (
        "canada",
        canada.read,
        "ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2024-11-01.xml",
        {},
    ),
    ("clml (current)", clml.read, "uk-computer-misuse-act-1990/cma.xml", {}),
    ("clml (enacted)", clml.read, "uk-computer-misuse-act-1990/cma.xml", {"version": "enacted"}),
    ("eurlex", eurlex.read, "eu-ai-act-drafts/final-2024-1689/eu-ai-act.html", {}),
]


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not (CORPORA / "INDEX.md").is_file():
        raise SystemExit(f"corpora not found at {CORPORA} (set TREATYDIFF_CORPORA)")
    schema()  # load the XSD once, outside the timings
    print(f"{'reader':<22} {'file':<34} {'KB':>8} {'best s':>8} {'MB/s':>7}")
    for label, reader, rel, options in CASES:
        data = (CORPORA / rel).read_bytes()
        src = Source(path=rel)
        t = best(partial(reader, data, source=src, **options), args.repeat)
        name = Path(rel).name
        print(f"{label:<22} {name:<34} {len(data) / 1024:8.1f} {t:8.3f} {len(data) / t / 1e6:7.2f}")
        doc = reader(data, source=src, **options)
        xml = to_akn(doc)
        t_write = best(partial(to_akn, doc), args.repeat)
        t_read = best(partial(akn.read, xml, source=src), args.repeat)
        t_valid = best(partial(validate, xml), max(1, args.repeat // 2))
        for what, secs in (("akn write", t_write), ("akn read", t_read), ("akn validate", t_valid)):
            print(
                f"  {what:<20} {name:<34} {len(xml) / 1024:8.1f} {secs:8.3f} "
                f"{len(xml) / secs / 1e6:7.2f}"
            )


if __name__ == "__main__":
    main()
