"""Many comparisons at once, locally or on Dask, resumable, one bad file never stops the rest.

A *manifest* (TOML) lists jobs::

    base = "/data/corpora"          # optional: relative inputs are read from here
                                   # (default: the manifest's folder); $VARS are expanded

    [[job]]
    id = "ai-act-com-to-ga"
    kind = "compare"               # compare | history | audit | parse | crosswalk
    inputs = ["ai/com.md", "ai/ga.md"]

    [[job]]
    id = "budapest-vs-uk"
    kind = "crosswalk"
    inputs = ["coe/budapest.md", "uk/cma.xml"]   # convention first, then laws

:func:`run_batch` runs every job not already done, appends one JSON line per job to the results file as
soon as it ends (so an interrupted batch resumes where it stopped), and returns a :class:`BatchSummary`.
Each result holds a compact, deterministic summary of the job (counts, findings, matches), so the
same manifest gives the same lines whether it ran locally or on Dask.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from treatydiff.errors import InputError, SchemaError, TreatydiffError

__all__ = ["BatchSummary", "Job", "load_manifest", "run_batch", "run_job"]

JOB_KINDS = ("compare", "history", "audit", "parse", "crosswalk")
_MIN_INPUTS = {"compare": 2, "history": 2, "audit": 1, "parse": 1, "crosswalk": 2}


def _tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(items)


@attrs.frozen
class Job:
    """One unit of work: an id unique in its manifest, a kind and the input paths (resolved)."""

    id: str
    kind: str
    inputs: tuple[str, ...] = attrs.field(converter=_tuple)
    options: tuple[tuple[str, Any], ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen
class BatchSummary:
    """What a batch did: how many jobs ran, were skipped as already done, or failed (with reasons)."""

    total: int
    ran: int
    skipped: int
    failed: tuple[tuple[str, str], ...]
    results_path: str

    def __str__(self) -> str:
        lines = [
            f"{self.total} jobs: {self.ran} run, {self.skipped} already done, "
            f"{len(self.failed)} failed; results in {self.results_path}"
        ]
        lines += [f"  FAILED {job_id}: {reason}" for job_id, reason in self.failed]
        return "\n".join(lines)


def load_manifest(path: str | os.PathLike[str]) -> tuple[Job, ...]:
    """Read and check a manifest; raises :class:`SchemaError` naming the job and key at fault."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such manifest", source=str(p), expected="a TOML file") from None
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{p}: not valid TOML: {exc}", expected="a TOML manifest") from None
    base_text = os.path.expandvars(str(data.get("base", "")))
    base = (p.parent / base_text) if base_text else p.parent
    jobs = data.get("job")
    if not isinstance(jobs, list) or not jobs:
        raise SchemaError(
            f"{p}: no [[job]] tables", expected="at least one [[job]] with id, kind, inputs"
        )
    out: list[Job] = []
    seen: set[str] = set()
    for i, raw in enumerate(jobs, 1):
        where = f"{p}: job {i}"
        job_id = raw.get("id")
        if not isinstance(job_id, str) or not job_id:
            raise SchemaError(f"{where}: missing 'id'", expected="a non-empty string id")
        if job_id in seen:
            raise SchemaError(f"{where}: duplicate id {job_id!r}", expected="unique job ids")
        seen.add(job_id)
        kind = raw.get("kind")
        if kind not in JOB_KINDS:
            raise SchemaError(f"{where} ({job_id}): kind {kind!r}", expected=f"one of {JOB_KINDS}")
        inputs = raw.get("inputs")
        if not isinstance(inputs, list) or len(inputs) < _MIN_INPUTS[kind]:
            raise SchemaError(
                f"{where} ({job_id}): 'inputs' is {inputs!r}",
                expected=f"a list of at least {_MIN_INPUTS[kind]} paths",
            )
        resolved = tuple(str((base / os.path.expandvars(str(x))).resolve()) for x in inputs)
        options = tuple(sorted((k, v) for k, v in raw.items() if k not in ("id", "kind", "inputs")))
        out.append(Job(id=job_id, kind=kind, inputs=resolved, options=options))
    return tuple(out)


# -- one job --------------------------------------------------------------------


def _match_rows(alignment) -> list[dict[str, Any]]:
    return [
        {
            "old": list(m.old),
            "new": list(m.new),
            "kind": m.kind,
            "score": round(m.score, 4),
            "level": m.level,
        }
        for m in alignment.matches
        if m.level in ("article", "section")
    ]


def _finding_rows(findings) -> list[dict[str, Any]]:
    from treatydiff.safeguards.report import findings_to_dicts

    return findings_to_dicts(findings)


def run_job(job: Job) -> dict[str, Any]:
    """Run one job and return its JSON-ready result; errors become ``status: error`` results.

    Never raises for a bad input: a batch goes on past one bad file.
    """
    import treatydiff

    result: dict[str, Any] = {"id": job.id, "kind": job.kind, "inputs": list(job.inputs)}
    try:
        options = dict(job.options)
        docs = [treatydiff.load(path, format=options.get("format", "auto")) for path in job.inputs]
        if job.kind == "parse":
            doc = docs[0]
            body: dict[str, Any] = {
                "title": doc.title,
                "articles": len(doc.articles()),
                "provisions": sum(1 for _ in doc.walk()),
                "removed": len(doc.removed),
            }
        elif job.kind == "compare":
            alignment = treatydiff.align(docs[0], docs[1])
            findings = treatydiff.safeguards(alignment)
            counts: dict[str, int] = {}
            for m in alignment.matches:
                counts[m.kind] = counts.get(m.kind, 0) + 1
            body = {
                "match_counts": dict(sorted(counts.items())),
                "articles": _match_rows(alignment),
                "findings": _finding_rows(findings),
            }
        elif job.kind == "history":
            history = treatydiff.align_many(docs)
            body = {"lineages": history.records()}
        elif job.kind == "audit":
            body = {"findings": _finding_rows(treatydiff.safeguards_of(docs[0]))}
        else:  # crosswalk
            from treatydiff.crosswalk import crosswalk

            body = {"crosswalk": crosswalk(docs[0], docs[1:]).to_dict()}
        result["status"] = "ok"
        result["result"] = body
    except TreatydiffError as exc:
        result["status"] = "error"
        result["error"] = str(exc)
    except Exception as exc:  # an internal error in one job must not stop the batch
        result["status"] = "error"
        result["error"] = f"internal error: {type(exc).__name__}: {exc}"
    return result


# -- many jobs -----------------------------------------------------------------


def _done_ids(results_path: Path) -> set[str]:
    done: set[str] = set()
    if not results_path.exists():
        return done
    for line in results_path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut by an interruption: that job runs again
        if row.get("status") == "ok":
            done.add(row["id"])
    return done


def _run_local(jobs: Sequence[Job]) -> Iterator[dict[str, Any]]:
    for job in jobs:
        yield run_job(job)


def _run_dask(jobs: Sequence[Job], client: Any) -> Iterator[dict[str, Any]]:
    from dask.distributed import as_completed

    futures = client.map(run_job, list(jobs), pure=False)
    for future in as_completed(futures):
        yield future.result()


def run_batch(
    jobs: Sequence[Job] | str | os.PathLike[str],
    results: str | os.PathLike[str],
    *,
    executor: str = "local",
    client: Any = None,
    progress: bool | Callable[[Iterable[Any], int], Iterable[Any]] = False,
) -> BatchSummary:
    """Run the jobs (or a manifest path), appending JSON Lines to ``results``.

    ``executor`` is ``"local"`` (one process, in order) or ``"dask"`` (needs the ``dask`` extra and a
    ``dask.distributed.Client`` as ``client``).  Jobs whose id already has an ``ok`` line in
    ``results`` are skipped, so re-running an interrupted batch resumes it.
    """
    if not isinstance(jobs, Sequence) or isinstance(jobs, str):
        jobs = load_manifest(jobs)
    results_path = Path(results)
    done = _done_ids(results_path)
    todo = [j for j in jobs if j.id not in done]
    if executor == "local":
        stream: Iterable[dict[str, Any]] = _run_local(todo)
    elif executor == "dask":
        if client is None:
            raise TreatydiffError("executor 'dask' needs a client", expected="client=Client(...)")
        stream = _run_dask(todo, client)
    else:
        raise TreatydiffError(f"unknown executor {executor!r}", expected="'local' or 'dask'")
    if progress is True:
        from tqdm import tqdm

        stream = tqdm(stream, total=len(todo), unit="job", desc="treatydiff batch")
    elif callable(progress):
        stream = progress(stream, len(todo))
    failed: list[tuple[str, str]] = []
    results_path.parent.mkdir(parents=True, exist_ok=True)
    with results_path.open("a", encoding="utf-8", newline="\n") as out:
        for row in stream:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            out.flush()
            if row["status"] != "ok":
                failed.append((row["id"], row["error"]))
    failed.sort()
    return BatchSummary(
        total=len(jobs),
        ran=len(todo),
        skipped=len(jobs) - len(todo),
        failed=tuple(failed),
        results_path=str(results_path),
    )


def read_results(path: str | os.PathLike[str]) -> dict[str, Mapping[str, Any]]:
    """The last result line of each job id in a results file (later lines win)."""
    out: dict[str, Mapping[str, Any]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[row["id"]] = row
    return dict(sorted(out.items()))
