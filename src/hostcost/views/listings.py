"""The reference listings as views: ``hostcost baseline``, ``rates``, ``presets`` and ``sources``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hostcost.core.fx import FIXED_CURRENCIES, Rates, rate_json
from hostcost.core.money import trim
from hostcost.core.scenario import Amounts, Report
from hostcost.data.builtin import Builtin, Preset
from hostcost.data.series import metadata
from hostcost.views import Column, DisplayTable, Figure, View
from hostcost.views.common import (
    category_name,
    describe_rate,
    extra_currencies,
    money_lines,
    preset_json,
    rate_document,
    rates_caption,
    rounding_note,
    sources_json,
)
from hostcost.views.format import format_money, format_number
from hostcost.views.i18n import category_label, tr, translate

#: What each listing of ``hostcost rates`` shows.
RATE_LISTINGS = {
    "annual": "Annual average rates, per US dollar",
    "monthly": "Monthly average rates, per US dollar",
    "fy": "Japanese fiscal-year rates (April to March), per US dollar",
}


def rates_view(book, builtin: Builtin, kind: str = "annual", year: int | None = None) -> View:
    """The built-in rates of each period: calendar years (G.5A), months (G.5; of one ``year``
    if given), or Japanese fiscal years (the mean of each one's monthly averages)."""
    from hostcost.core import periods
    from hostcost.errors import RateError

    monthly = sorted({m for s in book.series if s.frequency == "monthly" for m in s.values})
    annual = sorted({y for s in book.series if s.frequency == "annual" for y in s.values})
    if kind == "monthly":
        chosen = [periods.month(*m) for m in monthly if year is None or m[0] == year]
    elif kind == "fy":
        chosen = [periods.fiscal_year(y) for y in range(monthly[0][0], monthly[-1][0] + 1)]
    else:
        chosen = [periods.year(y) for y in annual if year is None or y == year]
    currencies = list(book.currencies)
    table = []
    for period in chosen:
        found = {}
        for c in currencies:
            try:
                found[c] = book.rate(c, period)
            except RateError:
                continue
        if found:
            table.append((period, found))
    if not table:
        raise RateError(
            f"no built-in rates for {year}; the years known run {annual[0]} to {annual[-1]} (annual), "
            f"{periods.month_text(monthly[0])} to {periods.month_text(monthly[-1])} (monthly)"
        )

    def latest(lang: str) -> str:
        return tr(
            "Latest period known: {month} (monthly averages); {year} (annual averages).",
            lang,
            month=periods.month_text(monthly[-1]),
            year=annual[-1],
        )

    derived = sorted({r.currency for _, f in table for r in f.values() if r.how})
    series = {c: sorted({r.source for _, f in table for r in f.values() if r.currency == c}) for c in currencies}
    how = {c: next((r.how for _, f in table for r in f.values() if r.currency == c and r.how), "") for c in currencies}

    def per_usd(r) -> Decimal:
        return rate_json(Rates.of([r]))[f"{r.currency}_per_USD"]

    def caption(lang: str) -> str:
        lines = [tr("Source: {source}.", lang, source=translate(source, lang))]
        lines += [
            tr("{currency}: derived, {how}.", lang, currency=c, how=translate(how[c], lang))
            for c in currencies
            if how[c] and "1 /" in how[c]
        ]
        if kind == "annual":
            lines.append(translate(metadata()["fx"]["caveat"], lang))
        lines.append(
            tr("Without --rate or --rate-at, hostcost uses {rate}.", lang, rate=describe_rate(builtin.rate, lang))
        )
        lines.append(latest(lang))
        return "\n".join(lines)

    meta = metadata()["fx"]
    source = {
        "annual": f"{meta['annual_source']}, via FRED; GBP: the mean of the months (no annual series)",
        "monthly": f"{meta['monthly_source']}, via FRED",
        "fy": f"the mean of the monthly averages, April to March ({meta['monthly_source']}, via FRED)",
    }[kind]

    def cell(found, c: str) -> tuple[str, ...]:
        r = found.get(c)
        if r is None:
            return ("",)
        return (format_number(r.per_usd, 4) + ("*" if c in derived and r.how else ""),)

    return View(
        lambda: ["period", *(f"{c}_per_USD" for c in currencies), "source"],
        lambda: [[p.text, *(per_usd(f[c]) if c in f else None for c in currencies), source] for p, f in table],
        lambda: {
            "kind": kind,
            "rates": [
                {
                    "period": p.text,
                    **{f"{c}_per_USD": per_usd(r) for c, r in f.items()},
                    "label": next(iter(f.values())).label,
                }
                for p, f in table
            ],
            "series": [
                {"currency": c, "sources": series[c], "derived": how[c] or None} for c in currencies if series[c]
            ],
            "latest": {"monthly": periods.month_text(monthly[-1]), "annual": str(annual[-1])},
            "default": {**rate_json_default(builtin), "label": builtin.rate.label, "source": builtin.rate.source},
        },
        lambda lang: [
            DisplayTable(
                translate(RATE_LISTINGS[kind], lang) + (tr(" (* derived)", lang) if derived else ""),
                (Column("Period"), *(Column(c, True) for c in currencies)),
                tuple(((p.text,), *(cell(f, c) for c in currencies)) for p, f in table),
                caption(lang),
            )
        ],
    )


def rate_json_default(builtin: Builtin) -> dict:
    return rate_json(Rates.of([builtin.rate]))


def _total_text(p: Preset, lang: str) -> str:
    return format_money(p.total.amount, p.total.currency, lang)


def presets_view(presets: Sequence[Preset]) -> View:
    def rate_text(p: Preset, lang: str) -> str:
        return p.period.text if p.period else tr("baseline's", lang)

    def tables(lang: str) -> list[DisplayTable]:
        listing = DisplayTable(
            "Presets (hostcost scenario --preset NAME)",
            (
                Column("Name"),
                Column("What", wrap=True),
                Column("Total a year", True),
                Column("Troops", True),
                Column("Rate year", wrap=True),
                Column("Source", wrap=True),
            ),
            tuple(
                (
                    (p.name,),
                    (translate(p.title, lang),),
                    (Figure(p.total.amount, p.total.currency),),
                    (f"{p.troops:,}",),
                    (rate_text(p, lang),),
                    (p.total_source,),
                )
                for p in presets
            ),
            tr(
                "Rate year: the year whose average rate the preset uses (hostcost rates); calendar-year averages "
                "only approximate Japan's fiscal year (April to March).",
                lang,
            ),
        )
        facts = DisplayTable(
            "What the presets rest on",
            (Column("Preset"), Column("Figure", wrap=True), Column("Value", wrap=True), Column("Source", wrap=True)),
            tuple(
                row
                for p in presets
                for row in (
                    *(
                        (
                            (p.name,),
                            (category_label(c.name, c.label or c.name, lang),),
                            (Figure(c.cost.amount, c.cost.currency),),
                            (c.source,),
                        )
                        for c in p.categories
                    ),
                    *(((p.name,), (f.figure,), (f.value,), (f.source,)) for f in p.facts),
                    ((p.name,), (tr("troops", lang),), (f"{p.troops:,}",), (p.troops_source,)),
                )
            ),
        )
        return [listing, facts]

    return View(
        lambda: ["name", "title", "total", "currency", "troops", "rate_at", "source"],
        lambda: [
            [
                p.name,
                p.title,
                trim(p.total.amount),
                p.total.currency,
                p.troops,
                p.period.text if p.period else None,
                p.total_source,
            ]
            for p in presets
        ],
        lambda: {"presets": [preset_json(p) for p in presets]},
        tables,
    )


def sources_view(builtin: Builtin, book, presets: Sequence[Preset]) -> View:
    """Every built-in figure, its value, and where it came from (a series as its first and last
    period)."""
    from hostcost.data.series import builtin_cpi

    cpi = builtin_cpi()
    b = builtin.baseline
    rows: list[tuple[str, str, str]] = [
        *(
            (f"baseline: host payment in {m.currency}", format_money(m.amount, m.currency), b.source)
            for m in b.payments
        ),
        ("baseline: troops", f"{b.troops:,}", b.source),
        (
            "default rate: JPY per USD",
            f"{format_number(builtin.rate.per_usd, 12)} ({builtin.rate.label})",
            builtin.rate.source,
        ),
        *(
            (f"default cost: {c.name}", format_money(c.cost.amount, c.cost.currency), c.source)
            for c in builtin.categories
        ),
        *((f.figure, f.value, f.source) for f in builtin.facts),
        *(
            (
                f"rates: {s.currency} per USD, {s.frequency}",
                f"{s.first_last()[0]} to {s.first_last()[1]} ({len(s.values):,} figures)",
                s.where + (f"; derived: {s.how}" if s.how else ""),
            )
            for s in book.series
        ),
        (
            f"prices: US CPI-U, monthly ({cpi.name})",
            f"{cpi.first_last()[0]} to {cpi.first_last()[1]} ({len(cpi.values):,} figures)",
            cpi.source + "; " + "; ".join(f"{m[0]}-{m[1]:02d} missing: {why}" for m, why in cpi.missing.items()),
        ),
    ]
    for p in presets:
        rows.append((f"{p.name}: total a year", _total_text(p, "en"), p.total_source))
        rows += [(f"{p.name}: {c.name}", format_money(c.cost.amount, c.cost.currency), c.source) for c in p.categories]
        rows += [(f"{p.name}: {f.figure}", f.value, f.source) for f in p.facts]
        rows.append((f"{p.name}: troops", f"{p.troops:,}", p.troops_source))

    return View(
        lambda: ["figure", "value", "source"],
        lambda: rows,
        lambda: {"sources": [{"figure": f, "value": v, "source": s} for f, v, s in rows]},
        lambda lang: [
            DisplayTable(
                "Every built-in figure and its source",
                (Column("Figure", wrap=True), Column("Value", wrap=True), Column("Source", wrap=True)),
                tuple(((f,), (v,), (s,)) for f, v, s in rows),
            )
        ],
    )


def baseline_view(builtin: Builtin, report: Report) -> View:
    """The baseline and the default categories; ``report`` runs them at a 100% host share."""
    b, cur = builtin.baseline, report.currencies
    categories = report.scenarios[0].categories
    total = report.scenarios[0].split.total

    def document() -> dict:
        return {
            "rate": rate_document(report.rates, report.currencies),
            "baseline": {**report.baseline_amounts, "troops": b.troops, "label": b.label, "source": b.source},
            "categories": [
                {"name": c.name, "label": c.label, "cost": dict(c.split.total), "source": builtin.categories_source}
                for c in categories
            ],
            "categories_total": dict(total),
            "sources": sources_json(report.sources),
        }

    def rows() -> list[list]:
        def amounts(values: Amounts) -> tuple[list, list]:
            return [values[c] for c in FIXED_CURRENCIES], [values[c] for c in extra_currencies(cur)]

        out = []
        for kind, name, label, troops, values, source in (
            ("baseline", "host payment", b.label, b.troops, report.baseline_amounts, b.source),
            *(("category", c.name, c.label, None, c.split.total, builtin.categories_source) for c in categories),
        ):
            fixed, extra = amounts(values)
            out.append([kind, name, label, troops, *fixed, source, *extra])
        return out

    def tables(lang: str) -> list[DisplayTable]:
        head = DisplayTable(
            "Baseline",
            (Column("Figure", wrap=True), Column("Amount", True), Column("Troops", True), Column("Source", wrap=True)),
            (((b.label,), money_lines(report.baseline_amounts, cur, lang), (f"{b.troops:,}",), (b.source,)),),
            tr("The reference line every scenario is set against. ", lang)
            + rates_caption(report.rates, report.currencies, lang),
        )
        cats = DisplayTable(
            tr("Default cost categories: {label}", lang, label=translate(builtin.categories_label, lang)),
            (Column("Category", wrap=True), Column("Cost", True)),
            (
                *((category_name(c.name, c.label, lang), money_lines(c.split.total, cur, lang)) for c in categories),
                (("Total",), money_lines(total, cur, lang)),
            ),
            tr(
                "Source: {source}. Costs are budgeted in yen; other currencies at the rate above. ",
                lang,
                source=builtin.categories_source,
            )
            + rounding_note(lang),
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
