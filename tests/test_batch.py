"""Batch runs: manifests, resumable JSON Lines, failures that do not stop the batch, Dask equality."""

from __future__ import annotations

import json

import pytest

from treatydiff.batch import load_manifest, read_results, run_batch
from treatydiff.errors import SchemaError


def _manifest(tmp_path, body: str):
    path = tmp_path / "manifest.toml"
    path.write_text(body, encoding="utf-8")
    return path


def _sample_manifest(tmp_path, samples, extra: str = "") -> object:
    return _manifest(
        tmp_path,
        f'''
base = "{samples}"

[[job]]
id = "d1-d2"
kind = "compare"
inputs = ["cybercrime-draft-1.txt", "cybercrime-draft-2.txt"]

[[job]]
id = "audit-d3"
kind = "audit"
inputs = ["cybercrime-draft-3.txt"]

[[job]]
id = "parse-d1"
kind = "parse"
inputs = ["cybercrime-draft-1.txt"]
{extra}''',
    )


BROKEN = '''
[[job]]
id = "missing"
kind = "compare"
inputs = ["cybercrime-draft-1.txt", "no-such-draft.txt"]
'''


def test_one_bad_file_does_not_stop_the_batch(tmp_path, samples) -> None:
    manifest = _sample_manifest(tmp_path, samples, BROKEN)
    summary = run_batch(manifest, tmp_path / "out.jsonl")
    assert (summary.total, summary.ran, summary.skipped) == (4, 4, 0)
    assert [job_id for job_id, _ in summary.failed] == ["missing"]
    assert "no-such-draft.txt: no such file" in summary.failed[0][1]
    rows = read_results(tmp_path / "out.jsonl")
    assert rows["parse-d1"]["result"]["articles"] == 12
    assert rows["d1-d2"]["status"] == "ok"
    kinds = {r["kind"] for r in rows["d1-d2"]["result"]["articles"]}
    assert "inserted" in kinds  # Article 4 "Respect for human rights" is new in draft 2


def test_rerun_resumes_and_retries_only_failures(tmp_path, samples) -> None:
    manifest = _sample_manifest(tmp_path, samples, BROKEN)
    out = tmp_path / "out.jsonl"
    run_batch(manifest, out)
    second = run_batch(manifest, out)
    assert (second.ran, second.skipped) == (1, 3)  # only the failed job runs again
    # an interrupted line (cut mid-write) is ignored and its job runs again
    out.write_text(out.read_text().splitlines()[0] + "\n" + '{"id": "parse-d1", "sta', encoding="utf-8")
    third = run_batch(manifest, out)
    assert third.skipped == 1


def test_results_are_deterministic(tmp_path, samples) -> None:
    manifest = _sample_manifest(tmp_path, samples)
    run_batch(manifest, tmp_path / "a.jsonl")
    run_batch(manifest, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "no \\[\\[job\\]\\] tables"),
        ('[[job]]\nkind = "compare"\ninputs = ["a", "b"]', "missing 'id'"),
        ('[[job]]\nid = "x"\nkind = "merge"\ninputs = ["a"]', "kind 'merge'"),
        ('[[job]]\nid = "x"\nkind = "compare"\ninputs = ["a"]', "'inputs' is \\['a'\\]"),
        ('[[job]]\nid = "x"\nkind = "parse"\ninputs = ["a"]\n[[job]]\nid = "x"\nkind = "parse"\ninputs = ["a"]',
         "duplicate id 'x'"),
        ("job = [", "not valid TOML"),
    ],
)
def test_bad_manifest_names_the_problem(tmp_path, body, message) -> None:
    with pytest.raises(SchemaError, match=message):
        load_manifest(_manifest(tmp_path, body))


@pytest.mark.corpus
@pytest.mark.slow
def test_dask_gives_the_same_results_as_local(tmp_path, corpora) -> None:
    distributed = pytest.importorskip("dask.distributed")
    manifest = _manifest(
        tmp_path,
        f'''
base = "{corpora}"

[[job]]
id = "nl-2015-cybercrime"
kind = "compare"
inputs = ["nl-wetboek-van-strafrecht/BWBR0001854_README_2015-06-16.md",
          "nl-wetboek-van-strafrecht/BWBR0001854_README_2015-06-30.md"]

[[job]]
id = "budapest-copies"
kind = "compare"
inputs = ["coe-budapest-convention-ets185/BWBV0001839_README_2007-03-01.md",
          "coe-budapest-convention-ets185/BWBV0001839_README_2012-10-24.md"]

[[job]]
id = "mauritius-audit"
kind = "audit"
inputs = ["mu-computer-misuse-and-cybercrime-act-2003/text-file.txt"]

[[job]]
id = "ca-history"
kind = "history"
inputs = ["ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2023-09-18.xml",
          "ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2024-11-01.xml",
          "ca-internet-child-sexual-abuse-reporting-act-I-20.7/eng_I-20.7_2025-11-04.xml"]
''',
    )
    local = run_batch(manifest, tmp_path / "local.jsonl")
    assert local.failed == ()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        remote = run_batch(manifest, tmp_path / "dask.jsonl", executor="dask", client=client)
    assert remote.failed == ()
    a = read_results(tmp_path / "local.jsonl")
    b = read_results(tmp_path / "dask.jsonl")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert len(a) == 4
