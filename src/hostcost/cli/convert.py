"""``hostcost convert``: an amount in another currency, exactly, at a stated rate."""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, inputs
from hostcost.core.inputs import COMMAND_INPUTS

EPILOG = """\b
Examples:
  hostcost convert ¥200B                  # $1,900,000,000.00 at the baseline's rate
  hostcost convert 2000億円 --to USD --rate 106.7754
  hostcost convert '$8B' --to JPY -f json
  hostcost convert '₩1.1833tn' --rate-year 2021
  hostcost convert ¥1B --to KRW --rate-year 2023
  hostcost convert ¥1.0551兆 --lang ja
  hostcost convert 1.05 trillion yen --rate-at 2022-01          # the rate of that month
  hostcost convert ¥199.3B --rate-at FY2020 --prices 2024        # in 2024 dollars
"""

app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["convert"]), epilog=EPILOG)
def convert(
    ctx: typer.Context,
    amount: Annotated[
        str, typer.Argument(help="An amount with its currency: ¥200B, 2000億円, $1.9bn, 200 billion yen.")
    ],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="CUR",
            help="Currency to convert to. Default: USD, or JPY for an amount in dollars.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Convert an amount between currencies, exactly, at a stated rate.

    The result is rounded once, half to even, to the target currency's minor unit.
    """
    from hostcost import api

    result = api.run_convert(inputs(ctx), amount, to, {"amount": "AMOUNT", "to": "--to"})
    emit(ctx, result)
