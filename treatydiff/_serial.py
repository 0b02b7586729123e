"""JSON (de)serialisation of documents: the ``treatydiff/document@1`` schema.

Keys are written in a fixed order and optional values that are empty are
omitted, so the same document always gives byte-identical JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from treatydiff.errors import SchemaError
from treatydiff.model import (
    Annotation,
    Document,
    Provision,
    Removal,
    Source,
    SourceSpan,
    validate_schema_version,
)

DOCUMENT_SCHEMA = "treatydiff/document@1"


def _provision_to_dict(p: Provision) -> dict[str, Any]:
    out: dict[str, Any] = {"eid": p.eid, "kind": p.kind}
    for key in ("number", "label", "heading"):
        value = getattr(p, key)
        if value is not None:
            out[key] = value
    out["text"] = p.text
    if p.span is not None:
        out["span"] = {"start_line": p.span.start_line, "end_line": p.span.end_line}
        if p.span.page is not None:
            out["span"]["page"] = p.span.page
    if p.annotations:
        out["annotations"] = [
            {"kind": a.kind, "text": a.text, "start": a.start, "end": a.end} for a in p.annotations
        ]
    if p.children:
        out["children"] = [_provision_to_dict(c) for c in p.children]
    return out


def document_to_dict(doc: Document) -> dict[str, Any]:
    source = {k: v for k, v in _source_items(doc.source) if v is not None}
    out: dict[str, Any] = {"schema": DOCUMENT_SCHEMA, "title": doc.title}
    if doc.language is not None:
        out["language"] = doc.language
    out["source"] = source
    out["metadata"] = dict(doc.metadata)
    if doc.removed:
        out["removed"] = [{"line": r.line, "text": r.text, "reason": r.reason} for r in doc.removed]
    out["provisions"] = [_provision_to_dict(p) for p in doc.provisions]
    return out


def _source_items(source: Source) -> list[tuple[str, Any]]:
    return [
        ("path", source.path),
        ("format", source.format),
        ("symbol", source.symbol),
        ("citation", source.citation),
        ("date", source.date),
        ("encoding", source.encoding),
    ]


def _require(data: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...]) -> Any:
    if key not in data:
        raise SchemaError(f"{where}: missing key {key!r}", expected=f"{key!r} in the object")
    value = data[key]
    if not isinstance(value, kind):
        raise SchemaError(
            f"{where}: {key!r} is {type(value).__name__}",
            expected=getattr(kind, "__name__", str(kind)),
        )
    return value


def _provision_from_dict(data: Any, where: str) -> Provision:
    if not isinstance(data, Mapping):
        raise SchemaError(f"{where}: a provision is {type(data).__name__}", expected="an object")
    eid = _require(data, "eid", where, str)
    where = f"provision {eid!r}"
    span = None
    if "span" in data:
        s = _require(data, "span", where, Mapping)
        span = SourceSpan(
            _require(s, "start_line", where, int),
            _require(s, "end_line", where, int),
            s.get("page"),
        )
    try:
        return Provision(
            kind=_require(data, "kind", where, str),
            number=data.get("number"),
            label=data.get("label"),
            heading=data.get("heading"),
            text=_require(data, "text", where, str),
            children=tuple(
                _provision_from_dict(c, f"{where} child {i}")
                for i, c in enumerate(data.get("children", ()))
            ),
            eid=eid,
            span=span,
            annotations=tuple(
                Annotation(a["kind"], a["text"], a["start"], a["end"])
                for a in data.get("annotations", ())
            ),
        )
    except (ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, SchemaError):
            raise
        raise SchemaError(f"{where}: {exc}", expected="a treatydiff/document@1 provision") from None


def document_from_dict(data: Mapping[str, Any]) -> Document:
    if not isinstance(data, Mapping):
        raise SchemaError(f"a document is {type(data).__name__}", expected="a JSON object")
    validate_schema_version(data, DOCUMENT_SCHEMA)
    src = data.get("source", {})
    return Document(
        title=_require(data, "title", "document", str),
        language=data.get("language"),
        source=Source(**{k: src.get(k) for k, _ in _source_items(Source())}),
        metadata=data.get("metadata", {}),
        removed=tuple(Removal(r["line"], r["text"], r["reason"]) for r in data.get("removed", ())),
        provisions=tuple(
            _provision_from_dict(p, f"provision {i}")
            for i, p in enumerate(_require(data, "provisions", "document", list))
        ),
    )


def dumps(data: Any) -> str:
    """Deterministic JSON: sorted where order carries no meaning, UTF-8 kept."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
