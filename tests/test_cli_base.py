"""The command line starts, shows help and version."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import __version__
from storyline.cli import cli


def test_help_and_version() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "storyline" in result.output
    result = runner.invoke(cli, ["--version"])
    assert __version__ in result.output


def test_every_eval_command_takes_the_shared_data_option_and_checks_it(tmp_path: object) -> None:
    from storyline.cli import eval_group

    runner = CliRunner()
    # `eval counts`, `eval acled` and `eval places` score check sets shipped in tests/fixtures: no shared data
    reads_shared = {n: c for n, c in eval_group.commands.items() if n not in ("counts", "acled", "places")}
    assert set(reads_shared) == {"clean", "dedup", "extract", "typing"}
    for name, command in reads_shared.items():
        data = next(p for p in command.params if p.name == "data")
        assert data.opts == ["--data"] and "shared/data" in str(getattr(data, "help", "")), name
        result = runner.invoke(cli, ["eval", name, "--data", f"{tmp_path}/absent"])
        assert result.exit_code == 2 and "does not exist" in result.output, name


def test_ingest_and_run_name_every_tabular_field() -> None:
    from storyline.cli.store import FIELD_ROLES
    from storyline.ingest import ReadOptions

    assert {f"{role}_field" for role in FIELD_ROLES} == {n for n in ReadOptions.__slots__ if n.endswith("_field")}
    for command in ("ingest", "run"):
        result = CliRunner().invoke(cli, [command, "--help"])
        for role in FIELD_ROLES:
            assert f"--{role}-field" in result.output, (command, role)
        assert "--fetch-timeout" in result.output


def test_eval_counts_reports_both_splits_of_the_counts_gold() -> None:
    result = CliRunner().invoke(cli, ["eval", "counts"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {"tune", "heldout"}
    assert figures["tune"]["fields"]["count"]["f1"] >= 0.97  # the floor tests/test_extract_counts_gold.py keeps


def test_a_missing_check_set_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    from storyline.errors import UsageError
    from storyline.eval.data import CHECK_SETS, check_set_records
    from storyline.eval.typing import read_check_set

    with pytest.raises(UsageError, match="check set not found: .*absent.jsonl .*run from a clone"):
        read_check_set(tmp_path / "absent.jsonl")
    assert len(check_set_records(CHECK_SETS / "counts_dates_gold.jsonl")) > 100
