"""Shared fixtures: the real corpora beside the checkout, Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"

settings.register_profile("dev", max_examples=30, deadline=None)
# CI explores a fixed sequence of examples (derandomize) so that a run is
# reproducible and a rare counterexample does not make CI flaky; local runs
# ("dev") keep exploring at random and keep what they find in .hypothesis/.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def corpora_dir() -> Path:
    """Where the shared real texts are: $TREATYDIFF_CORPORA or ../shared/corpora."""
    env = os.environ.get("TREATYDIFF_CORPORA")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared corpora folder; skips (or fails under CI) when it is absent."""
    path = corpora_dir()
    if not (path / "INDEX.md").is_file():
        message = (
            f"shared corpora not found at {path} "
            "(set TREATYDIFF_CORPORA to the folder holding INDEX.md)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def samples() -> Path:
    """The project's own sample drafts (always present)."""
    return SAMPLES


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.html from the renderer (then review the diff)",
    )
