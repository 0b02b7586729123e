"""Run every benchmark in one go and keep their output with the machine it ran on.

    python bench/run.py [--out bench/results.md] [--only parse,align,...]

Each ``bench_*.py`` is run as its own process, in a fixed order, so figures from one do not inherit
the memory of another. The output (Markdown) starts with the date, the machine and the versions; the
figures in docs/performance.md are copied from such a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = (
    "parse", "readers_xml", "readers_office", "align", "redline", "safeguards", "crosswalk", "peers",
    "growth",
)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(
            int(line.split()[1]) // 1024**2
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        mem_text = f"{mem} GiB"
    except (OSError, StopIteration):
        mem_text = "?"
    versions = []
    for pkg in ("treatydiff", "rapidfuzz", "diff-match-patch", "lxml", "redlines", "xml-diff", "pdfminer.six"):
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{pkg} (not installed)")
    return (
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC\n"
        f"- machine: {cpu}, {os.cpu_count()} cores, {mem_text}, {platform.system()} {platform.release()}\n"
        f"- Python {platform.python_version()}; {', '.join(versions)}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(HERE / "results.md"))
    parser.add_argument("--only", help="comma-separated names, e.g. parse,align")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(ORDER)
    chunks = ["# treatydiff benchmark run\n", machine()]
    status = 0
    for name in names:
        script = HERE / f"bench_{name}.py"
        extra = ["--png", str(HERE.parent / "docs" / "growth.png")] if name == "growth" else []
        print(f"== {script.name}", flush=True)
        proc = subprocess.run(
            [sys.executable, str(script), *extra], capture_output=True, text=True, check=False
        )
        print(proc.stdout, end="")
        if proc.returncode:
            status = 1
            print(proc.stderr[-2000:], file=sys.stderr)
        chunks.append(f"\n## {script.name} (`python bench/{script.name}`)\n\n```\n{proc.stdout.strip()}\n```\n")
    Path(args.out).write_text("".join(chunks), encoding="utf-8")
    print(f"wrote {args.out}")
    return status


if __name__ == "__main__":
    sys.exit(main())
