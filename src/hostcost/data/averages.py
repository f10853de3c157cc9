"""The rate or price index of any period, from the series in play: a user's first, then the
built-in ones. A rate over a fiscal year or a span of months is the mean of its monthly
averages, exactly, and says that it is derived.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from hostcost.core import periods
from hostcost.core.fx import MEAN, REFERENCE, Rate
from hostcost.core.money import CONTEXT, exactly
from hostcost.core.periods import MONTHS, Month, Period
from hostcost.data.series import Series, builtin_cpi, builtin_fx, metadata
from hostcost.errors import InputError, RateError

# -- the rate of a period ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RateBook:
    """Every series of rates in force: a user's files first, then the built-in ones."""

    series: tuple[Series, ...]

    @classmethod
    def of(cls, user: Sequence[Series] = ()) -> RateBook:
        return cls((*user, *builtin_fx()))

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.currency for s in self.series))

    def _of(self, currency: str, frequency: str) -> list[Series]:
        return [s for s in self.series if s.currency == currency and s.frequency == frequency]

    def known(self, currency: str, frequency: str) -> str:
        """The periods known at ``frequency``, in words, for an error message."""
        parts = []
        for s in self._of(currency, frequency):
            first, last = s.first_last()
            parts.append(f"{first} to {last}" + (f" in {s.origin}" if s.origin else " built in"))
        return "; ".join(parts) or "none"

    def _missing(self, currency: str, period: Period, frequency: str) -> RateError:
        known = self.known(currency, frequency)
        what = (
            f"the {frequency} {currency} rates known run {known}"
            if known != "none"
            else f"hostcost has no {frequency} {currency} rates"
            + (" (a FRED daily download has)" if frequency == "daily" else "")
        )
        return RateError(
            f"no {currency} rate for {period.text}: {what}; give one with --rate {currency}=N, or a series with "
            "--rates FILE"
        )

    def _month_rate(self, currency: str, m: Month) -> Decimal:
        """The average of month ``m``, which the caller knows is there."""
        found = self._month(currency, m)
        assert found is not None
        (units, usd), _ = found
        return CONTEXT.divide(units, usd)

    def _month(self, currency: str, m: Month) -> tuple[tuple[Decimal, Decimal], Series] | None:
        """Month ``m``'s figure as ``(units, US dollars)`` (:meth:`Series.pair`), and its series."""
        for s in self._of(currency, "monthly"):
            if m in s.values:
                return s.pair(m), s
        return None

    def has(self, currency: str, period: Period) -> bool:
        try:
            self.rate(currency, period)
        except RateError:
            return False
        return True

    def rate(self, currency: str, period: Period) -> Rate:
        """The rate of ``currency`` over ``period``, labelled with the period, the series and its
        source (and how it was derived); :class:`RateError` names the periods known."""
        if period.kind == "year":
            for s in self._of(currency, "annual"):
                if period.year in s.values:
                    label = f"the {period.year} calendar-year average"
                    caveat = metadata()["fx"]["caveat"] if currency == "JPY" else ""
                    return _rate(currency, s.pair(period.year), label, s, period, caveat)
            if not self._of(currency, "annual") and self._of(currency, "monthly"):
                # no annual series at all (GBP): the mean of the year's months, said to be derived
                return self._mean(currency, period, f"{period.year}, ")
            raise self._missing(currency, period, "annual")
        if period.kind == "day":
            for s in self._of(currency, "daily"):
                if period.day in s.values:
                    return _rate(currency, s.pair(period.day), f"the rate of {period.text}", s, period)
                if period.day in s.missing:
                    raise RateError(
                        f"no {currency} rate for {period.text} in {s.origin}: {s.missing[period.day]}; "
                        "pick a day with one, or a month"
                    )
            raise self._missing(currency, period, "daily")
        if period.kind == "month":
            found = self._month(currency, period.first)
            if found is None:
                raise self._missing(currency, period, "monthly")
            (y, m) = period.first
            return _rate(currency, found[0], f"the {MONTHS[m - 1]} {y} monthly average", found[1], period)
        return self._mean(currency, period, f"{period.text}, " if period.kind == "fy" else "")

    def _mean(self, currency: str, period: Period, what: str) -> Rate:
        """The mean of the monthly averages over ``period``, exactly, labelled as derived."""
        months = [self._month(currency, m) for m in period.months()]
        found = [f for f in months if f is not None]
        if len(found) < len(months):
            raise self._missing(currency, period, "monthly")
        units, usd = _sum([pair for pair, _ in found])
        used = list(dict.fromkeys(s for _, s in found))
        first = used[0]
        label = f"{what}the mean of the {len(found)} monthly averages, {period.span_words}"
        how = MEAN + (f"; {first.how}" if first.how else "")
        source = "; ".join(dict.fromkeys(s.where for s in used))
        return Rate(currency, units, usd * len(found), label, source, "", period.text, first.name, how)

    def rates_at(self, period: Period) -> tuple[Rate, ...]:
        """The rate of each currency that has one over ``period``."""
        out = []
        for currency in self.currencies:
            try:
                out.append(self.rate(currency, period))
            except RateError:
                continue
        return tuple(out)

    def averages(self, currency: str) -> list[tuple[str, Decimal]]:
        """Every month, fiscal year and year with an average rate of ``currency``, as --rate-at
        writes them, and the rate: for the periods at which a claim would hold."""
        months = sorted({m for s in self._of(currency, "monthly") for m in s.values})
        years = sorted({y for s in self._of(currency, "annual") for y in s.values})
        out = [(periods.month_text(m), self._month_rate(currency, m)) for m in months]
        for y in range(months[0][0], months[-1][0] + 1) if months else ():
            fy = periods.fiscal_year(y)
            if all(self._month(currency, m) is not None for m in fy.months()):
                out.append((fy.text, self.rate(currency, fy).per_usd))
        out += [(str(y), self.rate(currency, periods.year(y)).per_usd) for y in years]
        return out

    def bounds(self, currency: str) -> tuple[Decimal, Decimal] | None:
        """The lowest and highest rate of ``currency`` in the built-in series."""
        values = [v for s in builtin_fx() if s.currency == currency for v in s.values.values()]
        return (min(values), max(values)) if values else None

    def last_full_year(self, currency: str, fiscal: bool) -> Period | None:
        """The latest fiscal year (or calendar year) with a rate for ``currency``."""
        if fiscal:
            months = [m for s in self._of(currency, "monthly") for m in s.values]
            if not months:
                return None
            y, m = max(months)
            fy = y if m >= 3 else y - 1  # FY y ends in March of y + 1
            fy -= 1
            while fy >= 1900 and not self.has(currency, periods.fiscal_year(fy)):
                fy -= 1
            return periods.fiscal_year(fy) if fy >= 1900 else None
        years = [k for s in self._of(currency, "annual") for k in s.values]
        return periods.year(max(years)) if years else None


def _rate(currency: str, pair: tuple[Decimal, Decimal], label: str, s: Series, period: Period, caveat="") -> Rate:
    units, usd = pair
    return Rate(currency, units, usd, label, s.where, caveat, period.text, s.name, s.how)


@exactly
def _sum(pairs: list[tuple[Decimal, Decimal]]) -> tuple[Decimal, Decimal]:
    """The sum of rates given as ``(units, US dollars)``, exactly, as one such pair: the units
    added up when each is per dollar, else over a common denominator."""
    if all(usd == 1 for _, usd in pairs):
        return sum((units for units, _ in pairs), Decimal(0)), Decimal(1)
    total = sum((Fraction(units) / Fraction(usd) for units, usd in pairs), Fraction(0))
    return Decimal(total.numerator), Decimal(total.denominator)


# -- prices --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexValue:
    """A price index's value for a year: the annual average, what it is, and whether it is
    provisional (a year with a month missing)."""

    year: int
    value: Decimal
    name: str
    source: str
    months: int
    note: str = ""


@dataclass(frozen=True)
class PriceIndex:
    """A price index, by year: US dollars' CPI-U, or an index a user brings for another currency."""

    currency: str
    series: tuple[Series, ...]
    name: str

    @classmethod
    def cpi_u(cls) -> PriceIndex:
        return cls("USD", (builtin_cpi(),), metadata()["cpi"]["name"])

    @exactly
    def annual(self, year: int) -> IndexValue:
        """The annual average of ``year``: an annual figure a file gives, else the mean of the
        year's months (rounded to three decimals for CPI-U, as BLS does); a year with a month
        missing is provisional, one with fewer than eleven has no average."""
        for s in self.series:
            if s.frequency == "annual" and year in s.values:
                return IndexValue(year, s.values[year], self.name, s.where, 12)
        for s in self.series:
            if s.frequency != "monthly":
                continue
            months = [s.values[(year, m)] for m in range(1, 13) if (year, m) in s.values]
            if not months:
                continue
            gone = [m for m in range(1, 13) if (year, m) not in s.values]
            if len(months) < 11 or any((year, m) not in s.missing for m in gone):
                last = max(k for k in s.values)
                raise InputError(
                    f"no {self.name} annual average for {year}: {len(months)} of its months are known (to "
                    f"{periods.month_text(last)}); pick a year up to {last[0] - (last[1] < 12)}"
                )
            mean = sum(months, Decimal(0)) / len(months)
            if not s.origin:
                mean = mean.quantize(Decimal(1).scaleb(-metadata()["cpi"]["places"]), ROUND_HALF_EVEN)
            note = ""
            if gone:
                why = "; ".join(s.missing[(year, m)] for m in gone)
                note = f"provisional: the mean of {len(months)} months ({why})"
            return IndexValue(year, mean, self.name, s.where, len(months), note)
        known = sorted({k if isinstance(k, int) else k[0] for s in self.series for k in s.values})
        span = f"{known[0]} to {known[-1]}" if known else "none"
        raise InputError(f"no {self.name} figures for {year}; the years known run {span}")

    def annual_or_last(self, year: int) -> IndexValue:
        """:meth:`annual`, or for a year past the data the last year that has an average,
        marked as assumed."""
        try:
            return self.annual(year)
        except InputError:
            last = year - 1
            while last >= periods.FIRST_YEAR:
                try:
                    value = self.annual(last)
                except InputError:
                    last -= 1
                    continue
                if last < year - 5:
                    break
                return replace(value, note=f"assumed for {year}: {last}'s, the last year known")
            raise


def index_of(currency: str, user: Iterable[Series]) -> PriceIndex | None:
    """The price index of ``currency``: a user's series for it, else CPI-U for dollars, else None."""
    mine = tuple(s for s in user if s.currency == currency)
    if mine:
        return PriceIndex(currency, mine, f"{currency} index ({mine[0].origin})")
    return PriceIndex.cpi_u() if currency == REFERENCE else None
