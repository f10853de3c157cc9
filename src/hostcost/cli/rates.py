"""``hostcost rates``: the built-in exchange rates of each period."""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit
from hostcost.errors import InputError

EPILOG = """\b
Examples:
  hostcost rates
  hostcost rates --monthly --year 2024
  hostcost rates --fy -f csv
  hostcost rates -f json
"""

app = command_app()


@app.command(cls=Command.taking(), epilog=EPILOG)
def rates(
    ctx: typer.Context,
    monthly: Annotated[bool, typer.Option("--monthly", help="The monthly averages (Federal Reserve G.5).")] = False,
    fy: Annotated[
        bool, typer.Option("--fy", help="Japanese fiscal years, April to March: the mean of their monthly averages.")
    ] = False,
    year: Annotated[
        str | None, typer.Option("--year", metavar="YYYY", help="Only the periods of year YYYY.", show_default=False)
    ] = None,
) -> None:
    """The built-in exchange rates of each period (--rate-at PERIOD picks one), with their series and sources.

    Calendar-year averages by default (Federal Reserve G.5A); --monthly the months (G.5); --fy the
    Japanese fiscal years. The last line says the latest period known.
    """
    from hostcost import api

    if monthly and fy:
        raise InputError("--monthly and --fy: give one of them")
    emit(ctx, api.run_rates("monthly" if monthly else "fy" if fy else "annual", year, "--year"))
