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
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TextIO

from hostcost.amounts import parse_cost, parse_count, parse_percent
from hostcost.errors import HostcostError, InputError
from hostcost.fx import REFERENCE, Rates, RatesConverter, parse_rate
from hostcost.money import Money, decimal_places, half_even, minor_units, split_one, split_units
from hostcost.render import json_string, label_cell, raw
from hostcost.scenario import RATIO_PLACES, Baseline, Category, Report
from hostcost.spec import parse_rise
from hostcost.views import rate_json, scenario_header, trim

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

    def error(self, message: str, column: str | None = None) -> RowError:
        """``message`` about this row (and ``column``), as the error that names them."""
        where = f"row {self.number} (line {self.line})" + (f", column {column}" if column else "")
        return RowError(f"{where}: {message}")


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


class _RateSet:
    """What one set of rates fixes for every row run at it: each currency's baseline in minor
    units, the rate columns, and each cost's exact value in every currency, found once."""

    def __init__(
        self, rates: Rates, converter, baseline: dict[str, Decimal], currencies: Sequence[str], columns: Sequence[str]
    ) -> None:
        self.converter = converter
        self.baseline_units = [minor_units([baseline[c]], c)[0][0] for c in currencies]
        usd, usd_den = Fraction(baseline[REFERENCE]).as_integer_ratio()
        # ratio = host in cents / (baseline × 100): kept as a fraction's two parts
        self.ratio_num, self.ratio_den = usd_den, usd * 100
        given = rate_json(rates, currencies)
        self.rate_cells = [raw(given.get(column)) for column in columns]
        self.exact: dict[Money, list[tuple[int, int]]] = {}


def _units_text(units: int, places: int) -> str:
    """Whole minor units as a machine cell: 115000000000, 1150000000.00, -0.05."""
    if not places:
        return str(units)
    if units >= 10**places:
        digits = str(units)
        return f"{digits[:-places]}.{digits[-places:]}"
    whole, part = divmod(abs(units), 10**places)
    return f"{'-' if units < 0 else ''}{whole}.{part:0{places}d}"


class Batch:
    """Runs rows as scenarios against ``baseline``, at ``rates`` unless a row gives its own.

    Each row's figures are those :func:`~hostcost.scenario.run_totals` gives (a test holds them
    equal), worked out in whole numbers: every cost's exact value in each currency is found
    once, as a fraction, and a row adds them up, takes its share and rounds with
    :func:`~hostcost.money.split_units`, the rule ``scenario`` rounds by."""

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
        self._places = [decimal_places(c) for c in self.currencies]
        self._rate_columns = [f"{c}_per_USD" for c in self.currencies if c != REFERENCE]
        self._converter = rates.converter()  # pint's factors for the rates in force, found once
        self._costs: dict[str, Money] = {}
        self._sets: dict[tuple, _RateSet] = {}
        self._row_rate_sets: dict[tuple, Rates] = {}
        self._shares: dict[str, tuple[Fraction, str]] = {}
        self._names: dict[tuple, list[str]] = {}

    def header(self) -> list[str]:
        """The output columns: those of ``hostcost scenario``'s TSV, with a rate column for each
        currency in play (a rate a row gives in ``rate_CUR`` included)."""
        columns = scenario_header(Report(self.rates, self.currencies, self.baseline, {}, (), ()))
        return [c for c in columns if not c.endswith("_per_USD")] + self._rate_columns

    def run(self, row: Row) -> list[str]:
        """The result row for ``row``, as machine cells: the name, then numbers as text ("" for
        none). :class:`RowError` names the row and the column at fault."""
        cells = row.cells

        def cell(column: str, parse, *args):
            text = str(cells.get(column, "")).strip()
            if not text:
                return None
            try:
                return parse(text, *args)
            except HostcostError as e:
                raise row.error(str(e), column) from None

        try:
            at = self._in_force(self._row_rates(row, cell))
        except RowError:
            raise
        except HostcostError as e:  # a currency in play with no rate, in the row or in force
            raise row.error(str(e)) from None
        troops = cell("troops", parse_count)
        if troops is None:
            troops = self.troops
        share, share_text = cell("host_share", self._share) or (Fraction(1), "1")
        markup = cell("markup", parse_rise)
        if markup:
            share *= 1 + Fraction(markup)
        costs = []
        for name in self._cost_columns(cells):
            cost = cell(name, self._cost)
            if cost is None:
                default = self.defaults.get(name)
                if default is None:
                    continue
                cost = default.cost
            costs.append(cost)
        if not costs:
            raise row.error("no costs given; give at least one cost column")
        try:
            values = [self._exact(at, cost) for cost in costs]
        except HostcostError as e:
            raise row.error(str(e)) from None
        name = str(cells.get("name", "")).strip() or f"row {row.number}"
        return [name, str(troops), share_text, *self._figures(values, share, troops, at)]

    def _figures(self, values: list[list[tuple[int, int]]], share: Fraction, troops: int, at: _RateSet) -> list[str]:
        """The figures of ``run_totals`` after the host share, as cells: ``values[i][k]`` is cost
        i's exact value in currency k, ``(numerator, denominator)`` in minor units; the host pays
        ``share`` of each (markup included)."""
        sn, sd = share.numerator, share.denominator
        totals, hosts, per = [], [], []
        ratio = 0
        for k in range(len(self.currencies)):
            dens = {v[k][1] for v in values}
            den = dens.pop() if len(dens) == 1 else math.lcm(*dens)
            nums = [v[k][0] * (den // v[k][1]) for v in values]
            t = [n * sd for n in nums] if sd != 1 else nums
            h = [n * sn for n in nums]
            den *= sd
            grand, host, _, _, _ = split_units(t, h, den)
            totals.append(grand)
            hosts.append(host)
            if troops:
                per.append(split_one(sum(t), sum(h), den * troops))
            if k == 0:  # the ratio against the baseline, in dollars
                ratio = half_even(sum(h) * at.ratio_num * 10**RATIO_PLACES, den * at.ratio_den)
        places = self._places
        text = _units_text
        cells = [text(v, p) for v, p in zip(totals, places)]
        cells += [text(v, p) for v, p in zip(hosts, places)]
        cells += [text(t - v, p) for t, v, p in zip(totals, hosts, places)]
        if troops:
            cells += [text(t, p) for (t, _), p in zip(per, places)]
            cells += [text(v, p) for (_, v), p in zip(per, places)]
            cells += [text(t - v, p) for (t, v), p in zip(per, places)]
        else:
            cells += [""] * (3 * len(places))
        cells += [text(v - b, p) for v, b, p in zip(hosts, at.baseline_units, places)]
        cells.append(text(ratio, RATIO_PLACES).rstrip("0").rstrip("."))
        return cells + at.rate_cells

    def _cost_columns(self, cells: dict) -> list[str]:
        """The cost columns of a row (the same for every row of a CSV or TSV)."""
        key = tuple(cells)
        return _remember(self._names, key, lambda: [c for c in key if c not in FIXED and not c.startswith("rate_")])

    def _exact(self, at: _RateSet, cost: Money) -> list[tuple[int, int]]:
        """``cost``'s exact value in each currency, in minor units, as ``(numerator, denominator)``."""

        def work_out() -> list[tuple[int, int]]:
            found = (minor_units([at.converter.exact(cost, c)], c) for c in self.currencies)
            return [(nums[0], den) for nums, den in found]

        return _remember(at.exact, cost, work_out)

    def _share(self, text: str) -> tuple[Fraction, str]:
        """A host share cell: the fraction, and the cell as ``scenario`` writes it (0.75)."""
        return _remember(self._shares, text, lambda: _share_and_text(parse_percent(text)))

    def _in_force(self, rates: Rates) -> _RateSet:
        """What ``rates`` fix for a row, worked out once for each set of rates."""
        return _remember(
            self._sets, tuple((r.currency, r.units, r.usd) for r in rates.rates), lambda: self._work_out(rates)
        )

    def _work_out(self, rates: Rates) -> _RateSet:
        converter = self._converter if rates is self.rates else RatesConverter(rates)
        baseline = self.baseline.amounts(converter, self.currencies)
        return _RateSet(rates, converter, baseline, self.currencies, self._rate_columns)

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
            raise row.error(str(e)) from None


def _share_and_text(share: Decimal) -> tuple[Fraction, str]:
    return Fraction(share), raw(trim(share))


def write_rows(out: TextIO, header: Sequence[str], rows: Iterable[list], fmt: str) -> Iterator[None]:
    """Write the header, then each row (a name, then numbers as text, "" for none) as it comes;
    yields after each row (so the caller may flush)."""
    if fmt == "jsonl":
        keys = [json_string(k) + ": " for k in header]
        for name, *numbers in rows:
            fields = ",".join(k + (n or "null") for k, n in zip(keys[1:], numbers))
            out.write(f"{{{keys[0]}{json_string(name)},{fields}}}\n")
            yield
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for name, *numbers in rows:
            writer.writerow([label_cell(name), *numbers])
            yield
        return
    out.write("\t".join(header) + "\n")
    for name, *numbers in rows:
        out.write(label_cell(name).replace("\t", " ").replace("\n", " ") + "\t" + "\t".join(numbers) + "\n")
        yield
