"""Scenario files: a scenario's inputs as TOML, read with tomllib and written with tomli-w.

Anything the command line can say, a file can say (README, "Scenario files"). A :class:`Spec`
holds the inputs as given, from a file or from options; :func:`resolve` fills in what was not
given (a preset's figures, the built-in costs) and yields the scenarios to run and the rates.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from hostcost.amounts import currency_code, hundredth, parse_cost, parse_count, parse_number, parse_percent
from hostcost.builtin import Builtin, Preset, load_preset, rates_in_force
from hostcost.builtin import rate_year as checked_year
from hostcost.errors import HostcostError, InputError
from hostcost.fx import Rate, Rates, parse_rate
from hostcost.scenario import (
    DEFAULT_SHARES,
    MAX_CATEGORIES,
    MAX_SCENARIOS,
    Agreement,
    Category,
    Inputs,
    merge_categories,
)

Pairs = tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True)
class Spec:
    """A scenario's inputs as given. None or empty means "not given": the default applies."""

    name: str = ""
    preset: str | None = None
    troops: int | None = None
    costs: tuple[Category, ...] = ()
    host_shares: tuple[Decimal, ...] = ()
    shares: Pairs = ()
    variable: Pairs = ()
    troops_change: int | None = None
    markup: Decimal | None = None
    years: int | None = None
    escalate: Decimal | None = None
    cap: Decimal | None = None
    start_year: int | None = None
    rates: tuple[Rate, ...] = ()
    rate_year: int | None = None

    def over(self, base: Spec) -> Spec:
        """This spec laid over ``base``: what this one gives wins; costs, per-category shares and
        rates are merged by name."""
        merged = {f.name: getattr(self, f.name) or getattr(base, f.name) for f in fields(self)}
        for f in ("troops", "troops_change", "markup", "years", "escalate", "cap", "start_year", "rate_year"):
            merged[f] = getattr(self, f) if getattr(self, f) is not None else getattr(base, f)
        merged["costs"] = merge_categories(base.costs, self.costs)
        merged["shares"] = tuple({**dict(base.shares), **dict(self.shares)}.items())
        merged["variable"] = tuple({**dict(base.variable), **dict(self.variable)}.items())
        merged["rates"] = tuple({r.currency: r for r in (*base.rates, *self.rates)}.values())
        return Spec(**merged)


@dataclass(frozen=True)
class Resolved:
    """A spec with every default filled in: the scenarios to run, at these rates."""

    spec: Spec  # complete: costs, troops, shares … as they will run
    scenarios: tuple[Inputs, ...]
    rates: Rates
    preset: Preset | None
    cost_note: str
    sources: Callable[[tuple[str, ...]], Sequence[tuple[str, str]]] = field(default=lambda c: ())


def resolve(spec: Spec, builtin: Builtin) -> Resolved:
    """Fill in the defaults: a preset's costs, troops and rate year, else the built-in ones."""
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
    if spec.rate_year is not None:
        rates = rates_in_force(builtin, spec.rates, spec.rate_year)
    elif preset and preset.rate_year:
        rates = rates_in_force(builtin, spec.rates, preset.rate_year, preset.rate_note, preset.fiscal_year)
    else:
        rates = rates_in_force(builtin, spec.rates)
    full = replace(
        spec,
        costs=tuple(costs),
        troops=spec.troops if spec.troops is not None else troops,
        host_shares=spec.host_shares or DEFAULT_SHARES,
        rate_year=spec.rate_year if spec.rate_year is not None else (preset.rate_year if preset else None),
    )
    agreement = Agreement(
        1 if full.years is None else full.years, full.escalate or Decimal(0), full.cap, full.start_year
    )
    note += _agreement_note(agreement)
    prefix = f"{spec.name}: " if spec.name else ""
    scenarios = tuple(
        Inputs(
            f"{prefix}host pays {percent_text(share)}%",
            full.troops,
            full.costs,
            share,
            full.shares,
            full.troops_change or 0,
            full.variable,
            full.markup or Decimal(0),
            agreement,
        )
        for share in full.host_shares
    )
    categories = full.costs
    return Resolved(full, scenarios, rates, preset, note, lambda cur: builtin.sources_for(rates, categories, cur))


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


def percent_text(fraction: Decimal) -> str:
    """0.75 -> "75"; 0.615 -> "61.5"."""
    text = format(fraction * 100, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# -- reading -----------------------------------------------------------------------------------

KEYS = {
    "name": 'a name for the scenarios, such as "Guam relocation"',
    "preset": 'a preset\'s name, such as "fy2020" (hostcost presets)',
    "troops": "a whole number of troops, such as 54000",
    "troops_change": "a whole number, such as -9000",
    "host_shares": "a list of percents, such as [100, 75]",
    "host_share": "a percent, such as 75",
    "markup": "a percent, such as 50",
    "years": "a whole number of years, such as 5",
    "escalate": "a percent a year, such as 2",
    "cap": "a percent a year, such as 5",
    "start_year": "a fiscal year, such as 2022",
    "rate": "yen per dollar (150), or a table of currencies, such as { JPY = 150, KRW = 1300 }",
    "rate_year": "a year with built-in rates, such as 2020",
    "currency": 'the currency of amounts written without one, such as "USD"',
    "costs": 'a table of categories and amounts, such as { wages = "¥128.7B" }',
    "shares": "a table of categories and percents, such as { utilities = 61 }",
    "variable": "a table of categories and percents, such as { wages = 50 }",
    "labels": 'a table of categories and longer names, such as { wages = "Base workers\' wages" }',
}


def _text(value: Any) -> str:
    """A TOML value as the text the command line would take (numbers exactly as written)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise InputError(f"expected text or a number, not {type(value).__name__}")
    return value if isinstance(value, str) else str(value) if isinstance(value, int) else format(value, "f")


def load_spec(text: str, where: str) -> Spec:
    """Read a scenario file. Errors name ``where``, the key, and what was expected."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{where}: not a valid TOML file: {e}") from None
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(KEYS)}")
    if "host_share" in data and "host_shares" in data:
        raise InputError(f"{where}: give host_share or host_shares, not both")

    def field_of(key: str, parse: Callable[[Any], Any]) -> Any:
        if key not in data:
            return None
        try:
            return parse(data[key])
        except HostcostError as e:
            hint = "" if "expected" in str(e) else f"; expected {KEYS[key]}"
            raise InputError(f"{where}: {key}: {e}{hint}") from None

    def table(key: str) -> Mapping[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise InputError(f"{where}: {key}: expected {KEYS[key]}")
        return value

    def percents(key: str) -> Pairs:
        out = []
        for name, value in table(key).items():
            try:
                out.append((name, parse_percent(_text(value))))
            except HostcostError as e:
                raise InputError(f"{where}: {key}.{name}: {e}") from None
        return tuple(out)

    currency = field_of("currency", lambda v: currency_code(_text(v))) or "USD"
    labels = table("labels")
    for name in labels:
        if name not in table("costs"):
            raise InputError(f"{where}: labels.{name}: there is no cost named {name!r} in [costs]")
    if len(table("costs")) > MAX_CATEGORIES:
        raise InputError(
            f"{where}: costs: {len(table('costs')):,} categories; a scenario has at most {MAX_CATEGORIES:,}"
        )
    costs = []
    for name, value in table("costs").items():
        try:
            costs.append(
                Category(name, parse_cost(_text(value), currency), str(labels.get(name, "")), f"{where}: costs.{name}")
            )
        except HostcostError as e:
            raise InputError(f"{where}: costs.{name}: {e}") from None
    shares = field_of("host_shares", lambda v: tuple(parse_percent(_text(x)) for x in _list(v, MAX_SCENARIOS)))
    share = field_of("host_share", lambda v: (parse_percent(_text(v)),))
    return Spec(
        name=field_of("name", _text) or "",
        preset=field_of("preset", _text),
        troops=field_of("troops", lambda v: parse_count(_text(v))),
        costs=tuple(costs),
        host_shares=shares or share or (),
        shares=percents("shares"),
        variable=percents("variable"),
        troops_change=field_of("troops_change", lambda v: _signed_count(_text(v))),
        markup=field_of("markup", lambda v: parse_rise(_text(v))),
        years=field_of("years", lambda v: parse_count(_text(v))),
        escalate=field_of("escalate", lambda v: parse_rise(_text(v))),
        cap=field_of("cap", lambda v: parse_rise(_text(v))),
        start_year=field_of("start_year", lambda v: parse_count(_text(v))),
        rates=field_of("rate", lambda v: _rates(v, where)) or (),
        rate_year=field_of("rate_year", lambda v: checked_year(_text(v))),
    )


def _list(value: Any, most: int) -> list:
    if not isinstance(value, list):
        raise InputError("not a list")
    if len(value) > most:
        raise InputError(f"{len(value):,} values; at most {most:,}")
    return value


def _rates(value: Any, where: str) -> tuple[Rate, ...]:
    label = f"given in {where}"
    if isinstance(value, dict):
        return tuple(parse_rate(f"{cur}={_text(v)}", label) for cur, v in value.items())
    return (parse_rate(_text(value), label),)


def _signed_count(text: str) -> int:
    """A whole number that may be negative: ``-9000``, ``+3,000``."""
    body = text.strip()
    sign = -1 if body.startswith(("-", "−")) else 1
    return sign * parse_count(body.lstrip("+-−"))


def parse_rise(text: str) -> Decimal:
    """A percent of 0 or more, with no upper bound (a markup, an escalation), as a fraction."""
    body = text.strip().removesuffix("%")
    return hundredth(parse_number(body, "expected a percent of 0 or more, such as 50"))


# -- writing -----------------------------------------------------------------------------------


def dump_spec(spec: Spec) -> str:
    """A resolved spec as a scenario file that reproduces its results exactly."""
    import tomli_w

    def money(category: Category) -> str:
        return f"{format(category.cost.amount, 'f')} {category.cost.currency}"

    def percent(fraction: Decimal) -> Decimal | int:
        value = (fraction * 100).normalize()
        return int(value) if value == value.to_integral_value() else value

    data: dict[str, Any] = {}
    if spec.name:
        data["name"] = spec.name
    data["troops"] = spec.troops
    data["host_shares"] = [percent(s) for s in spec.host_shares]
    for key in ("troops_change", "years", "start_year", "rate_year"):
        if getattr(spec, key) is not None:
            data[key] = getattr(spec, key)
    for key in ("markup", "escalate", "cap"):
        if getattr(spec, key) is not None:
            data[key] = percent(getattr(spec, key))
    if spec.rates:
        data["rate"] = {
            r.currency: f"{format(r.units, 'f')}/{format(r.usd, 'f')}" if r.usd != 1 else format(r.units, "f")
            for r in spec.rates
        }
    data["costs"] = {c.name: money(c) for c in spec.costs}
    if any(c.label for c in spec.costs):
        data["labels"] = {c.name: c.label for c in spec.costs if c.label}
    if spec.shares:
        data["shares"] = {n: percent(f) for n, f in spec.shares}
    if spec.variable:
        data["variable"] = {n: percent(f) for n, f in spec.variable}
    head = "# A hostcost scenario file: run it with `hostcost scenario FILE`.\n"
    if spec.preset:
        head += f"# Made from the preset {spec.preset}; its costs are written out below.\n"
    return head + tomli_w.dumps(data)
