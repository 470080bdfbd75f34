"""What the install built: CI requires the compiled cleaning kernels, so a failed build cannot pass unnoticed."""

from __future__ import annotations

import os

import pytest

from storyline.clean import speedups

REQUIRE_KERNELS = "STORYLINE_REQUIRE_KERNELS"  # set by .ci/run: the CI machine has a C compiler


@pytest.mark.skipif(not os.environ.get(REQUIRE_KERNELS), reason=f"{REQUIRE_KERNELS} is not set")
def test_compiled_kernels_were_built_and_are_current() -> None:
    """The install built clean/_speed from the current .pyx and nothing turned it off."""
    assert not os.environ.get(speedups.PURE_PYTHON), f"{speedups.PURE_PYTHON} is set"
    assert speedups.load() is not None, "clean/_speed is missing or stale: the optional build failed (see pip's log)"
