"""The command line starts, shows help and version."""

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
