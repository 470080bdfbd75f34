"""A git revision's package unpacked for the benches' same-run comparisons (``bench_clean.py``, ``bench_extract.py``
with ``--against REV``)."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def unpack(rev: str, into: Path, kernels: bool = False) -> Path:
    """Revision ``rev``'s ``src/storyline`` unpacked under ``into`` (``git archive``), which is returned; ``kernels``:
    its compiled kernels built in place too (its ``setup.py build_ext``; exit when no ``_speed*.so`` comes of it, so a
    comparison never times the pure-Python path unasked)."""
    build_files = ["setup.py", "pyproject.toml"] if kernels else []  # revisions before the kernels have no setup.py
    archive = subprocess.run(["git", "archive", rev, "src/storyline", *build_files], cwd=REPO, capture_output=True)
    if archive.returncode:
        raise SystemExit(f"revision {rev!r}: git archive failed: {archive.stderr.decode(errors='replace').strip()}")
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))  # type: ignore[arg-type]
    if kernels:
        built = subprocess.run(
            [sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=into, capture_output=True, text=True
        )
        if built.returncode or not list((into / "src" / "storyline" / "clean").glob("_speed*.so")):
            raise SystemExit(f"--kernels: revision {rev!r}'s kernels did not build: {built.stdout}{built.stderr}")
    return into
