"""Precision and recall of the safeguard rules on a labelled set of real changes.

``tests/data/safeguards_eval.toml`` names pairs of paragraphs in successive
drafts of the EU AI Act, of a Canadian act and of the project's sample drafts
(in the shared corpora or corpora/samples, never copied here) and the
categories a careful reader finds in each change.  Each paragraph pair is
analysed on its own (a hand-made one-to-one alignment), so the figures measure
the rules, not the aligner.  The thresholds below are the ones the rules meet
today (docs/safeguards.md gives the per-category table); they guard against
regressions, and the held-out part was never used to adjust a rule.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from treatydiff.model import Alignment, Document, Match, Provision
from treatydiff.safeguards import safeguards
from treatydiff.safeguards.rules import CATEGORY_PAIRS

CATEGORY_NAMES = tuple(c for pair in CATEGORY_PAIRS for c in pair)

DATA = Path(__file__).parent / "data"
#: The files of the set; each header says how its part was chosen and labelled,
#: and docs/safeguards.md when each was first run and read.
EVAL_FILES = tuple(
    DATA / f"safeguards_eval{name}.toml"
    for name in (
        "",  # dev, heldout, heldout2, samples: sessions 1-2
        "_heldout3",  # session 2, by someone who never ran nor read the rules
        "_heldout4",  # after round 3, the same way
        "_de_nl",  # German and Dutch statutes, without seeing the de/nl lexicons
        "_heldout5",  # UK Computer Misuse Act, more of FRA -> CZ1: after round 6
        "_heldout6",  # session 3, blind while the reach and reference rules were written
        "_heldout7",  # session 3: AI Act GA -> Regulation, StPO and StGB
        "_heldout8",  # session 3: recitals, Annex III, StPO reforms, Budapest control
        "_heldout9",  # end of session 3: COM -> FRA -> GA, StPO
        "_heldout10",  # end of session 3: COM -> FRA, Czech texts, StGB, Wetboek
        "_heldout11",  # session 4: Council drafts cz1 -> cz2, cz4 -> Coreper
        "_heldout12",  # end of session 4: StPO and StGB sections no part used
        "_heldout13",  # session 5: AI Act GA -> Regulation (later articles), Wetboek
    )
)
#: Second, blind readings of a part's items (not parts of the set): how far two
#: careful readers agree.
SECOND_READINGS = {
    part: DATA / f"safeguards_eval_{part}_second.toml" for part in ("heldout10", "heldout12")
}
#: dev: used to write the rules.  heldout: labelled after round 1, read for the
#: round-2 diagnosis.  heldout2: labelled in round 2 before any run, never used
#: to change a rule.  samples: the project's sample drafts (rules tuned on them).
#: heldout3: labelled in session 2 without access to the rules; its first run is
#: the honest figure (docs/safeguards.md).
PARTS = (
    "dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "de_nl",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "samples",
)


@cache
def _load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load_eval() -> dict:
    files: dict[str, str] = {}
    items: list[dict] = []
    for path in EVAL_FILES:
        part = _load(path)
        clash = {k for k in files.keys() & part["files"].keys() if files[k] != part["files"][k]}
        assert not clash, f"{path.name}: file keys with two paths: {sorted(clash)}"
        files.update(part["files"])
        items.extend(part["item"])
    return {"files": files, "item": items}


@cache
def _blocks(path: Path) -> tuple[str, ...]:
    # A paragraph of the Markdown snapshots is a blank-line-delimited block; list
    # markers ("1.", "a.", "iii.") are what pandoc made of the printed labels.
    text = path.read_text(encoding="utf-8")
    out = []
    for block in re.split(r"\n\s*\n", text):
        joined = " ".join(line.strip() for line in block.splitlines()).strip()
        joined = re.sub(r"^(?:\d+[a-z]?|[a-z]{1,4})\.\s+", "", joined)
        if joined:
            out.append(joined)
    return tuple(out)


SAMPLES = Path(__file__).parent.parent / "corpora" / "samples"


def _resolve(corpora: Path, file: str) -> Path:
    # "samples:NAME" is one of the project's own sample drafts, not a shared corpus file.
    if file.startswith("samples:"):
        return SAMPLES / file.removeprefix("samples:")
    return corpora / file


@cache
def _provision_texts(path: Path, version: str | None = None) -> tuple[str, ...]:
    # XML and plain-text versions are read with the library's own readers; a
    # "paragraph" is then one provision's own text.  ``version`` is the CLML
    # reader's option ("enacted" or "current"), named after "#" in the file key.
    import treatydiff

    options = {"version": version} if version else {}
    return tuple(p.text for p in treatydiff.load(path, **options).walk() if p.text)


@cache
def _provision_heads(path: Path, version: str | None = None) -> tuple[tuple[str, str], ...]:
    # (a provision's own text, the own text of the provision it stands under:
    # its chapeau, "A person is guilty of an offence if—"), spaces collapsed,
    # for every provision under a parent with text of its own.
    import treatydiff

    options = {"version": version} if version else {}
    out = []
    for node, parents in treatydiff.load(path, **options).walk_with_parents():
        if node.text and parents and parents[-1].text:
            out.append((" ".join(node.text.split()), parents[-1].text))
    return tuple(out)


def _real_head(corpora: Path, file: str, text: str, anchor: str) -> str | None:
    """The chapeau the library's reader puts the item's paragraph under.

    The rules then see a point as they would in the whole document.  The
    paragraph is found by its anchor; no head when the anchor is not in
    exactly one provision (a Markdown block may hold several).
    """
    file, _, version = file.partition("#")
    path = _resolve(corpora, file)
    quote = " ".join(anchor.split())
    hits = [head for own, head in _provision_heads(path, version or None) if quote in own]
    if len(hits) != 1:
        return None
    # the block is the point itself, not the chapeau and its list run together
    return hits[0] if hits[0] not in text else None


def locate(corpora: Path, file: str, anchor: str) -> str:
    """The one paragraph of ``file`` that contains ``anchor``.

    ``file`` may end with "#enacted" or "#current": the version of a
    legislation.gov.uk file to read.
    """
    file, _, version = file.partition("#")
    path = _resolve(corpora, file)
    texts = _blocks(path) if path.suffix == ".md" else _provision_texts(path, version or None)
    hits = [b for b in texts if anchor in b]
    assert len(hits) == 1, f"{file}: {len(hits)} paragraphs contain {anchor!r}"
    return hits[0]


def item_alignment(corpora: Path, files: dict, item: dict) -> Alignment:
    """The hand-made one-to-one alignment of an item (see :func:`run_item`).

    Both whole documents, as the library reads them, with one match between
    the provisions that hold the item's paragraphs: the rules see the real
    chapeaux, articles and cross-references, and no alignment error.  Where
    the reader's provisions do not hold exactly the labelled paragraph (a
    Markdown block cut in two, or run together with the next one), the item
    falls back to a document of its paragraphs alone (:func:`_item_alignment`),
    so a label never covers more or less text than was read.
    """
    return _whole_alignment(corpora, files, item) or _item_alignment(corpora, files, item)


_MARKUP = re.compile(r"[*_\\]")


def _norm(text: str) -> str:
    return " ".join(_MARKUP.sub("", text).split())


@cache
def _document(path: Path, version: str | None = None):
    import treatydiff

    return treatydiff.load(path, **({"version": version} if version else {}))


@cache
def _index(path: Path, version: str | None = None) -> tuple[tuple[str, str], ...]:
    # (eId, own text normalised) of every provision with text, in reading order
    doc = _document(path, version)
    return tuple((p.eid, _norm(p.text)) for p in doc.walk() if p.text.strip())


def _side_eids(corpora: Path, file: str, anchor: str) -> tuple[str, ...] | None:
    """The provisions that together hold the labelled paragraph, or None."""
    block = _norm(locate(corpora, file, anchor))
    name, _, version = file.partition("#")
    idx = _index(_resolve(corpora, name), version or None)
    quote = _norm(anchor)
    hits = [k for k, (_, text) in enumerate(idx) if quote in text]
    if len(hits) != 1:
        return None
    first = last = hits[0]
    # a Markdown block may hold several provisions (a Dutch article's paragraphs)
    while first > 0 and idx[first - 1][1] in block:
        first -= 1
    while last + 1 < len(idx) and idx[last + 1][1] in block:
        last += 1
    if " ".join(text for _, text in idx[first : last + 1]) != block:
        return None  # the provisions hold more (or less) than the labelled paragraph
    return tuple(eid for eid, _ in idx[first : last + 1])


def _whole_alignment(corpora: Path, files: dict, item: dict) -> Alignment | None:
    eids: dict[str, tuple[str, ...]] = {}
    docs = {}
    for side in ("old", "new"):
        file = files[item[side]]
        name, _, version = file.partition("#")
        docs[side] = _document(_resolve(corpora, name), version or None)
        anchor = item[f"{side}_anchor"]
        if not anchor:
            eids[side] = ()
            continue
        found = _side_eids(corpora, file, anchor)
        if found is None:
            return None
        eids[side] = found
    kind = "changed" if eids["old"] and eids["new"] else ("inserted" if eids["new"] else "deleted")
    matches = [
        Match(
            old=eids["old"],
            new=eids["new"],
            kind=kind,
            score=0.9,
            method="fuzzy",
            level="paragraph",
        )
    ]
    # Provisions under the matched ones that are not part of the paragraph (the
    # points under a chapeau) are marked unchanged, so they are not analysed.
    for side in ("old", "new"):
        inside = set(eids[side])
        for eid in eids[side]:
            for node in docs[side].get(eid).walk():
                if node.eid not in inside:
                    inside.add(node.eid)
                    matches.append(
                        Match(
                            old=(node.eid,) if side == "old" else (),
                            new=(node.eid,) if side == "new" else (),
                            kind="unchanged",
                            score=1.0,
                            method="fuzzy",
                            level="paragraph",
                        )
                    )
    return Alignment(docs["old"], docs["new"], tuple(matches))


def run_item(corpora: Path, files: dict, item: dict) -> set[str]:
    alignment = item_alignment(corpora, files, item)
    return {f.category for f in safeguards(alignment, lexicon=item.get("language", "en"))}


def _item_alignment(corpora: Path, files: dict, item: dict) -> Alignment:
    # An item of a list (a ground of exception) may name the paragraph that
    # opens its list (``parent_anchor``, same quote on both sides): the item is
    # then a point under that paragraph, as the reader would build it, and only
    # the point is matched and analysed.
    # Without a parent anchor, a point gets the chapeau the library's reader
    # puts it under (see _real_head): the rules see it as in the whole document.
    texts: dict[str, str | None] = {}
    heads: dict[str, str | None] = {}
    for side in ("old", "new"):
        anchor = item[f"{side}_anchor"]
        text = texts[side] = locate(corpora, files[item[side]], anchor) if anchor else None
        side_parent = item.get(f"{side}_parent_anchor") or item.get("parent_anchor")
        heads[side] = (
            locate(corpora, files[item[side]], side_parent)
            if side_parent and text
            else (_real_head(corpora, files[item[side]], text, anchor) if text else None)
        )
    # One side under a chapeau makes both sides points (an empty chapeau where
    # the other side has none), so the one match addresses the same eId.
    parent = heads["old"] or heads["new"]
    provisions = {}
    for side in ("old", "new"):
        text = texts[side]
        if text and parent:
            point = Provision(kind="subparagraph", number="a", text=text)
            provisions[side] = [
                Provision(kind="paragraph", number="1", text=heads[side] or "", children=[point])
            ]
        else:
            provisions[side] = [Provision(kind="paragraph", number="1", text=text)] if text else []
    old = Document.build(title=item["old"], provisions=provisions["old"])
    new = Document.build(title=item["new"], provisions=provisions["new"])
    kind = (
        "changed"
        if provisions["old"] and provisions["new"]
        else ("inserted" if provisions["new"] else "deleted")
    )
    eid = "para_1__point_a" if parent else "para_1"
    match = Match(
        old=(eid,) if provisions["old"] else (),
        new=(eid,) if provisions["new"] else (),
        kind=kind,
        score=0.9,
        method="fuzzy",
        level="subparagraph" if parent else "paragraph",
    )
    return Alignment(old, new, (match,))


def review_coverage(corpora: Path, part: str) -> tuple[int, int, int, int]:
    """(items whose expected findings were all missed, of those listed for review,
    non-findings, of those listed for review)."""
    from treatydiff.safeguards import review

    data = load_eval()
    missed = missed_listed = quiet = quiet_listed = 0
    for item in data["item"]:
        if item["part"] != part:
            continue
        alignment = item_alignment(corpora, data["files"], item)
        lexicon = item.get("language", "en")
        found = safeguards(alignment, lexicon=lexicon)
        listed = bool(review(alignment, findings=found, lexicon=lexicon))
        if item["expect"] and not ({f.category for f in found} & set(item["expect"])):
            missed += 1
            missed_listed += listed
        elif not item["expect"]:
            quiet += 1
            quiet_listed += listed
    return missed, missed_listed, quiet, quiet_listed


def score(corpora: Path, part: str) -> tuple[dict[str, Counter], list[str]]:
    """Per-category true/false positives and false negatives, and the misses."""
    data = load_eval()
    counts: dict[str, Counter] = {}
    misses = []
    for item in data["item"]:
        if item["part"] != part:
            continue
        got, want = run_item(corpora, data["files"], item), set(item["expect"])
        for cat in got | want:
            c = counts.setdefault(cat, Counter())
            c["tp"] += cat in got and cat in want
            c["fp"] += cat in got and cat not in want
            c["fn"] += cat in want and cat not in got
        if got != want:
            misses.append(f"{item['id']}: expected {sorted(want)}, got {sorted(got)}")
    return counts, misses


@cache
def _full_findings(corpora: Path, old_file: str, new_file: str, lexicon: str) -> tuple:
    """The findings of the library's whole pipeline (reader, aligner, rules) on a pair."""
    import treatydiff

    docs = []
    for file in (old_file, new_file):
        name, _, version = file.partition("#")
        docs.append(_document(_resolve(corpora, name), version or None))
    return safeguards(treatydiff.align(*docs), lexicon=lexicon)


def end_to_end(corpora: Path, part: str) -> tuple[dict[str, Counter], int, int]:
    """Per-category counts with the real aligner instead of hand-made matches.

    A finding counts for an item when its evidence lies in the provisions that
    hold the item's paragraphs; items whose paragraphs the reader's provisions
    do not hold exactly are left out.  Returns (counts, items used, items left out).
    """
    data = load_eval()
    counts: dict[str, Counter] = {}
    used = skipped = 0
    for item in data["item"]:
        if item["part"] != part:
            continue
        sides = {}
        for side in ("old", "new"):
            anchor = item[f"{side}_anchor"]
            sides[side] = _side_eids(corpora, data["files"][item[side]], anchor) if anchor else ()
        if sides["old"] is None or sides["new"] is None:
            skipped += 1
            continue
        used += 1
        findings = _full_findings(
            corpora,
            data["files"][item["old"]],
            data["files"][item["new"]],
            item.get("language", "en"),
        )
        got = {
            f.category
            for f in findings
            if (f.old is not None and f.old.eid in sides["old"])
            or (f.new is not None and f.new.eid in sides["new"])
        }
        want = set(item["expect"])
        for cat in got | want:
            c = counts.setdefault(cat, Counter())
            c["tp"] += cat in got and cat in want
            c["fp"] += cat in got and cat not in want
            c["fn"] += cat in want and cat not in got
    return counts, used, skipped


def _tally(pairs) -> dict[str, Counter]:
    """Per-category counts of (found, wanted) label sets."""
    counts: dict[str, Counter] = {}
    for got, want in pairs:
        for cat in got | want:
            c = counts.setdefault(cat, Counter())
            c["tp"] += cat in got and cat in want
            c["fp"] += cat in got and cat not in want
            c["fn"] += cat in want and cat not in got
    return counts


def agreement(corpora: Path | None, part: str) -> dict[str, dict[str, Counter]]:
    """How far the second reader, and the rules, agree with each reading of ``part``.

    Returns per-category counts for "second vs first" (the second reader's
    labels scored against the first reader's), and, when ``corpora`` is given,
    "rules vs first", "rules vs second", and "rules on agreed items" (the items
    both readers label alike).
    """
    first = [i for i in load_eval()["item"] if i["part"] == part]
    second = {i["id"]: set(i["expect"]) for i in _load(SECOND_READINGS[part])["item"]}
    out = {"second vs first": _tally((second[i["id"]], set(i["expect"])) for i in first)}
    if corpora is not None:
        files = load_eval()["files"]
        got = {i["id"]: run_item(corpora, files, i) for i in first}
        out["rules vs first"] = _tally((got[i["id"]], set(i["expect"])) for i in first)
        out["rules vs second"] = _tally((got[i["id"]], second[i["id"]]) for i in first)
        out["rules on agreed items"] = _tally(
            (got[i["id"]], set(i["expect"])) for i in first if set(i["expect"]) == second[i["id"]]
        )
    return out


def totals(counts: dict[str, Counter]) -> tuple[float, float]:
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    return tp / (tp + fp), tp / (tp + fn)


def test_eval_set_is_well_formed() -> None:
    data = load_eval()
    items = data["item"]
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    findings = sum(len(i["expect"]) for i in items)
    non_findings = sum(not i["expect"] for i in items)
    assert findings >= 40 and non_findings >= 20
    assert {i["part"] for i in items} == set(PARTS)
    for item in items:
        assert item["old"] in data["files"] and item["new"] in data["files"]
        assert item["old_anchor"] or item["new_anchor"]
        for anchor in (
            item["old_anchor"],
            item["new_anchor"],
            item.get("parent_anchor", ""),
            item.get("old_parent_anchor", ""),
            item.get("new_parent_anchor", ""),
        ):
            assert len(anchor.split()) <= 25, f"{item['id']}: quote only a few words"


@pytest.mark.parametrize("part", sorted(SECOND_READINGS))
def test_second_reading_labels_the_same_items(part: str) -> None:
    # Agreement means something only if both readers read the same changes.
    first = [i for i in load_eval()["item"] if i["part"] == part]
    second = _load(SECOND_READINGS[part])
    assert [i["id"] for i in second["item"]] == [i["id"] for i in first]
    keys = ("old", "new", "old_anchor", "new_anchor", "parent_anchor", "language")
    for a, b in zip(first, second["item"], strict=True):
        assert {k: a.get(k) for k in keys} == {k: b.get(k) for k in keys}, a["id"]
        assert set(b["expect"]) <= set(CATEGORY_NAMES), b["id"]
        assert b["note"].strip(), b["id"]
    for key in {i["old"] for i in first} | {i["new"] for i in first}:
        assert second["files"][key] == load_eval()["files"][key]


@pytest.mark.corpus
def test_anchors_locate_one_paragraph(corpora: Path) -> None:
    data = load_eval()
    for item in data["item"]:
        for side in ("old", "new"):
            if item[f"{side}_anchor"]:
                locate(corpora, data["files"][item[side]], item[f"{side}_anchor"])
                side_parent = item.get(f"{side}_parent_anchor") or item.get("parent_anchor")
                if side_parent:
                    locate(corpora, data["files"][item[side]], side_parent)


# Thresholds the rules meet today (see docs/safeguards.md for the tables), a
# little below the measured figures so that a regression fails.  "heldout" and
# "heldout2" were read for the round-2 and round-3 diagnoses; "heldout3" was
# labelled without the rules and first run at 0.69/0.39 (recorded in
# docs/safeguards.md), then read for round 3: its figures now measure the fixes.
THRESHOLDS = {
    # dev precision 0.96 -> 0.92 in session 5: "appropriate technical and
    # organisational measures" (data security) is a term now, and dev-03 adds it
    # where the label has only the deferral
    "dev": (0.90, 0.90),
    "heldout": (0.90, 0.95),
    "heldout2": (0.95, 0.95),
    "heldout3": (0.85, 0.65),
    "heldout4": (0.85, 0.40),
    "de_nl": (0.78, 0.62),
    "heldout5": (0.6, 0.3),
    "heldout6": (0.72, 0.58),
    "heldout7": (0.65, 0.30),
    "heldout8": (0.52, 0.36),
    "heldout9": (0.60, 0.30),
    "heldout10": (0.48, 0.28),
    "heldout11": (0.40, 0.30),
    "heldout12": (0.55, 0.25),
    # first run 0.39 / 0.28 on session 5's final rules (the session-start rules
    # score the same); not read
    "heldout13": (0.35, 0.25),
    "samples": (1.0, 1.0),
}


@pytest.mark.corpus
@pytest.mark.parametrize("part", PARTS)
def test_precision_and_recall(corpora: Path, part: str) -> None:
    counts, misses = score(corpora, part)
    precision, recall = totals(counts)
    min_p, min_r = THRESHOLDS[part]
    assert precision >= min_p, (precision, misses)
    assert recall >= min_r, (recall, misses)


@pytest.mark.corpus
def test_review_lists_most_wholly_missed_changes_and_few_quiet_ones(corpora: Path) -> None:
    # review() is the net under the rules: the clauses it lists are to be read,
    # not counted.  Measured after round 3: it lists 10 of the 12 heldout3
    # items whose changes the rules missed entirely, and 12 of the 70
    # non-findings of all parts; on heldout4 (its first run) 4 of 22 and on
    # heldout5 (first run) 1 of 14: most of those misses are inserted or
    # deleted provisions, or offences widened in wording it does not flag.
    # English parts; on de_nl (first run) it lists 3 of 34: its misses are
    # almost all inserted catalogue entries and powers, which it does not cover.
    # With session 3's parts (heldout6, mostly German and Dutch, left out like
    # de_nl): 46 of 143 wholly missed items listed, 39 of 224 non-findings.
    missed = listed = quiet = quiet_listed = 0
    for part in (p for p in PARTS if p not in ("de_nl", "heldout6")):
        m, ml, q, ql = review_coverage(corpora, part)
        missed, listed, quiet, quiet_listed = missed + m, listed + ml, quiet + q, quiet_listed + ql
    assert missed and listed / missed >= 0.30, (listed, missed)
    assert quiet_listed / quiet <= 0.25, (quiet_listed, quiet)


if __name__ == "__main__" and sys.argv[1:] == ["--agreement"]:  # two readers, and the rules
    from conftest import corpora_dir

    for part in sorted(SECOND_READINGS):
        print(f"## {part}")
        print("| comparison | precision | recall | F1 | TP | FP | FN |")
        print("|---|---|---|---|---|---|---|")
        for name, counts in agreement(corpora_dir(), part).items():
            tp, fp, fn = (sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn"))
            p, r = totals(counts)
            print(
                f"| {name} | {p:.2f} | {r:.2f} | {2 * tp / (2 * tp + fp + fn):.2f} | {tp} | {fp} | {fn} |"
            )
        first = [i for i in load_eval()["item"] if i["part"] == part]
        second = {i["id"]: set(i["expect"]) for i in _load(SECOND_READINGS[part])["item"]}
        same = sum(set(i["expect"]) == second[i["id"]] for i in first)
        flag = sum(bool(i["expect"]) == bool(second[i["id"]]) for i in first)
        print(
            f"items {len(first)}: identical labels {same}, agree whether a safeguard is touched {flag}"
        )
    sys.exit(0)

if __name__ == "__main__" and sys.argv[1:] == ["--end-to-end"]:  # the whole pipeline, per part
    from conftest import corpora_dir

    print("| part | items used / left out | precision | recall | TP | FP | FN |")
    print("|---|---|---|---|---|---|---|")
    for part in PARTS:
        counts, used, skipped = end_to_end(corpora_dir(), part)
        p, r = totals(counts)
        tp, fp, fn = (sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn"))
        print(f"| {part} | {used} / {skipped} | {p:.2f} | {r:.2f} | {tp} | {fp} | {fn} |")
    sys.exit(0)

if __name__ == "__main__":  # print the table for docs/safeguards.md
    from conftest import corpora_dir

    for part in PARTS:
        counts, misses = score(corpora_dir(), part)
        p, r = totals(counts)
        print(f"## {part}: precision {p:.2f} recall {r:.2f}")
        print("| category | TP | FP | FN | precision | recall |")
        print("|---|---|---|---|---|---|")
        for cat, c in sorted(counts.items()):
            prec = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
            rec = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
            print(f"| {cat} | {c['tp']} | {c['fp']} | {c['fn']} | {prec:.2f} | {rec:.2f} |")
        print("misses:", *misses, sep="\n  ")
        m, ml, q, ql = review_coverage(corpora_dir(), part)
        print(f"review: {ml} of {m} wholly missed items listed; {ql} of {q} non-findings listed")
