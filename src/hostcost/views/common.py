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
from hostcost.views import Figure
from hostcost.views.format import currency_unit, format_number
from hostcost.views.i18n import tr, translate

ROUNDING_NOTE = "Figures are rounded half to even, once, to the currency's minor unit (cents, whole yen)."


def rounding_note(lang: str) -> str:
    return tr(ROUNDING_NOTE, lang)


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


def per_usd_text(per_usd, currency: str, lang: str, places: int = 6) -> str:
    """A rate's figure and its currency: ``105.263158 JPY``; in Japanese ``105.263158円``."""
    return f"{format_number(per_usd, places)}" + (currency_unit(currency) if lang == "ja" else f" {currency}")


def describe_rate(rate: Rate, lang: str = "en") -> str:
    figure = per_usd_text(rate.per_usd, rate.currency, lang)
    text = tr("{figures} per USD, {label}", lang, figures=figure, label=translate(rate.label, lang))
    return text + (tr(" ({about})", lang, about=rate.source) if rate.source else "")


def rate_sentences(rates: Rates, currencies: Sequence[str] | None = None, lang: str = "en") -> tuple[str, list[str]]:
    """``Rate: 105.263158 JPY per USD, the baseline's implied rate (source).``, and each caveat
    of those rates as a note of its own (``Note: …``), for a caption to say once.

    Rates that share a label and a source (one year's averages) are named together."""
    used = [r for r in rates.rates if currencies is None or r.currency in currencies]
    if not used:
        return tr("No exchange rate was needed.", lang), []
    groups: dict[tuple[str, str, str], list[Rate]] = {}
    for r in used:
        groups.setdefault((r.label, r.source, how_text(r)), []).append(r)
    parts = []
    for (label, source, how), group in groups.items():
        figures = tr(" and ", lang).join(per_usd_text(r.per_usd, r.currency, lang) for r in group)
        about = "; ".join(x for x in (source, translate(how, lang)) if x)
        text = tr("{figures} per USD, {label}", lang, figures=figures, label=translate(label, lang))
        parts.append(text + (tr(" ({about})", lang, about=about) if about else ""))
    caveats = dict.fromkeys(r.caveat for r in used if r.caveat)
    text = tr("Rates: {rates}." if len(used) > 1 else "Rate: {rates}.", lang, rates=tr("; ", lang).join(parts))
    return text, [tr("Note: {note}", lang, note=translate(c, lang)) for c in caveats]


def rates_caption(rates: Rates, currencies: Sequence[str] | None = None, lang: str = "en") -> str:
    """The rates in force and their caveats, in one line (:func:`rate_sentences`)."""
    text, notes = rate_sentences(rates, currencies, lang)
    return " ".join([text, *notes])


def money_lines(amounts: Amounts, currencies: Sequence[str], lang: str = "", sign: bool = False) -> tuple[Figure, ...]:
    """A cell of one figure a currency, in ``currencies`` order (written when it is shown)."""
    return tuple(Figure(amounts[c], c, sign) for c in currencies)


def percent(fraction: Decimal, places: int = 2) -> str:
    return format_number(fraction * 100, places) + "%"


def money_json(amounts: Amounts) -> dict[str, Decimal]:
    return dict(amounts)


def split_json(split: Split) -> dict:
    return {"total": money_json(split.total), "host": money_json(split.host), "us": money_json(split.us)}


def sources_json(sources: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"figure": f, "source": s} for f, s in sources]


def restated_currencies(report) -> list[str]:
    """The currencies whose figures --prices restates, in order (none without it)."""
    return [n.currency for n in report.restated]


def extra_currencies(currencies: Sequence[str]) -> list[str]:
    """The currencies in play beyond :data:`FIXED_CURRENCIES`, in order."""
    return [c for c in currencies if c not in FIXED_CURRENCIES]


def index_value(value, lang: str) -> str:
    """A price index in a year: ``313.689 (2024)``, ``322.2 (2025; provisional)``."""
    note = "; " + translate(value.note, lang) if value.note else ""
    return f"{format_number(value.value, 3)} ({value.year}{note})"


def price_notes_caption(notes, lang: str = "en") -> str:
    """What --prices restated by, for convert and check ("" without it)."""
    return tr("; ", lang).join(
        tr(
            "Prices: {currency} restated in {year} prices with {index}: {to} over {start}.",
            lang,
            currency=n.currency,
            year=n.to.year,
            index=n.index,
            to=index_value(n.to, lang),
            start=index_value(n.froms[0], lang),
        )
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
