"""The crosswalk on real texts: the Budapest Convention against UK, US, Mauritian,
Dutch, German and Canadian laws.  Expectations are in tests/data/crosswalk_expected.toml,
written from reading the laws; precision and recall are reported in docs/crosswalk.md."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import attrs
import pytest

import treatydiff
from treatydiff.crosswalk import crosswalk
from treatydiff.model import Document

pytestmark = pytest.mark.corpus

EXPECTED = tomllib.loads(
    (Path(__file__).parent / "data" / "crosswalk_expected.toml").read_text(encoding="utf-8")
)


def _load_chunks(folder: Path, pattern: str) -> Document:
    """Concatenate markdown chunks in numeric order, keeping each repeated breadcrumb
    heading (title, chapter, section) once: the chunks split sections at subsections."""
    files = sorted(folder.glob(pattern), key=lambda p: int(re.search(r"(\d+)", p.stem).group(1)))
    seen: set[str] = set()
    lines: list[str] = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if re.match(r"#{1,4} ", line):
                if line in seen:
                    continue
                seen.add(line)
            lines.append(line)
    return treatydiff.loads("\n".join(lines), title="us")


def _english_part(doc: Document) -> Document:
    """The Budapest file holds the English text, then the Dutch one: keep the first part
    (the top-level provision holding the first Article 2)."""
    first = doc.find("Article 2")
    for top in doc.provisions:
        if any(p.eid == first.eid for p in top.walk()):
            return attrs.evolve(doc.with_provisions([top]), language="en")
    return doc


@pytest.fixture(scope="module")
def setup(corpora: Path):
    conv_doc = treatydiff.load(corpora / EXPECTED["convention"]["file"])
    convention = _english_part(conv_doc)
    laws: dict[str, Document] = {}
    for key, spec in EXPECTED["laws"].items():
        if "files" in spec:
            folder, pattern = spec["files"].split("/", 1)
            doc = _load_chunks(corpora / folder, pattern)
        else:
            doc = treatydiff.load(corpora / spec["file"])
        laws[key] = attrs.evolve(doc, title=key)
    result = crosswalk(convention, list(laws.values()))
    return convention, laws, result


def _row(result, article: str):
    return result.row(f"Article {article}")


def _expected_eids(law: Document, citations: list[str]) -> list[str]:
    return [law.find(c).eid for c in citations]


def _correct(eid: str, expected: list[str]) -> bool:
    return any(eid == e or eid.startswith(e + "__") for e in expected)


def evaluate(setup) -> dict[str, float]:
    """Precision and recall over every (article, law) pair of the expectations."""
    _convention, laws, result = setup
    articles = EXPECTED["convention"]["articles"]
    cands = correct = top_pairs = top_correct = 0
    want = found = empty = empty_ok = 0
    for key, spec in EXPECTED["laws"].items():
        table = spec.get("expected", {})
        for art in articles:
            expected = _expected_eids(laws[key], table.get(art, []))
            got = _row(result, art).matches(key)
            cands += len(got)
            correct += sum(_correct(c.eid, expected) for c in got)
            if got:
                top_pairs += 1
                top_correct += _correct(got[0].eid, expected)
            if expected:
                want += 1
                found += any(_correct(c.eid, expected) for c in got)
            else:
                empty += 1
                empty_ok += not got
    return {
        "candidate_precision": correct / cands,
        "top1_precision": top_correct / top_pairs,
        "recall": found / want,
        "absent_accuracy": empty_ok / empty,
        "pairs": want + empty,
        "candidates": cands,
    }


def test_rows_are_the_offences_and_powers(setup):
    _conv, _laws, result = setup
    concepts = EXPECTED["convention"]["concepts"]
    for art in EXPECTED["convention"]["articles"]:
        assert _row(result, art).concept == concepts[art], art
    cited = {r.citation for r in result.rows}
    for art in EXPECTED["convention"]["no_row"]:
        assert f"Article {art}" not in cited, art


@pytest.mark.parametrize("case", EXPECTED["top"], ids=lambda c: f"art{c['article']}-{c['law']}")
def test_best_candidate(setup, case):
    _conv, laws, result = setup
    best = _row(result, case["article"]).best(case["law"])
    assert best is not None
    expected = laws[case["law"]].find(case["citation"]).eid
    assert _correct(best.eid, [expected]), (best.citation, case["citation"])


def test_precision_and_recall(setup):
    # Measured figures are in docs/crosswalk.md; the bounds sit a little below them.
    m = evaluate(setup)
    assert m["recall"] >= 0.85, m
    assert m["top1_precision"] >= 0.85, m
    assert m["candidate_precision"] >= 0.70, m
    assert m["absent_accuracy"] >= 0.85, m


def test_laws_in_other_languages_match_through_the_vocabulary(setup):
    _conv, _laws, result = setup
    for law in ("stgb", "nl"):
        got = _row(result, "2").matches(law)
        assert got and all(c.fuzzy_score == 0 and c.method == "concept" for c in got)


@pytest.mark.parametrize("case", EXPECTED["cell"], ids=lambda c: f"{c['law']}-{c['safeguard']}")
def test_coverage_cells(setup, case):
    _conv, _laws, result = setup
    assert result.cell(case["law"], case["safeguard"]).status == case["status"]


def test_evidence_quotes_the_text(setup):
    _convention, laws, result = setup
    for cell in result.coverage:
        doc = laws[cell.law]
        for ev in (*cell.evidence, *cell.caveats):
            assert doc.get(ev.eid).text[ev.start : ev.end] == ev.phrase
    for row in result.rows:
        for lm in row.laws:
            for cand in lm.candidates:
                for hit in cand.evidence:
                    prov = laws[lm.law].get(hit.eid)
                    source = prov.text if hit.field == "text" else prov.heading
                    assert source[hit.start : hit.end] == hit.phrase


def test_convention_reference_cells(setup):
    _conv, _laws, result = setup
    ref = {c.safeguard: c for c in result.reference}
    # Art. 6(2): "such as for the authorised testing or protection of a computer system".
    assert ref["research_defence"].status == "present"
    assert any(e.citation.startswith("Article 6") for e in ref["research_defence"].evidence)
    # Art. 16(2): preservation "up to a maximum of ninety days".
    assert ref["duration_limit"].status == "present"
    # Judicial supervision sits only in the general Art. 15, not in Arts. 18-21.
    assert ref["judicial_interception"].status == "unclear"
