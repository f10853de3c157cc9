"""Scenario inputs -> results: who pays what, in every currency in play. Pure functions.

Figures are worked out exactly, then rounded once per currency (money.round_split), so that in
every currency: host + US == total, and the categories add up to the scenario's total, host and
US parts exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from hostcost.core.fx import REFERENCE, Converter, Rates
from hostcost.core.money import Money, SplitRounding, exactly, round_money, round_parts, round_places, round_split
from hostcost.errors import InputError

#: The host shares ``hostcost scenario`` shows when none is given.
DEFAULT_SHARES = (Decimal(1), Decimal("0.75"), Decimal("0.5"))
#: How many decimal places the ratio against the baseline keeps.
RATIO_PLACES = 10


@dataclass(frozen=True)
class Category:
    """A named cost, such as the base workers' wages, in any currency."""

    name: str
    cost: Money
    label: str = ""
    source: str = ""


@dataclass(frozen=True)
class Baseline:
    """The reference payment every scenario is set against, as quoted in each of its currencies."""

    payments: tuple[Money, ...]  # USD first: the ratio against the baseline is taken in dollars
    troops: int
    label: str
    source: str

    @property
    def usd(self) -> Decimal:
        return self.quoted(REFERENCE)

    def quoted(self, currency: str) -> Decimal:
        for m in self.payments:
            if m.currency == currency:
                return m.amount
        raise KeyError(currency)

    def amounts(self, converter: Converter, currencies: Iterable[str]) -> dict[str, Decimal]:
        """The baseline in each currency: as quoted where it was quoted, else converted from dollars."""
        quoted = {m.currency: m.amount for m in self.payments}
        return {
            c: round_money(quoted[c] if c in quoted else converter.exact(self.payments[0], c), c) for c in currencies
        }


#: How much of each standard category moves with the number of troops (the rest is fixed, per
#: base). Assumptions, not findings: reasoned from RAND RR-150 (2013), which finds base-support
#: fixed costs abroad run 2 to 2.5 times their US equivalents, so costs tied to bases stay when
#: troops leave. Facilities are fixed; training relocation moves with the units trained; base
#: workers' wages, welfare and utilities are taken as half and half.
DEFAULT_VARIABLE = {
    "wages": Decimal("0.5"),
    "welfare": Decimal("0.5"),
    "utilities": Decimal("0.5"),
    "drills": Decimal(1),
    "facilities": Decimal(0),
}
#: The variable share of any other category.
OTHER_VARIABLE = Decimal("0.5")


@dataclass(frozen=True)
class Agreement:
    """A multi-year agreement: ``years`` years, costs rising by ``escalate`` a year (compounded),
    each year's rise at most ``cap``; years labelled from ``start_year`` (fiscal years).
    ``year_rates``: each year's own rates (``--rate-by-year``), else every year is at the
    scenario's."""

    years: int = 1
    escalate: Decimal = Decimal(0)
    cap: Decimal | None = None
    start_year: int | None = None
    year_rates: tuple[Rates, ...] = ()

    @property
    def rise(self) -> Decimal:
        """The rise applied each year: the escalation, bounded by the cap."""
        return min(self.escalate, self.cap) if self.cap is not None else self.escalate

    def label(self, k: int) -> int:
        """Year ``k`` (0 for the first) as shown: its fiscal year, or 1, 2, 3 …"""
        return self.start_year + k if self.start_year is not None else k + 1


class IndexPoint(Protocol):
    """A price index in one year (the data layer's ``IndexValue``)."""

    @property
    def year(self) -> int: ...

    @property
    def value(self) -> Decimal: ...

    @property
    def note(self) -> str: ...


@dataclass(frozen=True)
class PriceNote:
    """What a restatement rests on, for one currency: the index, its value in the target year
    (``to``), and in each year the figures are in (``froms``; an ``IndexValue`` each)."""

    currency: str
    index: str
    source: str
    to: IndexPoint
    froms: tuple[IndexPoint, ...]


@dataclass(frozen=True)
class Restate:
    """Figures restated in ``prices``' prices (``--prices``): for each year of the scenario (one,
    or each of an agreement's), the factor of each currency with a price index, the index in
    ``prices`` over the index in the figures' own year."""

    prices: int
    factors: tuple[tuple[tuple[str, Fraction], ...], ...]

    def of(self, k: int) -> dict[str, Fraction]:
        """The factors of year ``k`` (0: the first)."""
        return dict(self.factors[min(k, len(self.factors) - 1)])


@dataclass(frozen=True)
class Inputs:
    """One scenario: troops, costs, and the host's share of them (fractions from 0 to 1).

    ``troops_change`` moves the troop count; each category then scales as its fixed part plus its
    variable part × new troops ÷ old troops. ``markup`` is cost-plus: the host pays its share of
    cost × (1 + markup). ``agreement`` spreads the scenario over several years."""

    name: str
    troops: int
    categories: tuple[Category, ...]
    host_share: Decimal = Decimal(1)
    shares: tuple[tuple[str, Decimal], ...] = ()  # per-category host shares, overriding host_share
    troops_change: int = 0
    variable: tuple[tuple[str, Decimal], ...] = ()  # per-category variable shares, overriding the defaults
    markup: Decimal = Decimal(0)
    agreement: Agreement = Agreement()
    restate: Restate | None = None

    def share_of(self, category: str) -> Decimal:
        return dict(self.shares).get(category, self.host_share)

    def variable_of(self, category: str) -> Decimal:
        return dict(self.variable).get(category, DEFAULT_VARIABLE.get(category, OTHER_VARIABLE))

    @property
    def new_troops(self) -> int:
        return self.troops + self.troops_change


Amounts = Mapping[str, Decimal]  # currency code -> amount, rounded to the currency's minor unit


@dataclass(frozen=True)
class Split:
    """A total, the part the host pays and the part the US pays, in each currency."""

    total: Amounts
    host: Amounts
    us: Amounts


@dataclass(frozen=True)
class CategoryResult:
    name: str
    label: str
    host_share: Decimal
    split: Split
    before: Amounts | None = None  # the cost before a troop change scaled it
    variable: Decimal | None = None  # the share that moved with the troops, when they changed


@dataclass(frozen=True)
class YearResult:
    """One year of a multi-year agreement, with the figures a single year has."""

    year: int
    split: Split
    per_troop: Split | None = None
    vs_baseline: Amounts | None = None
    ratio: Decimal | None = None
    rates: Rates | None = None  # the year's own rates, with --rate-by-year
    real: Split | None = None  # restated in other years' prices (--prices)


@dataclass(frozen=True)
class ScenarioResult:
    name: str
    troops: int
    host_share: Decimal
    split: Split  # a year's figures (the first year's, under a multi-year agreement)
    per_troop: Split | None  # None with no troops
    vs_baseline: Amounts  # host payment minus the baseline, in each currency
    ratio: Decimal  # host payment in dollars / the baseline in dollars
    categories: tuple[CategoryResult, ...]
    troops_before: int | None = None  # the troop count before --troops-change
    markup: Decimal = Decimal(0)
    years: tuple[YearResult, ...] = ()  # one a year, under a multi-year agreement
    over_years: Split | None = None  # the agreement's total
    real: Split | None = None  # restated in another year's prices (--prices)
    real_over_years: Split | None = None


@dataclass(frozen=True)
class Report:
    """Scenarios set against a baseline, at the rates in force."""

    rates: Rates
    currencies: tuple[str, ...]
    baseline: Baseline
    baseline_amounts: Amounts
    scenarios: tuple[ScenarioResult, ...]
    sources: tuple[tuple[str, str], ...] = field(default=())  # (figure, source)
    restated: tuple[PriceNote, ...] = ()  # with --prices: the index of each currency restated


def currencies_in_play(rates: Rates, categories: Iterable[Category]) -> tuple[str, ...]:
    """USD and JPY, every currency whose rate was given by name, and every currency a cost is in."""
    named = (c for c in rates.currencies if c in rates.explicit)
    return tuple(dict.fromkeys((REFERENCE, "JPY", *named, *(c.cost.currency for c in categories))))


def check_inputs(inputs: Inputs) -> None:
    """Raise :class:`InputError` for inputs no scenario can be run on."""
    names = [c.name for c in inputs.categories]
    if not names:
        raise InputError("no costs given; give at least one, such as --wages ¥128.7B")
    if len(names) > MAX_CATEGORIES:
        raise InputError(f"{len(names):,} cost categories; a scenario has at most {MAX_CATEGORIES:,}")
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise InputError(f"category {name!r} is given twice; give each category once")
        seen.add(name)
    for what, pairs in (("host share", inputs.shares), ("variable share", inputs.variable)):
        for name, fraction in pairs:
            if name not in names:
                raise InputError(
                    f"{what} of {name!r}: there is no category {name!r}; the categories are {', '.join(names)}"
                )
            if not 0 <= fraction <= 1:
                raise InputError(f"{what} of {name!r}: expected a percent from 0 to 100")
    if not 0 <= inputs.host_share <= 1:
        raise InputError("a host share must be from 0 to 100 percent")
    if inputs.troops < 0:
        raise InputError(f"troops {inputs.troops} is negative; expected a whole number of 0 or more")
    if inputs.troops_change and inputs.troops == 0:
        raise InputError("--troops-change needs a troop count to change from; give --troops")
    if inputs.new_troops < 0:
        raise InputError(
            f"--troops-change {inputs.troops_change} leaves {inputs.new_troops} troops; "
            f"expected a change of at least -{inputs.troops}"
        )
    if inputs.markup < 0:
        raise InputError("--markup must be 0 or more")
    a = inputs.agreement
    if not 1 <= a.years <= MAX_YEARS:
        raise InputError(f"--years {a.years}: expected a whole number of years from 1 to {MAX_YEARS}")
    if a.cap is not None and a.cap < 0:
        raise InputError("--cap must be 0 or more")


#: The most cost categories one scenario may have (a file of thousands is fine; millions are not).
MAX_CATEGORIES = 10_000
#: The most scenarios one command runs (host shares given).
MAX_SCENARIOS = 1_000
#: The longest agreement hostcost lays out year by year.
MAX_YEARS = 100
#: The longest name or label (a scenario's, a category's): every table, chart and export lays it
#: out, and a label of millions of characters took gigabytes to draw.
MAX_LABEL = 2_000
#: The most figures one command works out: scenarios × categories × years (× a sweep's steps),
#: so that limits holding alone cannot multiply. As JSON, 50,000 take about 8 s and 230 MB
#: (SECURITY.md); 2,000,000 took 404 s and 6.4 GB, from a 60 KB file.
MAX_WORK = 50_000


def check_work(scenarios: Sequence[Inputs], steps: int = 1) -> None:
    """:class:`InputError`, before any work, when ``scenarios`` (each run ``steps`` times) would
    work out more than :data:`MAX_WORK` figures; the message gives the product and the limit."""
    if len(scenarios) > MAX_SCENARIOS:
        raise InputError(f"{len(scenarios):,} scenarios; hostcost runs at most {MAX_SCENARIOS:,} at once")
    work = steps * sum(max(len(s.categories), 1) * s.agreement.years for s in scenarios)
    if work > MAX_WORK:
        categories = max(len(s.categories) for s in scenarios)
        years = max(s.agreement.years for s in scenarios)
        count = len(scenarios)
        product = f"{count:,} scenario{'s' * (count != 1)} × up to {categories:,} categories"
        product += f" × up to {years:,} year{'s' * (years != 1)}"
        product += f" × {steps:,} steps" if steps > 1 else ""
        raise InputError(
            f"{product} is {work:,} figures; hostcost works out at most {MAX_WORK:,} at once: "
            "run fewer scenarios, steps or categories at a time"
        )


def exact_costs(inputs: Inputs, converter: Converter, currency: str) -> tuple[list[Fraction], list[Fraction]]:
    """Each category's exact cost in ``currency`` for one year (after any troop change), and the
    host's exact part of it (its share, times 1 + markup). Unrounded: exact fractions."""
    totals = []
    for c in inputs.categories:
        cost = converter.exact(c.cost, currency)
        if inputs.troops_change:
            v = Fraction(inputs.variable_of(c.name))
            cost *= 1 - v + v * Fraction(inputs.new_troops) / Fraction(inputs.troops)
        totals.append(cost)
    uplift = 1 + Fraction(inputs.markup)
    shares = dict(inputs.shares)
    return totals, [
        t * Fraction(shares.get(c.name, inputs.host_share)) * uplift for t, c in zip(totals, inputs.categories)
    ]


def _splits(rounded: Mapping[str, SplitRounding], pick) -> Split:
    parts = {cur: pick(r) for cur, r in rounded.items()}
    return Split(
        {c: p[0] for c, p in parts.items()}, {c: p[1] for c, p in parts.items()}, {c: p[2] for c, p in parts.items()}
    )


def _year(
    exact: Mapping[str, tuple[list[Fraction], list[Fraction]]],
    baseline_amounts: Amounts,
    troops: int,
    factors: Mapping[str, Fraction] | None = None,
):
    """One year's figures from its exact costs and host parts in each currency: the rounding, the
    split, per troop (None with no troops), against the baseline, the ratio to it in dollars, and
    the split restated by ``factors`` (each currency with one; None without)."""
    rounded = {cur: round_split(t, h, cur) for cur, (t, h) in exact.items()}
    host_usd = sum(exact[REFERENCE][1], Fraction(0))
    ratio = round_places(host_usd / Fraction(baseline_amounts[REFERENCE]), RATIO_PLACES)
    overall = _splits(rounded, lambda r: (r.total, r.host, r.us))
    per_troop = None
    if troops:
        per = {
            cur: round_split([sum(t) / Fraction(troops)], [sum(h) / Fraction(troops)], cur)
            for cur, (t, h) in exact.items()
        }
        per_troop = _splits(per, lambda r: (r.total, r.host, r.us))
    vs = {cur: overall.host[cur] - baseline_amounts[cur] for cur in exact}
    real = None
    if factors:
        restated = {
            cur: round_split([sum(exact[cur][0]) * f], [sum(exact[cur][1]) * f], cur)
            for cur, f in factors.items()
            if cur in exact
        }
        real = _splits(restated, lambda r: (r.total, r.host, r.us))
    return rounded, overall, per_troop, vs, ratio, real


def _totals(inputs: Inputs, baseline_amounts: Amounts, converter: Converter, currencies: Sequence[str], baseline=None):
    """The scenario's figures without its categories, and the rounding they came from."""
    check_inputs(inputs)
    a = inputs.agreement
    if a.year_rates:  # the first year is at its own rates
        converter = a.year_rates[0].converter()
    exact = {cur: exact_costs(inputs, converter, cur) for cur in currencies}
    troops = inputs.new_troops
    factors = inputs.restate.of(0) if inputs.restate else None
    rounded, overall, per_troop, vs, ratio, real = _year(exact, baseline_amounts, troops, factors)
    years, over_years, real_over = _years(inputs, exact, baseline_amounts, troops, currencies, baseline)
    result = ScenarioResult(
        inputs.name,
        troops,
        inputs.host_share,
        overall,
        per_troop,
        vs,
        ratio,
        (),
        inputs.troops if inputs.troops_change else None,
        inputs.markup,
        years,
        over_years,
        real,
        real_over,
    )
    return result, rounded


@exactly
def run_totals(
    inputs: Inputs, baseline_amounts: Amounts, converter: Converter, currencies: Sequence[str]
) -> ScenarioResult:
    """One scenario's totals, host and US parts, per troop and against the baseline, without the
    per-category breakdown (``categories`` is empty): the same figures as :func:`run_scenario`."""
    return _totals(inputs, baseline_amounts, converter, currencies)[0]


@exactly
def run_scenario(
    inputs: Inputs,
    baseline_amounts: Amounts,
    converter: Converter,
    currencies: Sequence[str],
    baseline: Baseline | None = None,
) -> ScenarioResult:
    """Work out one scenario in every currency of ``currencies``, category by category.
    ``baseline``: the baseline itself, for the years of an agreement at their own rates."""
    result, rounded = _totals(inputs, baseline_amounts, converter, currencies, baseline)
    before = None
    if inputs.troops_change:
        before = {
            cur: round_parts([converter.exact(c.cost, cur) for c in inputs.categories], cur)[1] for cur in currencies
        }
    categories = tuple(
        CategoryResult(
            c.name,
            c.label,
            inputs.share_of(c.name),
            _splits(rounded, lambda r, i=i: r.rows[i]),
            {cur: b[i] for cur, b in before.items()} if before else None,
            inputs.variable_of(c.name) if before else None,
        )
        for i, c in enumerate(inputs.categories)
    )
    return replace(result, categories=categories)


def _years(inputs: Inputs, exact, baseline_amounts: Amounts, troops: int, currencies: Sequence[str], baseline=None):
    """Each year of a multi-year agreement, rounded as a single year is (so the first year is the
    scenario's own figures), at its own rates with --rate-by-year, and the agreement's totals: the
    sum of the years as shown (nominal, and restated)."""
    agreement = inputs.agreement
    if agreement.years == 1 and agreement.start_year is None:
        return (), None, None
    years = []
    for k in range(agreement.years):
        growth = (1 + Fraction(agreement.rise)) ** k
        rates = agreement.year_rates[k] if agreement.year_rates else None
        if rates is not None:
            converter = rates.converter()
            base = {cur: exact_costs(inputs, converter, cur) for cur in currencies}
            amounts = baseline.amounts(converter, currencies) if baseline else baseline_amounts
        else:
            base, amounts = exact, baseline_amounts
        scaled = {cur: ([t * growth for t in ts], [h * growth for h in hs]) for cur, (ts, hs) in base.items()}
        factors = inputs.restate.of(k) if inputs.restate else None
        _, split, per_troop, vs, ratio, real = _year(scaled, amounts, troops, factors)
        years.append(YearResult(agreement.label(k), split, per_troop, vs, ratio, rates, real))

    def total(pick) -> Split | None:
        splits = [pick(y) for y in years]
        if any(x is None for x in splits):
            return None
        return Split(
            *(
                {cur: sum(getattr(x, part)[cur] for x in splits) for cur in getattr(splits[0], part)}
                for part in ("total", "host", "us")
            )
        )

    return tuple(years), total(lambda y: y.split), total(lambda y: y.real)


@exactly
def run_report(
    scenarios: Sequence[Inputs],
    baseline: Baseline,
    rates: Rates,
    sources: Callable[[tuple[str, ...]], Sequence[tuple[str, str]]] = lambda currencies: (),
    restated: Sequence[PriceNote] = (),
) -> Report:
    """Run every scenario against ``baseline`` at ``rates``; ``sources(currencies in play)`` lists
    the ``(figure, source)`` of the figures used; ``restated``: what --prices restated by."""
    check_work(scenarios)
    currencies = currencies_in_play(rates, (c for s in scenarios for c in s.categories))
    converter = rates.converter()
    baseline_amounts = baseline.amounts(converter, currencies)
    results = tuple(run_scenario(s, baseline_amounts, converter, currencies, baseline) for s in scenarios)
    return Report(rates, currencies, baseline, baseline_amounts, results, tuple(sources(currencies)), tuple(restated))


def merge_categories(base: Sequence[Category], given: Sequence[Category]) -> tuple[Category, ...]:
    """``base`` with each ``given`` category replacing the one of its name, or added after them."""
    replaced = {c.name: c for c in given}
    merged = [replaced.pop(c.name, c) for c in base]
    return (*merged, *(c for c in given if c.name in replaced))
