"""``hostcost check``: does each claim hold, at the rate in force?"""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, inputs, output, say
from hostcost.core.inputs import COMMAND_INPUTS
from hostcost.errors import ExitStatus

EPILOG = """\b
Examples:
  hostcost check '¥200B = $1.9B'
  hostcost check '¥200B = $1.9B' --rate 150          # fails: exit 1
  hostcost check '1.05 trillion yen ($9.2 billion)' --rate-at 2022-01
  hostcost check '¥201.7B is about $2B @2022'         # too loose: 23% off
  hostcost check 'fy2020.utilities + fy2020.wages + fy2020.drills ≈ ¥200B'
  hostcost check '$8B > 4 × $1.9B'
  hostcost check --file examples/briefing-claims.txt --rate-year 2020
  hostcost check --scan draft.md -f json
  grep -v '^#' claims.txt | hostcost check --file - --keep-going
"""

app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["check"]), epilog=EPILOG)
def check(
    ctx: typer.Context,
    claims: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[CLAIM]...",
            help="Claims such as '¥200B = $1.9B' or '1.05 trillion yen ($9.2 billion)': two sides of amounts, "
            "plain numbers and built-in figures (fy2020.wages), joined by + - × ÷ and parentheses, compared "
            "with =, ≈, <, >, ≤, ≥ or their words; @PERIOD at the end takes that period's rates.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            metavar="FILE",
            help="Read claims from FILE, one a line (- for stdin); blank lines and # comments are skipped.",
        ),
    ] = None,
    scan: Annotated[
        str | None,
        typer.Option(
            "--scan",
            metavar="FILE",
            help="Find the conversions in a draft (text or Markdown; - for stdin), 'A (B)' and 'A, or B', and "
            "its explicit claims, and check each, with its line and column.",
        ),
    ] = None,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going",
            help="Report a claim that cannot be read and check the others (exit status 2 if any could not be read).",
        ),
    ] = False,
    tolerance: Annotated[
        str | None,
        typer.Option(
            metavar="PCT",
            help="The accuracy every claim is held to, in percent (1 or 1%): instead of 2% for = and 10% for ≈.",
        ),
    ] = None,
) -> None:
    """Check figures before a briefing: does each claim hold, at the rate in force?

    A claim is judged on two counts. Precision: the right side is the left's exact value to the
    digits it is written to ($1.9B stands for $1.85B up to $1.95B; trailing zeros of a whole number
    are not significant, so $35,000 is $34,500 up to $35,500). Accuracy: the two sides differ by at
    most 2% for =, 10% for ≈, ~ and about. Verdicts: holds (both), last-digit (accurate, wrong
    rounding), too-loose (right only as a round figure), fails (neither). A claim that does not hold
    says what it should read, and a claim in dollars and another currency at which rates, and in
    which built-in months, fiscal years and years, it would hold.

    Exit status: 0 when every claim holds, 1 when any does not, 2 when a claim cannot be read.
    """
    from hostcost import api
    from hostcost.env import Env
    from hostcost.render import TABLE_FORMATS
    from hostcost.views.check import summary

    lines = api.claim_lines(claims or (), file, scan, {"file": "--file", "scan": "--scan"})
    result = api.run_check(inputs(ctx), lines, tolerance, keep_going, "--tolerance")
    for message in result.errors:
        say(f"hostcost: error: {message}")
    emit(ctx, result)
    out = output(ctx)
    if out.path is None and out.fmt not in (None, *TABLE_FORMATS) and Env.current().stderr_is_terminal:
        say(summary(result.results))  # a machine format on stdout: the verdict in words for the person
    if result.errors:
        raise typer.Exit(ExitStatus.BAD_INPUT)
    if not result.holds:
        raise typer.Exit(ExitStatus.NO)
