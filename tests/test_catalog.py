"""The repository's catalogue of instruments: well-formed facts, and paths that exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parent.parent / "corpora" / "catalog.toml"


def _catalog() -> dict:
    with CATALOG.open("rb") as f:
        return tomllib.load(f)


def _versions():
    for inst in _catalog()["instrument"]:
        for v in inst["version"]:
            yield inst, v


def test_every_instrument_has_facts() -> None:
    ids = [i["id"] for i in _catalog()["instrument"]]
    assert len(ids) == len(set(ids))
    for inst in _catalog()["instrument"]:
        assert inst["title"] and inst["version"], inst["id"]


@pytest.mark.parametrize(("inst", "version"), list(_versions()), ids=lambda x: x.get("label", x.get("id")))
def test_version_facts_are_well_formed(inst, version) -> None:
    assert version["label"]
    if "date" in version:
        assert re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", version["date"])
    if "address" in version:
        assert version["address"].startswith("https://")


def test_sample_paths_exist_and_samples_parse_to_the_stated_article_count() -> None:
    import treatydiff

    root = CATALOG.parent
    seen = 0
    for _inst, version in _versions():
        if "sample_path" in version:
            doc = treatydiff.load(root / version["sample_path"])
            assert len(doc.articles()) == version["articles"], version["label"]
            seen += 1
    assert seen == 3


@pytest.mark.corpus
def test_corpus_paths_exist(corpora) -> None:
    missing = [
        v["corpus_path"] for _i, v in _versions() if "corpus_path" in v and not (corpora / v["corpus_path"]).is_file()
    ]
    assert missing == []
