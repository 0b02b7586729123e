"""The ``treatydiff`` command: a thin layer over the public facade.

It parses arguments, calls :mod:`treatydiff`, writes the result, and maps
errors to exit statuses: 0 success, 2 a user mistake (bad file, unknown
format, unreadable text: one line naming the file and what was expected), 1
an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import treatydiff
from treatydiff.errors import TreatydiffError

PROG = "treatydiff"


def _load(path: str, args: argparse.Namespace, side: str | None = None) -> treatydiff.Document:
    """Read ``path`` with the command's reader options; ``side`` ("old" or
    "new") lets --old-revision / --new-text-version and the like override them
    for one side, so one file can be compared with itself (a DOCX's rejected
    against its accepted text, a CLML act as enacted against as amended)."""
    options: dict[str, Any] = {}
    if getattr(args, "encoding", None):
        options["encoding"] = args.encoding
    if getattr(args, "profile", None):
        options["profile"] = args.profile
    if getattr(args, "language", None):
        options["language"] = args.language
    if getattr(args, "revision", None):
        options["revision"] = args.revision
    if getattr(args, "text_version", None):
        options["version"] = args.text_version
    if getattr(args, "amending", None):
        options["amending"] = args.amending
    if side is not None:
        for name, option in (("revision", "revision"), ("text_version", "version")):
            value = getattr(args, f"{side}_{name}", None)
            if value:
                options[option] = value
    return treatydiff.load(path, format=getattr(args, "format", "auto"), **options)


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    assert output is not None
    out = Path(output)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8", newline="\n")


def _dumps(data: Any) -> str:
    from treatydiff._serial import dumps

    return dumps(data)


# -- commands -----------------------------------------------------------------


def cmd_parse(args: argparse.Namespace) -> int:
    doc = _load(args.file, args)
    if args.output_format == "json":
        _write(_dumps(doc.to_dict()), args.output)
    elif args.output_format == "akn":
        from treatydiff.writers.akn import to_akn

        _write(to_akn(doc).decode("utf-8"), args.output)
    else:
        text = doc.outline(depth=args.depth)
        units = doc.articles()
        text += f"\n\n{len(units)} articles/sections, {sum(1 for _ in doc.walk())} provisions"
        if doc.removed:
            text += f"; {len(doc.removed)} lines of page furniture removed (see --json)"
        _write(text, args.output)
    return 0


def _align(args: argparse.Namespace) -> treatydiff.Alignment:
    old = _load(args.old, args, "old")
    new = _load(args.new, args, "new")
    options = {}
    if getattr(args, "level", None):
        options["level"] = args.level
    return treatydiff.align(old, new, **options)


def cmd_compare(args: argparse.Namespace) -> int:
    from treatydiff.align._serial import alignment_to_dict, format_alignment_text

    alignment = _align(args)
    if args.json:
        _write(_dumps(alignment_to_dict(alignment)), args.output)
    else:
        _write(format_alignment_text(alignment), args.output)
    return 0


def cmd_redline(args: argparse.Namespace) -> int:
    alignment = _align(args)
    from treatydiff.safeguards import review

    lex = args.lexicon
    findings = () if args.no_findings else treatydiff.safeguards(alignment, lexicon=lex)
    reworded = () if args.no_findings else review(alignment, findings=findings, lexicon=lex)
    html = treatydiff.redline(alignment, findings=findings, review=reworded)
    _write(html, args.output)
    if args.output not in (None, "-"):
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _findings_out(findings, alignment, fmt: str, review=None, lexicon=None) -> str:
    from treatydiff.safeguards import report

    if fmt == "json":
        if review is None:
            return _dumps(report.findings_to_dicts(findings))
        return _dumps(
            {
                "findings": report.findings_to_dicts(findings),
                "review": report.findings_to_dicts(review),
            }
        )
    if fmt == "csv":
        return report.findings_to_csv(tuple(findings) + tuple(review or ()))
    return report.findings_to_markdown(findings, alignment, review or (), lexicon)


def cmd_safeguards(args: argparse.Namespace) -> int:
    from treatydiff.safeguards import lexicon_for, review

    alignment = _align(args)
    findings = treatydiff.safeguards(alignment, lexicon=args.lexicon)
    reworded = review(alignment, findings=findings, lexicon=args.lexicon) if args.review else None
    lex = lexicon_for(args.lexicon, alignment.new, alignment.old)
    _write(_findings_out(findings, alignment, args.output_format, reworded, lex), args.output)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from treatydiff.safeguards import lexicon_for

    doc = _load(args.file, args)
    findings = treatydiff.safeguards_of(doc, lexicon=args.lexicon)
    lex = lexicon_for(args.lexicon, doc)
    _write(_findings_out(findings, None, args.output_format, None, lex), args.output)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    docs = [_load(p, args) for p in args.files]
    history = treatydiff.align_many(docs)
    if args.output_format == "csv":
        _write(history.to_csv(), args.output)
    elif args.output_format == "html":
        from treatydiff.render.html import history_html

        _write(history_html(history), args.output)
    else:
        _write(_dumps(history.records()), args.output)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The main job: redlines, safeguard findings and history for successive drafts."""
    from treatydiff.render.html import history_html
    from treatydiff.safeguards import lexicon_for, report, review

    if len(args.files) < 2:
        raise TreatydiffError("report needs at least two drafts", expected="OLD NEW [NEWER ...]")
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    docs = [_load(p, args) for p in args.files]
    lines = []
    for i in range(len(docs) - 1):
        old, new = docs[i], docs[i + 1]
        alignment = treatydiff.align(old, new)
        findings = treatydiff.safeguards(alignment, lexicon=args.lexicon)
        stem = f"{i + 1:02d}-{Path(args.files[i]).stem}--{Path(args.files[i + 1]).stem}"
        reworded = review(alignment, findings=findings, lexicon=args.lexicon)
        (out / f"{stem}.html").write_text(
            treatydiff.redline(alignment, findings=findings, review=reworded),
            encoding="utf-8",
            newline="\n",
        )
        (out / f"{stem}-safeguards.md").write_text(
            report.findings_to_markdown(
                findings, alignment, reworded, lexicon_for(args.lexicon, new, old)
            ),
            encoding="utf-8",
            newline="\n",
        )
        counts: dict[str, int] = {}
        for m in alignment.matches:
            if m.level in ("article", "section"):
                counts[m.kind] = counts.get(m.kind, 0) + 1
        weakened = sum(1 for f in findings if f.direction == "weakened")
        strengthened = sum(1 for f in findings if f.direction == "strengthened")
        summary = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
        lines.append(
            f"{Path(args.files[i]).name} -> {Path(args.files[i + 1]).name}: articles {summary}; "
            f"safeguards {weakened} weakened, {strengthened} strengthened, "
            f"{len(reworded)} reworded to read -> {out / stem}.html"
        )
    if len(docs) > 2:
        history = treatydiff.align_many(docs)
        (out / "history.html").write_text(history_html(history), encoding="utf-8", newline="\n")
        (out / "history.csv").write_text(history.to_csv(), encoding="utf-8", newline="\n")
        lines.append(f"history of {len(docs)} drafts -> {out / 'history.html'}")
    print("\n".join(lines))
    return 0


def cmd_crosswalk(args: argparse.Namespace) -> int:
    convention = _load(args.convention, args)
    laws = [_load(p, args) for p in args.laws]
    result = treatydiff.crosswalk(convention, laws)
    if args.output_format == "csv":
        _write(result.to_csv(table=args.table), args.output)
    elif args.output_format == "html":
        _write(result.to_html(), args.output)
    else:
        _write(_dumps(result.to_dict()), args.output)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from treatydiff.batch import run_batch

    client = None
    if args.dask:
        from dask.distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        summary = run_batch(
            args.manifest,
            args.output,
            executor="dask" if args.dask else "local",
            client=client,
            progress=not args.quiet,
        )
    finally:
        if client is not None:
            client.close()
    print(summary, file=sys.stderr)
    return 0 if not summary.failed else 3


# -- argument parsing -----------------------------------------------------------


def _common(p: argparse.ArgumentParser) -> None:
    from treatydiff.readers import FORMATS

    p.add_argument(
        "--format", default="auto", choices=FORMATS, help="input format (default: detect)"
    )
    p.add_argument("--encoding", help="text encoding of legacy files, e.g. cp1252")
    p.add_argument("--profile", help="text profile name or path to a TOML profile")
    p.add_argument("--language", help="language of a text file (en, fr, es, ru, ar, zh, nl, de)")
    p.add_argument(
        "--revision",
        choices=("accepted", "rejected"),
        help="DOCX tracked changes: read the accepted (default) or the rejected text",
    )
    p.add_argument(
        "--text-version",
        choices=("current", "enacted"),
        help="legislation.gov.uk XML: the text as amended (default) or as enacted",
    )
    p.add_argument(
        "--amending",
        choices=("metadata", "annex", "drop"),
        help="Justice Canada XML: where amendments not in force go (default metadata)",
    )
    p.add_argument("-o", "--output", help="write here instead of standard output")
    p.add_argument(
        "--lexicon",
        help="safeguard lexicon: en, de, nl (fr, es: skeletons) or a TOML path "
        "(default: the documents' language, else en)",
    )


def _sides(p: argparse.ArgumentParser) -> None:
    """Reader options for one side of a comparison only."""
    for side in ("old", "new"):
        p.add_argument(
            f"--{side}-revision",
            choices=("accepted", "rejected"),
            help=f"DOCX tracked changes, {side} side only (overrides --revision)",
        )
        p.add_argument(
            f"--{side}-text-version",
            choices=("current", "enacted"),
            help=f"legislation.gov.uk XML, {side} side only (overrides --text-version)",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Compare drafts of conventions and national laws, provision by provision.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {treatydiff.__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse a file and print its outline or JSON")
    p.add_argument("file")
    _common(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", dest="output_format", action="store_const", const="json")
    g.add_argument("--outline", dest="output_format", action="store_const", const="outline")
    g.add_argument(
        "--akn", dest="output_format", action="store_const", const="akn", help="Akoma Ntoso 3.0 XML"
    )
    p.add_argument("--depth", type=int, default=2, help="outline depth (default 2)")
    p.set_defaults(func=cmd_parse, output_format="outline")

    p = sub.add_parser("compare", help="align two versions and list the matches")
    p.add_argument("old")
    p.add_argument("new")
    _common(p)
    _sides(p)
    p.add_argument("--json", action="store_true", help="treatydiff/alignment@1 JSON")
    p.add_argument("--level", choices=("article", "paragraph"), default="paragraph")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("redline", help="write a self-contained HTML redline")
    p.add_argument("old")
    p.add_argument("new")
    _common(p)
    _sides(p)
    p.add_argument("--no-findings", action="store_true", help="leave out safeguard findings")
    p.set_defaults(func=cmd_redline, level=None)

    p = sub.add_parser("safeguards", help="report where safeguards were weakened or strengthened")
    p.add_argument("old")
    p.add_argument("new")
    _common(p)
    _sides(p)
    g = p.add_mutually_exclusive_group()
    for fmt in ("json", "md", "csv"):
        g.add_argument(f"--{fmt}", dest="output_format", action="store_const", const=fmt)
    p.add_argument(
        "--review",
        action="store_true",
        help="also list reworded safeguard clauses no rule classified (to read, not findings)",
    )
    p.set_defaults(func=cmd_safeguards, output_format="md", level=None)

    p = sub.add_parser("audit", help="list deferrals, optional clauses and safeguards of one text")
    p.add_argument("file")
    _common(p)
    g = p.add_mutually_exclusive_group()
    for fmt in ("json", "md", "csv"):
        g.add_argument(f"--{fmt}", dest="output_format", action="store_const", const=fmt)
    p.set_defaults(func=cmd_audit, output_format="md")

    p = sub.add_parser("history", help="lineages of provisions across several drafts")
    p.add_argument("files", nargs="+")
    _common(p)
    g = p.add_mutually_exclusive_group()
    for fmt in ("json", "csv", "html"):
        g.add_argument(f"--{fmt}", dest="output_format", action="store_const", const=fmt)
    p.set_defaults(func=cmd_history, output_format="json")

    p = sub.add_parser(
        "report", help="redlines, safeguard findings and history for successive drafts"
    )
    p.add_argument("files", nargs="+", metavar="DRAFT")
    _common(p)
    p.set_defaults(func=cmd_report, output="treatydiff-report")

    p = sub.add_parser("crosswalk", help="map a convention to national laws; safeguard coverage")
    p.add_argument("convention")
    p.add_argument("laws", nargs="+", metavar="LAW")
    _common(p)
    g = p.add_mutually_exclusive_group()
    for fmt in ("json", "csv", "html"):
        g.add_argument(f"--{fmt}", dest="output_format", action="store_const", const=fmt)
    p.add_argument(
        "--table",
        choices=("matches", "coverage"),
        default="matches",
        help="with --csv: the matches or the coverage matrix",
    )
    p.set_defaults(func=cmd_crosswalk, output_format="json")

    p = sub.add_parser("batch", help="run the jobs of a TOML manifest, resumable, JSON Lines out")
    p.add_argument("manifest")
    p.add_argument("-o", "--output", default="treatydiff-batch.jsonl", help="results (JSON Lines)")
    p.add_argument("--dask", action="store_true", help="run on a local Dask cluster")
    p.add_argument("--workers", type=int, default=2, help="Dask workers (default 2)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_batch)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except TreatydiffError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # an internal error: say so, and how to report it
        if args.debug:
            traceback.print_exc()
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {exc} "
            "(run again with --debug for the traceback, and please report it)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
