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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources import files

from hostcost.core import periods
from hostcost.core.fx import REFERENCE
from hostcost.core.money import exponent
from hostcost.data.files import MAX_FILE_CHARS, reading
from hostcost.errors import InputError

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
    inverted: bool = False  # the figures are US dollars per unit (FRED's USEU), kept as given

    def pair(self, key) -> tuple[Decimal, Decimal]:
        """The figure at ``key`` as ``(units, US dollars)``, exactly, whichever way the series
        quotes it: 1/1.0823 has no exact Decimal, but 1 euro for 1.0823 dollars is exact."""
        value = self.values[key]
        return (Decimal(1), value) if self.inverted else (value, Decimal(1))

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


def _builtin_rows(name: str, *columns: str) -> Iterator[list[str]]:
    """The rows of the built-in table ``name``, after its comment lines and its header, which
    must be ``columns``: the cells are taken by position (a third of the time of a DictReader)."""
    rows = csv.reader(line for line in io.StringIO(_data(name)) if not line.startswith("#"))
    header = next(rows)
    if header != list(columns):  # a data file edited out of step with its reader
        raise AssertionError(f"data/{name} has the columns {header}, not {list(columns)}")
    return rows


@cache
def metadata() -> dict:
    """``data/series.toml``: what each built-in series is."""
    return tomllib.loads(_data("series.toml"))


@cache
def builtin_fx() -> tuple[Series, ...]:
    """The built-in exchange-rate series: an annual and a monthly one for each currency."""
    meta = metadata()["fx"]
    table: dict[tuple[str, str], dict] = {}
    for period, currency, per_usd in _builtin_rows("fx.csv", "period", "currency", "units_per_USD"):
        key: int | tuple[int, int]
        if "-" in period:
            key, frequency = (int(period[:4]), int(period[5:7])), "monthly"
        else:
            key, frequency = int(period), "annual"
        table.setdefault((currency, frequency), {})[key] = Decimal(per_usd)
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
    for period, index in _builtin_rows("cpi-u.csv", "period", "index"):
        values[(int(period[:4]), int(period[5:7]))] = Decimal(index)
    missing = {(int(k[:4]), int(k[5:7])): why for k, why in meta.get("missing", {}).items()}
    return Series("USD", "monthly", values, meta["series"], meta["source"], missing=missing, catalogue="BLS series")


# -- files a user brings -----------------------------------------------------------------------------

#: The longest series file hostcost reads.


def _positive(text: str, where: str) -> Decimal:
    from hostcost.core.amounts import shorten

    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise InputError(f"{where}: {shorten(text)} is not a number; expected a positive number") from None
    if not value.is_finite() or value <= 0 or value.adjusted() >= 18 or exponent(value) < -18:
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
        values[key] = value
    return Series(
        currency,
        frequency,
        values,
        series,
        f"{series}, a FRED download",
        origin,
        how,
        {k: why for k, why in missing.items()} if frequency == "daily" else {},
        inverted=inverted,
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


def load_files(named: Sequence, what: str = "rate") -> list[Series]:
    """The series of each file a user named (:class:`~hostcost.core.inputs.SeriesFile`), read whole;
    :class:`InputError` names the option or key, the file and what is wrong."""
    out: list[Series] = []
    for f in named:
        where = f"{f.where}: {f.path}" if f.where else f.path
        with reading(where):
            if not stat.S_ISREG(os.stat(f.path).st_mode):  # not a device or a pipe, which could block
                raise InputError(f"{where}: not a regular file; expected a file of rates")
            with open(f.path, encoding="utf-8") as stream:
                text = stream.read(MAX_FILE_CHARS + 1)
        out += read_series(text, f.path, f.currency, what)
    return out
