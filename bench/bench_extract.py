"""Extraction throughput: words/s and docs/s of `extract_many` vs raw `nlp.pipe` on the same texts.

    python bench/bench_extract.py [--data ../shared/data] [--docs 30] [--repeats 3] [--out bench/results/extract.json]

Texts: every k-th OCHA flash update (Markdown, read from the shared data at run time), ``--docs`` of them
(``--texts FILE``: the lines of FILE instead, one text a line).
Both runs use the same spaCy pipeline in the same process: raw ``nlp.pipe`` over the whole texts, and
``extract_many`` (which parses only the lines that may report events, then assembles events). Rates are
medians over ``--repeats`` passes of words (whitespace tokens) and docs per CPU-second of this process, so
per core and not skewed by other jobs on a shared machine, with the wall-clock rates alongside. Peak
memory: the process's maximum resident set size after extraction (``peak_rss_mib_extract``; extraction runs
first) and after both (``peak_rss_mib``: raw ``nlp.pipe`` of whole long texts needs several times more).

    python bench/bench_extract.py --against REV [--this REV2] [--kernels] [--rounds 5] [--docs 30]

compares two revisions in the same run instead: REV's package (``git archive``, unpacked in a temporary folder)
and this tree's, or revision REV2's in its place (others' uncommitted work in the tree stays out), each in a
process of its own that loads its own spaCy pipeline; ``--kernels`` builds each unpacked revision's compiled
kernels (its ``setup.py build_ext``; without it an unpacked revision runs its pure Python). The two processes take
turns: each round runs, in each process, ``extract_many`` and the raw ``nlp.pipe`` baseline over all the texts, the
processes' order swapped every round. Per revision it prints the median CPU-second rates of both, the ratio
extract / raw pipe (medians), the events extracted, and the ratios of the two revisions: this / REV of the
extract rate, and of the extract / raw ratio, which divides out what the host's load does to both processes alike.
Writes nothing; exit 1 if the two revisions extract a different number of events.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from storyline import settings
from storyline.eval.data import shared_data_dir
from storyline.extract import extract_many
from storyline.nlp import load_nlp

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benches' own helpers, when imported from elsewhere
from revisions import unpack  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
REPLY = "@@bench "  # a worker's replies on its stdout start with this; anything else there is not read


def ocha_texts(data: Path, docs: int) -> list[str]:
    """Every k-th OCHA flash update, ``docs`` of them."""
    paths = sorted((data / "ocha-flash-updates" / "reports").glob("*.md"))
    step = max(1, len(paths) // max(docs, 1))
    return [p.read_text(encoding="utf-8") for p in paths[::step][:docs]]


def bench_texts(data: str | None, docs: int, texts: str | None) -> list[str]:
    """The texts of a run: the non-blank lines of the file ``texts``, or ``docs`` OCHA flash updates."""
    if texts is not None:
        return [line for line in Path(texts).read_text(encoding="utf-8").splitlines() if line.strip()]
    return ocha_texts(shared_data_dir(data), docs)


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


def runners() -> dict[str, Callable[[Sequence[str]], int]]:
    """The two timed runs by name: raw ``nlp.pipe`` (tokens out) and ``extract_many`` (events out)."""
    nlp = load_nlp()
    batch = settings.get("nlp_batch_size")

    def raw(items: Sequence[str]) -> int:
        return sum(len(doc) for doc in nlp.pipe(items, batch_size=batch))

    def extract(items: Sequence[str]) -> int:
        return sum(len(events) for events in extract_many([(t, None) for t in items]))

    return {"raw_nlp_pipe": raw, "extract_many": extract}


def worker(texts: list[str]) -> None:
    """A revision's side of ``--against``: load, warm up, then run each named run asked for on stdin."""
    runs = runners()
    list(extract_many([(texts[0], None)]))  # warm-up: lexicons, gazetteer, regexes
    print(REPLY + json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        name = line.strip()
        if name not in runs:
            break
        start = time.process_time()
        produced = runs[name](texts)
        reply = {"cpu_s": max(time.process_time() - start, 1e-9), "output": produced, "peak_rss_mib": peak_rss_mib()}
        print(REPLY + json.dumps(reply), flush=True)


class Worker:
    """A process running this script's ``--worker`` side with one revision's ``src`` first on its path."""

    def __init__(self, src: Path, argv: list[str]) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=src.parent,
        )
        self.reply()  # loaded and warmed up

    def reply(self) -> dict[str, Any]:
        """The worker's next reply."""
        out: IO[str] | None = self.process.stdout
        assert out is not None
        for line in out:
            if line.startswith(REPLY):
                reply: dict[str, Any] = json.loads(line[len(REPLY) :])
                return reply
        raise SystemExit(f"a bench worker ended with exit code {self.process.wait()}")

    def run(self, name: str) -> dict[str, Any]:
        """Time one pass of the run ``name`` over the texts in the worker."""
        assert self.process.stdin is not None
        self.process.stdin.write(name + "\n")
        self.process.stdin.flush()
        return self.reply()

    def close(self) -> None:
        """End the worker."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def compare(workers: dict[str, Worker], texts: Sequence[str], rounds: int) -> dict[str, Any]:
    """Both revisions' workers in turns over ``rounds``: per revision medians, ratios, events; the revisions' ratios."""
    cpu: dict[str, dict[str, list[float]]] = {side: {"raw_nlp_pipe": [], "extract_many": []} for side in workers}
    last: dict[str, dict[str, Any]] = {}
    sides = list(workers)
    for r in range(rounds):
        for side in sides if r % 2 == 0 else sides[::-1]:
            for name in ("extract_many", "raw_nlp_pipe") if r % 2 == 0 else ("raw_nlp_pipe", "extract_many"):
                reply = workers[side].run(name)
                cpu[side][name].append(reply["cpu_s"])
                last[side] = {**last.get(side, {}), name: reply["output"], "peak_rss_mib": reply["peak_rss_mib"]}
    words = sum(len(t.split()) for t in texts)
    report: dict[str, Any] = {"texts": len(texts), "words": words, "rounds": rounds}
    for side in sides:
        medians = {name: statistics.median(times) for name, times in cpu[side].items()}
        report[side] = {
            **{f"{name}_words_per_cpu_s": round(words / medians[name]) for name in medians},
            "speed_vs_raw_pipe": round(medians["raw_nlp_pipe"] / medians["extract_many"], 3),
            "events": last[side]["extract_many"],
            "peak_rss_mib": last[side]["peak_rss_mib"],
        }
    base, this = (report[side] for side in sides)
    report["extract_ratio"] = round(this["extract_many_words_per_cpu_s"] / base["extract_many_words_per_cpu_s"], 3)
    report["raw_ratio"] = round(this["raw_nlp_pipe_words_per_cpu_s"] / base["raw_nlp_pipe_words_per_cpu_s"], 3)
    report["speed_vs_raw_ratio"] = round(this["speed_vs_raw_pipe"] / base["speed_vs_raw_pipe"], 3)
    return report


def format_comparison(report: dict[str, Any], names: tuple[str, str]) -> str:
    """A comparison's report as a table: a row per revision, then the ratios this / REV."""
    out = [f"{report['texts']} texts, {report['words']} words, {report['rounds']} rounds (medians of CPU time)"]
    out.append(f"{'revision':<16}{'extract w/cpu-s':>17}{'raw pipe w/cpu-s':>18}{'extract/raw':>13}{'events':>8}")
    for name, side in zip(names, ("base", "this"), strict=True):
        r = report[side]
        out.append(
            f"{name:<16}{r['extract_many_words_per_cpu_s']:>17}{r['raw_nlp_pipe_words_per_cpu_s']:>18}"
            f"{r['speed_vs_raw_pipe']:>13.3f}{r['events']:>8}"
        )
    out.append(
        f"this / REV: extract x{report['extract_ratio']:.3f}, raw pipe x{report['raw_ratio']:.3f}, "
        f"extract/raw x{report['speed_vs_raw_ratio']:.3f}"
    )
    return "\n".join(out)


def run_comparison(args: argparse.Namespace, texts: list[str]) -> dict[str, Any]:
    """``--against``: unpack the revisions, start a worker for each, compare, print the report and return it."""
    argv = ["--texts", str(Path(args.texts).resolve())] if args.texts else ["--docs", str(args.docs)]
    if args.data and not args.texts:
        argv += ["--data", str(Path(args.data).resolve())]
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"base": unpack(args.against, Path(tmp) / "base", args.kernels) / "src"}
        if args.this:
            trees["this"] = unpack(args.this, Path(tmp) / "this", args.kernels) / "src"
        else:
            trees["this"] = REPO / "src"
        workers: dict[str, Worker] = {}
        try:
            for side, src in trees.items():
                workers[side] = Worker(src, argv)
            report = compare(workers, texts, args.rounds)
        finally:
            for started in workers.values():
                started.close()
    report["events_differ"] = report["base"]["events"] != report["this"]["events"]
    print(format_comparison(report, (args.against[:12], args.this[:12] if args.this else "this tree")))
    return report


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark, print a table, write the JSON, return the report (``--against``: compare and print)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--texts", default=None, help="a file of texts, one a line, instead of OCHA updates")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "extract.json"))
    parser.add_argument("--against", metavar="REV", help="compare git revision REV with this tree in the same run")
    parser.add_argument("--this", metavar="REV2", help="with --against: revision REV2 in this tree's place")
    parser.add_argument("--kernels", action="store_true", help="with --against: build the revisions' kernels")
    parser.add_argument("--rounds", type=int, default=5, help="with --against: timed rounds of each revision")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if (args.kernels or args.this) and not args.against:
        parser.error("--kernels and --this go with --against REV")
    try:
        texts = bench_texts(args.data, args.docs, args.texts)
    except (OSError, UnicodeDecodeError) as error:  # a missing, unreadable or undecodable --texts file
        parser.error(f"--texts {args.texts}: {error.strerror if isinstance(error, OSError) else error}")
    if not texts:
        parser.error("no texts to run")
    if args.worker:
        worker(texts)
        return {}
    if args.against:
        return run_comparison(args, texts)
    runs = runners()
    list(extract_many([(texts[0], None)]))  # warm-up: lexicons, gazetteer, regexes
    # extraction first, so the peak RSS read after it is its own; raw nlp.pipe of whole long texts needs far more
    extracted = timed(runs["extract_many"], texts, args.repeats)
    extract_peak = peak_rss_mib()
    results = {"raw_nlp_pipe": timed(runs["raw_nlp_pipe"], texts, args.repeats), "extract_many": extracted}
    ratio = results["extract_many"]["words_per_cpu_s"] / max(results["raw_nlp_pipe"]["words_per_cpu_s"], 1)
    source = f"{args.texts}, {len(texts)} texts" if args.texts else f"OCHA flash updates, {len(texts)} docs"
    report = {
        "texts": f"{source}, {sum(len(t.split()) for t in texts)} words",
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
    raise SystemExit(1 if main(sys.argv[1:]).get("events_differ") else 0)
