"""The suites' rule for what they need from the machine (Chromium, Redis, PostgreSQL's server
binaries, poppler): when it is missing they **fail on CI** (``CI=true``, as `.ci/run` sets it), so
that a green run means they ran, and **skip elsewhere**, saying how to get it."""

import os

import pytest


def on_ci() -> bool:
    """Whether the tests run on CI (``CI`` set to 1, true or yes)."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(what: str, suite: str, how: str):
    """``what`` is missing: fail on CI (``suite`` needs it there), skip elsewhere with ``how``."""
    if on_ci():
        pytest.fail(f"{what}: {suite} needs it on CI")
    pytest.skip(f"{what}: {how}")
