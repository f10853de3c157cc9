"""``hostcost solve``: goal seek, the value of one input that makes an output equal a target."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, inputs
from hostcost.core.inputs import COMMAND_INPUTS

EPILOG = """\b
Examples:
  hostcost solve --target '$8B' --for markup                  # cost plus what makes $8B?
  hostcost solve --target '$1.5B' --for rate                  # at what yen rate is ¥199.3B $1.5B?
  hostcost solve --target '$1B' --for host-share
  hostcost solve --target '$40,000' --for troops --of host-per-troop --host-share 100
  hostcost solve --target '$8B' --for host-share              # exits 1: 100% pays $1.89B
"""


class SolveFor(StrEnum):
    share = "share"
    rate = "rate"
    troops = "troops"
    markup = "markup"


class SolveOutput(StrEnum):
    host = "host"
    us = "us"
    total = "total"
    host_per_troop = "host-per-troop"


app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["solve"]), epilog=EPILOG)
def solve(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(metavar="[FILE]", help="A scenario file (TOML; - for stdin) to start from.", show_default=False),
    ] = None,
    target: Annotated[str, typer.Option(metavar="AMOUNT", help="The amount to reach, such as '$8B'.")] = ...,  # type: ignore[assignment]
    for_: Annotated[SolveFor, typer.Option("--for", help="The input to solve for.")] = ...,  # type: ignore[assignment]
    of: Annotated[
        SolveOutput, typer.Option("--of", help="The output to bring to the target (--output names a file).")
    ] = SolveOutput.host,
) -> None:
    """Goal seek: the value of one input that makes an output equal a target.

    Exit status 1, with a sentence, when no value in the input's range reaches the target. Shares
    and markups are percents here, and fractions in JSON. The scenario runs at one host share:
    100% unless --host-share says otherwise.
    """
    from hostcost import api

    result = api.run_solve(inputs(ctx), target, for_.value, of.value, file, {"file": "FILE", "target": "--target"})
    emit(ctx, result)
