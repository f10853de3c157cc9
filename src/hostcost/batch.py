"""``hostcost batch``: one scenario per input row, streamed. Pure: rows in, result rows out.

Input columns: ``name``, ``troops``, ``host_share`` (a percent), ``markup`` (a percent), ``rate``
(yen per dollar) or ``rate_CUR``; every other column is a cost category, in the amount grammar.
A blank cell takes the default: the row number as a name, the baseline's troops, 100%, no
markup, the rate in force, the category's built-in cost (nothing, for a category with none).
The figures are :func:`~hostcost.scenario.run_scenario`'s, the same as ``hostcost scenario``'s.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from hostcost.amounts import parse_cost, parse_count, parse_percent
from hostcost.errors import HostcostError, InputError
from hostcost.fx import REFERENCE, Rates, RatesConverter, parse_rate
from hostcost.money import Money
from hostcost.scenario import Baseline, Category, Inputs, Report, run_totals
from hostcost.spec import parse_rise
from hostcost.views import rate_json, scenario_header, scenario_row

FIXED = ("name", "troops", "host_share", "markup", "rate")
INPUT_FORMATS = ("csv", "tsv", "jsonl")
#: Parsed amounts and factors are remembered, up to this many each, so memory stays flat.
CACHE = 4096


class RowError(InputError):
    """A row that cannot be run: names the row, the column and what was expected."""


@dataclass(frozen=True)
class Row:
    number: int  # 1 for the first row after the header
    line: int  # its line in the input
    cells: dict[str, str]


def sniff(first_line: str) -> str:
    """The input format of a file whose first line is ``first_line``: jsonl, tsv or csv."""
    stripped = first_line.lstrip("\ufeff \t")
    if stripped.startswith("{"):
        return "jsonl"
    return "tsv" if "\t" in first_line else "csv"


def read_rows(lines: Iterable[str], input_format: str) -> Iterator[Row]:
    """The rows of a CSV, TSV or JSON-lines input, one at a time, as they arrive."""
    if input_format == "jsonl":
        for n, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                obj = json.loads(text, parse_float=Decimal)
            except json.JSONDecodeError as e:
                raise RowError(f"line {n}: not a JSON object: {e.msg}") from None
            if not isinstance(obj, dict):
                raise RowError(f'line {n}: expected a JSON object, such as {{"name": "a", "wages": "¥100B"}}')
            yield Row(
                n,
                n,
                {
                    str(k): ""
                    if v is None
                    else v
                    if isinstance(v, str)
                    else format(v, "f")
                    if isinstance(v, Decimal)
                    else str(v)
                    for k, v in obj.items()
                },
            )
        return
    reader = csv.reader(lines, delimiter="\t" if input_format == "tsv" else ",")
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        return
    if len(set(header)) != len(header):
        raise RowError(
            f"line 1: a column is named twice: {', '.join(sorted({h for h in header if header.count(h) > 1}))}"
        )
    for number, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            raise RowError(f"row {number} (line {reader.line_num}): {len(cells)} cells under {len(header)} columns")
        yield Row(number, reader.line_num, dict(zip(header, cells)))


def _remember(cache: dict, key, make):
    """``cache[key]``, made by ``make()`` the first time; a full cache is emptied first, so
    memory stays flat however long the input."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE:
            cache.clear()
        found = cache[key] = make()
    return found


def columns(first_line: str, input_format: str | None) -> list[str]:
    """The column names on the first line (CSV and TSV), or the keys of the first object (JSON lines)."""
    kind = input_format or sniff(first_line)
    if kind == "jsonl":
        try:
            obj = json.loads(first_line) if first_line.strip() else {}
        except json.JSONDecodeError:
            return []
        return list(obj) if isinstance(obj, dict) else []
    return next(csv.reader([first_line], delimiter="\t" if kind == "tsv" else ","), [])


class Batch:
    """Runs rows as scenarios against ``baseline``, at ``rates`` unless a row gives its own."""

    def __init__(
        self,
        rates: Rates,
        baseline: Baseline,
        defaults: Sequence[Category],
        troops: int,
        columns: Sequence[str],
        default_currency: str = "USD",
    ) -> None:
        self.rates = rates
        self.baseline = baseline
        self.defaults = {c.name: c for c in defaults}
        self.troops = troops
        self.currency = default_currency
        named = [c.removeprefix("rate_").upper() for c in columns if c.startswith("rate_")]
        self.currencies = tuple(dict.fromkeys((REFERENCE, "JPY", *(c for c in rates.explicit), *named)))
        self._converter = rates.converter()  # pint's factors for the rates in force, found once
        self._costs: dict[str, Money] = {}
        self._sets: dict[tuple, tuple] = {}
        self._row_rate_sets: dict[tuple, Rates] = {}

    def header(self) -> list[str]:
        """The output columns: those of ``hostcost scenario``'s TSV."""
        return scenario_header(self._report(self.rates, ()))

    def _report(self, rates: Rates, results: tuple) -> Report:
        return Report(rates, self.currencies, self.baseline, self._in_force(rates)[0], results, ())

    def run(self, row: Row) -> list:
        """The result row for ``row``; :class:`RowError` names the row and the column at fault."""
        cells = row.cells

        def cell(column: str, parse, *args):
            text = str(cells.get(column, "")).strip()
            if not text:
                return None
            try:
                return parse(text, *args)
            except HostcostError as e:
                raise RowError(f"row {row.number} (line {row.line}), column {column}: {e}") from None

        rates = self._row_rates(row, cell)
        troops = cell("troops", parse_count)
        share = cell("host_share", parse_percent)
        markup = cell("markup", parse_rise)
        categories = []
        names = [c for c in cells if c not in FIXED and not c.startswith("rate_")]
        for name in names:
            cost = cell(name, self._cost)
            if cost is None:
                default = self.defaults.get(name)
                if default is None:
                    continue
                cost = default.cost
            categories.append(Category(name, cost))
        if not names:
            categories = list(self.defaults.values())
        inputs = Inputs(
            str(cells.get("name", "")).strip() or f"row {row.number}",
            self.troops if troops is None else troops,
            tuple(categories),
            Decimal(1) if share is None else share,
            markup=markup or Decimal(0),
        )
        baseline, converter, rate_values = self._in_force(rates)
        try:
            result = run_totals(inputs, baseline, converter, self.currencies)
        except HostcostError as e:
            raise RowError(f"row {row.number} (line {row.line}): {e}") from None
        return scenario_row(result, self.currencies, rate_values)

    def _in_force(self, rates: Rates) -> tuple:
        """The baseline, a converter and the rate columns for ``rates``, worked out once for each set."""
        return _remember(
            self._sets, tuple((r.currency, r.units, r.usd) for r in rates.rates), lambda: self._work_out(rates)
        )

    def _work_out(self, rates: Rates) -> tuple:
        converter = self._converter if rates is self.rates else RatesConverter(rates)
        baseline = self.baseline.amounts(converter, self.currencies)
        return baseline, converter, list(rate_json(rates, self.currencies).values())

    def _cost(self, text: str) -> Money:
        return _remember(self._costs, text, lambda: parse_cost(text, self.currency))

    def _row_rates(self, row: Row, cell) -> Rates:
        """The rates for ``row``: those in force, with the row's own rate cells over them. Rows
        that give the same rate cells share one :class:`Rates` (and so one set of factors)."""
        key = tuple((c, str(v).strip()) for c, v in row.cells.items() if c == "rate" or c.startswith("rate_"))
        return _remember(self._row_rate_sets, key, lambda: self._parse_row_rates(row, cell))

    def _parse_row_rates(self, row: Row, cell) -> Rates:
        given = []
        for column in row.cells:
            if column == "rate" or column.startswith("rate_"):
                code = "JPY" if column == "rate" else column.removeprefix("rate_").upper()
                label = f"given in column {column}"
                rate = cell(column, lambda t, c=code, label=label: parse_rate(f"{c}={t}", label))
                if rate is not None:
                    given.append(rate)
        if not given:
            return self.rates
        try:
            return Rates.of(self.rates.rates, given, self.rates.yearly)
        except HostcostError as e:
            raise RowError(f"row {row.number} (line {row.line}): {e}") from None


def write_rows(out: TextIO, header: Sequence[str], rows: Iterable[list], fmt: str) -> Iterator[None]:
    """Write the header, then each row as it comes; yields after each row (so the caller may flush)."""
    from hostcost.render import raw, to_json

    if fmt == "jsonl":
        for row in rows:
            out.write(to_json(dict(zip(header, row)), indent=0).replace("\n", "") + "\n")
            yield
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([raw(v) for v in row])
            yield
        return
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(raw(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        yield
