"""Series of exchange rates and prices, and the rate or index of any period.

The built-in series (``data/fx.csv``, ``data/cpi-u.csv``, described in ``data/series.toml``) are
the Federal Reserve's G.5A annual and G.5 monthly averages for JPY, KRW, EUR, GBP and AUD, and
the US CPI-U. A user brings more with ``--rates FILE`` and ``--index CUR=FILE``: a FRED download
(``observation_date,DEXJPUS``) or a plain table (``period,currency,units_per_USD``). A file's
figures come before the built-in ones for the periods they cover.

A rate over a fiscal year or a span of months is the mean of its monthly averages, exactly (as a
fraction: the sum over the count), and says that it is derived.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache
from importlib.resources import files

from hostcost.core import periods
from hostcost.core.fx import MEAN, REFERENCE, Rate
from hostcost.core.periods import MONTHS, Month, Period
from hostcost.errors import InputError, RateError

#: FRED's exchange-rate series (H.10 daily, G.5 monthly, G.5A annual): currency, and whether the
#: series is US dollars per unit (inverted, exactly) rather than units per dollar. A D in front
#: is the daily series, an A the annual one.
FRED_FX = {
    "JPUS": ("JPY", False),
    "KOUS": ("KRW", False),
    "CHUS": ("CNY", False),
    "CAUS": ("CAD", False),
    "SZUS": ("CHF", False),
    "INUS": ("INR", False),
    "MXUS": ("MXN", False),
    "TAUS": ("TWD", False),
    "SIUS": ("SGD", False),
    "THUS": ("THB", False),
    "HKUS": ("HKD", False),
    "SDUS": ("SEK", False),
    "NOUS": ("NOK", False),
    "DNUS": ("DKK", False),
    "BZUS": ("BRL", False),
    "MAUS": ("MYR", False),
    "SLUS": ("LKR", False),
    "SFUS": ("ZAR", False),
    "USEU": ("EUR", True),
    "USUK": ("GBP", True),
    "USAL": ("AUD", True),
    "USNZ": ("NZD", True),
}
FREQUENCIES = ("annual", "monthly", "daily")
#: How a rate over a fiscal year or a span is derived (its label says so too).


@dataclass(frozen=True, eq=False)
class Series:
    """One currency's figures at one frequency, from one place: ``values`` by year (annual), by
    ``(year, month)`` (monthly) or by date (daily). ``name`` is the series (a FRED id, or the
    file's), ``origin`` the file it came from (empty: built in), ``source`` and ``how`` say where
    the figures come from and how they were derived. ``missing`` holds the periods the series
    names without a figure (FRED's ``.`` for a day with no rate), with why."""

    currency: str
    frequency: str
    values: Mapping
    name: str
    source: str
    origin: str = ""
    how: str = ""
    missing: Mapping = field(default_factory=dict)
    catalogue: str = "FRED"  # whose series id ``name`` is, for a built-in series

    def first_last(self) -> tuple[str, str]:
        keys = sorted(self.values)
        return _key_text(keys[0], self.frequency), _key_text(keys[-1], self.frequency)

    @property
    def where(self) -> str:
        """Where the figures come from, for a caption: ``Federal Reserve, G.5 …, FRED EXJPUS``,
        ``rates.csv, FRED DEXJPUS`` or ``rates.csv``."""
        if not self.origin:
            return f"{self.source}, {self.catalogue} {self.name}"
        return self.origin if self.name == "table" else f"{self.origin}, FRED {self.name}"


def _key_text(key, frequency: str) -> str:
    if frequency == "annual":
        return str(key)
    if frequency == "monthly":
        return periods.month_text(key)
    return key.isoformat()


# -- the built-in series ----------------------------------------------------------------------------


def _data(name: str) -> str:
    return files("hostcost").joinpath("data", name).read_text(encoding="utf-8")


@cache
def metadata() -> dict:
    """``data/series.toml``: what each built-in series is."""
    return tomllib.loads(_data("series.toml"))


@cache
def builtin_fx() -> tuple[Series, ...]:
    """The built-in exchange-rate series: an annual and a monthly one for each currency."""
    meta = metadata()["fx"]
    table: dict[tuple[str, str], dict] = {}
    for row in csv.DictReader(line for line in io.StringIO(_data("fx.csv")) if not line.startswith("#")):
        period, currency = row["period"], row["currency"]
        if "-" in period:
            key, frequency = (int(period[:4]), int(period[5:7])), "monthly"
        else:
            key, frequency = int(period), "annual"
        table.setdefault((currency, frequency), {})[key] = Decimal(row["units_per_USD"])
    out = []
    for currency, about in meta["currencies"].items():
        for frequency in ("annual", "monthly"):
            if (currency, frequency) not in table:  # GBP has no annual series in the data
                continue
            out.append(
                Series(
                    currency,
                    frequency,
                    table[(currency, frequency)],
                    about[frequency],
                    meta[f"{frequency}_source"],
                    how=about.get("how", ""),
                )
            )
    return tuple(out)


@cache
def builtin_cpi() -> Series:
    """The US CPI-U, monthly."""
    meta = metadata()["cpi"]
    values = {}
    for row in csv.DictReader(line for line in io.StringIO(_data("cpi-u.csv")) if not line.startswith("#")):
        values[(int(row["period"][:4]), int(row["period"][5:7]))] = Decimal(row["index"])
    missing = {(int(k[:4]), int(k[5:7])): why for k, why in meta.get("missing", {}).items()}
    return Series("USD", "monthly", values, meta["series"], meta["source"], missing=missing, catalogue="BLS series")


# -- files a user brings -----------------------------------------------------------------------------

#: The longest series file hostcost reads.
MAX_FILE_CHARS = 10_000_000


def _positive(text: str, where: str) -> Decimal:
    from hostcost.core.amounts import shorten

    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise InputError(f"{where}: {shorten(text)} is not a number; expected a positive number") from None
    if not value.is_finite() or value <= 0 or value.adjusted() >= 18 or value.as_tuple().exponent < -18:
        raise InputError(f"{where}: {shorten(text)} is not a positive number below 10^18; expected one")
    return value


def _date(text: str, where: str) -> date:
    from hostcost.core.amounts import shorten

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{where}: {shorten(text)} is not a date; expected YYYY-MM-DD, as FRED writes it") from None


def read_series(text: str, origin: str, currency: str | None = None, what: str = "rate") -> list[Series]:
    """The series of a file: a FRED download (``observation_date`` or ``DATE``, then one series
    column; ``.`` or a blank is a day with no figure) or a plain table (``period,currency,
    units_per_USD`` for rates, ``period,currency,index`` for an index). ``currency`` says whose
    figures a FRED series is when hostcost does not know the series (``--rates KRW=FILE``).

    One :class:`InputError` for a bad file, naming the file, the line and the value."""
    if len(text) > MAX_FILE_CHARS:
        raise InputError(f"{origin}: longer than {MAX_FILE_CHARS:,} characters; a series file is at most that")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    if not rows:
        raise InputError(f"{origin}: empty; expected a FRED download or a table with a header line")
    header = [h.strip() for h in rows[0]]
    names = [h.lower() for h in header]
    value_column = "units_per_usd" if what == "rate" else "index"
    if len(names) == 2 and names[0] in ("observation_date", "date"):
        return [_fred(header[1], rows[1:], origin, currency, what)]
    if names[:2] == ["period", "currency"] and len(names) == 3 and names[2] in (value_column, "value"):
        return _table(rows[1:], origin, what)
    expected = "a FRED download (observation_date,SERIES) or a table (period,currency," + (
        "units_per_USD)" if what == "rate" else "index)"
    )
    raise InputError(f"{origin}:1: {','.join(header)[:60]!r} is not a header hostcost reads; expected {expected}")


def _fred(series: str, rows: list[list[str]], origin: str, currency: str | None, what: str) -> Series:
    code = series.upper()
    frequency, inverted, known = None, False, None
    if what == "rate":
        stem = code[1:] if code[:1] in ("D", "A") and code[1:3] == "EX" else code
        if stem.startswith("EX") and stem[2:] in FRED_FX:
            known, inverted = FRED_FX[stem[2:]]
            frequency = {"D": "daily", "A": "annual"}.get(code[0], "monthly")
    if currency is None:
        if known is None:
            hint = "--rates CUR=FILE" if what == "rate" else "--index CUR=FILE"
            raise InputError(f"{origin}:1: hostcost does not know the series {series!r}; say whose it is with {hint}")
        currency = known
    elif known is not None and known != currency:
        raise InputError(f"{origin}:1: {series} is a {known} series, not {currency}")
    dated: dict[date, Decimal] = {}
    missing: dict[date, str] = {}
    for n, row in enumerate(rows, start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2:
            raise InputError(f"{origin}:{n}: {len(row)} cells; expected a date and a value")
        when = _date(row[0], f"{origin}:{n}")
        if when in dated or when in missing:
            raise InputError(f"{origin}:{n}: {when} is given twice; give it once")
        if row[1].strip() in ("", "."):
            missing[when] = "FRED has no figure for it (a holiday or a weekend)"
            continue
        value = _positive(row[1], f"{origin}:{n}")
        dated[when] = value
    if not dated:
        raise InputError(f"{origin}: no figures in it; expected a line a date, such as 2024-06-03,157.86")
    if frequency is None:  # a series hostcost does not know: its dates say how often
        days = {d.day for d in dated} | {d.day for d in missing}
        firsts = {(d.month, d.day) for d in dated}
        frequency = "annual" if firsts == {(1, 1)} else "monthly" if days == {1} else "daily"
    how = "exactly 1 / the series (US dollars per unit)" if inverted else ""
    values: dict = {}
    for when, value in dated.items():
        if frequency != "daily" and (when.day != 1 or (frequency == "annual" and when.month != 1)):
            unit = "year" if frequency == "annual" else "month"
            raise InputError(f"{origin}: {when} is not the first day of a {unit}, as {series}'s dates are")
        key = when.year if frequency == "annual" else (when.year, when.month) if frequency == "monthly" else when
        values[key] = 1 / value if inverted else value
    return Series(
        currency,
        frequency,
        values,
        series,
        f"{series}, a FRED download",
        origin,
        how,
        {k: why for k, why in missing.items()} if frequency == "daily" else {},
    )


def _table(rows: list[list[str]], origin: str, what: str) -> list[Series]:
    from hostcost.core.amounts import currency_code

    found: dict[tuple[str, str], dict] = {}
    for n, row in enumerate(rows, start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 3:
            raise InputError(f"{origin}:{n}: {len(row)} cells; expected period, currency and value")
        try:
            period = periods.parse_period(row[0])
            cur = currency_code(row[1])
        except InputError as e:
            raise InputError(f"{origin}:{n}: {e}") from None
        if what == "rate" and cur == REFERENCE:
            raise InputError(f"{origin}:{n}: rates are per US dollar, so USD needs none")
        if period.kind not in ("year", "month", "day"):
            raise InputError(f"{origin}:{n}: {row[0].strip()!r}: a table gives a year, a month or a day")
        frequency = {"year": "annual", "month": "monthly", "day": "daily"}[period.kind]
        key = period.first[0] if frequency == "annual" else period.first if frequency == "monthly" else period.day
        values = found.setdefault((cur, frequency), {})
        if key in values:
            raise InputError(f"{origin}:{n}: {cur} for {period.text} is given twice; give it once")
        values[key] = _positive(row[2], f"{origin}:{n}")
    if not found:
        raise InputError(f"{origin}: no figures in it; expected a line a figure, such as 2024-06,JPY,157.86")
    return [Series(cur, freq, values, "table", "a table", origin) for (cur, freq), values in found.items()]


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

    def _month(self, currency: str, m: Month) -> tuple[Decimal, Series] | None:
        for s in self._of(currency, "monthly"):
            if m in s.values:
                return s.values[m], s
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
                    return _rate(currency, s.values[period.year], 1, label, s, period, caveat)
            if not self._of(currency, "annual") and self._of(currency, "monthly"):
                # no annual series at all (GBP): the mean of the year's months, said to be derived
                return self._mean(currency, period, f"{period.year}, ")
            raise self._missing(currency, period, "annual")
        if period.kind == "day":
            for s in self._of(currency, "daily"):
                if period.day in s.values:
                    return _rate(currency, s.values[period.day], 1, f"the rate of {period.text}", s, period)
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
            return _rate(currency, found[0], 1, f"the {MONTHS[m - 1]} {y} monthly average", found[1], period)
        return self._mean(currency, period, f"{period.text}, " if period.kind == "fy" else "")

    def _mean(self, currency: str, period: Period, what: str) -> Rate:
        """The mean of the monthly averages over ``period``, exactly, labelled as derived."""
        found = [self._month(currency, m) for m in period.months()]
        if any(f is None for f in found):
            raise self._missing(currency, period, "monthly")
        total = sum((v for v, _ in found), Decimal(0))
        used = list(dict.fromkeys(s for _, s in found))
        first = used[0]
        label = f"{what}the mean of the {len(found)} monthly averages, {period.span_words}"
        how = MEAN + (f"; {first.how}" if first.how else "")
        source = "; ".join(dict.fromkeys(s.where for s in used))
        return Rate(currency, total, Decimal(len(found)), label, source, "", period.text, first.name, how)

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
        out = [(periods.month_text(m), self._month(currency, m)[0]) for m in months]
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


def _rate(currency: str, units, usd, label: str, s: Series, period: Period, caveat: str = "") -> Rate:
    return Rate(currency, Decimal(units), Decimal(usd), label, s.where, caveat, period.text, s.name, s.how)


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


def load_files(named: Sequence, what: str = "rate") -> list[Series]:
    """The series of each file a user named (:class:`~hostcost.core.inputs.SeriesFile`), read whole;
    :class:`InputError` names the option or key, the file and what is wrong."""
    out: list[Series] = []
    for f in named:
        where = f"{f.where}: {f.path}" if f.where else f.path
        try:
            if not stat.S_ISREG(os.stat(f.path).st_mode):  # not a device or a pipe, which could block
                raise InputError(f"{where}: not a regular file; expected a file of rates")
            with open(f.path, encoding="utf-8") as stream:
                text = stream.read(MAX_FILE_CHARS + 1)
        except FileNotFoundError:
            raise InputError(f"{where}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{where}: is a folder, not a file") from None
        except UnicodeDecodeError as e:
            raise InputError(f"{where}: not UTF-8 text (byte {e.start})") from None
        except OSError as e:
            raise InputError(f"{where}: {e.strerror}") from None
        out += read_series(text, f.path, f.currency, what)
    return out
