"""``hostcost batch``'s rows as a :class:`~hostcost.views.View`: the columns of ``hostcost
scenario``'s TSV, one row an input row.

The batch engine (:mod:`hostcost.core.batch`) gives each result row as machine text, for speed;
here the columns are named (from :func:`~hostcost.views.scenario.scenario_columns`, so batch and
scenario cannot drift), typed for JSON and Python, and laid out as a table for a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hostcost.core.fx import FIXED_CURRENCIES
from hostcost.core.scenario import Report
from hostcost.views import Column, DisplayTable, Figure, Percent, View
from hostcost.views.common import rounding_note
from hostcost.views.format import format_number
from hostcost.views.i18n import tr
from hostcost.views.scenario import scenario_header

#: The result columns that hold text (the name aside); every other holds a number, true or false.
TEXT_COLUMNS = frozenset({"rate_period", "rate_source"})
#: The result columns that hold true or false.
FLAG_COLUMNS = frozenset({"rate_assumed"})
#: The result columns that hold whole numbers.
COUNT_COLUMNS = frozenset({"troops", "year"})


def batch_header(runner) -> list[str]:
    """The output columns of a :class:`~hostcost.core.batch.Batch`: those of ``hostcost
    scenario``'s TSV, for each currency in play (a rate a row gives in ``rate_CUR`` included)."""
    return scenario_header(Report(runner.rates, runner.currencies, runner.baseline, {}, (), ()))


def typed(header: Sequence[str], cells: Sequence[str]) -> list[Any]:
    """A result row's machine text as the values ``hostcost scenario``'s rows hold: the name and
    the text columns as text, counts as ints, figures as exact Decimals, and None for a figure
    that does not apply."""
    out: list[Any] = [cells[0]]
    for name, cell in zip(header[1:], cells[1:]):
        if name in TEXT_COLUMNS:
            out.append(cell)
        elif name in FLAG_COLUMNS:
            out.append(cell == "true")
        elif not cell:
            out.append(None)
        else:
            out.append(int(cell) if name in COUNT_COLUMNS else Decimal(cell))
    return out


def batch_view(header: Sequence[str], rows: Sequence[Sequence[str]], skipped: Sequence[str] = ()) -> View:
    """The rows of a batch, worked out: ``rows`` as the engine gives them; ``skipped``, the
    messages of the rows skipped (``--skip-bad``)."""
    values = [typed(header, r) for r in rows]

    def document() -> dict:
        return {"rows": [dict(zip(header, v)) for v in values], **({"skipped": list(skipped)} if skipped else {})}

    def tables(lang: str) -> list[DisplayTable]:
        at = {name: i for i, name in enumerate(header)}

        def money(v: list, part: str) -> tuple[Figure, ...]:
            return tuple(Figure(v[at[f"{part}_{c}"]], c) for c in FIXED_CURRENCIES)

        def vs(v: list) -> tuple[Any, ...]:
            lines = tuple(Figure(v[at[f"vs_baseline_{c}"]], c, sign=True) for c in FIXED_CURRENCIES)
            return (*lines, Percent(v[at["vs_baseline_ratio"]], 3, " of baseline"))

        table_rows = tuple(
            (
                (v[0],),
                (f"{v[at['troops']]:,}",),
                (Percent(v[at["host_share"]]),),
                money(v, "total"),
                money(v, "host"),
                money(v, "us"),
                vs(v),
                (format_number(v[at["JPY_per_USD"]], 4),),
            )
            for v in values
        )
        periods = sorted({v[at["rate_period"]] for v in values if v[at["rate_period"]]})
        count = tr("{n} row" if len(values) == 1 else "{n} rows", lang, n=f"{len(values):,}")
        caption = " ".join(
            x
            for x in (
                count + (tr(", {n} skipped", lang, n=f"{len(skipped):,}") if skipped else "") + tr(".", lang),
                tr("Rates of {periods}.", lang, periods=", ".join(periods)) if periods else "",
                tr("Each row's rate and its source are in -f tsv or -f json.", lang),
                rounding_note(lang),
            )
            if x
        )
        columns = (
            Column("Row", wrap=True),
            Column("Troops", True),
            Column("Host share", True),
            Column("Total cost", True, optional=True),
            Column("Host pays", True),
            Column("US pays", True),
            Column("Host vs baseline", True),
            Column("JPY per USD", True, optional=True),
        )
        return [DisplayTable("Batch", columns, table_rows, caption)]

    return View(lambda: list(header), lambda: values, document, tables)


def columns_view() -> View:
    """``batch --print-columns``: every column batch takes, from the table of inputs, with what
    its cells hold and an example."""
    from hostcost.core.inputs import INPUTS

    rows: list[tuple[str, str, str]] = []
    for i in INPUTS:
        example = i.example.split("=", 1)[-1] if i.per_category or i.column_prefix else i.example
        if i.column:
            rows.append((i.column, i.cell.split("; rate_CUR")[0], example))
        if i.column_prefix:
            what = "CUR" if i.name == "rate" else "CAT"
            cell = i.cell.split(": ", 1)[-1] if i.name != "rate" else "units of CUR per US dollar"
            rows.append((f"{i.column_prefix}{what}", cell, "1400" if i.name == "rate" else example))
    rows.append(("CAT", "any other column: the cost of category CAT, an amount with a currency", "¥128.7B"))

    def tables(lang: str) -> list[DisplayTable]:
        columns = (Column("Column"), Column("Takes", wrap=True), Column("Example"))
        return [DisplayTable("Batch columns", columns, tuple(((c,), (t,), (e,)) for c, t, e in rows))]

    return View(
        lambda: ["column", "takes", "example"],
        lambda: rows,
        lambda: {"columns": [{"column": c, "takes": t, "example": e} for c, t, e in rows]},
        tables,
    )
