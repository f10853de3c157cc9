"""A scenario's inputs resolved: every default filled in (a preset's figures, the built-in
costs), the rates of the period in force, each year's rates, and the price factors of --prices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction

from hostcost.core.amounts import percent_text
from hostcost.core.fx import Rates
from hostcost.core.scenario import DEFAULT_SHARES, Agreement, Inputs, PriceNote, Restate, merge_categories
from hostcost.data.builtin import Builtin, Preset, load_preset, rates_by_year, rates_in_force
from hostcost.data.spec import Spec
from hostcost.errors import InputError, RateError


@dataclass(frozen=True)
class Resolved:
    """A spec with every default filled in: the scenarios to run, at these rates."""

    spec: Spec  # complete: costs, troops, shares … as they will run
    scenarios: tuple[Inputs, ...]
    rates: Rates
    preset: Preset | None
    cost_note: str
    sources: Callable[[tuple[str, ...]], Sequence[tuple[str, str]]] = field(default=lambda c: ())
    restated: tuple[PriceNote, ...] = ()  # with --prices: each index used, and its years
    title: str = ""  # what the costs are, for a chart's title: "Japan's FY2020 host-nation-support budget"

    def report(self, builtin: Builtin):
        """The scenarios run against the baseline: a :class:`~hostcost.core.scenario.Report`."""
        from hostcost.core.scenario import run_report

        return run_report(self.scenarios, builtin.baseline, self.rates, self.sources, self.restated)


def resolve(spec: Spec, builtin: Builtin) -> Resolved:
    """Fill in the defaults: a preset's costs, troops and rate year, else the built-in ones; the
    rates of the period in force (with a user's series); each year's rates with --rate-by-year;
    and the price factors of --prices."""
    from hostcost.data.series import load_files

    preset = load_preset(spec.preset) if spec.preset is not None else None
    if spec.years is None and (spec.escalate is not None or spec.cap is not None):
        raise InputError("--escalate and --cap go with --years N: give the number of years")
    if preset:
        costs = merge_categories(preset.categories, spec.costs)
        note = f"Costs: preset {preset.name}, {preset.title}" + (", with costs as given." if spec.costs else ".")
        troops = preset.troops
    elif spec.costs:
        costs, note, troops = spec.costs, "Costs: as given.", builtin.baseline.troops
    else:
        costs, troops = builtin.categories, builtin.baseline.troops
        note = f"Costs: {builtin.categories_label} ({builtin.categories_source})."
    series = load_files(spec.rate_files)
    period = spec.rate_at
    if period is not None or not (preset and preset.period):
        rates = rates_given(spec, builtin, series)
    else:
        period = preset.period
        rates = rates_in_force(builtin, spec.rates, period, preset.rate_note, preset.fiscal_year, series)
    full = replace(
        spec,
        costs=tuple(costs),
        troops=(count := spec.troops if spec.troops is not None else troops),
        host_shares=spec.host_shares or DEFAULT_SHARES,
        rate_at=period,
    )
    years = 1 if full.years is None else full.years
    year_rates: tuple[Rates, ...] = ()
    if spec.rate_by_year:
        if spec.years is None or spec.start_year is None:
            raise InputError("--rate-by-year goes with --years N and --start-year FY: give both")
        fiscal = preset.fiscal_year if preset else True
        year_rates = rates_by_year(builtin, spec.rates, spec.start_year, years, fiscal, series)
        rates = year_rates[0]
    agreement = Agreement(years, full.escalate or Decimal(0), full.cap, full.start_year, year_rates)
    note += _agreement_note(agreement)
    restate: Restate | None = None
    restated: tuple[PriceNote, ...] = ()
    if spec.prices is not None:
        own = spec.price_year or (period.year if period else None) or (None if preset or spec.costs else 2020)
        restate, restated = _restate(spec, own, agreement)
    prefix = f"{spec.name}: " if spec.name else ""
    scenarios = tuple(
        Inputs(
            f"{prefix}host pays {percent_text(share)}%",
            count,
            full.costs,
            share,
            full.shares,
            full.troops_change or 0,
            full.variable,
            full.markup or Decimal(0),
            agreement,
            restate,
        )
        for share in full.host_shares
    )
    categories = full.costs

    def sources(cur: tuple[str, ...]) -> Sequence[tuple[str, str]]:
        used = builtin.sources_for(rates, categories, cur)
        return (*used, *((f"prices: {n.currency}", n.source) for n in restated))

    title = spec.name or (preset.title if preset else "Costs as given" if spec.costs else builtin.categories_label)
    return Resolved(full, scenarios, rates, preset, note, sources, restated, title)


def rates_given(spec: Spec, builtin: Builtin, series: Sequence | None = None) -> Rates:
    """The rates ``spec`` puts in force: its --rate over its --rate-at period's averages (with
    its --rates files), over the baseline's own; an error about the period names where it was
    given (``--rate-at``, ``f.toml: rate_at``)."""
    from hostcost.data.series import load_files

    try:
        found = load_files(spec.rate_files) if series is None else series
        return rates_in_force(builtin, spec.rates, spec.rate_at, series=found)
    except RateError as e:
        raise RateError(f"{spec.rate_at_where}: {e}" if spec.rate_at_where else str(e)) from None


def restatement(spec: Spec) -> tuple[dict[str, Fraction], tuple[PriceNote, ...]]:
    """For a figure of one year (convert, check): the factor of each currency with an index that
    restates it in ``spec.prices``' prices, from --price-year or the rate's period."""
    own = spec.price_year or (spec.rate_at.year if spec.rate_at else None)
    restate, notes = _restate(spec, own, Agreement())
    return restate.of(0), notes


def _restate(spec: Spec, own: int | None, agreement: Agreement) -> tuple[Restate, tuple[PriceNote, ...]]:
    """The factors that restate each year's figures in ``spec.prices``' prices: from ``own`` (the
    figures' year), or from each year of an agreement that names its years."""
    from hostcost.core.amounts import currency_code
    from hostcost.data.averages import index_of
    from hostcost.data.series import load_files

    if agreement.start_year is not None:
        bases = [agreement.label(k) for k in range(agreement.years)]
    elif own is not None:
        bases = [own]
    else:
        raise InputError(
            f"--prices {spec.prices}: in which year's prices are the figures? Give --price-year YEAR, or --rate-at"
        )
    index_series = []
    for cur, f in spec.index_files:
        index_series += load_files([f._replace(currency=currency_code(cur))], "index")
    currencies = dict.fromkeys(("USD", *(s.currency for s in index_series)))
    prices = spec.prices
    if prices is None:
        raise InputError("--prices: give the year to restate in")
    notes: list[PriceNote] = []
    factors: list[dict[str, Fraction]] = [{} for _ in bases]
    for cur in currencies:
        index = index_of(cur, index_series)
        if index is None:  # pragma: no cover - every currency here has a file, or is USD
            raise InputError(f"--index {cur}: no price index")
        to = index.annual(prices)
        froms = []
        for k, year in enumerate(bases):
            value = index.annual_or_last(year)
            froms.append(value)
            factors[k][cur] = Fraction(to.value) / Fraction(value.value)
        notes.append(PriceNote(cur, index.name, to.source, to, tuple(froms)))
    return Restate(prices, tuple(tuple(f.items()) for f in factors)), tuple(notes)


def _agreement_note(a: Agreement) -> str:
    if a.years == 1 and a.start_year is None:
        return ""
    first = f" from FY{a.start_year}" if a.start_year is not None else ""
    rise = f", rising {percent_text(a.rise)}% a year, compounded" if a.rise else ", the same each year"
    capped = (
        f" (an escalation of {percent_text(a.escalate)}% capped at {percent_text(a.cap)}%)"
        if a.cap is not None and a.escalate > a.cap
        else ""
    )
    return f" Over {a.years} years{first}{rise}{capped}."
