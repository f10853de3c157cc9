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
from typing import TYPE_CHECKING

from hostcost.core.amounts import MARKUP, SHARE, parse_cost, parse_count
from hostcost.core.cache import Bounded
from hostcost.core.fx import (
    FIXED_CURRENCIES,
    REFERENCE,
    Rate,
    Rates,
    rate_assumed,
    rate_period,
    rate_source,
    rate_text,
)
from hostcost.core.money import decimal_places, half_even, split_one, split_shared, trim
from hostcost.core.rows import Row, RowError, plan
from hostcost.core.scenario import MAX_CATEGORIES, MAX_LABEL, RATIO_PLACES, Baseline, Category
from hostcost.errors import HostcostError, InputError

if TYPE_CHECKING:
    from hostcost.core.fastrow import FastRows

#: The inputs this engine works out in whole numbers; a batch with a column of any other input
#: (troops_change, share_CAT, preset, years …) runs every row as ``scenario`` does instead.
FAST_INPUTS = frozenset({"name", "troops", "host_share", "markup", "rate_at"})

#: A cost as the engine keeps it: its currency, and its amount as a whole numerator and denominator.
_Cost = tuple[str, int, int]


def takes(roles) -> bool:
    """Whether this engine takes columns of these roles (:func:`~hostcost.core.rows.plan`)."""
    return all(r.kind in ("rate", "cost") or (r.kind == "input" and r.key in FAST_INPUTS) for r in roles)


def _ratio(value: Decimal) -> tuple[int, int]:
    return value.as_integer_ratio()


class _RateSet:
    """What one set of rates fixes for every row run at it: each currency's rate as a whole
    numerator and denominator (units per dollar), each currency's baseline in minor units, the
    rate cells, and, once for each currency costs come in, the factor that takes an amount in
    it to minor units of every currency shown."""

    __slots__ = ("_factors", "_scales", "about", "baseline_units", "per_usd", "rate_cells", "rates")

    def __init__(
        self,
        rates: Rates,
        per_usd: dict[str, tuple[int, int]],
        baseline_units: list[int],
        rate_cells: list[str],
        about: list[str],
        scales: Sequence[tuple[str, int]],
    ) -> None:
        self.rates = rates  # for the message when a cost's currency has no rate
        self.per_usd = per_usd
        self.baseline_units = baseline_units
        self.rate_cells = rate_cells
        self.about = about
        self._scales = scales
        self._factors: dict[str, list[tuple[int, int]]] = {}

    def factors(self, source: str) -> list[tuple[int, int]]:
        """For each currency shown, ``(num, den)``: an amount in ``source`` × num ÷ den is its
        value in that currency's minor units, exactly (through the dollar, as pint's path runs)."""
        found = self._factors.get(source)
        if found is None:
            if source not in self.per_usd:
                self.rates.rate(source)  # the error that names the missing rate
            su, sd = self.per_usd[source]
            found = []
            for code, scale in self._scales:
                if code == source:
                    found.append((scale, 1))
                else:
                    ku, kd = self.per_usd[code]
                    found.append((scale * ku * sd, kd * su))
            self._factors[source] = found
        return found


def _units_text(units: int, places: int) -> str:
    """Whole minor units as a machine cell: 115000000000, 1150000000.00, -0.05."""
    if not places:
        return str(units)
    if units < 0:
        return "-" + _units_text(-units, places)
    whole, part = divmod(units, 10**places)
    return f"{whole}.{part:0{places}d}"


def _writer(places: int) -> Callable[[list[int]], list[str]]:
    """How a currency's figures, in minor units, are written as cells: :func:`_units_text`, with
    the yen's and the dollar's written without its generality (a test holds them to it)."""
    if not places:
        return lambda figures: list(map(str, figures))
    if places == 2:
        return lambda figures: [
            f"{f // 100}.{f % 100:02d}" if f >= 0 else f"-{-f // 100}.{-f % 100:02d}" for f in figures
        ]
    return lambda figures: [_units_text(f, places) for f in figures]


def _exact(costs: Sequence[_Cost], at: _RateSet) -> list[tuple[list[int], int]]:
    """Each cost's exact value in the minor units of each currency shown: per currency, whole
    numerators over one common denominator. Costs all in one currency (the common case) share
    one factor, so their amounts need putting over one denominator only once."""
    first = costs[0][0]
    if all(c[0] == first for c in costs):
        den = costs[0][2]
        if all(c[2] == den for c in costs):
            amounts = [c[1] for c in costs]
        else:
            den = math.lcm(*(c[2] for c in costs))
            amounts = [n * (den // d) for _, n, d in costs]
        return [([n * fn for n in amounts], den * fd) for fn, fd in at.factors(first)]
    factors = [at.factors(c[0]) for c in costs]
    out = []
    for k in range(len(factors[0])):
        nums = [n * f[k][0] for (_, n, _), f in zip(costs, factors)]
        dens = [d * f[k][1] for (_, _, d), f in zip(costs, factors)]
        den = math.lcm(*dens)
        out.append(([n * (den // d) for n, d in zip(nums, dens)], den))
    return out


@dataclass(frozen=True)
class _Plan:
    """Where a row's inputs are: the column of each input, of each currency's rate, of each cost."""

    inputs: dict[str, str]  # input name -> column
    rates: tuple[tuple[str, str], ...]  # (currency, column)
    costs: tuple[str, ...]  # the cost columns
    serial: int  # which plan this is, in the keys of what rows of it fix


def _per_usd(rate: Rate) -> tuple[int, int]:
    """A rate's units per dollar, as a whole numerator and denominator."""
    un, ud = _ratio(rate.units)
    sn, sd = _ratio(rate.usd)
    return un * sd, ud * sn


class _Base:
    """Rates that rows' own rates go over (those in force, or a period's), as the engine uses them."""

    __slots__ = ("by", "per_usd", "rates")

    def __init__(self, rates: Rates) -> None:
        self.rates = rates
        self.per_usd = {REFERENCE: (1, 1), **{r.currency: _per_usd(r) for r in rates.rates}}
        self.by = {r.currency: r for r in rates.rates}


class Batch:
    """Runs rows as scenarios against ``baseline``, at ``rates`` unless a row gives its own.

    Each row's figures are those :func:`~hostcost.core.scenario.run_totals` gives (a property
    test holds them equal, cell for cell), worked out in whole numbers: each cost's exact value
    in each currency is its amount times the factor of its currency, one numerator over a common
    denominator; the totals and each category's rounding, which do not depend on the host share,
    come from :func:`~hostcost.core.money.round_rows`, and the host part from
    :func:`~hostcost.core.money.split_shared`, the rule ``scenario`` rounds by. Each distinct
    cell is read once while it recurs (:class:`~hostcost.core.cache.Bounded` caches that keep
    what recurs and stay flat on varied input).

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
        self.baseline = baseline
        self.troops = troops
        self.currency = default_currency
        self._plans: Bounded[_Plan] = Bounded(256)
        self._serials = 0
        first = self._plan(tuple(columns), "line 1")
        explicit = (r.currency for r in rates.rates if r.currency in rates.explicit)
        named = (c for c, _ in first.rates)
        self.currencies = tuple(dict.fromkeys((*FIXED_CURRENCIES, *explicit, *named)))
        self._places = [decimal_places(c) for c in self.currencies]
        self._writers = [_writer(p) for p in self._places]
        self._scales = tuple((c, 10**p) for c, p in zip(self.currencies, self._places))
        # the baseline in minor units, where it is quoted; in dollars, to convert it where it is not
        scales = dict(self._scales)
        self._quoted = {
            m.currency: half_even(n * scales[m.currency], d)
            for m in baseline.payments
            if m.currency in scales
            for n, d in [_ratio(m.amount)]
        }
        self._usd = usd, usd_den = baseline.usd.as_integer_ratio()
        # ratio = host in cents / (baseline × 100): kept as a fraction's two parts
        self._ratio_num, self._ratio_den = usd_den, usd * 100
        self.defaults: tuple[_Cost, ...] = tuple((c.cost.currency, *_ratio(c.cost.amount)) for c in defaults)
        self._costs: Bounded[_Cost] = Bounded()
        self._shares: Bounded[tuple[int, int, str]] = Bounded()
        self._markups: Bounded[tuple[int, int, str]] = Bounded()
        self._sets: Bounded[_RateSet] = Bounded()
        self._abouts: Bounded[list[str]] = Bounded(256)
        self._periods: Bounded[_Base] = Bounded(64)
        self._in_force = _Base(rates)
        self._fast: FastRows | None = None  # the quick way for rows of a file's header
        self._base: _RateSet | None = None  # the rates in force, worked out at the first row that needs them

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
            costs = tuple(c for r, c in zip(roles, columns) if r.kind == "cost")
            if len(costs) > MAX_CATEGORIES:  # a row is a scenario, held to its limit
                raise RowError(f"{where}: {len(costs):,} cost columns; a scenario has at most {MAX_CATEGORIES:,}")
            self._serials += 1
            return _Plan(inputs, rates, costs, self._serials)

        return self._plans.remember(columns, make)

    def rows(self, row: Row) -> list[list[str]]:
        """The result rows for ``row``: one, quickly where :class:`~hostcost.core.fastrow.FastRows`
        covers it, else by :meth:`run`."""
        values = row.values
        if values is not None:
            fast = self._fast
            if fast is None or fast.header is not row.header:
                from hostcost.core.fastrow import FastRows

                fast = self._fast = FastRows(self, row.header or ())
            if fast.covered:
                out = fast.run(row.number, values)
                if out is not None:
                    return [out]
        return [self.run(row)]

    def run(self, row: Row) -> list[str]:
        """The result row for ``row``, as machine cells: the name, then numbers as text ("" for
        none). :class:`RowError` names the row and the column at fault."""
        cells = row.cells
        keys = tuple(cells)
        where = self._plans.get(keys) or self._plan(keys, f"row {row.number} (line {row.line})")
        inputs = where.inputs
        at = (
            self._row_rates(row, where) if where.rates or "rate_at" in inputs else self._base or self._in_force_set(row)
        )
        column = inputs.get("troops")
        text = str(cells.get(column, "")).strip() if column else ""
        troops = self._read(row, column, parse_count, text) if text else self.troops
        column = inputs.get("host_share")
        text = str(cells.get(column, "")).strip() if column else ""
        if text:
            sn, sd, share_text = self._shares.get(text) or self._percent(row, column, text, SHARE, self._shares)
        else:
            sn, sd, share_text = 1, 1, "1"
        column = inputs.get("markup")
        text = str(cells.get(column, "")).strip() if column else ""
        markup_text = "0"
        if text:
            mn, md, markup_text = self._markups.get(text) or self._percent(row, column, text, MARKUP, self._markups)
            if mn:
                sn, sd = sn * (md + mn), sd * md
        # as in scenario: once a row gives any cost, only the costs it gives count
        costs = []
        for column in where.costs:
            text = str(cells.get(column, "")).strip()
            if text:
                cost = self._costs.get(text)
                if cost is None:
                    cost = self._costs.put(text, self._read(row, column, self._cost, text))
                costs.append(cost)
        try:
            values = _exact(costs or self.defaults, at)
        except HostcostError as e:
            raise row.error(str(e)) from None
        name = str(cells.get(inputs.get("name", ""), "")).strip() or f"row {row.number}"
        if len(name) > MAX_LABEL:
            raise row.error(f"a name of {len(name):,} characters; write one of at most {MAX_LABEL:,}", inputs["name"])
        out = [name, str(troops), share_text]
        out += self._figures(values, sn, sd, troops, at, markup_text)
        return out

    @staticmethod
    def _read(row: Row, column: str | None, parse, text: str):
        try:
            return parse(text)
        except HostcostError as e:
            raise row.error(str(e), column) from None

    def _percent(self, row: Row, column: str | None, text: str, kind, cache: Bounded) -> tuple[int, int, str]:
        """A host share or markup cell: the fraction's two parts, and the cell as ``scenario``
        writes it (0.75)."""
        value = self._read(row, column, kind.parse, text)
        return cache.put(text, (*value.as_integer_ratio(), format(trim(value), "f")))

    def _cost(self, text: str) -> _Cost:
        money = parse_cost(text, self.currency)
        return (money.currency, *_ratio(money.amount))

    def _figures(
        self, values: list[tuple[list[int], int]], sn: int, sd: int, troops: int, at: _RateSet, markup: str
    ) -> list[str]:
        """The figures of ``run_totals`` after the host share, as cells in the order of
        :func:`~hostcost.views.scenario.scenario_columns`: ``values[k]`` holds each cost's exact
        value in currency k's minor units, numerators over one denominator (:func:`_exact`); the
        host pays ``sn / sd`` of each (markup included)."""
        ratio = ""
        by_currency = []  # per currency: total, host, us, the same per troop, vs baseline
        for k, write in enumerate(self._writers):
            nums, den = values[k]
            grand, host = split_shared(nums, den, sn, sd)
            whole = sum(nums)
            if not troops:
                cells = write([grand, host, grand - host, host - at.baseline_units[k]])
                cells[3:3] = ["", "", ""]
            else:  # split_one of the sums, per troop
                pt, ph = split_one(whole * sd, whole * sn, den * sd * troops)
                cells = write([grand, host, grand - host, pt, ph, pt - ph, host - at.baseline_units[k]])
            by_currency.append(cells)
            if k == 0:  # the ratio against the baseline, in dollars
                units = half_even(whole * sn * self._ratio_num * 10**RATIO_PLACES, den * sd * self._ratio_den)
                ratio = _units_text(units, RATIO_PLACES).rstrip("0").rstrip(".")
        usd, jpy = by_currency[0], by_currency[1]
        out = [usd[0], jpy[0], usd[1], jpy[1], usd[2], jpy[2], usd[3], jpy[3], usd[4], jpy[4], usd[5], jpy[5]]
        out += [usd[6], jpy[6], ratio, at.rate_cells[1], markup, ""]
        out += at.about
        for k in range(2, len(by_currency)):
            out += [*by_currency[k], at.rate_cells[k]]
        return out

    def _rate_set(self, base: _Base, given: Sequence[Rate], about_key: tuple) -> _RateSet:
        """What the rates of ``base``, with ``given`` over them, fix for a row. The rate period and
        source depend only on where the rates came from (``about_key``: the period, and which
        rate columns the row fills), so they are worked out once for each."""
        per_usd, by = base.per_usd, base.by
        if given:
            per_usd, by = dict(per_usd), dict(by)
            for r in given:
                per_usd[r.currency] = _per_usd(r)
                by[r.currency] = r
        about = self._abouts.get(about_key)
        if about is None:
            merged = base.rates.replacing(given)
            assumed = "true" if rate_assumed(merged, self.currencies) else "false"
            about = [rate_period(merged, self.currencies), assumed, rate_source(merged, self.currencies)]
            self._abouts.put(about_key, about)
        baseline, cells = [], []
        for code, scale in self._scales:
            if code not in per_usd:  # a currency in play with no rate (none given: base has none either)
                base.rates.rate(code)
            quoted = self._quoted.get(code)
            if quoted is None:  # converted from dollars, rounded once
                ku, kd = per_usd[code]
                quoted = half_even(self._usd[0] * ku * scale, self._usd[1] * kd)
            baseline.append(quoted)
            cells.append(rate_text(by[code]) if code in by else "")
        return _RateSet(base.rates, per_usd, baseline, cells, about, self._scales)

    def _row_rates(self, row: Row, where: _Plan) -> _RateSet:
        """What the row's rates fix: those in force (or its period's, in ``rate_at``), with the
        row's own rate cells over them. Rows that give the same rate cells share one."""
        cells = row.cells
        at = where.inputs.get("rate_at")
        period = str(cells.get(at, "")).strip() if at else ""
        key = (where.serial, period, *(str(cells.get(column, "")).strip() for _, column in where.rates))
        found = self._sets.get(key)
        if found is not None:
            return found
        base = self._in_force
        if period:
            base = self._periods.get(period) or self._periods.put(
                period, _Base(self._read(row, at, self._in_period, period))
            )
        given, filled = [], []
        for (code, column), text in zip(where.rates, key[2:]):
            if text:
                given.append(self._read(row, column, lambda t, c=code, k=column: self.read_given(c, k, t), str(text)))
                filled.append(column)
        try:
            found = self._rate_set(base, given, (period, *filled))
        except HostcostError as e:  # a currency in play with no rate, in the row or in force
            raise row.error(str(e)) from None
        return self._sets.put(key, found)

    def read_given(self, code: str, column: str, text: str) -> Rate:
        """The rate of ``code`` a row gives in ``column``."""
        return self._read_rate(f"{code}={text}", f"given in column {column}")

    def given_set(self, key: tuple, code: str, column: str) -> _RateSet:
        """What the rate ``key[2]`` a row gives in ``column`` fixes, over the rates in force, for
        rows with no period; kept under ``key``, the key :meth:`_row_rates` keeps it under. A bad
        rate raises :class:`~hostcost.errors.HostcostError`, naming no row."""
        given = [self.read_given(code, column, key[2])] if key[2] else []
        return self._sets.put(key, self._rate_set(self._in_force, given, ("", *([column] if given else []))))

    def _in_force_set(self, row: Row) -> _RateSet:
        """What the rates in force fix, for rows that give none: worked out at the first."""
        try:
            self._base = self._rate_set(self._in_force, (), ())
        except HostcostError as e:  # a currency in play with no rate in force
            raise row.error(str(e)) from None
        return self._base

    def _in_period(self, text: str) -> Rates:
        from hostcost.core.periods import parse_period

        if self._rates_at is None:
            raise InputError("a rate_at column needs the rates of its periods, which this batch was not given")
        return self._rates_at(parse_period(text))
