"""Build hook: the optional compiled kernels of text cleaning (``storyline.clean._speed``).

Everything else is in pyproject.toml. The extension is optional: without Cython, without a C compiler, or when
the compiler fails, the package installs without it and ``clean_text`` runs its pure-Python code (same output).
Asked for by name (``python setup.py build_ext``) or required (``STORYLINE_REQUIRE_KERNELS`` set, as CI does), a
kernel that does not build is an error instead: the command exits non-zero with the reason.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

KERNEL = Path("src/storyline/clean/_speed.pyx")
REQUIRE_KERNELS = "STORYLINE_REQUIRE_KERNELS"  # set: a kernel that does not build fails the build (tests/test_build.py)


def kernels_required() -> bool:
    """The kernels were asked for by name (``setup.py build_ext``, not an install's) or are required (CI)."""
    return "build_ext" in sys.argv[1:] or bool(os.environ.get(REQUIRE_KERNELS))


def _not_built(reason: object) -> None:
    """Say why the kernels were not built: an error when they were asked for, else the pure-Python fallback."""
    if kernels_required():
        raise SystemExit(f"storyline: compiled kernels not built: {reason}")
    print(f"storyline: compiled kernels not built ({reason}); clean_text runs its pure-Python code")


def extensions() -> list[Extension]:
    """The Cython extension, or none when Cython is missing or cannot translate it (an error when required)."""
    try:
        from Cython.Build import cythonize
    except ImportError as exc:
        _not_built(exc)
        return []
    digest = hashlib.sha256(KERNEL.read_bytes()).hexdigest()  # the module refuses to load against another source
    ext = Extension(
        "storyline.clean._speed",
        [str(KERNEL)],
        define_macros=[("STORYLINE_SPEED_SOURCE", f'"{digest}"')],
        optional=True,
    )
    try:
        return list(cythonize([ext], build_dir="build/cython", quiet=True, compiler_directives={"language_level": 3}))
    except Exception as exc:  # a Cython that cannot translate the kernel: install without it, unless required
        _not_built(exc)
        return []


class OptionalBuildExt(build_ext):
    """Build the kernels when a compiler can; a failure leaves the pure-Python cleaner (an error only when required).

    ``Extension(optional=True)`` alone is not enough: some setuptools releases raise compiler errors of classes
    their own optional-extension filter does not catch (a missing ``CC`` ends the install there).
    """

    def build_extensions(self) -> None:
        """Compile each extension, or say why not and leave it out (so no later step looks for its file)."""
        self.check_extensions_list(self.extensions)
        built = []
        for ext in self.extensions:
            try:
                self.build_extension(ext)
            except Exception as exc:  # no compiler, a failing compiler, missing headers: "pure Python" (or exit)
                _not_built(exc)
            else:
                built.append(ext)
        self.extensions = built


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
