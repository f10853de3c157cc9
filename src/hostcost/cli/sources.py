"""``hostcost sources``: every built-in figure, and where it came from."""

from __future__ import annotations

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit

EPILOG = "\b\nExamples:\n  hostcost sources\n  hostcost sources | grep Yomiuri\n"

app = command_app()


@app.command(cls=Command.taking(), epilog=EPILOG)
def sources(ctx: typer.Context) -> None:
    """Every built-in figure, and where it came from."""
    from hostcost import api

    emit(ctx, api.run_sources())
