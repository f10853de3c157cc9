"""The built-in data: baseline, default rate and categories (``data/baseline.toml``), annual
average rates (``data/rates.toml``) and presets (``data/presets.toml``). Every figure has a source."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Any

from hostcost.amounts import parse_cost, trim_zeros
from hostcost.errors import InputError, RateError
from hostcost.fx import Rate, Rates, RateTable, parse_rate
from hostcost.money import Money
from hostcost.scenario import Baseline, Category

Sources = tuple[tuple[str, str], ...]  # (figure, source)


def _toml(name: str) -> dict[str, Any]:
    with files("hostcost").joinpath("data", name).open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Builtin:
    baseline: Baseline
    rate: Rate
    categories: tuple[Category, ...]
    categories_label: str
    categories_source: str

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
    return Builtin(baseline, rate, categories, c["label"], c["source"])


@cache
def load_rate_table() -> RateTable:
    """The annual average rates, by year."""
    data = _toml("rates.toml")
    years = {
        int(year): tuple(
            Rate(
                cur,
                Decimal(units),
                Decimal(1),
                f"the {year} {data['kind']}",
                data["source"],
                data["caveat"] if cur == "JPY" else "",
            )
            for cur, units in row.items()
        )
        for year, row in data["years"].items()
    }
    return RateTable(years, data["source"], data["kind"])


def rate_year(text: str) -> int:
    """A year given as text that has built-in rates; :class:`RateError` names the known years."""
    from hostcost.fx import parse_year

    year = parse_year(text)
    load_rate_table().for_year(year)
    return year


@cache
def rate_bounds() -> dict[str, tuple[Rate, Rate]]:
    """The lowest and the highest built-in rate of each currency (with their labels)."""
    bounds: dict[str, tuple[Rate, Rate]] = {}
    table = load_rate_table()
    for year in sorted(table.years):
        for r in table.years[year]:
            lo, hi = bounds.get(r.currency, (r, r))
            bounds[r.currency] = (min(lo, r, key=lambda x: x.per_usd), max(hi, r, key=lambda x: x.per_usd))
    return bounds


#: How a sentence names a currency's unit.
_UNIT_WORDS = {"JPY": "yen", "KRW": "won", "USD": "US dollars", "EUR": "euros", "GBP": "pounds"}


def check_rate(rate: Rate, text: str) -> Rate:
    """``rate``, or :class:`RateError` when it is more than ten times below the lowest or above
    the highest built-in rate of its currency: most likely a rate typed upside down (``0.0067``
    dollars per yen for 149.25 yen per dollar) or with digits too many. Extreme but plausible
    rates (the yen at 300) pass; a currency with no built-in rates is not checked."""
    bounds = rate_bounds().get(rate.currency)
    if bounds is None:
        return rate
    lo, hi = bounds
    value, unit = rate.per_usd, _UNIT_WORDS.get(rate.currency, rate.currency)
    known = f"the built-in {rate.currency} rates run from {trim_zeros(lo.per_usd)} to {trim_zeros(hi.per_usd)}"
    if value * 10 < lo.per_usd:
        inverse = 1 / value
        if lo.per_usd <= inverse * 10 and inverse <= hi.per_usd * 10:
            raise RateError(
                f"{text!r} looks like US dollars per {unit.removesuffix('s')}; hostcost takes {unit} per US "
                f"dollar: {trim_zeros(Decimal(format(inverse, '.5g')))}"
            )
        raise RateError(f"{text!r} is less than a tenth of the lowest {rate.currency} rate hostcost knows; {known}")
    if value > hi.per_usd * 10:
        raise RateError(f"{text!r} is more than ten times the highest {rate.currency} rate hostcost knows; {known}")
    return rate


def parse_user_rate(text: str, label: str = "given with --rate") -> Rate:
    """A rate as a user gives it (:func:`~hostcost.fx.parse_rate`), checked by :func:`check_rate`."""
    return check_rate(parse_rate(text, label), text)


def rates_in_force(
    builtin: Builtin, given: Sequence[Rate], year: int | None = None, note: str = "", fiscal: bool = True
) -> Rates:
    """The baseline's implied rate, or ``year``'s averages, with the ``given`` rates over them.

    ``note`` says why a year was chosen (a preset's reason) and joins each dated rate's label.
    ``fiscal=False`` says the figures are for calendar years, so the averages need no caveat."""
    table = load_rate_table()
    yearly = {r.currency for rates in table.years.values() for r in rates}
    if year is None:
        return Rates.of([builtin.rate], given, yearly)
    dated = table.for_year(year)
    dated = tuple(
        replace(r, label=f"{r.label}; {note}" if note else r.label, caveat=r.caveat if fiscal else "") for r in dated
    )
    return Rates.of(dated, given, yearly)


@dataclass(frozen=True)
class Fact:
    """A sourced figure that a preset carries but does not compute with."""

    figure: str
    value: str
    source: str


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
    )


def load_presets() -> dict[str, Preset]:
    """Every preset, by name, in the order of the file."""
    return {name: _preset(name, p) for name, p in _toml("presets.toml").items()}


def load_preset(name: str) -> Preset:
    """One preset; :class:`InputError` naming the known ones when there is none by that name."""
    presets = load_presets()
    if name not in presets:
        raise InputError(f"no preset named {name!r}; the presets are {', '.join(presets)}")
    return presets[name]
