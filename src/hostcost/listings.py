"""The reference listings as views: ``hostcost rates``, ``presets`` and ``sources``."""

from __future__ import annotations

from collections.abc import Sequence

from hostcost.amounts import format_money, format_number
from hostcost.builtin import Builtin, Preset
from hostcost.fx import RateTable
from hostcost.render import Column, DisplayTable, View
from hostcost.views import describe_rate, preset_json, rate_json, trim


def rates_view(table: RateTable, builtin: Builtin) -> View:
    years = sorted(table.years)
    currencies = list(dict.fromkeys(r.currency for y in years for r in table.years[y]))

    def per_usd(year: int) -> dict:
        return {f"{r.currency}_per_USD": trim(r.per_usd) for r in table.years[year]}

    caveat = next((r.caveat for y in years for r in table.years[y] if r.caveat), "")
    caption = (
        f"Source: {table.source}. Note: {caveat} Without --rate or --rate-year, hostcost uses "
        f"{describe_rate(builtin.rate)}."
    )

    return View(
        lambda: ["year", *(f"{c}_per_USD" for c in currencies), "source"],
        lambda: [[y, *per_usd(y).values(), table.source] for y in years],
        lambda: {
            "kind": table.kind,
            "source": table.source,
            "caveat": caveat,
            "years": [{"year": y, **per_usd(y)} for y in years],
            "default": {**rate_json_default(builtin), "label": builtin.rate.label, "source": builtin.rate.source},
        },
        lambda: [
            DisplayTable(
                "Annual average rates, per US dollar",
                (Column("Year"), *(Column(c, True) for c in currencies)),
                tuple(((str(y),), *((format_number(r.per_usd, 4),) for r in table.years[y])) for y in years),
                caption,
            )
        ],
    )


def rate_json_default(builtin: Builtin) -> dict:
    from hostcost.fx import Rates

    return rate_json(Rates.of([builtin.rate]))


def _total_text(p: Preset) -> str:
    return format_money(p.total.amount, p.total.currency)


def presets_view(presets: Sequence[Preset]) -> View:
    def rate_text(p: Preset) -> str:
        return str(p.rate_year) if p.rate_year else "baseline's"

    def tables() -> list[DisplayTable]:
        listing = DisplayTable(
            "Presets (hostcost scenario --preset NAME)",
            (
                Column("Name"),
                Column("What", wrap=True),
                Column("Total a year", True),
                Column("Troops", True),
                Column("Rate year", True),
                Column("Source", wrap=True),
            ),
            tuple(
                ((p.name,), (p.title,), (_total_text(p),), (f"{p.troops:,}",), (rate_text(p),), (p.total_source,))
                for p in presets
            ),
            "Rate year: the year whose average rate the preset uses (hostcost rates); calendar-year averages "
            "only approximate Japan's fiscal year (April to March).",
        )
        facts = DisplayTable(
            "What the presets rest on",
            (Column("Preset"), Column("Figure", wrap=True), Column("Value", wrap=True), Column("Source", wrap=True)),
            tuple(
                row
                for p in presets
                for row in (
                    *(
                        ((p.name,), (c.label or c.name,), (format_money(c.cost.amount, c.cost.currency),), (c.source,))
                        for c in p.categories
                    ),
                    *(((p.name,), (f.figure,), (f.value,), (f.source,)) for f in p.facts),
                    ((p.name,), ("troops",), (f"{p.troops:,}",), (p.troops_source,)),
                )
            ),
        )
        return [listing, facts]

    return View(
        lambda: ["name", "title", "total", "currency", "troops", "rate_year", "source"],
        lambda: [
            [p.name, p.title, trim(p.total.amount), p.total.currency, p.troops, p.rate_year, p.total_source]
            for p in presets
        ],
        lambda: {"presets": [preset_json(p) for p in presets]},
        tables,
    )


def sources_view(builtin: Builtin, table: RateTable, presets: Sequence[Preset]) -> View:
    """Every built-in figure, its value, and where it came from."""
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
        *(
            (f"rate {y}: {r.currency} per USD", format_number(r.per_usd, 4), r.source)
            for y in sorted(table.years)
            for r in table.years[y]
        ),
    ]
    for p in presets:
        rows.append((f"{p.name}: total a year", _total_text(p), p.total_source))
        rows += [(f"{p.name}: {c.name}", format_money(c.cost.amount, c.cost.currency), c.source) for c in p.categories]
        rows += [(f"{p.name}: {f.figure}", f.value, f.source) for f in p.facts]
        rows.append((f"{p.name}: troops", f"{p.troops:,}", p.troops_source))

    return View(
        lambda: ["figure", "value", "source"],
        lambda: rows,
        lambda: {"sources": [{"figure": f, "value": v, "source": s} for f, v, s in rows]},
        lambda: [
            DisplayTable(
                "Every built-in figure and its source",
                (Column("Figure", wrap=True), Column("Value", True), Column("Source", wrap=True)),
                tuple(((f,), (v,), (s,)) for f, v, s in rows),
            )
        ],
    )
