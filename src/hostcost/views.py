"""Each command's result as a :class:`~hostcost.render.View`: machine rows, JSON and display tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from hostcost.amounts import format_compact, format_money, format_number
from hostcost.builtin import Builtin, Preset
from hostcost.fx import REFERENCE, Rate, Rates
from hostcost.money import CONTEXT, Money
from hostcost.render import Column, DisplayTable, View
from hostcost.scenario import Amounts, Report, ScenarioResult, Split

ROUNDING_NOTE = "Figures are rounded half to even, once, to the currency's minor unit (cents, whole yen)."


def trim(d: Decimal) -> Decimal:
    """A Decimal without trailing zeros or an exponent: 0.7500 -> 0.75, 1E+2 -> 100."""
    with localcontext(CONTEXT):  # as many digits as any figure hostcost takes: none rounded away
        d = d.normalize()
        return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


def rate_json(rates: Rates, currencies: Sequence[str] | None = None) -> dict[str, Decimal]:
    """``{"JPY_per_USD": 105.263157894737}``: each rate to 12 decimal places."""
    with localcontext(CONTEXT):  # a rate may have 18 digits before the point, and 12 after
        return {
            f"{r.currency}_per_USD": trim(r.per_usd.quantize(Decimal("1e-12")))
            for r in rates.rates
            if currencies is None or r.currency in currencies
        }


def describe_rate(rate: Rate) -> str:
    text = f"{format_number(rate.per_usd, 6)} {rate.currency} per USD, {rate.label}"
    return text + (f" ({rate.source})" if rate.source else "")


def rates_caption(rates: Rates, currencies: Sequence[str] | None = None) -> str:
    """``Rate: 105.263158 JPY per USD, the baseline's implied rate (source).``, and any caveat.

    Rates that share a label and a source (one year's averages) are named together."""
    used = [r for r in rates.rates if currencies is None or r.currency in currencies]
    if not used:
        return "No exchange rate was needed."
    groups: dict[tuple[str, str], list[Rate]] = {}
    for r in used:
        groups.setdefault((r.label, r.source), []).append(r)
    parts = []
    for (label, source), group in groups.items():
        figures = " and ".join(f"{format_number(r.per_usd, 6)} {r.currency}" for r in group)
        parts.append(f"{figures} per USD, {label}" + (f" ({source})" if source else ""))
    caveats = dict.fromkeys(r.caveat for r in used if r.caveat)
    text = ("Rates: " if len(used) > 1 else "Rate: ") + "; ".join(parts) + "."
    return text + "".join(f" Note: {c}" for c in caveats)


def _money_lines(amounts: Amounts, currencies: Sequence[str], sign: bool = False) -> tuple[str, ...]:
    def one(cur: str) -> str:
        text = format_money(amounts[cur], cur)
        return "+" + text if sign and amounts[cur] > 0 else text

    return tuple(one(c) for c in currencies)


def _percent(fraction: Decimal, places: int = 2) -> str:
    return format_number(fraction * 100, places) + "%"


def _money_json(amounts: Amounts) -> dict[str, Decimal]:
    return dict(amounts)


def _split_json(split: Split) -> dict:
    return {"total": _money_json(split.total), "host": _money_json(split.host), "us": _money_json(split.us)}


def sources_json(sources: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"figure": f, "source": s} for f, s in sources]


# -- scenario ---------------------------------------------------------------------------------


def preset_json(p: Preset) -> dict:
    return {
        "name": p.name,
        "title": p.title,
        "troops": p.troops,
        "troops_source": p.troops_source,
        "currency": p.currency,
        "rate_year": p.rate_year,
        "rate_note": p.rate_note or None,
        "fiscal_year": p.fiscal_year,
        "total": {"amount": trim(p.total.amount), "currency": p.total.currency, "source": p.total_source},
        "years": p.years,
        "agreement_total": (
            {"amount": trim(p.agreement_total.amount), "currency": p.agreement_total.currency}
            if p.agreement_total
            else None
        ),
        "categories": [
            {
                "name": c.name,
                "label": c.label,
                "cost": {"amount": trim(c.cost.amount), "currency": c.cost.currency},
                "source": c.source,
            }
            for c in p.categories
        ],
        "facts": [{"figure": f.figure, "value": f.value, "source": f.source} for f in p.facts],
    }


def scenario_entry(s: ScenarioResult) -> dict:
    """One scenario as JSON: the keys of an entry of ``scenarios``."""
    return {
        "name": s.name,
        "troops": s.troops,
        "host_share": trim(s.host_share),
        **_split_json(s.split),
        "per_troop": _split_json(s.per_troop) if s.per_troop else None,
        "vs_baseline": {**_money_json(s.vs_baseline), "ratio": trim(s.ratio)},
        "categories": [_category_json(c) for c in s.categories],
        **({"troops_before": s.troops_before} if s.troops_before is not None else {}),
        **({"markup": trim(s.markup)} if s.markup else {}),
        **(
            {
                "years": [{"year": y.year, **_split_json(y.split)} for y in s.years],
                "over_years": _split_json(s.over_years),
            }
            if s.over_years
            else {}
        ),
    }


def scenario_json(report: Report, preset: Preset | None = None) -> dict:
    return {
        "rate": rate_json(report.rates, report.currencies),
        "baseline": {
            **_money_json(report.baseline_amounts),
            "troops": report.baseline.troops,
            "label": report.baseline.label,
            "source": report.baseline.source,
        },
        "scenarios": [scenario_entry(s) for s in report.scenarios],
        "rounding": "half-even, to each currency's minor unit",
        "sources": sources_json(report.sources),
        **({"preset": preset_json(preset)} if preset else {}),
    }


def _category_json(c) -> dict:
    out = {"name": c.name, "label": c.label, "host_share": trim(c.host_share), **_split_json(c.split)}
    if c.before is not None:
        out["before"] = dict(c.before)
        out["variable"] = trim(c.variable)
    return out


_PARTS = ("total", "host", "us")
#: The currencies whose columns every machine row has, in this order. Any other currency in play
#: has its columns after all of these, so a column's place never moves with the inputs
#: (README, "Machine columns").
FIXED_CURRENCIES = (REFERENCE, "JPY")


def extra_currencies(currencies: Sequence[str]) -> list[str]:
    """The currencies in play beyond :data:`FIXED_CURRENCIES`, in order."""
    return [c for c in currencies if c not in FIXED_CURRENCIES]


def _split_columns(currencies: Sequence[str], suffix: str = "") -> list[str]:
    """``total_USD``, ``total_JPY``, ``host_USD`` … (``total_per_troop_USD`` … with a suffix)."""
    return [f"{p}{suffix}_{c}" for p in _PARTS for c in currencies]


def _split_values(split: Split | None, currencies: Sequence[str]) -> list[Decimal | None]:
    return [getattr(split, p)[c] if split else None for p in _PARTS for c in currencies]


@dataclass(frozen=True)
class _Line:
    """The figures of one machine row of ``scenario``: a scenario's, or one year's of it."""

    s: ScenarioResult
    split: Split
    per_troop: Split | None
    vs: Amounts
    ratio: Decimal
    year: int | None = None


Columns = list[tuple[str, Callable[[Any], Any]]]


def _split_getter(part: str, currency: str, per_troop: bool = False) -> tuple[str, Callable[[_Line], Any]]:
    if per_troop:
        return f"{part}_per_troop_{currency}", lambda x: getattr(x.per_troop, part)[currency] if x.per_troop else None
    return f"{part}_{currency}", lambda x: getattr(x.split, part)[currency]


def scenario_columns(currencies: Sequence[str], rates: Mapping[str, Decimal]) -> Columns:
    """The machine columns of ``scenario`` (and of ``batch``, ``sweep`` and ``solve`` after their
    own), each with how to get it from a :class:`_Line`: the same set and order whatever the
    inputs, then each currency beyond USD and JPY, a group of columns each."""
    fixed = FIXED_CURRENCIES
    columns: Columns = [
        ("name", lambda x: x.s.name),
        ("troops", lambda x: x.s.troops),
        ("host_share", lambda x: trim(x.s.host_share)),
        *(_split_getter(p, c) for p in _PARTS for c in fixed),
        *(_split_getter(p, c, True) for p in _PARTS for c in fixed),
        *((f"vs_baseline_{c}", lambda x, c=c: x.vs[c]) for c in fixed),
        ("vs_baseline_ratio", lambda x: trim(x.ratio)),
        ("JPY_per_USD", lambda x: rates.get("JPY_per_USD")),
        ("markup", lambda x: trim(x.s.markup)),
        ("year", lambda x: x.year),
    ]
    for c in extra_currencies(currencies):
        columns += [
            *(_split_getter(p, c) for p in _PARTS),
            *(_split_getter(p, c, True) for p in _PARTS),
            (f"vs_baseline_{c}", lambda x, c=c: x.vs[c]),
            (f"{c}_per_USD", lambda x, c=c: rates.get(f"{c}_per_USD")),
        ]
    return columns


def _lines(report: Report) -> list[_Line]:
    """One line a scenario, or one a scenario and year under a multi-year agreement."""
    out = []
    for s in report.scenarios:
        if s.years:
            out += [_Line(s, y.split, y.per_troop, y.vs_baseline, y.ratio, y.year) for y in s.years]
        else:
            out.append(_Line(s, s.split, s.per_troop, s.vs_baseline, s.ratio))
    return out


def scenario_header(report: Report) -> list[str]:
    return [name for name, _ in scenario_columns(report.currencies, {})]


def scenario_rows(report: Report) -> list[list]:
    columns = scenario_columns(report.currencies, rate_json(report.rates, report.currencies))
    return [[get(x) for _, get in columns] for x in _lines(report)]


def breakdown_columns(currencies: Sequence[str], rates: Mapping[str, Decimal]) -> Columns:
    """One row a scenario and category: the split, and with a troop change the share of the cost
    that moved (``variable``) and the cost before it (``before_USD`` …), empty without one."""
    fixed = FIXED_CURRENCIES

    def before(c: str):
        return f"before_{c}", lambda x: x[1].before[c] if x[1].before else None

    columns: Columns = [
        ("scenario", lambda x: x[0].name),
        ("category", lambda x: x[1].name),
        ("host_share", lambda x: trim(x[1].host_share)),
        *((f"{p}_{c}", lambda x, p=p, c=c: getattr(x[1].split, p)[c]) for p in _PARTS for c in fixed),
        ("JPY_per_USD", lambda x: rates.get("JPY_per_USD")),
        ("variable", lambda x: trim(x[1].variable) if x[1].variable is not None else None),
        *(before(c) for c in fixed),
    ]
    for c in extra_currencies(currencies):
        columns += [
            *((f"{p}_{c}", lambda x, p=p, c=c: getattr(x[1].split, p)[c]) for p in _PARTS),
            before(c),
            (f"{c}_per_USD", lambda x, c=c: rates.get(f"{c}_per_USD")),
        ]
    return columns


def breakdown_header(report: Report) -> list[str]:
    return [name for name, _ in breakdown_columns(report.currencies, {})]


def breakdown_rows(report: Report) -> list[list]:
    columns = breakdown_columns(report.currencies, rate_json(report.rates, report.currencies))
    return [[get((s, c)) for _, get in columns] for s in report.scenarios for c in s.categories]


def scenario_caption(report: Report, cost_note: str) -> str:
    b = report.baseline
    troops = {(s.troops_before, s.troops) for s in report.scenarios}
    troop_text = ", ".join(f"{old:,} → {new:,}" if old is not None else f"{new:,}" for old, new in sorted(troops))
    markups = {s.markup for s in report.scenarios if s.markup}
    if markups:
        cost_note += (
            " Cost plus "
            + ", ".join(_percent(m) for m in sorted(markups))
            + (
                ": the host pays its share of cost × (1 + markup), so US pays is negative where the host pays more "
                "than the cost."
            )
        )
    return "\n".join(
        [
            f"Baseline: {format_compact(b.usd, REFERENCE)} ({format_compact(b.quoted('JPY'), 'JPY')}) a year for "
            f"{b.troops:,} troops: {b.label} ({b.source}).",
            f"{cost_note} Troops: {troop_text}.",
            rates_caption(report.rates, report.currencies),
            f"{ROUNDING_NOTE} Host vs baseline: the host payment minus the baseline; "
            "the percent is taken in US dollars.",
        ]
    )


def scenario_tables(report: Report, cost_note: str, breakdown: bool) -> list[DisplayTable]:
    cur = report.currencies
    rows = []
    for s in report.scenarios:
        pt = s.per_troop
        per_troop = _money_lines(pt.host, cur) if pt else ("n/a (no troops)",)
        vs = (*_money_lines(s.vs_baseline, cur, sign=True), f"{_percent(s.ratio, 3)} of baseline")
        rows.append(
            (
                (s.name,),
                _money_lines(s.split.total, cur),
                _money_lines(s.split.host, cur),
                _money_lines(s.split.us, cur),
                per_troop,
                vs,
            )
        )
    summary = DisplayTable(
        "Who pays what",
        (
            Column("Scenario", wrap=True),
            Column("Total cost", True),
            Column("Host pays", True),
            Column("US pays", True),
            Column("Host pays per troop", True),
            Column("Host vs baseline", True),
        ),
        tuple(rows),
        scenario_caption(report, cost_note),
    )
    years = [_years_table(s, cur) for s in report.scenarios if s.years]
    if breakdown or len(report.scenarios) == 1:
        return [summary, *years, *(_breakdown_table(s, cur) for s in report.scenarios)]
    return [summary, *years, _costs_table(report)]


def _years_table(s: ScenarioResult, cur: Sequence[str]) -> DisplayTable:
    rows = [((str(y.year),), *(_money_lines(getattr(y.split, p), cur) for p in _PARTS)) for y in s.years]
    rows.append((("Total",), *(_money_lines(getattr(s.over_years, p), cur) for p in _PARTS)))
    return DisplayTable(
        f"{s.name}: year by year",
        (Column("Year"), Column("Total cost", True), Column("Host pays", True), Column("US pays", True)),
        tuple(rows),
        footer_rows=1,
    )


def _category_name(name: str, label: str) -> tuple[str, ...]:
    from hostcost.i18n import category_label

    label = category_label(name, label)
    return (name,) if not label or label == name else (name, label)


def _moved(s: ScenarioResult, c, cur: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The cells that show what a troop change moved: the cost before, and the variable share."""
    if s.troops_before is None:
        return ()
    return (_money_lines(c.before, cur), (_percent(c.variable),))


def _moved_columns(s: ScenarioResult) -> tuple[Column, ...]:
    if s.troops_before is None:
        return ()
    return (Column(f"Cost at {s.troops_before:,} troops", True), Column("Moves with troops", True))


def _breakdown_table(s: ScenarioResult, cur: Sequence[str]) -> DisplayTable:
    rows = [
        (
            _category_name(c.name, c.label),
            (_percent(c.host_share),),
            *_moved(s, c, cur),
            *(_money_lines(getattr(c.split, p), cur) for p in _PARTS),
        )
        for c in s.categories
    ]
    before_total = (
        ()
        if s.troops_before is None
        else (_money_lines({k: sum(c.before[k] for c in s.categories) for k in cur}, cur), ("",))
    )
    rows.append((("Total",), ("",), *before_total, *(_money_lines(getattr(s.split, p), cur) for p in _PARTS)))
    cost = "Cost" if s.troops_before is None else f"Cost at {s.troops:,} troops"
    return DisplayTable(
        f"{s.name}: by category",
        (
            Column("Category", wrap=True),
            Column("Host share", True),
            *_moved_columns(s),
            Column(cost, True),
            Column("Host pays", True),
            Column("US pays", True),
        ),
        tuple(rows),
        footer_rows=1,
    )


def _costs_table(report: Report) -> DisplayTable:
    cur = report.currencies
    first = report.scenarios[0]
    overrides = {c.name for c in first.categories if c.host_share != first.host_share}
    total = first.split.total
    rows = []
    for c in first.categories:
        share_of_total = c.split.total[REFERENCE] / total[REFERENCE] if total[REFERENCE] else Decimal(0)
        host = (
            (f"{_percent(c.host_share)} in every scenario" if c.name in overrides else "as the scenario's",)
            if overrides
            else ()
        )
        rows.append(
            (
                _category_name(c.name, c.label),
                _money_lines(c.split.total, cur),
                (_percent(share_of_total),),
                *((host,) if overrides else ()),
            )
        )
    rows.append((("Total",), _money_lines(total, cur), ("100%",), *((("",),) if overrides else ())))
    columns = (
        Column("Category", wrap=True),
        Column("Cost", True),
        Column("Share of cost", True),
        *((Column("Host share", wrap=True),) if overrides else ()),
    )
    return DisplayTable(
        "Costs by category (--breakdown shows each scenario's split)", columns, tuple(rows), footer_rows=1
    )


def scenario_view(report: Report, cost_note: str, breakdown: bool, preset: Preset | None = None) -> View:
    """Machine rows: one a scenario; one a scenario and category with ``breakdown``; one a scenario
    and year under a multi-year agreement."""
    header, rows = (breakdown_header, breakdown_rows) if breakdown else (scenario_header, scenario_rows)
    return View(
        lambda: header(report),
        lambda: rows(report),
        lambda: scenario_json(report, preset),
        lambda: scenario_tables(report, cost_note, breakdown),
    )


# -- convert ----------------------------------------------------------------------------------


def convert_view(source: Money, target: Money, rates: Rates) -> View:
    used = [c for c in (source.currency, target.currency) if c != REFERENCE]

    def document() -> dict:
        return {
            "from": {"amount": trim(source.amount), "currency": source.currency},
            "to": {"amount": target.amount, "currency": target.currency},
            "rate": rate_json(rates, used),
            "rounding": "half-even, to the target currency's minor unit",
            "sources": sources_json(
                [(f"{r.currency} rate", r.source or r.label) for r in rates.rates if r.currency in used]
            ),
        }

    def tables() -> list[DisplayTable]:
        row = ((format_money(source.amount, source.currency),), (format_money(target.amount, target.currency),))
        return [
            DisplayTable(
                "Conversion",
                (Column("From", True), Column("To", True)),
                (row,),
                f"{rates_caption(rates, used)} {ROUNDING_NOTE}",
            )
        ]

    return View(
        lambda: ["from_amount", "from_currency", "to_amount", "to_currency", *rate_json(rates, used)],
        lambda: [
            [trim(source.amount), source.currency, target.amount, target.currency, *rate_json(rates, used).values()]
        ],
        document,
        tables,
    )


# -- baseline ---------------------------------------------------------------------------------


def baseline_view(builtin: Builtin, report: Report) -> View:
    """The baseline and the default categories; ``report`` runs them at a 100% host share."""
    b, cur = builtin.baseline, report.currencies
    categories = report.scenarios[0].categories
    total = report.scenarios[0].split.total

    def document() -> dict:
        return {
            "rate": rate_json(report.rates, report.currencies),
            "baseline": {**report.baseline_amounts, "troops": b.troops, "label": b.label, "source": b.source},
            "categories": [
                {"name": c.name, "label": c.label, "cost": dict(c.split.total), "source": builtin.categories_source}
                for c in categories
            ],
            "categories_total": dict(total),
            "sources": sources_json(report.sources),
        }

    def rows() -> list[list]:
        def amounts(values: Amounts) -> list:
            return [values[c] for c in FIXED_CURRENCIES], [values[c] for c in extra_currencies(cur)]

        out = []
        for kind, name, label, troops, values, source in (
            ("baseline", "host payment", b.label, b.troops, report.baseline_amounts, b.source),
            *(("category", c.name, c.label, None, c.split.total, builtin.categories_source) for c in categories),
        ):
            fixed, extra = amounts(values)
            out.append([kind, name, label, troops, *fixed, source, *extra])
        return out

    def tables() -> list[DisplayTable]:
        head = DisplayTable(
            "Baseline",
            (Column("Figure", wrap=True), Column("Amount", True), Column("Troops", True), Column("Source", wrap=True)),
            (((b.label,), _money_lines(report.baseline_amounts, cur), (f"{b.troops:,}",), (b.source,)),),
            "The reference line every scenario is set against. " + rates_caption(report.rates, report.currencies),
        )
        cats = DisplayTable(
            f"Default cost categories: {builtin.categories_label}",
            (Column("Category", wrap=True), Column("Cost", True)),
            (
                *((_category_name(c.name, c.label), _money_lines(c.split.total, cur)) for c in categories),
                (("Total",), _money_lines(total, cur)),
            ),
            f"Source: {builtin.categories_source}. Costs are budgeted in yen; other currencies at the rate above. "
            + ROUNDING_NOTE,
            footer_rows=1,
        )
        return [head, cats]

    return View(
        lambda: [
            "kind",
            "name",
            "label",
            "troops",
            *(f"amount_{c}" for c in FIXED_CURRENCIES),
            "source",
            *(f"amount_{c}" for c in extra_currencies(cur)),
        ],
        rows,
        document,
        tables,
    )
