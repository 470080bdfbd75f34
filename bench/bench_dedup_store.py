"""Incremental dedup store: seconds to index new articles alone and into a large store, interleaved.

The large store (``--stored`` synthetic articles of ``bench_dedup.corpus``, seed 1) is built once and
kept at ``--store-db``; every run indexes the same ``--new`` articles (seed 2) into an empty store and
into a copy of the large one (flushed to disk first), 1,000 per transaction, timing ``index_articles``
and its commit (wall and CPU seconds). Each pair runs in a child process, so a version keeps nothing
in memory from one pair to the next (a fresh process pays for reading the index, as a new
``storyline process`` does).

With ``--compare-src DIR`` (the ``src`` folder of another version, e.g. ``git archive REV src | tar -x
-C /tmp/old``) and its own store ``--compare-store-db`` (built by that version when missing), each
repeat runs that version's pair too, interleaved with this one's, so both see the same machine load;
``--store-from`` makes this version's store from a copy of the other's (migrated on opening), so both
index into the same articles. ``--check`` compares the stored groups (article, group, canonical) after
the last pair of each version. Usage::

    git archive HEAD src | tar -x -C /tmp/old
    python bench/bench_dedup_store.py --new 1000 --stored 100000 --compare-src /tmp/old/src \\
        --compare-store-db /tmp/dedup-100k-old.db --store-from /tmp/dedup-100k-old.db \\
        --store-db /tmp/dedup-100k.db --repeats 5 --check --out bench/results/dedup-store-100k.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_dedup import _table_bytes, corpus, fill, positive, store_pair  # noqa: E402


def build(path: Path, stored: int) -> float:
    """Build the large store at ``path`` with the storyline on sys.path; the seconds spent indexing."""
    from storyline.store import Store

    with Store.open(f"sqlite:///{path}") as store:
        return fill(store, list(corpus(stored, seed=1)))[0]


def adopt(source: Path, target: Path) -> None:
    """This version's store: a copy of another version's, migrated by opening it (and its index's files made: key
    segments and side arrays)."""
    from storyline.dedup import params_from_settings
    from storyline.dedup.keyindex import key_index
    from storyline.dedup.sidearrays import side_arrays
    from storyline.store import Store

    shutil.copy(source, target)
    with Store.open(f"sqlite:///{target}") as store, store.atomic() as conn:
        key_index(conn)
        side_arrays(conn, params_from_settings().permutations)


def copy_files(base: Path, tmp: Path) -> None:
    """Put the large store's side files (``<db>-dedup``: the key index's segment files and the
    side arrays of signatures and group pointers) beside its copy in ``tmp`` as ``store_pair`` names it, flushed
    to disk; none beside the empty store."""
    for label in ("alone", "into_store"):
        shutil.rmtree(tmp / f"{label}.db-dedup", ignore_errors=True)
    if Path(f"{base}-dedup").is_dir():
        shutil.copytree(f"{base}-dedup", tmp / "into_store.db-dedup")
        for path in (tmp / "into_store.db-dedup").iterdir():
            with path.open("rb+") as copied:
                os.fsync(copied.fileno())


def groups_of(path: Path) -> list[tuple[str, str, bool]]:
    """(article, group, canonical) of every indexed article of a store, sorted."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT article_id, group_id, canonical FROM dedup_members ORDER BY article_id")
        return [(a, g, bool(c)) for a, g, c in rows]


def child(args: argparse.Namespace) -> None:
    """In the child process: build the store if asked, else run one pair (JSON on stdout)."""
    if args.child == "build":
        print(json.dumps({"build_seconds": round(build(args.store_db, args.stored), 1)}))
        return
    new = [(f"n{i}", text) for i, (_, text) in enumerate(corpus(args.new, seed=2))]
    copy_files(args.store_db, args.tmp)
    run = store_pair(new, args.store_db, args.tmp)
    if args.groups_out:
        args.groups_out.write_text(json.dumps(groups_of(args.tmp / "into_store.db")))
    print(json.dumps(run))


def spawn(src: Path | None, *argv: str) -> dict[str, Any]:
    """Run this script as a child with ``src`` (default: this checkout) first on the path; its JSON."""
    env = dict(os.environ) | ({"PYTHONPATH": f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"} if src else {})
    out = subprocess.run([sys.executable, __file__, *argv], env=env, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    """Medians of each figure over the runs, and the runs."""
    return {name: statistics.median(r[name] for r in runs) for name in runs[0]} | {"runs": runs}


def parse() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--new", type=positive, default=1_000)
    parser.add_argument("--stored", type=positive, default=100_000)
    parser.add_argument("--store-db", type=Path, required=True, help="The large store (built when missing).")
    parser.add_argument("--store-from", type=Path, default=None, help="Make --store-db from this store when missing.")
    parser.add_argument("--repeats", type=positive, default=5)
    parser.add_argument("--compare-src", type=Path, default=None, help="Another version's src folder, interleaved.")
    parser.add_argument("--compare-store-db", type=Path, default=None, help="That version's large store.")
    parser.add_argument("--check", action="store_true", help="Compare the groups both versions stored.")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--child", choices=["build", "pair"], default=None, help=argparse.SUPPRESS)
    parser.add_argument("--tmp", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--groups-out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compare_src and not args.compare_store_db:
        parser.error("--compare-src needs --compare-store-db (a store that version built)")
    if args.compare_src and not (args.compare_src / "storyline" / "__init__.py").is_file():
        parser.error(f"--compare-src {args.compare_src}: no storyline package there (give a version's src folder)")
    if args.store_from and not args.store_from.is_file():
        parser.error(f"--store-from {args.store_from}: no such store")
    return args


def prepare(args: argparse.Namespace, versions: dict[str, tuple[Path | None, Path]]) -> dict[str, Any]:
    """Build or adopt each version's large store; build seconds and this version's store size."""
    out: dict[str, Any] = {}
    for name in sorted(versions):  # "compare" first: --store-from may need its store
        src, db = versions[name]
        if db.exists():
            continue
        if name == "this" and args.store_from:
            adopt(args.store_from, db)
        else:
            built = spawn(src, "--child", "build", "--stored", str(args.stored), "--store-db", str(db))
            out[f"{name}_build_seconds"] = built["build_seconds"]
    out["store_bytes"] = _table_bytes(args.store_db)
    return out


def main() -> None:
    """Run the interleaved pairs and write the medians as JSON."""
    args = parse()
    if args.child:
        child(args)
        return
    versions: dict[str, tuple[Path | None, Path]] = {"this": (None, args.store_db)}
    if args.compare_src:
        versions["compare"] = (args.compare_src.resolve(), args.compare_store_db)
    out: dict[str, Any] = {"new_articles": args.new, "stored_articles": args.stored} | prepare(args, versions)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
    with tempfile.TemporaryDirectory() as tmp:
        for repeat in range(args.repeats):
            for name in sorted(versions, reverse=repeat % 2 == 1):  # alternate which version goes first
                src, db = versions[name]
                argv = ["--child", "pair", "--new", str(args.new), "--store-db", str(db), "--tmp", tmp]
                if args.check and repeat == args.repeats - 1:
                    argv += ["--groups-out", str(Path(tmp) / f"groups-{name}.json")]
                runs[name].append(spawn(src, *argv))
                print(json.dumps({"version": name} | runs[name][-1]), flush=True)
        if args.check and args.compare_src:
            mine, theirs = (json.loads((Path(tmp) / f"groups-{n}.json").read_text()) for n in ("this", "compare"))
            out["groups_identical"] = mine == theirs
            out["groups_differing"] = len({tuple(r) for r in mine} ^ {tuple(r) for r in theirs})
            print("groups identical:", out["groups_identical"], out["groups_differing"], "rows differ", flush=True)
    for name, got in runs.items():
        out[name] = summary(got)
        print(name, json.dumps({k: v for k, v in out[name].items() if k != "runs"}), flush=True)
    if args.compare_src:
        out["compare_src"] = str(args.compare_src)
    if args.out:
        args.out.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
