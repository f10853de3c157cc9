"""The built-in data: baseline, default rate and categories (``data/baseline.toml``) and presets
(``data/presets.toml``); the rates in force, from the series of :mod:`hostcost.data.series`. Every
figure has a source."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from hostcost.core.amounts import parse_cost, trim_zeros
from hostcost.core.fx import Rate, Rates, parse_rate
from hostcost.core.money import Money, exactly
from hostcost.core.periods import Period
from hostcost.core.scenario import Baseline, Category
from hostcost.errors import InputError, RateError

if TYPE_CHECKING:
    from hostcost.data.series import Series

Sources = tuple[tuple[str, str], ...]  # (figure, source)


def _toml(name: str) -> dict[str, Any]:
    with files("hostcost").joinpath("data", name).open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Fact:
    """A sourced figure that a preset carries but does not compute with."""

    figure: str
    value: str
    source: str


@dataclass(frozen=True)
class Builtin:
    baseline: Baseline
    rate: Rate
    categories: tuple[Category, ...]
    categories_label: str
    categories_source: str
    facts: tuple[Fact, ...] = ()  # troop counts and moves, each with its source

    def sources_for(
        self, rates: Rates, categories: tuple[Category, ...] = (), currencies: tuple[str, ...] | None = None
    ) -> Sources:
        """``(figure, source)`` for the baseline, the rates in play and the costs used."""
        return (
            ("baseline", self.baseline.source),
            *rates.sources(currencies),
            *((f"cost: {c.name}", c.source) for c in categories if c.source),
        )


def load_builtin() -> Builtin:
    """The baseline, its implied rate and the default categories."""
    data = _toml("baseline.toml")
    b, r, c = data["baseline"], data["rate"], data["categories"]
    payments = (parse_cost(b["host_payment_usd"]), parse_cost(b["host_payment_jpy"]))
    baseline = Baseline(payments, int(b["troops"]), b["label"], b["source"])
    rate = Rate(r["currency"], Decimal(r["units"]), Decimal(r["usd"]), r["label"], r["source"])
    categories = tuple(Category(i["name"], parse_cost(i["cost"]), i["label"], c["source"]) for i in c["items"])
    facts = tuple(Fact(f["figure"], f["value"], f["source"]) for f in data.get("facts", ()))
    return Builtin(baseline, rate, categories, c["label"], c["source"], facts)


@cache
def rate_bounds() -> dict[str, tuple[Decimal, Decimal]]:
    """The lowest and the highest built-in rate of each currency, annual or monthly."""
    from hostcost.data.averages import RateBook

    book = RateBook.of()
    return {c: found for c in book.currencies if (found := book.bounds(c)) is not None}


#: How a sentence names a currency's unit.
_UNIT_WORDS = {"JPY": "yen", "KRW": "won", "USD": "US dollars", "EUR": "euros", "GBP": "pounds"}


@exactly
def check_rate(rate: Rate, text: str) -> Rate:
    """``rate``, or :class:`RateError` when it is more than ten times below the lowest or above
    the highest built-in rate of its currency: most likely a rate typed upside down (``0.0067``
    dollars per yen for 149.25 yen per dollar) or with digits too many. Extreme but plausible
    rates (the yen at 300) pass; a currency with no built-in rates is not checked."""
    bounds = rate_bounds().get(rate.currency)
    if bounds is None:
        return rate
    lo, hi = bounds
    value = rate.per_usd
    if lo.scaleb(-1) <= value <= hi.scaleb(1):  # the common case, quickly (the bounds' few digits: exact)
        return rate
    unit = _UNIT_WORDS.get(rate.currency, rate.currency)
    known = f"the built-in {rate.currency} rates run from {trim_zeros(lo)} to {trim_zeros(hi)}"
    if value < lo.scaleb(-1):
        inverse = 1 / value
        if lo.scaleb(-1) <= inverse <= hi.scaleb(1):
            raise RateError(
                f"{text!r} looks like US dollars per {unit.removesuffix('s')}; hostcost takes {unit} per US "
                f"dollar: {trim_zeros(Decimal(format(inverse, '.5g')))}"
            )
        raise RateError(f"{text!r} is less than a tenth of the lowest {rate.currency} rate hostcost knows; {known}")
    if value > hi.scaleb(1):
        raise RateError(f"{text!r} is more than ten times the highest {rate.currency} rate hostcost knows; {known}")
    return rate


def parse_user_rate(text: str, label: str = "given with --rate") -> Rate:
    """A rate as a user gives it (:func:`~hostcost.core.fx.parse_rate`), checked by :func:`check_rate`."""
    return check_rate(parse_rate(text, label), text)


def rates_in_force(
    builtin: Builtin,
    given: Sequence[Rate],
    period: Period | None = None,
    note: str = "",
    fiscal: bool = True,
    series: Sequence[Series] = (),
) -> Rates:
    """The baseline's implied rate, or the averages over ``period`` (each currency that has one,
    a user's ``series`` before the built-in ones), with the ``given`` rates over them.

    ``note`` says why a period was chosen (a preset's reason) and joins each dated rate's label.
    ``fiscal=False`` says the figures are for calendar years, so a calendar-year average needs no
    caveat. A user's series with no period named is taken only when it holds a single period."""
    from hostcost.data.averages import RateBook

    book = RateBook.of(series)
    if period is None and series:
        period = _single_period(series)
    dated = set(book.currencies)
    if period is None:
        return Rates.of([builtin.rate], given, dated)
    found, gaps = [], []
    for currency in book.currencies:
        try:
            found.append(book.rate(currency, period))
        except RateError as e:
            gaps.append((currency, str(e)))
    found = [
        replace(r, label=f"{r.label}; {note}" if note else r.label, caveat=r.caveat if fiscal else "") for r in found
    ]
    if not found:  # nothing at all for the period: say what is known, for the yen
        raise RateError(dict(gaps)["JPY"] if "JPY" in dict(gaps) else gaps[0][1])
    return Rates.of(found, given, dated, gaps)


def rates_by_year(
    builtin: Builtin, given: Sequence[Rate], start: int, years: int, fiscal: bool, series: Sequence[Series] = ()
) -> tuple[Rates, ...]:
    """The rates of each year of an agreement from ``start``: each fiscal year's mean of its
    monthly averages (``fiscal``), or each calendar year's average. A year past the data takes
    the last full year's rate, marked as assumed; ``given`` rates hold in every year."""
    from hostcost.core import periods
    from hostcost.data.averages import RateBook

    book = RateBook.of(series)
    out = []
    for label in range(start, start + years):
        period = periods.fiscal_year(label) if fiscal else periods.year(label)
        found = []
        for currency in book.currencies:
            try:
                rate = book.rate(currency, period)
            except RateError:
                last = book.last_full_year(currency, fiscal)
                if last is None or last > period:
                    continue
                rate = book.rate(currency, last)
                rate = replace(
                    rate,
                    label=f"{rate.label}, assumed for {period.text} ({last.text} is the last full year known)",
                    assumed=True,
                )
            found.append(replace(rate, caveat=""))  # the years are said: no calendar-year caveat
        out.append(Rates.of(found, given, book.currencies))
    return tuple(out)


def _single_period(series: Sequence[Series]) -> Period:
    """The one period a user's series hold, or :class:`RateError` asking which."""
    from hostcost.core import periods

    keys = {(s.frequency, k) for s in series for k in s.values}
    if len(keys) == 1:
        frequency, key = keys.pop()
        if frequency == "annual":
            return periods.year(key)
        return periods.month(*key) if frequency == "monthly" else periods.day(key)
    first, last = min(s.first_last()[0] for s in series), max(s.first_last()[1] for s in series)
    origins = ", ".join(dict.fromkeys(s.origin for s in series))
    raise RateError(f"--rates {origins} holds rates from {first} to {last}; say which period with --rate-at PERIOD")


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    troops: int
    troops_source: str
    currency: str
    categories: tuple[Category, ...]
    total: Money  # the yearly total the categories add up to, as its source gives it
    total_source: str
    rate_year: int | None = None
    rate_note: str = ""
    fiscal_year: bool = False
    facts: tuple[Fact, ...] = ()
    years: int = 1  # a multi-year agreement: its total over ``years`` is ``agreement_total``
    agreement_total: Money | None = None
    rate_at: str | None = None  # a period other than a calendar year, such as "2026-01..2026-06"

    @property
    def period(self) -> Period | None:
        """The period whose average rates the preset runs at."""
        from hostcost.core import periods

        if self.rate_at:
            return periods.parse_period(self.rate_at)
        return periods.year(self.rate_year) if self.rate_year else None

    @property
    def sources(self) -> Sources:
        return (
            (f"{self.name}: troops", self.troops_source),
            (f"{self.name}: total", self.total_source),
            *((f"{self.name}: {c.name}", c.source) for c in self.categories),
            *((f"{self.name}: {f.figure}", f.source) for f in self.facts),
        )


def _preset(name: str, p: dict[str, Any]) -> Preset:
    categories = tuple(Category(c["name"], parse_cost(c["cost"]), c["label"], c["source"]) for c in p["categories"])
    total = parse_cost(p["total"]) if "total" in p else categories[0].cost
    facts = tuple(Fact(f["figure"], f["value"], f["source"]) for f in p.get("facts", ()))
    agreement = parse_cost(p["agreement_total"]) if "agreement_total" in p else None
    if agreement:
        facts = (
            Fact(f"total over the agreement's {p['years']} years", p["agreement_total"], p["agreement_source"]),
            *facts,
        )
    return Preset(
        name,
        p["title"],
        int(p["troops"]),
        p["troops_source"],
        p["currency"],
        categories,
        total,
        p.get("total_source", categories[0].source),
        p.get("rate_year"),
        p.get("rate_note", ""),
        p.get("fiscal_year", False),
        facts,
        int(p.get("years", 1)),
        agreement,
        p.get("rate_at"),
    )


@cache
def load_presets() -> dict[str, Preset]:
    """Every preset, by name, in the order of the file (read once; not to be changed)."""
    return {name: _preset(name, p) for name, p in _toml("presets.toml").items()}


def load_preset(name: str) -> Preset:
    """One preset; :class:`InputError` naming the known ones when there is none by that name."""
    presets = load_presets()
    if name not in presets:
        raise InputError(f"no preset named {name!r}; the presets are {', '.join(presets)}")
    return presets[name]


@cache
def named_figures() -> dict[str, tuple[Money, str]]:
    """Built-in figures by the names a claim may use: ``baseline`` (the $1.9B), each preset's
    ``total`` and its categories (``fy2020.wages``, ``demand-2019.host_support``), with sources."""
    builtin = load_builtin()
    b = builtin.baseline
    out = {"baseline": (b.payments[0], b.source)}
    for p in load_presets().values():
        out[f"{p.name}.total"] = (p.total, p.total_source)
        for c in p.categories:
            out[f"{p.name}.{c.name.replace(' ', '_')}"] = (c.cost, c.source)
    return out
