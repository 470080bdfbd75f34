"""Cleaning throughput and memory: docs/s and peak memory per input kind, trafilatura alone alongside.

    python bench/bench_clean.py [--data ../shared/data] [--repeats 3] [--out bench/results/clean.json]

Inputs (read from the shared data at run time): the seed article, the OCHA flash reports (Markdown
text), naive text dumps of the html-pages-dev pages in two styles (``html_to_text``: a line per block,
scripts dropped; ``text_content``: the body's text_content(), scripts and styles included), and those
pages as HTML. Each stage runs
``--repeats`` timed passes (median docs per CPU-second of this process, so per core and not skewed by
other jobs on a shared machine; wall-clock rate alongside) and one extra pass under tracemalloc for
the peak Python heap.

    python bench/bench_clean.py --against REV [--kernels] [--this REV2] [--rounds 5]
    python bench/bench_clean.py --pure [--rounds 5]

compare two versions of ``clean_text`` in the same process instead: ``--against REV`` this tree with the one at
git revision ``REV`` (REV's package is unpacked under a temporary name and runs as pure Python; with ``--kernels``
REV's compiled kernels are built for it, so a change to the kernels is measured against the kernels; ``--this REV2``
puts revision REV2 in the tree's place, so others' uncommitted work in the tree stays out), ``--pure`` this
tree with its compiled kernels (``clean._speed``, when built) and without them. Both run on every text input
alternately; per input set it prints both rates (docs per CPU-second from each document's median CPU time over
``--rounds``, and from its least, which a busy machine inflates least), the peak Python heap of a pass of each,
and how many documents come out different (the whole Article, every removed line included; exit 1 if any).
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import trafilatura

from storyline.clean import speedups
from storyline.clean.html import clean_html
from storyline.clean.text import clean_text
from storyline.errors import InputError
from storyline.eval.data import html_pages, html_to_text, shared_data_dir, text_content_dump

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benches' own helpers, when imported from elsewhere
from revisions import unpack  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _seed_texts(data: Path) -> list[str]:
    """The seed article(s)."""
    return [p.read_text(encoding="utf-8") for p in sorted((data.parent / "seeds").glob("*.txt"))]


def _ocha_texts(data: Path) -> list[str]:
    """The OCHA flash updates as Markdown text."""
    return [p.read_text(encoding="utf-8") for p in sorted((data / "ocha-flash-updates" / "reports").glob("*.md"))]


def _timed(run: Callable[[str, int], object], docs: Sequence[str], repeats: int) -> dict[str, Any]:
    """Median docs/s over ``repeats`` passes, and peak traced memory of one more pass."""
    run(docs[0], -1)  # warm-up: lazy loads (resources, regexes) are not throughput
    rates, wall_rates = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        for n, doc in enumerate(docs):
            run(doc, n)
        rates.append(len(docs) / max(time.process_time() - cpu_start, 1e-9))
        wall_rates.append(len(docs) / (time.perf_counter() - start))
    tracemalloc.start()
    for n, doc in enumerate(docs):
        run(doc, n)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    chars = sum(len(d) for d in docs)
    return {
        "docs": len(docs),
        "mean_kchars_per_doc": round(chars / max(len(docs), 1) / 1000, 1),
        "docs_per_s": round(statistics.median(rates), 1),
        "kchars_per_s": round(statistics.median(rates) * chars / max(len(docs), 1) / 1000),
        "docs_per_s_all": [round(r, 1) for r in rates],
        "wall_docs_per_s": round(statistics.median(wall_rates), 1),
        "peak_kib": round(peak / 1024),
    }


def _clean_text(doc: str, n: int) -> object:
    """Our plain-text cleaner; an unusable document counts like any other."""
    try:
        return clean_text(doc, id=f"d{n}")
    except InputError:
        return None


def _clean_html(doc: str, n: int) -> object:
    """Our HTML cleaner."""
    try:
        return clean_html(doc, id=f"d{n}")
    except InputError:
        return None


def _trafilatura(doc: str, n: int) -> object:
    """trafilatura alone, as `storyline eval clean` runs it."""
    return trafilatura.extract(doc, include_comments=False)


def run_bench(data: Path, repeats: int) -> dict[str, Any]:
    """Every stage on every input kind."""
    pages = [p.html for p in html_pages(data)]
    texts = text_inputs(data, pages)
    stages: list[tuple[str, str, Callable[[str, int], object], list[str]]] = [
        ("clean_text", "seed x50", _clean_text, texts["seed"] * 50),
        *[("clean_text", inputs, _clean_text, docs) for inputs, docs in texts.items() if inputs != "seed"],
        ("clean_html", "html-dev-pages", _clean_html, pages),
        ("trafilatura", "html-dev-pages", _trafilatura, pages),
    ]
    rows = []
    for stage, inputs, run, docs in stages:
        if docs:
            rows.append({"stage": stage, "inputs": inputs, **_timed(run, docs, repeats)})
    return {
        "recorded": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip(),
        "repeats": repeats,
        "kernels": speedups.KERNELS is not None,  # clean_text's compiled kernels (clean._speed) built and used
        "note": "docs/s per CPU-second of this process (one core; other jobs on the machine do not count); "
        "wall_docs_per_s is elapsed time on the shared machine",
        "rows": rows,
    }


def text_inputs(data: Path, pages: list[str]) -> dict[str, list[str]]:
    """The plain-text input sets of the bench, by name (``pages``: the html-pages-dev HTML)."""
    return {
        "seed": _seed_texts(data),
        "ocha-reports": _ocha_texts(data),
        "html-dev-dumps": [html_to_text(html) for html in pages],
        "text_content": [text_content_dump(html) for html in pages],
    }


BASE = "storyline_base"  # the package name REV's code is imported under


def load_revision(
    rev: str, into: Path, kernels: bool = False, name: str = BASE
) -> tuple[Callable[..., Any], type[Exception]]:
    """``clean_text`` as it was at git revision ``rev``, and that revision's ``InputError``.

    Its package is unpacked under ``into`` as ``name``: every import of ``storyline`` and every
    ``files("storyline...")`` resource look-up is renamed, so REV's code reads REV's own data files.
    ``kernels``: build REV's compiled kernels too (its ``setup.py build_ext``), so kernels run against kernels.
    """
    unpack(rev, into, kernels)
    package = into / name
    (into / "src" / "storyline").rename(package)
    imports = re.compile(r"\b(from|import) storyline(?=[.\s])|files\(\"storyline(?=[\".])")
    for path in package.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        path.write_text(imports.sub(lambda m: m[0].replace("storyline", name), code), encoding="utf-8")
    sys.path.insert(0, str(into))
    errors = importlib.import_module(f"{name}.errors")
    return importlib.import_module(f"{name}.clean.text").clean_text, errors.InputError


def _article(clean: Callable[..., Any], doc: str, errors: tuple[type[Exception], ...]) -> dict[str, Any] | str:
    """Everything a cleaner says about a document, to compare two versions (``errors``: both trees' InputError)."""
    try:
        article = clean(doc, id="d")
    except errors as error:
        return f"{type(error).__name__}: {error}"
    return {**article.to_dict(), "language": article.language}


Cleaner = Callable[..., Any]
Version = tuple[str, Callable[[], None], Cleaner]  # name, what to set before a call (off the clock), clean_text


def compare(data: Path, rev: str, rounds: int, kernels: bool = False, this: str | None = None) -> list[dict[str, Any]]:
    """Per text input set: REV's clean_text and this tree's (or revision ``this``'s), run alternately: rates, peak
    heap, differences."""
    with tempfile.TemporaryDirectory() as tmp:
        base, base_error = load_revision(rev, Path(tmp) / "base", kernels)
        errors: tuple[type[Exception], ...] = (InputError, base_error)
        other = clean_text
        if this is not None:  # two revisions: other work in the tree's files stays out of the comparison
            other, this_error = load_revision(this, Path(tmp) / "this", kernels, name="storyline_this")
            errors += (this_error,)
        versions: list[Version] = [("base", _nothing, base), ("this", _nothing, other)]
        return _alternate(data, versions, errors, rounds)


def compare_pure(data: Path, rounds: int) -> list[dict[str, Any]]:
    """Per text input set: this tree's clean_text without and with its compiled kernels, run alternately."""
    kernels = speedups.KERNELS
    if kernels is None:
        raise SystemExit("--pure: the compiled kernels are not built here (pip install -e . with a C compiler)")
    versions: list[Version] = [
        ("base", lambda: _use_kernels(None), clean_text),
        ("this", lambda: _use_kernels(kernels), clean_text),
    ]
    try:
        return _alternate(data, versions, (InputError,), rounds)
    finally:
        _use_kernels(kernels)


def _nothing() -> None:
    """No set-up before a call."""


def _use_kernels(kernels: Any) -> None:
    """Run the cleaner with ``kernels`` (None: its pure-Python code); its modules read ``speedups.KERNELS``."""
    speedups.KERNELS = kernels


def _alternate(
    data: Path, versions: list[Version], errors: tuple[type[Exception], ...], rounds: int
) -> list[dict[str, Any]]:
    """Both versions on every text input, alternately; rates from per-document median and least CPU times."""
    rows = []
    for inputs, docs in text_inputs(data, [p.html for p in html_pages(data)]).items():
        docs = docs * 20 if inputs == "seed" else docs
        times: dict[str, list[list[float]]] = {name: [[] for _ in docs] for name, _, _ in versions}
        for _name, prepare, clean in versions:
            prepare()
            _article(clean, docs[0], errors)  # warm-up: lazy loads are not throughput
        for r in range(rounds):
            for i, doc in enumerate(docs):
                for name, prepare, clean in versions[:: 1 if (i + r) % 2 else -1]:
                    prepare()
                    start = time.process_time()
                    _article(clean, doc, errors)
                    times[name][i].append(time.process_time() - start)
        outputs = {}
        row: dict[str, Any] = {"inputs": inputs, "docs": len(docs)}
        for name, prepare, clean in versions:
            prepare()
            outputs[name] = [_article(clean, doc, errors) for doc in docs]
            row[name] = len(docs) / max(sum(map(statistics.median, times[name])), 1e-9)
            row[f"{name}_best"] = len(docs) / max(sum(map(min, times[name])), 1e-9)
            tracemalloc.start()
            for doc in docs:
                _article(clean, doc, errors)
            row[f"{name}_peak_kib"] = round(tracemalloc.get_traced_memory()[1] / 1024)
            tracemalloc.stop()
        row["differ"] = sum(a != b for a, b in zip(outputs["base"], outputs["this"], strict=True))
        rows.append(row)
    return rows


def format_comparison(rows: list[dict[str, Any]], base: str, this: str) -> str:
    """The rows of a comparison: median (and best) docs per CPU-second, peak heap, differing outputs."""
    out = [f"{'inputs':<16}{'docs':>6}{'differ':>8}{base:>16}{this:>16}{'ratio':>8}{'peak KiB':>18}"]
    for r in rows:
        rates = [f"{r[k]:.1f} ({r[k + '_best']:.0f})" for k in ("base", "this")]
        peaks = f"{r['base_peak_kib']} -> {r['this_peak_kib']}"
        out.append(
            f"{r['inputs']:<16}{r['docs']:>6}{r['differ']:>8}{rates[0]:>16}{rates[1]:>16}"
            f"{r['this'] / r['base']:>8.3f}{peaks:>18}"
        )
    out.append("docs per CPU-second from each document's median CPU time over the rounds (from its least)")
    return "\n".join(out)


def format_table(result: dict[str, Any]) -> str:
    """The rows as a readable table."""
    head = f"{'stage':<13}{'inputs':<16}{'docs':>6}{'kchars/doc':>12}{'docs/s':>10}{'kchars/s':>10}{'wall/s':>10}"
    head += f"{'peak KiB':>10}"
    lines = [head]
    for r in result["rows"]:
        lines.append(
            f"{r['stage']:<13}{r['inputs']:<16}{r['docs']:>6}{r['mean_kchars_per_doc']:>12}"
            f"{r['docs_per_s']:>10}{r['kchars_per_s']:>10}{r['wall_docs_per_s']:>10}{r['peak_kib']:>10}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared/data folder")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "clean.json")
    parser.add_argument("--against", metavar="REV", help="compare clean_text with git revision REV instead")
    parser.add_argument("--kernels", action="store_true", help="with --against: build REV's compiled kernels too")
    parser.add_argument("--this", metavar="REV2", help="with --against: compare with revision REV2, not this tree")
    parser.add_argument("--pure", action="store_true", help="compare this tree with and without its kernels")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per document with --against/--pure")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if (args.kernels or args.this) and not args.against:
        parser.error("--kernels and --this go with --against REV")
    if args.against or args.pure:
        data = shared_data_dir(args.data)
        if args.pure:
            rows, names = compare_pure(data, args.rounds), ("pure Python", "kernels")
        else:
            rows = compare(data, args.against, args.rounds, args.kernels, args.this)
            names = (args.against[:12], args.this[:12] if args.this else "this tree")
        print(format_comparison(rows, *names))
        return 1 if any(r["differ"] for r in rows) else 0
    result = run_bench(shared_data_dir(args.data), args.repeats)
    print(format_table(result))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
