"""``hostcost baseline``: the baseline and the default cost categories, with sources."""

from __future__ import annotations

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, inputs
from hostcost.core.inputs import COMMAND_INPUTS

EPILOG = """\b
Examples:
  hostcost baseline
  hostcost baseline --rate-year 2020 -f json
"""

app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["baseline"]), epilog=EPILOG)
def baseline(ctx: typer.Context) -> None:
    """The baseline ($1.9B, ¥200B, 54,000 troops) and the default cost categories, with sources."""
    from hostcost import api

    emit(ctx, api.run_baseline(inputs(ctx)))
