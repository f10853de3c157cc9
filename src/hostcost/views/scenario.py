"""Each command's result as a :class:`~hostcost.views.View`: machine rows, JSON and display tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from hostcost.core.fx import (
    FIXED_CURRENCIES,
    REFERENCE,
    Rates,
    rate_assumed,
    rate_json,
    rate_period,
    rate_source,
)
from hostcost.core.money import trim
from hostcost.core.scenario import Amounts, Report, ScenarioResult, Split
from hostcost.data.builtin import Preset
from hostcost.views import Column, DisplayTable, Percent, View
from hostcost.views.captions import scenario_caption
from hostcost.views.common import (
    category_name,
    extra_currencies,
    money_json,
    money_lines,
    percent,
    preset_json,
    rate_document,
    restated_currencies,
    sources_json,
    split_json,
)
from hostcost.views.format import format_number
from hostcost.views.i18n import tr, translate

# -- scenario ---------------------------------------------------------------------------------


def scenario_entry(s: ScenarioResult) -> dict:
    """One scenario as JSON: the keys of an entry of ``scenarios``."""
    return {
        "name": s.name,
        "troops": s.troops,
        "host_share": trim(s.host_share),
        **split_json(s.split),
        "per_troop": split_json(s.per_troop) if s.per_troop else None,
        "vs_baseline": {**money_json(s.vs_baseline), "ratio": trim(s.ratio)},
        "categories": [_category_json(c) for c in s.categories],
        **({"troops_before": s.troops_before} if s.troops_before is not None else {}),
        **({"markup": trim(s.markup)} if s.markup else {}),
        **({"real": split_json(s.real)} if s.real else {}),
        **(
            {
                "years": [_year_json(y) for y in s.years],
                "over_years": split_json(s.over_years),
                **({"real_over_years": split_json(s.real_over_years)} if s.real_over_years else {}),
            }
            if s.over_years
            else {}
        ),
    }


def _year_json(y) -> dict:
    out = {"year": y.year, **split_json(y.split)}
    if y.per_troop is not None:
        out["per_troop"] = split_json(y.per_troop)
    if y.vs_baseline is not None:
        out["vs_baseline"] = {**money_json(y.vs_baseline), "ratio": trim(y.ratio)}
    if y.rates is not None:
        out["rate"] = rate_document(y.rates, list(y.split.total))
    if y.real is not None:
        out["real"] = split_json(y.real)
    return out


def prices_json(report: Report) -> dict | None:
    """What --prices restated by: the year of the prices, and for each currency its index, the
    index in that year and in each year the figures are in (None without --prices)."""
    if not report.restated:
        return None
    return {
        "year": report.restated[0].to.year,
        "indexes": [
            {
                "currency": n.currency,
                "index": n.index,
                "source": n.source,
                "to": {"year": n.to.year, "value": n.to.value, "note": n.to.note or None},
                "from": [{"year": f.year, "value": f.value, "note": f.note or None} for f in n.froms],
            }
            for n in report.restated
        ],
        "nominal": [c for c in report.currencies if c not in restated_currencies(report)],
    }


def scenario_json(report: Report, preset: Preset | None = None) -> dict:
    prices = prices_json(report)
    return {
        **({"prices": prices} if prices else {}),
        "rate": rate_document(report.rates, report.currencies),
        "baseline": {
            **money_json(report.baseline_amounts),
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
    out = {"name": c.name, "label": c.label, "host_share": trim(c.host_share), **split_json(c.split)}
    if c.before is not None:
        out["before"] = dict(c.before)
        out["variable"] = trim(c.variable)
    return out


_PARTS = ("total", "host", "us")
#: The currencies whose columns every machine row has, in this order. Any other currency in play
#: has its columns after all of these, so a column's place never moves with the inputs
#: (README, "Machine columns").


def _split_columns(currencies: Sequence[str], suffix: str = "") -> list[str]:
    """``total_USD``, ``total_JPY``, ``host_USD`` … (``total_per_troop_USD`` … with a suffix)."""
    return [f"{p}{suffix}_{c}" for p in _PARTS for c in currencies]


def _split_values(split: Split | None, currencies: Sequence[str]) -> list[Decimal | None]:
    return [getattr(split, p)[c] if split else None for p in _PARTS for c in currencies]


@dataclass(frozen=True)
class _Line:
    """The figures of one machine row of ``scenario``: a scenario's, or one year's of it, with
    the rates it ran at and its restated figures (``--prices``)."""

    s: ScenarioResult
    split: Split
    per_troop: Split | None
    vs: Amounts | None
    ratio: Decimal | None
    rates: Rates
    year: int | None = None
    real: Split | None = None


Columns = list[tuple[str, Callable[[Any], Any]]]


def _split_getter(part: str, currency: str, per_troop: bool = False) -> tuple[str, Callable[[_Line], Any]]:
    if per_troop:
        return f"{part}_per_troop_{currency}", lambda x: getattr(x.per_troop, part)[currency] if x.per_troop else None
    return f"{part}_{currency}", lambda x: getattr(x.split, part)[currency]


def _vs_getter(currency: str) -> tuple[str, Callable[[_Line], Any]]:
    return f"vs_baseline_{currency}", lambda x: x.vs[currency] if x.vs else None


def _real_getter(part: str, currency: str) -> tuple[str, Callable[[_Line], Any]]:
    return f"real_{part}_{currency}", lambda x: getattr(x.real, part).get(currency) if x.real else None


def scenario_columns(currencies: Sequence[str], restated: Sequence[str] = ()) -> Columns:
    """The machine columns of ``scenario`` (and of ``batch``, ``sweep`` and ``solve`` after their
    own), each with how to get it from a :class:`_Line`: the same set and order whatever the
    inputs, then each currency beyond USD and JPY, a group of columns each, then with --prices the
    restated figures of each currency in ``restated``."""
    fixed = FIXED_CURRENCIES
    per_usd: dict[int, dict] = {}

    def rate(x: _Line, currency: str):
        found = per_usd.get(id(x.rates))
        if found is None:
            found = per_usd[id(x.rates)] = rate_json(x.rates, currencies)
        return found.get(f"{currency}_per_USD")

    columns: Columns = [
        ("name", lambda x: x.s.name),
        ("troops", lambda x: x.s.troops),
        ("host_share", lambda x: trim(x.s.host_share)),
        *(_split_getter(p, c) for p in _PARTS for c in fixed),
        *(_split_getter(p, c, True) for p in _PARTS for c in fixed),
        *(_vs_getter(c) for c in fixed),
        ("vs_baseline_ratio", lambda x: trim(x.ratio)),
        ("JPY_per_USD", lambda x: rate(x, "JPY")),
        ("markup", lambda x: trim(x.s.markup)),
        ("year", lambda x: x.year),
        ("rate_period", lambda x: rate_period(x.rates, currencies)),
        ("rate_assumed", lambda x: rate_assumed(x.rates, currencies)),
        ("rate_source", lambda x: rate_source(x.rates, currencies)),
    ]
    for c in extra_currencies(currencies):
        columns += [
            *(_split_getter(p, c) for p in _PARTS),
            *(_split_getter(p, c, True) for p in _PARTS),
            _vs_getter(c),
            (f"{c}_per_USD", partial(rate, currency=c)),
        ]
    for c in restated:
        columns += [_real_getter(p, c) for p in _PARTS]
    return columns


def scenario_lines(report: Report) -> list[_Line]:
    """One line a scenario, or one a scenario and year under a multi-year agreement."""
    out = []
    for s in report.scenarios:
        if s.years:
            out += [
                _Line(s, y.split, y.per_troop, y.vs_baseline, y.ratio, y.rates or report.rates, y.year, y.real)
                for y in s.years
            ]
        else:
            out.append(_Line(s, s.split, s.per_troop, s.vs_baseline, s.ratio, report.rates, real=s.real))
    return out


def scenario_header(report: Report) -> list[str]:
    return [name for name, _ in scenario_columns(report.currencies, restated_currencies(report))]


def scenario_rows(report: Report) -> list[list]:
    columns = scenario_columns(report.currencies, restated_currencies(report))
    return [[get(x) for _, get in columns] for x in scenario_lines(report)]


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
            (f"{c}_per_USD", partial(_rate_of, rates, f"{c}_per_USD")),
        ]
    return columns


def _rate_of(rates: Mapping[str, Decimal], key: str, line: Any) -> Decimal | None:
    return rates.get(key)


def breakdown_header(report: Report) -> list[str]:
    return [name for name, _ in breakdown_columns(report.currencies, {})]


def breakdown_rows(report: Report) -> list[list]:
    columns = breakdown_columns(report.currencies, rate_json(report.rates, report.currencies))
    return [[get((s, c)) for _, get in columns] for s in report.scenarios for c in s.categories]


def scenario_tables(report: Report, cost_note: str, breakdown: bool, lang: str) -> list[DisplayTable]:
    cur = report.currencies
    rows = []
    for s in report.scenarios:
        pt = s.per_troop
        per_troop = money_lines(pt.host, cur, lang) if pt else (tr("n/a (no troops)", lang),)
        vs = (*money_lines(s.vs_baseline, cur, lang, sign=True), Percent(s.ratio, 3, " of baseline"))
        real = (money_lines(s.real.host, list(s.real.host), lang) if s.real else ("",),) if report.restated else ()
        rows.append(
            (
                (s.name,),
                money_lines(s.split.total, cur, lang),
                money_lines(s.split.host, cur, lang),
                money_lines(s.split.us, cur, lang),
                per_troop,
                vs,
                *real,
            )
        )
    prices = (
        (Column(tr("Host pays, {year} prices", lang, year=report.restated[0].to.year), True),)
        if report.restated
        else ()
    )
    summary = DisplayTable(
        "Who pays what",
        (
            Column("Scenario", wrap=True),
            Column("Total cost", True, optional=True),
            Column("Host pays", True),
            Column("US pays", True),
            Column("Host pays per troop", True, optional=True),
            Column("Host vs baseline", True),
            *prices,
        ),
        tuple(rows),
        scenario_caption(report, cost_note, lang),
    )
    years = [_years_table(s, cur, lang) for s in report.scenarios if s.years]
    if breakdown or len(report.scenarios) == 1:
        return [summary, *years, *(_breakdown_table(s, cur, lang) for s in report.scenarios)]
    return [summary, *years, _costs_table(report, lang)]


def _years_table(s: ScenarioResult, cur: Sequence[str], lang: str) -> DisplayTable:
    """Each year of an agreement: its figures, the rate it ran at (with --rate-by-year), and the
    host's payment restated (with --prices)."""
    by_year = any(y.rates is not None for y in s.years)
    real = s.real_over_years is not None

    def extra(y) -> tuple:
        cells: list[tuple[Any, ...]] = []
        if by_year:
            cells.append(
                tuple(
                    f"{format_number(r.per_usd, 4)} {r.currency}" + (tr(" (assumed)", lang) if r.assumed else "")
                    for r in y.rates.rates
                    if r.currency in cur and r.currency != REFERENCE
                )
            )
        if real:
            cells.append(money_lines(y.real.host, list(y.real.host), lang))
        return tuple(cells)

    rows = [
        ((str(y.year),), *(money_lines(getattr(y.split, p), cur, lang) for p in _PARTS), *extra(y)) for y in s.years
    ]
    total_extra = (
        *((("",),) if by_year else ()),
        *((money_lines(s.real_over_years.host, list(s.real_over_years.host), lang),) if s.real_over_years else ()),
    )
    rows.append((("Total",), *(money_lines(getattr(s.over_years, p), cur, lang) for p in _PARTS), *total_extra))
    columns = [Column("Year"), Column("Total cost", True), Column("Host pays", True), Column("US pays", True)]
    if by_year:
        columns.append(Column("Rate per USD", True))
    if real:
        columns.append(Column("Host pays, real", True))
    return DisplayTable(
        tr("{name}: year by year", lang, name=translate(s.name, lang)), tuple(columns), tuple(rows), footer_rows=1
    )


def _moved(s: ScenarioResult, c, cur: Sequence[str], lang: str) -> tuple[tuple[Any, ...], ...]:
    """The cells that show what a troop change moved: the cost before, and the variable share."""
    if s.troops_before is None:
        return ()
    return (money_lines(c.before, cur, lang), (Percent(c.variable),))


def _moved_columns(s: ScenarioResult, lang: str) -> tuple[Column, ...]:
    if s.troops_before is None:
        return ()
    return (
        Column(tr("Cost at {troops} troops", lang, troops=f"{s.troops_before:,}"), True, optional=True),
        Column("Moves with troops", True, optional=True),
    )


def _breakdown_table(s: ScenarioResult, cur: Sequence[str], lang: str) -> DisplayTable:
    rows = [
        (
            category_name(c.name, c.label, lang),
            (Percent(c.host_share),),
            *_moved(s, c, cur, lang),
            *(money_lines(getattr(c.split, p), cur, lang) for p in _PARTS),
        )
        for c in s.categories
    ]
    before_total = (
        ()
        if s.troops_before is None
        else (
            money_lines({k: sum((c.before[k] for c in s.categories if c.before), Decimal(0)) for k in cur}, cur, lang),
            ("",),
        )
    )
    rows.append((("Total",), ("",), *before_total, *(money_lines(getattr(s.split, p), cur, lang) for p in _PARTS)))
    cost = "Cost" if s.troops_before is None else tr("Cost at {troops} troops", lang, troops=f"{s.troops:,}")
    return DisplayTable(
        tr("{name}: by category", lang, name=translate(s.name, lang)),
        (
            Column("Category", wrap=True),
            Column("Host share", True),
            *_moved_columns(s, lang),
            Column(cost, True),
            Column("Host pays", True),
            Column("US pays", True),
        ),
        tuple(rows),
        footer_rows=1,
    )


def _costs_table(report: Report, lang: str) -> DisplayTable:
    cur = report.currencies
    first = report.scenarios[0]
    overrides = {c.name for c in first.categories if c.host_share != first.host_share}
    total = first.split.total
    rows = []
    for c in first.categories:
        share_of_total = c.split.total[REFERENCE] / total[REFERENCE] if total[REFERENCE] else Decimal(0)
        host = (
            (
                tr("{share} in every scenario", lang, share=percent(c.host_share))
                if c.name in overrides
                else tr("as the scenario's", lang),
            )
            if overrides
            else ()
        )
        rows.append(
            (
                category_name(c.name, c.label, lang),
                money_lines(c.split.total, cur, lang),
                (Percent(share_of_total),),
                *((host,) if overrides else ()),
            )
        )
    rows.append((("Total",), money_lines(total, cur, lang), (Percent(Decimal(1)),), *((("",),) if overrides else ())))
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
        lambda lang: scenario_tables(report, cost_note, breakdown, lang),
    )
