"""``hostcost batch``: one scenario per input row, streamed. Pure: rows in, result rows out.

Input columns are the inputs of :data:`hostcost.core.inputs.INPUTS` that declare a batch column
(``name``, ``troops``, ``host_share`` and ``markup`` as percents, ``rate`` in yen per dollar or
``rate_CUR``), matched whatever their case and separators (``Host Share`` is ``host_share``); every
other column is a cost category, in the amount grammar, with a currency. A header that is a near
miss of an input (``troop``), an input batch does not take, or one of hostcost's own output
columns (``total_JPY``) is refused rather than turned into a cost. A blank cell takes the default:
the row number as a name, the baseline's troops, 100%, no markup, the rate in force; and, as in
``hostcost scenario``, once a row gives any cost only the costs it gives count, while a row that
gives none takes the built-in ones. The figures are those of ``hostcost scenario``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from hostcost.core.amounts import MARKUP, SHARE, parse_cost, parse_count
from hostcost.core.fx import (
    FIXED_CURRENCIES,
    REFERENCE,
    Converter,
    Rate,
    Rates,
    rate_assumed,
    rate_json,
    rate_period,
    rate_source,
)
from hostcost.core.money import Money, decimal_places, half_even, minor_units, split_one, split_units, trim
from hostcost.core.rows import Row, RowError, plan
from hostcost.core.scenario import RATIO_PLACES, Baseline, Category
from hostcost.errors import HostcostError, InputError

#: Parsed amounts and factors are remembered, up to this many each, so memory stays flat.
CACHE = 4096
#: The inputs this engine works out in whole numbers; a batch with a column of any other input
#: (troops_change, share_CAT, preset, years …) runs every row as ``scenario`` does instead.
FAST_INPUTS = frozenset({"name", "troops", "host_share", "markup", "rate_at"})


def takes(roles) -> bool:
    """Whether this engine takes columns of these roles (:func:`~hostcost.core.rows.plan`)."""
    return all(r.kind in ("rate", "cost") or (r.kind == "input" and r.key in FAST_INPUTS) for r in roles)


def _remember(cache: dict, key, make):
    """``cache[key]``, made by ``make()`` the first time; a full cache is emptied first, so
    memory stays flat however long the input."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE:
            cache.clear()
        found = cache[key] = make()
    return found


class _RateSet:
    """What one set of rates fixes for every row run at it: each currency's baseline in minor
    units, the rate cells, and each cost's exact value in every currency, found once."""

    def __init__(self, rates: Rates, converter, baseline: dict[str, Decimal], currencies: Sequence[str]) -> None:
        self.converter = converter
        self.baseline_units = [minor_units([baseline[c]], c)[0][0] for c in currencies]
        usd, usd_den = Fraction(baseline[REFERENCE]).as_integer_ratio()
        # ratio = host in cents / (baseline × 100): kept as a fraction's two parts
        self.ratio_num, self.ratio_den = usd_den, usd * 100
        given = rate_json(rates, currencies)
        self.rate_cells = [_number_cell(given.get(f"{c}_per_USD")) for c in currencies]
        # rate_period, rate_assumed and rate_source, as scenario writes them
        assumed = "true" if rate_assumed(rates, currencies) else "false"
        self.about = [rate_period(rates, currencies), assumed, rate_source(rates, currencies)]
        self.exact: dict[Money, list[tuple[int, int]]] = {}


def _number_cell(value: Decimal | None) -> str:
    """A number as a machine cell: its digits, no grouping ("" for none)."""
    return "" if value is None else format(value, "f")


def _units_text(units: int, places: int) -> str:
    """Whole minor units as a machine cell: 115000000000, 1150000000.00, -0.05."""
    if not places:
        return str(units)
    if units >= 10**places:
        digits = str(units)
        return f"{digits[:-places]}.{digits[-places:]}"
    whole, part = divmod(abs(units), 10**places)
    return f"{'-' if units < 0 else ''}{whole}.{part:0{places}d}"


@dataclass(frozen=True)
class _Plan:
    """Where a row's inputs are: the column of each input, of each currency's rate, of each cost."""

    inputs: dict[str, str]  # input name -> column
    rates: tuple[tuple[str, str], ...]  # (currency, column)
    costs: tuple[tuple[str, str], ...]  # (category, column)


class Batch:
    """Runs rows as scenarios against ``baseline``, at ``rates`` unless a row gives its own.

    Each row's figures are those :func:`~hostcost.core.scenario.run_totals` gives (a test holds them
    equal), worked out in whole numbers: every cost's exact value in each currency is found
    once, as a fraction, and a row adds them up, takes its share and rounds with
    :func:`~hostcost.core.money.split_units`, the rule ``scenario`` rounds by.

    ``columns``: the header (or the first JSON object's keys), checked at once
    (:func:`plan`); ``default_currency``: the currency of amounts written without one (None:
    such a cell is refused); ``read_rate``: reads a rate cell (``KRW=1300``) and refuses one that
    looks upside down; ``rates_at``: the rates of a period, for a row's ``rate_at``.

    A result row is machine text: the name (a label, for the writer to make safe), then numbers
    as digits ("" for none), true or false, and the rate's period and source (text)."""

    def __init__(
        self,
        rates: Rates,
        baseline: Baseline,
        defaults: Sequence[Category],
        troops: int,
        columns: Sequence[str],
        read_rate: Callable[[str, str], Rate],
        default_currency: str | None = None,
        rates_at: Callable | None = None,
    ) -> None:
        self.rates = rates
        self._read_rate = read_rate
        self._rates_at = rates_at  # period -> the Rates of its averages (a row's rate_at)
        self._periods: dict[str, Rates] = {}
        self.baseline = baseline
        self.defaults = tuple(c.cost for c in defaults)
        self.troops = troops
        self.currency = default_currency
        self._plans: dict[tuple, _Plan] = {}
        first = self._plan(tuple(columns), "line 1")
        explicit = (r.currency for r in rates.rates if r.currency in rates.explicit)
        named = (c for c, _ in first.rates)
        self.currencies = tuple(dict.fromkeys((*FIXED_CURRENCIES, *explicit, *named)))
        self._places = [decimal_places(c) for c in self.currencies]
        self._converter = rates.converter()  # pint's factors for the rates in force, found once
        self._costs: dict[str, Money] = {}
        self._sets: dict[tuple, _RateSet] = {}
        self._row_rate_sets: dict[tuple, Rates] = {}
        self._shares: dict[str, tuple[Fraction, str]] = {}
        self._markups: dict[str, tuple[Fraction, str]] = {}

    def _plan(self, columns: tuple, where: str) -> _Plan:
        def make() -> _Plan:
            try:
                roles = plan(columns)
            except InputError as e:
                raise RowError(f"{where}: {e}") from None
            if not takes(roles):
                other = next(c for r, c in zip(roles, columns) if not takes([r]))
                raise RowError(
                    f"{where}: column {other!r} first appears here; give every row's keys in the first row "
                    "(an empty value will do), so that the batch runs each row as scenario does"
                )
            inputs = {r.key: c for r, c in zip(roles, columns) if r.kind == "input"}
            rates = tuple((r.key, c) for r, c in zip(roles, columns) if r.kind == "rate")
            costs = tuple((r.key, c) for r, c in zip(roles, columns) if r.kind == "cost")
            return _Plan(inputs, rates, costs)

        return _remember(self._plans, columns, make)

    def rows(self, row: Row) -> list[list[str]]:
        """The result rows for ``row``: one (:meth:`run`)."""
        return [self.run(row)]

    def run(self, row: Row) -> list[str]:
        """The result row for ``row``, as machine cells: the name, then numbers as text ("" for
        none). :class:`RowError` names the row and the column at fault."""
        cells = row.cells
        where = self._plan(tuple(cells), f"row {row.number} (line {row.line})")

        def cell(column: str | None, parse, *args):
            if column is None:
                return None
            text = str(cells.get(column, "")).strip()
            if not text:
                return None
            try:
                return parse(text, *args)
            except HostcostError as e:
                raise row.error(str(e), column) from None

        inputs = where.inputs
        try:
            at = self._in_force(self._row_rates(row, where, cell))
        except RowError:
            raise
        except HostcostError as e:  # a currency in play with no rate, in the row or in force
            raise row.error(str(e)) from None
        troops = cell(inputs.get("troops"), parse_count)
        if troops is None:
            troops = self.troops
        share, share_text = cell(inputs.get("host_share"), self._share) or (Fraction(1), "1")
        markup, markup_text = cell(inputs.get("markup"), self._markup) or (Fraction(0), "0")
        if markup:
            share *= 1 + markup
        # as in scenario: once a row gives any cost, only the costs it gives count
        costs = [cost for _, column in where.costs if (cost := cell(column, self._cost)) is not None]
        try:
            values = [self._exact(at, cost) for cost in costs or self.defaults]
        except HostcostError as e:
            raise row.error(str(e)) from None
        name = str(cells.get(inputs.get("name", ""), "")).strip() or f"row {row.number}"
        return [name, str(troops), share_text, *self._figures(values, share, troops, at, markup_text)]

    def _figures(
        self, values: list[list[tuple[int, int]]], share: Fraction, troops: int, at: _RateSet, markup: str
    ) -> list[str]:
        """The figures of ``run_totals`` after the host share, as cells in the order of
        :func:`~hostcost.views.scenario.scenario_columns`: ``values[i][k]`` is cost i's exact value in
        currency k, ``(numerator, denominator)`` in minor units; the host pays ``share`` of each
        (markup included)."""
        sn, sd = share.numerator, share.denominator
        ratio = 0
        text = _units_text
        by_currency = []  # per currency: total, host, us, the same per troop, vs baseline
        for k, places in enumerate(self._places):
            dens = {v[k][1] for v in values}
            den = dens.pop() if len(dens) == 1 else math.lcm(*dens)
            nums = [v[k][0] * (den // v[k][1]) for v in values]
            t = [n * sd for n in nums] if sd != 1 else nums
            h = [n * sn for n in nums]
            den *= sd
            grand, host, _, _, _ = split_units(t, h, den)
            cells = [text(grand, places), text(host, places), text(grand - host, places)]
            if troops:
                pt, ph = split_one(sum(t), sum(h), den * troops)
                cells += [text(pt, places), text(ph, places), text(pt - ph, places)]
            else:
                cells += ["", "", ""]
            cells.append(text(host - at.baseline_units[k], places))
            by_currency.append(cells)
            if k == 0:  # the ratio against the baseline, in dollars
                ratio = half_even(sum(h) * at.ratio_num * 10**RATIO_PLACES, den * at.ratio_den)
        usd, jpy = by_currency[0], by_currency[1]
        out = [usd[0], jpy[0], usd[1], jpy[1], usd[2], jpy[2], usd[3], jpy[3], usd[4], jpy[4], usd[5], jpy[5]]
        out += [usd[6], jpy[6], text(ratio, RATIO_PLACES).rstrip("0").rstrip("."), at.rate_cells[1], markup, ""]
        out += at.about
        for k in range(2, len(by_currency)):
            out += [*by_currency[k], at.rate_cells[k]]
        return out

    def _exact(self, at: _RateSet, cost: Money) -> list[tuple[int, int]]:
        """``cost``'s exact value in each currency, in minor units, as ``(numerator, denominator)``."""

        def work_out() -> list[tuple[int, int]]:
            found = (minor_units([at.converter.exact(cost, c)], c) for c in self.currencies)
            return [(nums[0], den) for nums, den in found]

        return _remember(at.exact, cost, work_out)

    def _share(self, text: str) -> tuple[Fraction, str]:
        """A host share cell: the fraction, and the cell as ``scenario`` writes it (0.75)."""
        return _remember(self._shares, text, lambda: _share_and_text(SHARE.parse(text)))

    def _markup(self, text: str) -> tuple[Fraction, str]:
        """A markup cell: the fraction, and the cell as ``scenario`` writes it (0.5)."""
        return _remember(self._markups, text, lambda: _share_and_text(MARKUP.parse(text)))

    def _in_force(self, rates: Rates) -> _RateSet:
        """What ``rates`` fix for a row, worked out once for each set of rates."""
        return _remember(
            self._sets, tuple((r.currency, r.units, r.usd) for r in rates.rates), lambda: self._work_out(rates)
        )

    def _work_out(self, rates: Rates) -> _RateSet:
        converter = self._converter if rates is self.rates else Converter(rates)
        baseline = self.baseline.amounts(converter, self.currencies)
        return _RateSet(rates, converter, baseline, self.currencies)

    def _cost(self, text: str) -> Money:
        return _remember(self._costs, text, lambda: parse_cost(text, self.currency))

    def _row_rates(self, row: Row, where: _Plan, cell) -> Rates:
        """The rates for ``row``: those in force (or its period's, in ``rate_at``), with the row's
        own rate cells over them. Rows that give the same rate cells share one :class:`Rates`
        (and so one set of factors)."""
        at = where.inputs.get("rate_at")
        key = tuple(str(row.cells.get(column, "")).strip() for _, column in where.rates)
        period = str(row.cells.get(at, "")).strip() if at else ""
        return _remember(
            self._row_rate_sets, (where.rates, key, period), lambda: self._parse_row_rates(where, cell, at)
        )

    def _in_period(self, text: str) -> Rates:
        from hostcost.core.periods import parse_period

        if self._rates_at is None:
            raise InputError("a rate_at column needs the rates of its periods, which this batch was not given")
        return self._rates_at(parse_period(text))

    def _parse_row_rates(self, where: _Plan, cell, at: str | None) -> Rates:
        base = cell(at, lambda t: _remember(self._periods, t, lambda: self._in_period(t))) or self.rates
        given = []
        for code, column in where.rates:
            label = f"given in column {column}"
            rate = cell(column, lambda t, c=code, label=label: self._read_rate(f"{c}={t}", label))
            if rate is not None:
                given.append(rate)
        if not given:
            return base
        return base.replacing(given)


def _share_and_text(share: Decimal) -> tuple[Fraction, str]:
    return Fraction(share), format(trim(share), "f")
