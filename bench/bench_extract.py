"""Extraction throughput: words/s and docs/s of `extract_many` vs raw `nlp.pipe` on the same texts.

    python bench/bench_extract.py [--data ../shared/data] [--docs 30] [--repeats 3] [--out bench/results/extract.json]

Texts: every k-th OCHA flash update (Markdown, read from the shared data at run time), ``--docs`` of them.
Both runs use the same spaCy pipeline in the same process: raw ``nlp.pipe`` over the whole texts, and
``extract_many`` (which parses only the lines that may report events, then assembles events). Rates are
medians over ``--repeats`` passes of words (whitespace tokens) and docs per CPU-second of this process, so
per core and not skewed by other jobs on a shared machine, with the wall-clock rates alongside. Peak
memory: the process's maximum resident set size after extraction (``peak_rss_mib_extract``; extraction runs
first) and after both (``peak_rss_mib``: raw ``nlp.pipe`` of whole long texts needs several times more).
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storyline import settings
from storyline.eval.data import shared_data_dir
from storyline.extract import extract_many
from storyline.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]


def ocha_texts(data: Path, docs: int) -> list[str]:
    """Every k-th OCHA flash update, ``docs`` of them."""
    paths = sorted((data / "ocha-flash-updates" / "reports").glob("*.md"))
    step = max(1, len(paths) // max(docs, 1))
    return [p.read_text(encoding="utf-8") for p in paths[::step][:docs]]


def timed(run: Callable[[Sequence[str]], int], texts: Sequence[str], repeats: int) -> dict[str, Any]:
    """Median words/s and docs/s (CPU and wall clock) over ``repeats`` passes; returns the last output size."""
    words = sum(len(t.split()) for t in texts)
    cpu, wall = [], []
    produced = 0
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        produced = run(texts)
        cpu.append(max(time.process_time() - cpu_start, 1e-9))
        wall.append(time.perf_counter() - start)
    return {
        "words_per_cpu_s": round(words / statistics.median(cpu)),
        "docs_per_cpu_s": round(len(texts) / statistics.median(cpu), 3),
        "words_per_wall_s": round(words / statistics.median(wall)),
        "docs_per_wall_s": round(len(texts) / statistics.median(wall), 3),
        "output": produced,
    }


def peak_rss_mib() -> float:
    """The process's peak resident memory so far, MiB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print a table, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "extract.json"))
    args = parser.parse_args(argv)
    texts = ocha_texts(shared_data_dir(args.data), args.docs)
    nlp = load_nlp()
    batch = settings.get("nlp_batch_size")
    list(extract_many([(texts[0], None)]))  # warm-up: lexicons, gazetteer, regexes

    def raw(items: Sequence[str]) -> int:
        return sum(len(doc) for doc in nlp.pipe(items, batch_size=batch))

    def extract(items: Sequence[str]) -> int:
        return sum(len(events) for events in extract_many([(t, None) for t in items]))

    # extraction first, so the peak RSS read after it is its own; raw nlp.pipe of whole long texts needs far more
    extracted = timed(extract, texts, args.repeats)
    extract_peak = peak_rss_mib()
    results = {"raw_nlp_pipe": timed(raw, texts, args.repeats), "extract_many": extracted}
    ratio = results["extract_many"]["words_per_cpu_s"] / max(results["raw_nlp_pipe"]["words_per_cpu_s"], 1)
    report = {
        "texts": f"OCHA flash updates, {len(texts)} docs, {sum(len(t.split()) for t in texts)} words",
        "model": settings.get("spacy_model"),
        "repeats": args.repeats,
        **results,
        "speed_vs_raw_pipe": round(ratio, 3),
        "peak_rss_mib_extract": extract_peak,
        "peak_rss_mib": peak_rss_mib(),
        "python": platform.python_version(),
    }
    for name in ("raw_nlp_pipe", "extract_many"):
        r = results[name]
        print(f"{name:14} {r['words_per_cpu_s']:>8} words/cpu-s {r['docs_per_cpu_s']:>8} docs/cpu-s  out={r['output']}")
    peaks = f"peak RSS: extract {extract_peak} MiB, with raw pipe {report['peak_rss_mib']} MiB"
    print(f"extract / raw pipe = {ratio:.2f}   {peaks}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
