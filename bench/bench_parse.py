"""Parse speed of the text reader on the largest corpus Markdown file (StPO 2022).

Prints MB/s and the ratio to a plain ``re.split`` on heading lines of the same
file (the least any parser must do).  Run: ``python bench/bench_parse.py``.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import corpora_dir  # noqa: E402

from treatydiff.readers._coverage import lost_text  # noqa: E402
from treatydiff.readers._io import decode  # noqa: E402
from treatydiff.readers.text import read_text  # noqa: E402


def best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    path = corpora_dir() / "de-stpo" / "stpo_index_2022-01-28.md"
    data = path.read_bytes()
    text, _ = decode(data)
    mb = len(data) / 1e6
    heading = re.compile(r"^#+ .*$", re.M)
    parse = best_of(5, lambda: read_text(text))
    split = best_of(5, lambda: heading.split(text))
    doc = read_text(text)
    check = best_of(3, lambda: lost_text(text, doc))
    print(f"file: {path.name} ({mb:.2f} MB, {text.count(chr(10)) + 1} lines, "
          f"{len(doc.articles())} sections)")
    print(f"read_text:  {parse * 1000:7.1f} ms  {mb / parse:6.2f} MB/s (best of 5)")
    print(f"re.split:   {split * 1000:7.1f} ms  {mb / split:6.2f} MB/s")
    print(f"ratio read_text / re.split: {parse / split:.0f}x")
    print(f"lost_text:  {check * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
