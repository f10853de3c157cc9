"""``hostcost batch``: one scenario per input row, streamed out as it is worked out."""

from __future__ import annotations

from typing import Annotated

import typer

from hostcost.cli import command_app
from hostcost.cli.options import Command, emit, emit_rows, inputs, say
from hostcost.core.inputs import COMMAND_INPUTS, batch_columns
from hostcost.errors import ExitStatus

EPILOG = """\b
Examples:
  hostcost batch cases.csv > results.tsv
  printf 'name,troops,host_share,wages\\na,54000,75,¥128.7B\\n' | hostcost batch -
  hostcost batch cases.tsv --rate-year 2023 -f csv
  hostcost batch cases.jsonl --skip-bad -f jsonl | jq .host_USD
  hostcost batch cases.csv --output results.csv               # whole, or no file at all
  hostcost batch excel-de.csv --locale de                       # 128,7 and 1.287,5; ; sniffed
  hostcost batch unicode.txt                                    # Excel's UTF-16, by its mark
  hostcost batch cases.xlsx --sheet Cases -o results.xlsx
  hostcost batch monte-carlo.csv --jobs 2 > results.tsv          # two processes, same order
"""

HELP = f"""One scenario per input row, streamed out as it is worked out.

Columns, whatever their case and separators: {batch_columns()}. Every other column is a cost
category, whose cells are amounts with a currency (¥128.7B; --currency names the currency of
bare ones). A header that is a near miss of a column (troop), an input batch does not take, or one
of hostcost's output columns is refused. A blank cell takes the default; once a row gives any cost,
only the costs it gives count, and a row that gives none takes the built-in FY2020 costs, as in
hostcost scenario. The output has the columns of hostcost scenario's TSV, with the same figures:
tsv, csv, jsonl, json and xlsx are written a row at a time; a table waits for the last row. A bad
row stops the batch (exit 2) naming its row and column; rows before it are already out, whole.

Files as they come: CSV split at , ; | or tab (sniffed from the header line, or --delimiter), in
UTF-8 or the UTF-16 its byte-order mark names (Excel's Unicode text), or --encoding; numbers
written a locale's way with --locale; and .xlsx workbooks (--sheet). On a terminal, a progress
bar on stderr once the work takes more than a second, and a count of the rows at the end.
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
            metavar="csv|tsv|jsonl|xlsx",
            help="The input's format. Default: .xlsx by the file's name, else sniffed from its first line.",
            show_default=False,
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            metavar="CHAR",
            help="What separates the cells: ; , | or tab. Default: the one of them that splits the header "
            "line (a header two of them split is refused, naming both).",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The file's text encoding: utf-8, utf-8-sig, utf-16, cp1252, shift_jis, euc-kr, or any of "
            "Python's codecs. Default: UTF-8, or the UTF-16 a byte-order mark names (Excel's Unicode text).",
            show_default=False,
        ),
    ] = None,
    locale: Annotated[
        str | None,
        typer.Option(
            metavar="LOCALE",
            help="Read numbers as LOCALE writes them (de: 128,7 and 1.287,5; fr: 1 287,5), with Babel; "
            "amounts keep their scales and currencies (¥128,7B). Default: a decimal comma is refused.",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="The sheet of an .xlsx file to read. Default: its first.", show_default=False
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            max=256,
            help="Work the rows out in N processes, 1,000 at a time, written in input order as they come.",
        ),
    ] = 1,
    print_columns: Annotated[
        bool, typer.Option("--print-columns", help="List the columns batch takes, each with an example, and exit.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no count of rows on stderr.")
    ] = False,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad",
            help="Report a bad row on stderr and go on (exit status 1 if any was skipped), instead of "
            "stopping at it (exit status 2).",
        ),
    ] = False,
) -> None:
    from hostcost.api.batchrun import open_batch
    from hostcost.cli.progress import counted, watching

    if print_columns:
        from hostcost.results import Rows
        from hostcost.views.batch import columns_view

        emit(ctx, Rows(columns_view()))
        return
    on_skip = lambda message: say(f"hostcost: skipped {message}")  # noqa: E731
    run, regular = open_batch(
        inputs(ctx),
        file,
        input_format,
        skip_bad,
        on_skip,
        encoding=encoding,
        delimiter=delimiter,
        locale=locale,
        sheet=sheet,
        jobs=jobs,
    )
    with watching(run, quiet):
        emit_rows(ctx, run, flush_each=not regular)  # from a pipe, each result goes out as it is ready
    counted(run, quiet)
    if run.skipped:
        raise typer.Exit(ExitStatus.NO)
