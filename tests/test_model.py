"""The article tree: eIds, walking, lookup, records, JSON round trip."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given

from tests.strategies import treaties
from treatydiff._serial import dumps
from treatydiff.errors import CitationError, SchemaError
from treatydiff.model import Annotation, Document, Provision, SourceSpan


def _doc() -> Document:
    art24 = Provision(
        kind="article",
        number="24",
        label="Article 24",
        heading="Conditions and safeguards",
        children=[
            Provision(kind="paragraph", number="1", label="1.", text="Each State Party shall ensure."),
            Provision(
                kind="paragraph",
                number="2",
                label="2.",
                text="Such conditions shall include:",
                children=[
                    Provision(kind="subparagraph", number="a", label="(a)", text="judicial review;"),
                    Provision(kind="subparagraph", number="b", label="(b)", text="a remedy."),
                ],
            ),
        ],
    )
    chapter = Provision(kind="chapter", number="IV", label="Chapter IV", heading="Procedural measures",
                        children=[art24])
    return Document.build(title="Demo", provisions=[chapter])


def test_eids_follow_akn_naming() -> None:
    doc = _doc()
    assert [p.eid for p in doc.walk()] == [
        "chp_iv",
        "chp_iv__art_24",
        "chp_iv__art_24__para_1",
        "chp_iv__art_24__para_2",
        "chp_iv__art_24__para_2__point_a",
        "chp_iv__art_24__para_2__point_b",
    ]


def test_duplicate_and_unnumbered_siblings_get_distinct_eids() -> None:
    doc = Document.build(
        title="t",
        provisions=[
            Provision(kind="section", number="100b", text="old"),
            Provision(kind="section", number="100b", text="reused"),
            Provision(kind="paragraph", text="x"),
            Provision(kind="paragraph", text="y"),
        ],
    )
    assert [p.eid for p in doc.provisions] == ["sec_100b", "sec_100b_2", "para_nn1", "para_nn2"]


def test_get_accepts_full_and_unique_tail_addresses() -> None:
    doc = _doc()
    assert doc.get("art_24__para_2__point_b").text == "a remedy."
    assert doc.get("chp_iv__art_24").heading == "Conditions and safeguards"
    with pytest.raises(CitationError, match="no provision has the address 'art_99'"):
        doc.get("art_99")


def test_citation_round_trip() -> None:
    doc = _doc()
    assert doc.citation("chp_iv__art_24__para_2__point_b") == "Article 24(2)(b)"
    assert doc.citation("chp_iv") == "Chapter IV"
    assert doc.find("Article 24(2)(b)").eid == "chp_iv__art_24__para_2__point_b"


def test_models_are_frozen_and_compare_by_value() -> None:
    doc = _doc()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        doc.title = "x"  # type: ignore[misc]
    assert doc == _doc()
    assert hash(doc.provisions[0]) == hash(_doc().provisions[0])
    changed = attrs.evolve(doc, title="Other")
    assert changed != doc and doc.title == "Demo"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "articel"}, "provision kind 'articel'"),
    ],
)
def test_provision_rejects_unknown_kind(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        Provision(**kwargs)


def test_annotation_and_span_validate() -> None:
    with pytest.raises(ValueError, match="annotation kind 'comment'"):
        Annotation("comment", "x", 0, 1)
    with pytest.raises(ValueError, match="bad line range 5-3"):
        SourceSpan(5, 3)


def test_records_are_flat_rows() -> None:
    rows = list(_doc().records())
    assert len(rows) == 6
    point = rows[4]
    assert point["citation"] == "Article 24(2)(a)"
    assert point["parent"] == "chp_iv__art_24__para_2"
    assert point["depth"] == 3
    assert point["text"] == "judicial review;"


def test_full_text_includes_descendants_in_order() -> None:
    art = _doc().get("art_24")
    assert art.full_text().splitlines() == [
        "Article 24 Conditions and safeguards",
        "1. Each State Party shall ensure.",
        "2. Such conditions shall include:",
        "(a) judicial review;",
        "(b) a remedy.",
    ]


def test_from_dict_rejects_wrong_schema_and_bad_fields() -> None:
    data = _doc().to_dict()
    with pytest.raises(SchemaError, match="schema 'other' is not supported"):
        Document.from_dict({**data, "schema": "other"})
    broken = json.loads(json.dumps(data))
    broken["provisions"][0]["kind"] = 5
    with pytest.raises(SchemaError, match="'kind' is int"):
        Document.from_dict(broken)
    broken = json.loads(json.dumps(data))
    del broken["provisions"][0]["children"][0]["text"]
    with pytest.raises(SchemaError, match="missing key 'text'"):
        Document.from_dict(broken)


@given(treaties())
def test_json_round_trip_is_identity_and_deterministic(doc: Document) -> None:
    data = doc.to_dict()
    text = dumps(data)
    assert Document.from_dict(json.loads(text)) == doc
    assert dumps(doc.to_dict()) == text


@given(treaties())
def test_every_eid_is_unique_and_resolvable(doc: Document) -> None:
    eids = [p.eid for p in doc.walk()]
    assert len(eids) == len(set(eids))
    for eid in eids:
        assert doc.get(eid).eid == eid
        # the printed citation leads back to the same provision
        if doc.get(eid).kind not in ("chapter",):
            assert doc.find(doc.citation(eid)).eid == eid
