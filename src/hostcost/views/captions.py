"""The captions under a scenario's tables: the baseline, the costs, the troops, the rates, the
prices, the rounding; in the table's language."""

from __future__ import annotations

import re

from hostcost.core.fx import REFERENCE
from hostcost.core.scenario import Report
from hostcost.views.common import index_value, percent, rates_caption, restated_currencies, rounding_note
from hostcost.views.format import short_money
from hostcost.views.i18n import tr, translate


def prices_caption(report: Report, lang: str = "en") -> str:
    """One line on what --prices restated by ("" without it)."""
    if not report.restated:
        return ""
    year = report.restated[0].to.year
    parts = []
    for n in report.restated:
        froms = ", ".join(index_value(f, lang) for f in n.froms)
        parts.append(
            tr(
                "{currency} with {index} ({source}): {to} over {start}",
                lang,
                currency=n.currency,
                index=n.index,
                source=n.source,
                to=index_value(n.to, lang),
                start=froms,
            )
        )
    nominal = [c for c in report.currencies if c not in restated_currencies(report)]
    rest = (
        tr(
            " {currencies} figures stay nominal (no index; --index CUR=FILE gives one).",
            lang,
            currencies=", ".join(nominal),
        )
        if nominal
        else ""
    )
    return tr("Prices: restated in {year} prices, {parts}.", lang, year=year, parts=tr("; ", lang).join(parts)) + rest


def baseline_sentence(report: Report, lang: str) -> str:
    """``Baseline: $1.9B (¥200B) a year for 54,000 troops: …``."""
    b = report.baseline
    return tr(
        "Baseline: {amount} ({quoted}) a year for {troops} troops: {label} ({source}).",
        lang,
        amount=short_money(b.usd, REFERENCE, lang=lang),
        quoted=short_money(b.quoted("JPY"), "JPY", lang=lang),
        troops=f"{b.troops:,}",
        label=translate(b.label, lang),
        source=b.source,
    )


def scenario_caption(report: Report, cost_note: str, lang: str = "en") -> str:
    troops = {(s.troops_before, s.troops) for s in report.scenarios}
    troop_text = ", ".join(f"{old:,} → {new:,}" if old is not None else f"{new:,}" for old, new in sorted(troops))
    markups = {s.markup for s in report.scenarios if s.markup}
    costs = " ".join(translate(sentence, lang) for sentence in _sentences(cost_note))
    if markups:
        costs += tr(
            " Cost plus {markups}: the host pays its share of cost × (1 + markup), so US pays is negative where "
            "the host pays more than the cost.",
            lang,
            markups=", ".join(percent(m) for m in sorted(markups)),
        )
    return "\n".join(
        [
            baseline_sentence(report, lang),
            costs + tr(" Troops: {troops}.", lang, troops=troop_text),
            rates_caption(report.rates, report.currencies, lang),
            *filter(None, [prices_caption(report, lang)]),
            rounding_note(lang)
            + tr(" Host vs baseline: the host payment minus the baseline; the percent is taken in US dollars.", lang),
        ]
    )


def _sentences(note: str) -> list[str]:
    """A cost note's sentences (each ends with a full stop and a space, or the end)."""
    return [s for s in re.split(r"(?<=\.) (?=[A-Z])", note) if s]
