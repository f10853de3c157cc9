"""``hostcost batch``: one scenario per input row, streamed out as it is worked out."""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, destination, emit, inputs, output, say
from hostcost.core.inputs import COMMAND_INPUTS, batch_columns
from hostcost.errors import ExitStatus, InputError

EPILOG = """\b
Examples:
  hostcost batch cases.csv > results.tsv
  printf 'name,troops,host_share,wages\\na,54000,75,¥128.7B\\n' | hostcost batch -
  hostcost batch cases.tsv --rate-year 2023 -f csv
  hostcost batch cases.jsonl --skip-bad -f jsonl | jq .host_USD
  hostcost batch cases.csv --output results.csv               # whole, or no file at all
"""

HELP = f"""One scenario per input row, streamed out as it is worked out.

Columns, whatever their case and separators: {batch_columns()}. Every other column is a cost
category, whose cells are amounts with a currency (¥128.7B; --currency names the currency of
bare ones). A header that is a near miss of a column (troop), an input batch does not take, or one
of hostcost's output columns is refused. A blank cell takes the default; once a row gives any cost,
only the costs it gives count, and a row that gives none takes the built-in FY2020 costs, as in
hostcost scenario. The output has the columns of hostcost scenario's TSV, with the same figures:
tsv, csv, jsonl and json are written a row at a time; a table waits for the last row. A bad row
stops the batch (exit 2) naming its row and column; rows before it are already out, whole.
"""

app = command_app()


@app.command(cls=Command.taking(*COMMAND_INPUTS["batch"]), help=HELP, epilog=EPILOG)
def batch(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="[FILE]", help="Rows: CSV, TSV or JSON lines (- or nothing: stdin).")
    ] = "-",
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            metavar="csv|tsv|jsonl",
            help="The input's format. Default: sniffed from its first line.",
            show_default=False,
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Report a bad row on stderr and go on (exit status 1 if any was skipped), instead of "
            "stopping at it (exit status 2).",
        ),
    ] = False,
) -> None:
    import csv
    import itertools

    from hostcost.api import BatchRun
    from hostcost.core.rows import INPUT_FORMATS, columns, read_rows, sniff
    from hostcost.data.files import open_input
    from hostcost.env import Env
    from hostcost.render import TABLE_FORMATS
    from hostcost.render.rows import write_rows
    from hostcost.results import Rows
    from hostcost.views.batch import TEXT_COLUMNS, batch_view, typed

    if input_format is not None and input_format not in INPUT_FORMATS:
        raise InputError(f"--input-format {input_format!r}: expected csv, tsv or jsonl")
    spec = inputs(ctx)
    stream, regular = open_input("FILE", file, "the rows", newline="")
    try:
        first = stream.readline()
        lines = itertools.chain([first], stream)
        run = BatchRun(
            spec,
            columns(first, input_format),
            read_rows(lines, input_format or sniff(first)),
            skip_bad,
            lambda message: say(f"hostcost: skipped {message}"),
        )
        fmt = output(ctx).fmt or Env.current().default_format()
        if fmt in TABLE_FORMATS:  # a table needs every row before it can be laid out
            emit(ctx, Rows(batch_view(run.header, list(run.results()), run.skipped)))
        else:
            with destination(ctx, newline="") as env:
                trailer = lambda: {"skipped": run.skipped} if run.skipped else {}  # noqa: E731
                for _ in write_rows(env.stdout, run.header, run.results(), fmt, TEXT_COLUMNS, typed, trailer):
                    if not regular:  # rows come from a pipe: each result goes out as soon as it is ready
                        env.stdout.flush()
                env.stdout.flush()
    except UnicodeDecodeError:
        raise InputError(f"FILE {file}: not UTF-8 text; expected rows in UTF-8") from None
    except csv.Error as e:
        raise InputError(f"FILE {file}: not CSV or TSV: {e}") from None
    if run.skipped:
        raise typer.Exit(ExitStatus.NO)
