"""The `storyline` command: a thin face over the library.

Each area registers its commands from its own module (``cli/clean.py``, ``cli/store.py``, ...);
library errors become one-line messages, never tracebacks for bad input.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from storyline import __version__
from storyline.errors import StorylineError, UsageError


class StorylineGroup(click.Group):
    """A click group that turns StorylineError into a one-line message and exit status."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; map library errors to click errors."""
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(str(exc)) from exc
        except StorylineError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=StorylineGroup)
@click.version_option(__version__, prog_name="storyline")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """storyline: raw news articles in; a deduplicated, sourced record of events out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


data_option = click.option(
    "--data",
    "data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The shared/data folder (default: STORYLINE_DATA or ../shared/data).",
)
"""The ``--data`` option every ``storyline eval`` command takes."""


def json_line(record: dict[str, Any]) -> str:
    """One JSON output line; escaped ASCII when the record holds text UTF-8 cannot encode (lone surrogates)."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record, ensure_ascii=True)
    return line + "\n"


def without_bom(lines: Iterable[str]) -> Iterator[str]:
    """Input lines with a leading byte-order mark removed (files saved on Windows, concatenated exports)."""
    for line in lines:
        yield line.removeprefix("\ufeff")


@cli.group("eval", cls=StorylineGroup)
def eval_group() -> None:
    """Score a stage on the dev gold in ../shared/data."""


def main() -> None:
    """Entry point of the console script."""
    cli()


# Each module below adds its commands to ``cli`` or ``eval_group``.
from storyline.cli import clean as _clean  # noqa: E402,F401
from storyline.cli import dedup as _dedup  # noqa: E402,F401
from storyline.cli import extract as _extract  # noqa: E402,F401
from storyline.cli import store as _store  # noqa: E402,F401
