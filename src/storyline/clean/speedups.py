"""The compiled kernels of ``clean_text`` (``_speed``, built from ``_speed.pyx``) when present and current.

``KERNELS`` is None when the extension was not built (no Cython or no C compiler at install time), when it was
built from another version of ``_speed.pyx`` (a stale in-place build), or when ``STORYLINE_PURE_PYTHON`` is set:
the cleaner then runs its pure-Python code, which gives the same output.
The cleaner's modules read ``speedups.KERNELS`` at each call, so setting it (tests, ``bench_clean.py --pure``)
switches them all.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import ModuleType

PURE_PYTHON = "STORYLINE_PURE_PYTHON"  # set (non-empty) to run without the compiled kernels


def load() -> ModuleType | None:
    """The kernel module, or None (not built, stale, or turned off)."""
    if os.environ.get(PURE_PYTHON):
        return None
    try:
        from storyline.clean import _speed
    except ImportError:
        return None
    source = Path(__file__).with_name("_speed.pyx")
    if source.is_file() and hashlib.sha256(source.read_bytes()).hexdigest() != _speed.SOURCE:
        return None  # built from another version of the kernels
    return _speed


KERNELS = load()
