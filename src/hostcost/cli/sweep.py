"""``hostcost sweep``: one row per value of an input."""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, inputs, plot
from hostcost.core.inputs import COMMAND_INPUTS

EPILOG = """\b
Examples:
  hostcost sweep --vary rate=100:160:10
  hostcost sweep --vary host-share=50:100:10 -f tsv
  hostcost sweep --vary wages=¥100B:¥200B:¥25B --host-share 100
  hostcost sweep --vary troops=30000:54000:6000 --host-share 100
  hostcost sweep examples/guam-relocation.toml --vary markup=0:50:10 -f json
  hostcost sweep --vary host-share=0:100:10 --plot sweep.svg
"""

app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["sweep"], plots=True), epilog=EPILOG)
def sweep(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(metavar="[FILE]", help="A scenario file (TOML; - for stdin) to start from.", show_default=False),
    ] = None,
    vary: Annotated[
        str,
        typer.Option(
            metavar="NAME=START:STOP:STEP",
            help="The input to vary: rate (yen per dollar), host-share (percent), "
            "troops, markup (percent), or a cost category, whose bounds are amounts (wages=¥100B:¥200B:¥25B). "
            "STOP is included when a step lands on it.",
        ),
    ] = ...,  # type: ignore[assignment]
) -> None:
    """One row per value of an input: where does the host payment cross the baseline?

    The scenario runs at one host share: 100% unless --host-share says otherwise.
    """
    from hostcost import api

    result = api.run_sweep(inputs(ctx), vary, file, {"file": "FILE", "vary": "--vary"})

    def chart(charts, currency: str, lang: str):
        return charts.sweep_chart(result.vary.name, result.steps, result.title, currency, lang)

    draw = plot(ctx, chart)
    emit(ctx, result)
    draw()
