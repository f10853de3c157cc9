"""Scenario inputs -> results: who pays what, in every currency in play. Pure functions.

Figures are worked out exactly, then rounded once per currency (money.round_split), so that in
every currency: host + US == total, and the categories add up to the scenario's total, host and
US parts exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from hostcost.errors import InputError
from hostcost.fx import REFERENCE, Converter, Rates
from hostcost.money import CONTEXT, Money, round_money, round_split

#: The host shares ``hostcost scenario`` shows when none is given.
DEFAULT_SHARES = (Decimal(1), Decimal("0.75"), Decimal("0.5"))
#: How many decimal places the ratio against the baseline keeps.
RATIO_PLACES = 10


@dataclass(frozen=True, slots=True)
class Category:
    """A named cost, such as the base workers' wages, in any currency."""

    name: str
    cost: Money
    label: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
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
            c: round_money(quoted[c] if c in quoted else converter.convert(self.payments[0], c), c) for c in currencies
        }


@dataclass(frozen=True, slots=True)
class Inputs:
    """One scenario: troops, costs, and the host's share of them (a fraction from 0 to 1)."""

    name: str
    troops: int
    categories: tuple[Category, ...]
    host_share: Decimal = Decimal(1)
    shares: tuple[tuple[str, Decimal], ...] = ()  # per-category host shares, overriding host_share

    def share_of(self, category: str) -> Decimal:
        return dict(self.shares).get(category, self.host_share)


Amounts = Mapping[str, Decimal]  # currency code -> amount, rounded to the currency's minor unit


@dataclass(frozen=True, slots=True)
class Split:
    """A total, the part the host pays and the part the US pays, in each currency."""

    total: Amounts
    host: Amounts
    us: Amounts


@dataclass(frozen=True, slots=True)
class CategoryResult:
    name: str
    label: str
    host_share: Decimal
    split: Split


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    name: str
    troops: int
    host_share: Decimal
    split: Split
    per_troop: Split | None  # None with no troops
    vs_baseline: Amounts  # host payment minus the baseline, in each currency
    ratio: Decimal  # host payment in dollars / the baseline in dollars
    categories: tuple[CategoryResult, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Scenarios set against a baseline, at the rates in force."""

    rates: Rates
    currencies: tuple[str, ...]
    baseline: Baseline
    baseline_amounts: Amounts
    scenarios: tuple[ScenarioResult, ...]
    sources: tuple[tuple[str, str], ...] = field(default=())  # (figure, source)


def currencies_in_play(rates: Rates, categories: Iterable[Category]) -> tuple[str, ...]:
    """USD and JPY, every currency whose rate was given by name, and every currency a cost is in."""
    named = (c for c in rates.currencies if c in rates.explicit)
    return tuple(dict.fromkeys((REFERENCE, "JPY", *named, *(c.cost.currency for c in categories))))


def check_inputs(inputs: Inputs) -> None:
    """Raise :class:`InputError` for inputs no scenario can be run on."""
    names = [c.name for c in inputs.categories]
    if not names:
        raise InputError("no costs given; give at least one, such as --wages ¥128.7B")
    for name in names:
        if names.count(name) > 1:
            raise InputError(f"category {name!r} is given twice; give each category once")
    for name, share in inputs.shares:
        if name not in names:
            raise InputError(f"--share {name}: there is no category {name!r}; the categories are {', '.join(names)}")
        if not 0 <= share <= 1:
            raise InputError(f"--share {name}: a share must be from 0 to 100 percent")
    if not 0 <= inputs.host_share <= 1:
        raise InputError("a host share must be from 0 to 100 percent")
    if inputs.troops < 0:
        raise InputError(f"troops {inputs.troops} is negative; expected a whole number of 0 or more")


def run_scenario(
    inputs: Inputs, baseline_amounts: Amounts, converter: Converter, currencies: Sequence[str]
) -> ScenarioResult:
    """Work out one scenario in every currency of ``currencies``."""
    check_inputs(inputs)
    shares = [inputs.share_of(c.name) for c in inputs.categories]
    per_currency = {}
    with localcontext(CONTEXT):
        for cur in currencies:
            totals = [converter.convert(c.cost, cur) for c in inputs.categories]
            hosts = [t * s for t, s in zip(totals, shares)]
            per_currency[cur] = (totals, hosts, round_split(totals, hosts, cur))
        host_usd = sum(per_currency[REFERENCE][1], Decimal(0))
        ratio = (host_usd / baseline_amounts[REFERENCE]).quantize(Decimal(1).scaleb(-RATIO_PLACES))

    def split_of(pick) -> Split:
        parts = {cur: pick(r[2]) for cur, r in per_currency.items()}
        return Split(
            {c: p[0] for c, p in parts.items()},
            {c: p[1] for c, p in parts.items()},
            {c: p[2] for c, p in parts.items()},
        )

    overall = split_of(lambda r: (r.total, r.host, r.us))
    categories = tuple(
        CategoryResult(c.name, c.label, share, split_of(lambda r, i=i: r.rows[i]))
        for i, (c, share) in enumerate(zip(inputs.categories, shares))
    )
    per_troop = None
    if inputs.troops:
        with localcontext(CONTEXT):
            rounded = {
                cur: round_split([sum(t, Decimal(0)) / inputs.troops], [sum(h, Decimal(0)) / inputs.troops], cur)
                for cur, (t, h, _) in per_currency.items()
            }
        per_troop = Split(
            {c: r.total for c, r in rounded.items()},
            {c: r.host for c, r in rounded.items()},
            {c: r.us for c, r in rounded.items()},
        )
    vs = {cur: overall.host[cur] - baseline_amounts[cur] for cur in currencies}
    return ScenarioResult(inputs.name, inputs.troops, inputs.host_share, overall, per_troop, vs, ratio, categories)


def run_report(
    scenarios: Sequence[Inputs],
    baseline: Baseline,
    rates: Rates,
    sources: Callable[[tuple[str, ...]], Sequence[tuple[str, str]]] = lambda currencies: (),
) -> Report:
    """Run every scenario against ``baseline`` at ``rates``; ``sources(currencies in play)`` lists
    the ``(figure, source)`` of the figures used."""
    currencies = currencies_in_play(rates, (c for s in scenarios for c in s.categories))
    converter = rates.converter()
    baseline_amounts = baseline.amounts(converter, currencies)
    results = tuple(run_scenario(s, baseline_amounts, converter, currencies) for s in scenarios)
    return Report(rates, currencies, baseline, baseline_amounts, results, tuple(sources(currencies)))


def merge_categories(base: Sequence[Category], given: Sequence[Category]) -> tuple[Category, ...]:
    """``base`` with each ``given`` category replacing the one of its name, or added after them."""
    replaced = {c.name: c for c in given}
    merged = [replaced.pop(c.name, c) for c in base]
    return (*merged, *(c for c in given if c.name in replaced))


def share_scenarios(
    name: str,
    troops: int,
    categories: Sequence[Category],
    host_shares: Sequence[Decimal],
    shares: Mapping[str, Decimal],
) -> list[Inputs]:
    """One scenario per overall host share, each with the same troops, costs and per-category shares."""
    return [
        Inputs(name.format(share=_percent(s)), troops, tuple(categories), s, tuple(shares.items())) for s in host_shares
    ]


def _percent(fraction: Decimal) -> str:
    text = format(fraction * 100, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
