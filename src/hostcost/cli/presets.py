"""``hostcost presets``: the built-in scenarios."""

from __future__ import annotations

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit

EPILOG = "\b\nExamples:\n  hostcost presets\n  hostcost presets -f json\n  hostcost scenario --preset sma-2022\n"

app = command_app()


@app.command(cls=Command.taking(), epilog=EPILOG)
def presets(ctx: typer.Context) -> None:
    """The built-in scenarios (scenario --preset NAME), with the sources of their figures."""
    from hostcost import api

    emit(ctx, api.run_presets())
