"""Commands of the dedup area (registered on import by storyline.cli).

``storyline dedup`` is a JSON Lines filter: ``{"id", "text"}`` (optional ``"date"``) in, one
``{"id", "group", "canonical", "similarity"}`` line out per input line, in input order, written
once all input is read (grouping needs the whole batch; see storyline.dedup.jsonl). A bad line
gets ``{"id", "error"}``. ``storyline eval dedup`` scores grouping on the dev syndication set.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TextIO

import click

from storyline.cli import cli, data_option, eval_group, json_line, without_bom
from storyline.dedup import params_from_settings
from storyline.dedup.jsonl import dedup_lines

log = logging.getLogger(__name__)


@cli.command("dedup")
@click.argument("input_file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option("--threshold", type=float, default=None, help="Jaccard needed to join a group (dedup_threshold).")
@click.option("--shingle-size", type=int, default=None, help="Words per shingle (dedup_shingle_size).")
@click.option("--permutations", type=int, default=None, help="MinHash permutations (dedup_permutations).")
def dedup_command(
    input_file: TextIO, threshold: float | None, shingle_size: int | None, permutations: int | None
) -> None:
    """Group near-duplicates: JSON Lines {"id","text"} in, {"id","group","canonical","similarity"} out."""
    params = params_from_settings(threshold, shingle_size, permutations)
    name = getattr(input_file, "name", None)
    name = name if isinstance(name, str) and name not in ("-", "<stdin>") else "<stdin>"
    failed = 0
    for record in dedup_lines(without_bom(input_file), params, name=name):
        failed += "error" in record
        sys.stdout.write(json_line(record))
    log.info("dedup: %d lines with errors", failed)


@eval_group.command("dedup")
@data_option
@click.option("--seed", type=int, default=0, help="Seed of the synthetic copies.")
@click.option("--threshold", type=float, default=None, help="Override dedup_threshold.")
def eval_dedup_command(data: Path | None, seed: int, threshold: float | None) -> None:
    """Score near-duplicate grouping: pair P/R/F1 on syndicated copies of the dev articles."""
    from storyline.eval.data import shared_data_dir
    from storyline.eval.dedup import evaluate

    figures = evaluate(shared_data_dir(data), params_from_settings(threshold), seed=seed)
    click.echo(json.dumps(figures, indent=2))
