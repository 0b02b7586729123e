"""Findings as plain data, Markdown and CSV.

>>> from treatydiff.model import Evidence, Finding
>>> f = Finding("modal_downgrade", "weakened", "high", "modal:4->1", "shall became may",
...             Evidence("art_5", "Article 5", "shall", 11, 16),
...             Evidence("art_5", "Article 5", "may", 11, 14))
>>> findings_to_dicts([f])[0]["new_phrase"]
'may'
>>> print(findings_to_csv([f]).splitlines()[0])
category,direction,severity,rule,explanation,old_citation,old_eid,old_phrase,old_start,old_end,new_citation,new_eid,new_phrase,new_start,new_end
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from treatydiff.model import Alignment, Evidence, Finding
from treatydiff.safeguards.lexicon import Lexicon

__all__ = ["findings_to_csv", "findings_to_dicts", "findings_to_markdown"]

_FIELDS = ("category", "direction", "severity", "rule", "explanation")
_EV_FIELDS = ("citation", "eid", "phrase", "start", "end")


def _ev(prefix: str, ev: Evidence | None) -> dict[str, Any]:
    return {f"{prefix}_{k}": (getattr(ev, k) if ev else None) for k in _EV_FIELDS}


def findings_to_dicts(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """One flat JSON-ready dict per finding (``old_*``/``new_*`` evidence columns)."""
    out = []
    for f in findings:
        row: dict[str, Any] = {k: getattr(f, k) for k in _FIELDS}
        row.update(_ev("old", f.old))
        row.update(_ev("new", f.new))
        out.append(row)
    return out


def findings_to_csv(findings: Iterable[Finding]) -> str:
    """CSV with a header row; one line per finding, same columns as :func:`findings_to_dicts`."""
    rows = findings_to_dicts(findings)
    columns = list(_FIELDS) + [f"{p}_{k}" for p in ("old", "new") for k in _EV_FIELDS]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else row[k] for k in columns})
    return buf.getvalue()


def _md(text: str) -> str:
    # Pipes and newlines would break the table; backticks would open code spans.
    return " ".join(str(text).split()).replace("|", "\\|").replace("`", "'")


def _quote(ev: Evidence | None) -> str:
    if ev is None:
        return "—"
    phrase = ev.phrase if len(ev.phrase) <= 90 else ev.phrase[:87] + "..."
    return f"{_md(ev.citation)}: “{_md(phrase)}”"


def findings_to_markdown(
    findings: Iterable[Finding],
    alignment: Alignment | None = None,
    review: Iterable[Finding] = (),
    lexicon: Lexicon | None = None,
) -> str:
    """A Markdown report: a summary count per category, then one table row per finding.

    With ``alignment`` the heading names both documents.  ``review`` items
    (from :func:`treatydiff.safeguards.review`) follow in a section of their
    own: reworded clauses no rule classified, to be read, not counted.
    """
    items = list(findings)
    lines = ["# Safeguard findings", ""]
    if alignment is not None:
        lines += [f"Old: {_md(alignment.old.title)}  ", f"New: {_md(alignment.new.title)}", ""]
    if lexicon is not None:
        lines += [f"Lexicon: {_md(lexicon.name)} ({_md(lexicon.language)})", ""]
    if not items:
        lines.append("No findings.")
        return "\n".join(lines + _review_lines(list(review))) + "\n"
    counts: dict[tuple[str, str], int] = {}
    for f in items:
        counts[(f.category, f.direction)] = counts.get((f.category, f.direction), 0) + 1
    lines += ["| category | direction | findings |", "|---|---|---|"]
    for (cat, direction), n in sorted(counts.items()):
        lines.append(f"| {cat} | {direction} | {n} |")
    lines += [
        "",
        "| # | severity | category | old text | new text | explanation |",
        "|---|---|---|---|---|---|",
    ]
    for i, f in enumerate(items, 1):
        lines.append(
            f"| {i} | {f.severity} | {f.category} ({f.direction}) | {_quote(f.old)} | "
            f"{_quote(f.new)} | {_md(f.explanation)} |"
        )
    return "\n".join(lines + _review_lines(list(review))) + "\n"


def _review_lines(review: list[Finding]) -> list[str]:
    if not review:
        return []
    lines = [
        "",
        "## Clauses to read",
        "",
        "The wording of these clauses (prohibitions, exceptions, deferrals, clauses naming a "
        "safeguard) changed, or an entry joined or left a list, and no rule could tell whether "
        "protection grew or shrank. They are not findings: read both versions.",
        "",
        "| # | what | old text | new text |",
        "|---|---|---|---|",
    ]
    for i, f in enumerate(review, 1):
        what = "reworded" if f.category == "reworded" else _md(f.explanation)
        lines.append(f"| {i} | {what} | {_quote(f.old)} | {_quote(f.new)} |")
    return lines
