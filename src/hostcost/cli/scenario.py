"""``hostcost scenario``: who pays what under several splits, set against the baseline."""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, inputs, output, plot, write_file
from hostcost.core.inputs import COMMAND_INPUTS

EPILOG = """\b
Examples:
  hostcost scenario
  hostcost scenario --host-share 75 --rate 150
  hostcost scenario --troops 45,000 --share utilities=61 --breakdown
  hostcost scenario --wages ¥150B --utilities ¥20B --drills ¥30B --host-share 50 -f json
  hostcost scenario --preset korea-2021 --host-share 100
  hostcost scenario --troops-change -9000 --host-share 100        # 9,000 Marines leave
  hostcost scenario --markup 50 --host-share 100                  # cost plus 50%
  hostcost scenario --preset sma-2022 --years 5 --start-year 2022 --host-share 100
  hostcost scenario --preset fy2021 --output briefing.html --plot briefing.png
  hostcost scenario --output briefing.xlsx                        # money as numbers, for Excel
  hostcost scenario --figures full                                # every cent and yen
  hostcost scenario --currency-shown USD --plot yen.pdf --plot-currency JPY
  hostcost scenario --lang ja                                     # 2,110億円, 390万7,778円
  hostcost scenario examples/guam-relocation.toml
  hostcost scenario --host-share 80 --save my-scenario.toml
"""

app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["scenario"], plots=True), epilog=EPILOG)
def scenario(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]",
            help="A scenario file (TOML; - for stdin). Options given as well override it.",
            show_default=False,
        ),
    ] = None,
    save: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Write what was run to FILE, a scenario file that reproduces it exactly."),
    ] = None,
    breakdown: Annotated[bool, typer.Option(help="Show each scenario's split by category.")] = False,
) -> None:
    """Who pays what, host or US, under several splits, set against the $1.9B (¥200B) baseline.

    With no costs given, uses Japan's FY2020 host-nation-support budget (¥199.3B in five
    categories) and 54,000 troops. Once any cost is given, only the costs given are used
    (with --preset or a FILE, they replace or add to its costs). Amounts take a currency:
    ¥22.3B, 2000億円, $1.9bn, 200 billion yen.
    """
    from hostcost import api

    result = api.run_scenario(inputs(ctx), file, breakdown)
    draw = plot(ctx, lambda charts, cur, lang: charts.scenario_chart(result.report, result.title, cur, lang))
    if save is not None:
        write_file("--save", save, result.to_toml(), output(ctx).force)
    emit(ctx, result)
    draw()
