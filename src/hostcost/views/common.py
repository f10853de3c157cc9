"""What several views show alike: the rates in force and their captions, money as lines of a
cell, percents, sources, and what --prices restated by."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hostcost.core.fx import (
    FIXED_CURRENCIES,
    Rate,
    Rates,
    how_text,
    rate_json,
)
from hostcost.core.money import trim
from hostcost.core.scenario import Amounts, Split
from hostcost.data.builtin import Preset
from hostcost.views.format import format_money, format_number

ROUNDING_NOTE = "Figures are rounded half to even, once, to the currency's minor unit (cents, whole yen)."


def _about(r: Rate) -> dict:
    return {
        "period": r.period or None,
        "label": r.label,
        "source": r.source or None,
        "series": r.series or None,
        "derived": r.how or None,
        "assumed": r.assumed,
    }


def rate_document(rates: Rates, currencies: Sequence[str] | None = None) -> dict:
    """A JSON ``rate`` object: each rate (``JPY_per_USD``), and under ``details`` the period, the
    series and the source that made it, how it was derived, and whether it was assumed."""
    used = [r for r in rates.rates if currencies is None or r.currency in currencies]
    return {**rate_json(rates, currencies), "details": {r.currency: _about(r) for r in used}}


def describe_rate(rate: Rate) -> str:
    text = f"{format_number(rate.per_usd, 6)} {rate.currency} per USD, {rate.label}"
    return text + (f" ({rate.source})" if rate.source else "")


def rates_caption(rates: Rates, currencies: Sequence[str] | None = None) -> str:
    """``Rate: 105.263158 JPY per USD, the baseline's implied rate (source).``, and any caveat.

    Rates that share a label and a source (one year's averages) are named together."""
    used = [r for r in rates.rates if currencies is None or r.currency in currencies]
    if not used:
        return "No exchange rate was needed."
    groups: dict[tuple[str, str, str], list[Rate]] = {}
    for r in used:
        groups.setdefault((r.label, r.source, how_text(r)), []).append(r)
    parts = []
    for (label, source, how), group in groups.items():
        figures = " and ".join(f"{format_number(r.per_usd, 6)} {r.currency}" for r in group)
        about = "; ".join(x for x in (source, how) if x)
        parts.append(f"{figures} per USD, {label}" + (f" ({about})" if about else ""))
    caveats = dict.fromkeys(r.caveat for r in used if r.caveat)
    text = ("Rates: " if len(used) > 1 else "Rate: ") + "; ".join(parts) + "."
    return text + "".join(f" Note: {c}" for c in caveats)


def money_lines(amounts: Amounts, currencies: Sequence[str], lang: str, sign: bool = False) -> tuple[str, ...]:
    def one(cur: str) -> str:
        text = format_money(amounts[cur], cur, lang)
        return "+" + text if sign and amounts[cur] > 0 else text

    return tuple(one(c) for c in currencies)


def percent(fraction: Decimal, places: int = 2) -> str:
    return format_number(fraction * 100, places) + "%"


def money_json(amounts: Amounts) -> dict[str, Decimal]:
    return dict(amounts)


def split_json(split: Split) -> dict:
    return {"total": money_json(split.total), "host": money_json(split.host), "us": money_json(split.us)}


def sources_json(sources: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"figure": f, "source": s} for f, s in sources]


def extra_currencies(currencies: Sequence[str]) -> list[str]:
    """The currencies in play beyond :data:`FIXED_CURRENCIES`, in order."""
    return [c for c in currencies if c not in FIXED_CURRENCIES]


def price_notes_caption(notes) -> str:
    """What --prices restated by, for convert and check ("" without it)."""
    return "; ".join(
        f"Prices: {n.currency} restated in {n.to.year} prices with {n.index}: {format_number(n.to.value, 3)} "
        f"({n.to.year}{'; ' + n.to.note if n.to.note else ''}) over {format_number(n.froms[0].value, 3)} "
        f"({n.froms[0].year}{'; ' + n.froms[0].note if n.froms[0].note else ''})."
        for n in notes
    )


def price_notes_json(notes) -> dict | None:
    if not notes:
        return None
    return {
        "year": notes[0].to.year,
        "indexes": [
            {
                "currency": n.currency,
                "index": n.index,
                "source": n.source,
                "to": {"year": n.to.year, "value": n.to.value, "note": n.to.note or None},
                "from": {"year": n.froms[0].year, "value": n.froms[0].value, "note": n.froms[0].note or None},
            }
            for n in notes
        ],
    }


def category_name(name: str, label: str, lang: str) -> tuple[str, ...]:
    from hostcost.views.i18n import category_label

    label = category_label(name, label, lang)
    return (name,) if not label or label == name else (name, label)


def preset_json(p: Preset) -> dict:
    return {
        "name": p.name,
        "title": p.title,
        "troops": p.troops,
        "troops_source": p.troops_source,
        "currency": p.currency,
        "rate_year": p.rate_year,
        "rate_at": p.period.text if p.period else None,
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
