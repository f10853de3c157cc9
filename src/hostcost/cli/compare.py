"""``hostcost compare``: scenarios side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, inputs, plot
from hostcost.core.inputs import COMMAND_INPUTS

EPILOG = """\b
Examples:
  hostcost compare fy2020 fy2021
  hostcost compare sma-2016 sma-2022 demand-2019 -f json
  hostcost compare examples/guam-relocation.toml examples/cost-plus-50.toml
  hostcost compare fy2020 fy2021 sma-2022 --plot compare.png --output compare.html
  hostcost compare sma-2016 sma-2022 --prices 2024          # in 2024 dollars
"""

app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["compare"], plots=True), epilog=EPILOG)
def compare(
    ctx: typer.Context,
    scenarios: Annotated[
        list[str],
        typer.Argument(metavar="INPUT...", help="Scenario files or preset names; each is set against the first."),
    ],
) -> None:
    """Scenarios side by side: one column each, compared with the first.

    Each INPUT runs at its own host shares, or at 100% if it names none, and at its own rates.
    --prices restates each in one year's prices, from its own year.
    """
    from hostcost import api

    result = api.run_compare(inputs(ctx), scenarios)
    draw = plot(ctx, lambda charts, cur, lang: charts.compare_chart(result.named, result.titles, cur, lang))
    emit(ctx, result)
    draw()
