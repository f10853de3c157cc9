"""Scenario files: a scenario's inputs as TOML, read with tomllib and written with tomli-w.

Anything the command line can say, a file can say (README, "Scenario files"). A :class:`Spec`
holds the inputs as given, from a file or from options; :func:`resolve` fills in what was not
given (a preset's figures, the built-in costs) and yields the scenarios to run and the rates.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from hostcost.core.amounts import shorten
from hostcost.core.fx import Rate
from hostcost.core.periods import Period
from hostcost.core.readers import SeriesFile
from hostcost.core.scenario import (
    MAX_CATEGORIES,
    MAX_LABEL,
    MAX_SCENARIOS,
    Category,
    merge_categories,
)
from hostcost.errors import HostcostError, InputError

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
    rate_at: Period | None = None  # the period whose averages the rates are (--rate-at, --rate-year)
    rate_at_where: str = ""  # where it was given, for an error about it
    rate_files: tuple[SeriesFile, ...] = ()  # --rates FILE
    rate_by_year: bool | None = None
    prices: int | None = None  # restate in this year's prices
    price_year: int | None = None  # the year the figures' prices are in
    index_files: tuple[tuple[str, SeriesFile], ...] = ()  # (currency, file)
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
            "rate_at",
            "rate_by_year",
            "prices",
            "price_year",
            "currency",
        )
        for f in singles:
            merged[f] = getattr(self, f) if getattr(self, f) is not None else getattr(base, f)
        merged["rate_at_where"] = self.rate_at_where if self.rate_at is not None else base.rate_at_where
        merged["costs"] = merge_categories(base.costs, self.costs)
        merged["shares"] = tuple({**dict(base.shares), **dict(self.shares)}.items())
        merged["variable"] = tuple({**dict(base.variable), **dict(self.variable)}.items())
        merged["rates"] = tuple({r.currency: r for r in (*base.rates, *self.rates)}.values())
        merged["rate_files"] = (*self.rate_files, *base.rate_files)  # what is given last comes first
        merged["index_files"] = tuple({**dict(base.index_files), **dict(self.index_files)}.items())
        return Spec(**merged)


# -- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    """One input as given, before it is read: the input's name in the table
    (:data:`hostcost.core.inputs.INPUTS`), its text, the category (or currency) it is for, where it
    was given (for errors: ``--troops``, ``guam.toml: costs.wages``, ``column troops``) and what a
    figure made from it is sourced to."""

    name: str
    text: str
    where: str
    key: str | None = None
    source: str = "given"
    folder: str = ""  # the folder a file it names is relative to: a scenario file's own

    @property
    def named(self) -> str:
        """The category (or currency) it is for, which a per-category input always names."""
        if self.key is None:
            raise InputError(f"{self.where}: expected NAME=VALUE")
        return self.key


def _fail(where: str, e: HostcostError) -> HostcostError:
    return type(e)(f"{where}: {e}")


def build_spec(given: Sequence[Given], labels: Mapping[str, str] | None = None) -> Spec:
    """The :class:`Spec` that ``given`` says, each value read by its input's parser.

    Options, scenario files and batch rows all come through here, so one input has one grammar
    and one set of checks wherever it is given. An input given twice is refused, as is one
    category's share (or one currency's rate) given twice. ``labels``: the labels of the
    standard categories, for costs given without one."""
    from hostcost.core.inputs import BY_NAME
    from hostcost.core.readers import Context

    by: dict[str, list[Given]] = {}
    for g in given:
        by.setdefault(g.name, []).append(g)
        for label in (g.key or "", g.text if g.name in ("name", "label") else ""):
            if len(label) > MAX_LABEL:
                place = g.where if len(g.where) <= 60 else g.where[:60] + "…"  # it may hold the name itself
                raise InputError(
                    f"{place}: {shorten(label)} is a name or label of {len(label):,} characters; "
                    f"write one of at most {MAX_LABEL:,}"
                )
    for name, gs in by.items():
        inp = BY_NAME[name]
        if inp.per_category:
            seen: dict[str, Given] = {}
            for g in gs:
                if g.named in seen:
                    first = seen[g.named]
                    raise InputError(f"{g.where}: given twice ({first.text!r} and {g.text!r}); give it once")
                seen[g.named] = g
        elif not inp.repeatable and len(gs) > 1:
            raise InputError(f"{gs[1].where}: given twice ({gs[0].text!r} and {gs[1].text!r}); give it once")

    def read(g: Given, currency: str | None = None):
        try:
            return BY_NAME[g.name].parse(g.text, Context(currency, g.source, g.folder))
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
        Category(g.named, read(g, currency), given_labels.get(g.named, standard.get(g.named, "")), g.source)
        for g in by.get("cost", ())
    )
    rates = tuple(_checked_rate(g, read(g)) for g in by.get("rate", ()))
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
        shares=tuple((g.named, read(g)) for g in by.get("share", ())),
        variable=tuple((g.named, read(g)) for g in by.get("variable", ())),
        troops_change=one("troops_change"),
        markup=one("markup"),
        years=one("years"),
        escalate=one("escalate"),
        cap=one("cap"),
        start_year=one("start_year"),
        rates=rates,
        rate_at=_period_given(by),
        rate_at_where=next((g.where for g in (*by.get("rate_at", ()), *by.get("rate_year", ()))), ""),
        rate_files=tuple(read(g)._replace(where=g.where) for g in by.get("rates", ())),
        rate_by_year=one("rate_by_year"),
        prices=one("prices"),
        price_year=one("price_year"),
        index_files=tuple((_currency_key(g), read(g)._replace(where=g.where)) for g in by.get("index", ())),
        currency=currency,
    )


def _checked_rate(g: Given, rate: Rate) -> Rate:
    """``rate`` as given, unless it looks upside down or out by powers of ten
    (:func:`~hostcost.data.builtin.check_rate`)."""
    from hostcost.data.builtin import check_rate

    try:
        return check_rate(rate, g.text)
    except HostcostError as e:
        raise _fail(g.where, e) from None


def _period_given(by: Mapping[str, list[Given]]) -> Period | None:
    """--rate-at, or --rate-year (which says the same), but not both."""
    from hostcost.core.inputs import BY_NAME
    from hostcost.core.readers import Context

    at, year = by.get("rate_at", ()), by.get("rate_year", ())
    if at and year:
        raise InputError(f"{year[0].where}: {at[0].where} says which period already; give one of them")
    for g in (*at, *year):
        try:
            return BY_NAME[g.name].parse(g.text, Context())
        except HostcostError as e:
            raise _fail(g.where, e) from None
    return None


def _currency_key(g: Given) -> str:
    from hostcost.core.amounts import currency_code

    try:
        return currency_code(g.named)
    except HostcostError as e:
        raise _fail(g.where, e) from None


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
    """The inputs a parsed scenario file gives (see :func:`_toml_given`); a file it names is found
    beside it."""
    import os

    folder = "" if where == "<stdin>" else os.path.dirname(where)
    return [replace(g, folder=folder) for g in _toml_given(data, where)]


def _toml_given(data: Mapping[str, Any], where: str) -> list[Given]:
    """The inputs a parsed scenario file gives, keyed as :data:`~hostcost.core.inputs.INPUTS` declares
    them; :class:`InputError` names the file, the key and what was expected."""
    from difflib import get_close_matches

    from hostcost.core.inputs import BY_TOML

    out: list[Given] = []
    for key, value in data.items():
        inp = BY_TOML.get(key)
        if inp is None:
            near = get_close_matches(key.lower(), list(BY_TOML), n=1, cutoff=0.75)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise InputError(f"{where}: unknown key {key!r}{hint}; the keys are {', '.join(BY_TOML)}")
        at = f"{where}: {key}"
        source = f"given in {where}"
        if inp.flag:
            if not isinstance(value, bool):
                raise InputError(f"{at}: expected true or false")
            if value:
                out.append(Given(inp.name, "true", at, source=source))
            continue

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
        elif inp.repeatable and isinstance(value, list):
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


#: The most parts a scenario file's key may have (``rate.KRW`` has two): Python's TOML reader
#: takes time quadratic in them, and a 400 KB key of 200,000 parts took 37 s.
MAX_KEY_PARTS = 20
#: A key (or a table's name) of more parts than that, where keys begin: at a line's start, or
#: after ``[``, ``{`` or ``,``. Possessive, so the scan is linear.
_LONG_KEY = re.compile(
    rf"""(?:^|[\[{{,])[ \t]*+(?:(?:[A-Za-z0-9_-]++|"[^"\n]*+"|'[^'\n]*+')[ \t]*+\.[ \t]*+){{{MAX_KEY_PARTS}}}""",
    re.M,
)


def load_spec(text: str, where: str) -> Spec:
    """Read a scenario file. Errors name ``where``, the key, and what was expected."""
    if _LONG_KEY.search(text):
        raise InputError(
            f"{where}: a key of more than {MAX_KEY_PARTS} parts (a.b.c…); a scenario file's keys have one or two"
        )
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"), parse_float=Decimal)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{where}: not a valid TOML file: {e}") from None
    except ValueError:  # an integer of thousands of digits, which Python will not convert
        raise InputError(f"{where}: a number has more than 4,300 digits; hostcost takes amounts below 10^18") from None
    except RecursionError:
        raise InputError(
            f"{where}: arrays or tables nested too deeply; a scenario file needs none deeper than two"
        ) from None
    if not data:
        raise InputError(
            f"{where}: empty; a scenario file gives at least one input, such as troops = 45000 "
            "(with no file, hostcost scenario runs the baseline)"
        )
    if "host_share" in data and "host_shares" in data:
        raise InputError(f"{where}: give host_share or host_shares, not both")
    return build_spec(toml_given(data, where), standard_labels())


def standard_labels() -> dict[str, str]:
    """The labels of the standard cost categories (wages: "Labor (base workers' wages)" …)."""
    from hostcost.data.builtin import load_builtin

    return {c.name: c.label for c in load_builtin().categories}


# -- writing -----------------------------------------------------------------------------------


def _file_text(f: SeriesFile) -> str:
    """A series file as a scenario file names it: its full path (so that the saved file finds it
    wherever it is), with its currency if one was named."""
    path = os.path.abspath(f.path)
    return f"{f.currency}={path}" if f.currency else path


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
    for key in ("troops_change", "years", "start_year", "prices", "price_year"):
        if getattr(spec, key) is not None:
            data[key] = getattr(spec, key)
    if spec.rate_at is not None:
        data["rate_at"] = spec.rate_at.text
    if spec.rate_by_year:
        data["rate_by_year"] = True
    if spec.rate_files:
        data["rates"] = [_file_text(f) for f in spec.rate_files]
    if spec.index_files:
        data["index"] = {cur: os.path.abspath(f.path) for cur, f in spec.index_files}
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
