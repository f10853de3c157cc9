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

from hostcost.builtin import Builtin, Preset, load_preset, rates_in_force
from hostcost.errors import HostcostError, InputError
from hostcost.fx import Rate, Rates
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
    currency: str | None = None  # the currency of amounts written without one (None: refused)

    def over(self, base: Spec) -> Spec:
        """This spec laid over ``base``: what this one gives wins; costs, per-category shares and
        rates are merged by name."""
        merged = {f.name: getattr(self, f.name) or getattr(base, f.name) for f in fields(self)}
        singles = (
            "troops",
            "troops_change",
            "markup",
            "years",
            "escalate",
            "cap",
            "start_year",
            "rate_year",
            "currency",
        )
        for f in singles:
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


# -- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    """One input as given, before it is read: the input's name in the table
    (:data:`hostcost.inputs.INPUTS`), its text, the category (or currency) it is for, where it
    was given (for errors: ``--troops``, ``guam.toml: costs.wages``, ``column troops``) and what a
    figure made from it is sourced to."""

    name: str
    text: str
    where: str
    key: str | None = None
    source: str = "given"


def _fail(where: str, e: HostcostError) -> HostcostError:
    return type(e)(f"{where}: {e}")


def build_spec(given: Sequence[Given], labels: Mapping[str, str] | None = None) -> Spec:
    """The :class:`Spec` that ``given`` says, each value read by its input's parser.

    Options, scenario files and batch rows all come through here, so one input has one grammar
    and one set of checks wherever it is given. An input given twice is refused, as is one
    category's share (or one currency's rate) given twice. ``labels``: the labels of the
    standard categories, for costs given without one."""
    from hostcost.inputs import BY_NAME, Context

    by: dict[str, list[Given]] = {}
    for g in given:
        by.setdefault(g.name, []).append(g)
    for name, gs in by.items():
        inp = BY_NAME[name]
        if inp.per_category:
            seen: dict[str, Given] = {}
            for g in gs:
                if g.key in seen:
                    first = seen[g.key]
                    raise InputError(f"{g.where}: given twice ({first.text!r} and {g.text!r}); give it once")
                seen[g.key] = g
        elif not inp.repeatable and len(gs) > 1:
            raise InputError(f"{gs[1].where}: given twice ({gs[0].text!r} and {gs[1].text!r}); give it once")

    def read(g: Given, currency: str | None = None):
        try:
            return BY_NAME[g.name].parse(g.text, Context(currency, g.source))
        except HostcostError as e:
            raise _fail(g.where, e) from None

    def one(name: str):
        gs = by.get(name)
        return read(gs[0]) if gs else None

    currency = one("currency")
    given_labels = {g.key: read(g) for g in by.get("label", ())}
    cost_names = {g.key for g in by.get("cost", ())}
    for g in by.get("label", ()):
        if g.key not in cost_names:
            raise InputError(f"{g.where}: there is no cost named {g.key!r} to label")
    if len(cost_names) > MAX_CATEGORIES:
        raise InputError(f"{len(cost_names):,} cost categories; a scenario has at most {MAX_CATEGORIES:,}")
    standard = labels or {}
    costs = tuple(
        Category(g.key, read(g, currency), given_labels.get(g.key, standard.get(g.key, "")), g.source)
        for g in by.get("cost", ())
    )
    rates = tuple(read(g) for g in by.get("rate", ()))
    seen_rates: dict[str, Given] = {}
    for g, rate in zip(by.get("rate", ()), rates):
        if rate.currency in seen_rates:
            raise InputError(
                f"{g.where}: a second rate for {rate.currency} ({seen_rates[rate.currency].text!r} "
                f"and {g.text!r}); give one"
            )
        seen_rates[rate.currency] = g
    host_shares = tuple(read(g) for g in by.get("host_share", ()))
    if len(host_shares) > MAX_SCENARIOS:
        raise InputError(f"{len(host_shares):,} scenarios; hostcost runs at most {MAX_SCENARIOS:,} at once")
    return Spec(
        name=one("name") or "",
        preset=one("preset"),
        troops=one("troops"),
        costs=costs,
        host_shares=host_shares,
        shares=tuple((g.key, read(g)) for g in by.get("share", ())),
        variable=tuple((g.key, read(g)) for g in by.get("variable", ())),
        troops_change=one("troops_change"),
        markup=one("markup"),
        years=one("years"),
        escalate=one("escalate"),
        cap=one("cap"),
        start_year=one("start_year"),
        rates=rates,
        rate_year=one("rate_year"),
        currency=currency,
    )


def _text(value: Any) -> str:
    """A TOML value as the text the command line would take. A number keeps its digits as written
    (``54.000`` stays ``54.000``, to be refused as a count, not read as 54), and a huge exponent
    stays an exponent (``1e999999999``) rather than being written out."""
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise InputError(f"expected text or a number, not {_toml_type(value)}")
    return value if isinstance(value, str) else str(value)


def _toml_type(value: Any) -> str:
    return {bool: "true or false", dict: "a table", list: "a list"}.get(type(value), type(value).__name__)


def toml_given(data: Mapping[str, Any], where: str) -> list[Given]:
    """The inputs a parsed scenario file gives, keyed as :data:`~hostcost.inputs.INPUTS` declares
    them; :class:`InputError` names the file, the key and what was expected."""
    from difflib import get_close_matches

    from hostcost.inputs import BY_TOML

    out: list[Given] = []
    for key, value in data.items():
        inp = BY_TOML.get(key)
        if inp is None:
            near = get_close_matches(key.lower(), list(BY_TOML), n=1, cutoff=0.75)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise InputError(f"{where}: unknown key {key!r}{hint}; the keys are {', '.join(BY_TOML)}")
        at = f"{where}: {key}"
        source = f"given in {where}"

        def text(v: Any, at: str = at, inp=inp) -> str:
            try:
                return _text(v)
            except InputError as e:
                raise InputError(f"{at}: {e}; expected {inp.help[0].lower()}{inp.help[1:]}") from None

        if inp.per_category:
            if not isinstance(value, dict):
                raise InputError(f"{at}: expected a table, such as [{key}] with {inp.example.replace('=', ' = ', 1)}")
            if len(value) > MAX_CATEGORIES:
                raise InputError(f"{at}: {len(value):,} categories; a scenario has at most {MAX_CATEGORIES:,}")
            out += [
                Given(inp.name, text(v, f"{at}.{k}"), f"{at}.{k}", k, f"{at}.{k}" if inp.name == "cost" else source)
                for k, v in value.items()
            ]
        elif key == inp.toml_list:
            if not isinstance(value, list):
                raise InputError(f"{at}: expected a list, such as [100, 75]")
            if len(value) > MAX_SCENARIOS:
                raise InputError(f"{at}: {len(value):,} values; at most {MAX_SCENARIOS:,}")
            out += [Given(inp.name, text(v), at, source=source) for v in value]
        elif inp.name == "rate" and isinstance(value, dict):
            out += [
                Given(inp.name, f"{cur}={text(v, f'{at}.{cur}')}", f"{at}.{cur}", source=source)
                for cur, v in value.items()
            ]
        else:
            out.append(Given(inp.name, text(value), at, source=source))
    return out


def load_spec(text: str, where: str) -> Spec:
    """Read a scenario file. Errors name ``where``, the key, and what was expected."""
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{where}: not a valid TOML file: {e}") from None
    if "host_share" in data and "host_shares" in data:
        raise InputError(f"{where}: give host_share or host_shares, not both")
    return build_spec(toml_given(data, where), standard_labels())


def standard_labels() -> dict[str, str]:
    """The labels of the standard cost categories (wages: "Labor (base workers' wages)" …)."""
    from hostcost.builtin import load_builtin

    return {c.name: c.label for c in load_builtin().categories}


# -- writing -----------------------------------------------------------------------------------


def dump_spec(spec: Spec) -> str:
    """A resolved spec as a scenario file that reproduces its results exactly."""
    import tomli_w

    def money(category: Category) -> str:
        return f"{format(category.cost.amount, 'f')} {category.cost.currency}"

    def percent(fraction: Decimal) -> Decimal | int | str:
        """A fraction as the percent a file takes back: 75 for 0.75; below 1% (or 1% exactly,
        which a share would refuse as a bare 1) as text with its sign, "0.5%"."""
        value = (fraction * 100).normalize()
        if 0 < value <= 1:
            return f"{format(value, 'f')}%"
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
