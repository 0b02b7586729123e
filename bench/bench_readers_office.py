"""Throughput of the Word and PDF readers (MB/s), printed as plain figures.

PDF: the Commission's AI Act proposal COM(2021) 206 from the shared corpora
(108 pages), read whole, then only its first 10 pages (``pages=``), split into
pdfminer's layout analysis and the rest.  DOCX: a generated 100-article
convention with automatic numbering, tracked changes and footnotes.

Run: ``python bench/bench_readers_office.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from treatydiff.model import Source  # noqa: E402
from treatydiff.readers import docx as docx_reader  # noqa: E402
from treatydiff.readers import pdf as pdf_reader  # noqa: E402


def corpora() -> Path:
    env = os.environ.get("TREATYDIFF_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


def generated_docx(articles: int = 100) -> bytes:
    from docx_builder import DocxBuilder

    b = DocxBuilder()
    b.title("Generated convention")
    paras = b.numbering([("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")])
    abstract = b.abstract_of(paras)
    for n in range(1, articles + 1):
        if n % 10 == 1:
            b.heading(f"Chapter {n // 10 + 1}", level=1)
        b.heading(f"Article {n}", level=2)
        b.heading(f"Heading of article {n}", level=3)
        num = b.list_instance(abstract, restart={0: 1})
        for k in range(3):
            p = b.paragraph(
                "Each State Party shall adopt such legislative and other measures as may be "
                "necessary to establish as criminal offences under its domestic law ",
                num=num,
            )
            b.delete(p, "when committed intentionally.")
            b.insert(p, "when committed intentionally and without right.")
            if k == 0:
                b.footnote(p, f"Note on article {n}.")
            for _ in range(2):
                b.paragraph(
                    "the access to the whole or any part of a computer system;", num=num, ilvl=1
                )
    return b.to_bytes()


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    data = generated_docx()
    mb = len(data) / 1e6
    for revision in ("accepted", "rejected"):
        t = timed(lambda r=revision: docx_reader.extract(data, revision=r), args.repeat)
        print(f"docx extract ({revision}): {len(data)} bytes, {t * 1000:.1f} ms, {mb / t:.2f} MB/s")
    try:
        t = timed(lambda: docx_reader.read(data, source=Source(path="gen.docx")), args.repeat)
        print(f"docx read (to a Document): {t * 1000:.1f} ms, {mb / t:.2f} MB/s")
    except ImportError as exc:  # the text reader is written separately
        print(f"docx read skipped: {exc}")

    pdf = corpora() / "eu-ai-act-drafts" / "pdf" / "AIA-COM-Proposal-21-April-21.pdf"
    if not pdf.is_file():
        print(f"pdf skipped: {pdf} not found")
        return
    pdata = pdf.read_bytes()
    pmb = len(pdata) / 1e6
    repeat = max(1, args.repeat // 2)
    t_extract = timed(lambda: pdf_reader.extract(pdata, name=pdf.name), repeat)
    print(
        f"pdf extract (108 pages): {len(pdata)} bytes, {t_extract:.2f} s, "
        f"{pmb / t_extract:.3f} MB/s, "
        f"{108 / t_extract:.1f} pages/s"
    )
    t10 = timed(lambda: pdf_reader.extract(pdata, name=pdf.name, pages=range(1, 11)), repeat)
    print(f"pdf extract (pages 1-10 only): {t10:.2f} s")
    t_read = timed(lambda: pdf_reader.read(pdata, source=Source(path=pdf.name)), repeat)
    print(
        f"pdf read (to a Document): {t_read:.2f} s, {pmb / t_read:.3f} MB/s "
        f"(structure parsing {t_read - t_extract:.2f} s)"
    )


if __name__ == "__main__":
    main()
