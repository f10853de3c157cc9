"""``hostcost convert``'s result as a :class:`~hostcost.views.View`."""

from __future__ import annotations

from hostcost.core.fx import (
    REFERENCE,
    Rates,
    rate_json,
)
from hostcost.core.money import Money, trim
from hostcost.views import Column, DisplayTable, Figure, View
from hostcost.views.common import (
    price_notes_caption,
    price_notes_json,
    rate_document,
    rates_caption,
    rounding_note,
    sources_json,
)
from hostcost.views.i18n import tr


def convert_view(source: Money, target: Money, rates: Rates, real: Money | None = None, notes=()) -> View:
    """A conversion; with --prices, the result restated in another year's prices (``real``)."""
    used = [c for c in (source.currency, target.currency) if c != REFERENCE]

    def document() -> dict:
        return {
            "from": {"amount": trim(source.amount), "currency": source.currency},
            "to": {"amount": target.amount, "currency": target.currency},
            "rate": rate_document(rates, used),
            "rounding": "half-even, to the target currency's minor unit",
            "sources": sources_json(
                [(f"{r.currency} rate", r.source or r.label) for r in rates.rates if r.currency in used]
            ),
            **({"real": {"amount": real.amount, "currency": real.currency}} if real else {}),
            **({"prices": price_notes_json(notes)} if notes else {}),
        }

    def tables(lang: str) -> list[DisplayTable]:
        row: tuple[tuple[Figure, ...], ...] = (
            (Figure(source.amount, source.currency, given=True),),
            (Figure(target.amount, target.currency),),
        )
        columns = [Column("From", True), Column("To", True)]
        if real:
            row += ((Figure(real.amount, real.currency),),)
            columns.append(Column(tr("To, {year} prices", lang, year=notes[0].to.year), True))
        caption = " ".join(
            x for x in (rates_caption(rates, used, lang), price_notes_caption(notes, lang), rounding_note(lang)) if x
        )
        return [DisplayTable("Conversion", tuple(columns), (row,), caption)]

    prices = ["real_to_amount", "prices_year"] if notes else []
    return View(
        lambda: ["from_amount", "from_currency", "to_amount", "to_currency", *rate_json(rates, used), *prices],
        lambda: [
            [
                trim(source.amount),
                source.currency,
                target.amount,
                target.currency,
                *rate_json(rates, used).values(),
                *([real.amount if real else None, notes[0].to.year] if notes else []),
            ]
        ],
        document,
        tables,
    )
