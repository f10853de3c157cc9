"""``hostcost check``'s results as a :class:`~hostcost.views.View`: each claim's verdict, what it
should read, and the rates and periods at which it would hold."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hostcost.core.claims import VERDICTS
from hostcost.core.verdicts import ClaimResult, HoldsAt, Side
from hostcost.views import Column, DisplayTable, Figure, View
from hostcost.views.common import (
    extra_currencies,
    price_notes_caption,
    price_notes_json,
    rate_document,
    rates_caption,
    sources_json,
)
from hostcost.views.format import format_number
from hostcost.views.i18n import tr
from hostcost.views.scenario import (
    FIXED_CURRENCIES,
    rate_json,
    trim,
)

#: How to read a verdict: under every table, in check --help and in the README.
VERDICT_NOTE = (
    "Verdicts: ✓ holds: the right side is the left's exact value to its written digits, and within the "
    "tolerance (2% for =, 10% for ≈, ~ and about; --tolerance sets it); ~ last digit: within the tolerance, "
    "but its digits are not the right rounding; ~ too loose: right only as a round figure, and off by more "
    "than the tolerance; ✗ fails: neither. A figure stands for what its digits allow ($1.9B: $1.85B up to "
    "$1.95B); the trailing zeros of a whole number are not significant ($35,000: $34,500 up to $35,500). "
    "Plain numbers are exact; <, >, ≤ and ≥ are judged on the exact values."
)
MARKS = {"holds": "✓ holds", "last-digit": "~ last digit", "too-loose": "~ too loose", "fails": "✗ fails"}
#: How many periods the table names before "and N more".
SHOWN_PERIODS = 6


def summary(results: Sequence[ClaimResult], lang: str = "en") -> str:
    """``24 claims: 21 hold, 2 too loose, 1 fails``."""
    words = {
        "holds": ("{n} holds", "{n} hold"),
        "last-digit": ("{n} has its last digit off", "{n} have their last digit off"),
        "too-loose": ("{n} is too loose", "{n} too loose"),
        "fails": ("{n} fails", "{n} fail"),
    }
    counts = [(v, sum(r.verdict == v for r in results)) for v in VERDICTS]
    parts = [tr(words[v][0] if n == 1 else words[v][1], lang, n=n) for v, n in counts if n]
    total = len(results)
    head = tr("{n} claim: " if total == 1 else "{n} claims: ", lang, n=total)
    return head + tr(", ", lang).join(parts)


def _lines(values: dict[str, Decimal], money: bool, currencies: Sequence[str], lang: str) -> tuple[Any, ...]:
    if not money:
        return (format_number(values[""], 10),)
    return tuple(Figure(values[c], c) for c in currencies if c in values)


def _side_json(side: Side, money: bool) -> dict:
    if not money:
        return {"value": trim(side.value[""]), "low": trim(side.low[""]), "high": trim(side.high[""])}
    return {**side.value, "low": dict(side.low), "high": dict(side.high)}


def _holds_at_json(at: HoldsAt | None) -> dict | None:
    if at is None:
        return None
    return {f"{at.currency}_per_USD": {"low": at.low, "high": at.high, "exact": at.exact}}


def _words(currency: str) -> str:
    return {"JPY": "yen", "KRW": "won"}.get(currency, currency)


def holds_at_text(r: ClaimResult, lang: str = "en") -> str:
    """``holds at 113.5136–114.7540 yen per dollar: the averages of 2021-12, 2021-11 …``."""
    at = r.holds_at
    if at is None:
        return ""
    low = format(at.low, "f") if at.low is not None else tr("any", lang)
    high = format(at.high, "f") if at.high is not None else tr("any", lang)
    text = tr("holds at {low}–{high} {unit} per dollar", lang, low=low, high=high, unit=tr(_words(at.currency), lang))
    if not r.periods:
        return text + tr(": no built-in average", lang)
    shown = ", ".join(r.periods[:SHOWN_PERIODS])
    more = tr(" and {n} more", lang, n=len(r.periods) - SHOWN_PERIODS) if len(r.periods) > SHOWN_PERIODS else ""
    return text + tr(": the averages of {periods}{more}", lang, periods=shown, more=more)


def check_view(checked) -> View:
    """Every claim checked (an :class:`~hostcost.api.Checked`): both sides in its own currencies,
    the difference, the verdict, what it should read, and at which rates it would hold."""
    results: Sequence[ClaimResult] = checked.results
    rates, currencies, notes = checked.rates, checked.shown, checked.notes
    used = [c for c in currencies if c != "USD"]
    fixed = list(FIXED_CURRENCIES)
    extra = extra_currencies(currencies)
    restated = bool(notes)

    def rate_of(r: ClaimResult) -> dict:
        return rate_json(r.rates or rates, used)

    def document() -> dict:
        return {
            "all_hold": all(r.holds for r in results),
            "summary": summary(results),
            "claims": [
                {
                    "line": r.line,
                    **({"column": r.column, "text": r.text} if r.column is not None else {}),
                    "claim": r.text,
                    "verdict": r.verdict,
                    "holds": r.holds,
                    "kind": "money" if r.money else "number",
                    "comparator": r.comparator,
                    "tolerance": r.tolerance,
                    "precision": r.precision_ok,
                    "accuracy": r.accuracy_ok,
                    "left": _side_json(r.left, r.money),
                    "right": _side_json(r.right, r.money),
                    "difference": {
                        **({k: v for k, v in r.difference.items()} if r.money else {"value": trim(r.difference[""])}),
                        "percent": r.percent,
                    },
                    "should_read": r.should_read,
                    "holds_at": _holds_at_json(r.holds_at),
                    "periods": list(r.periods),
                    "rate": rate_document(r.rates or rates, used),
                    **({"sources": sources_json(r.sources)} if r.sources else {}),
                    **({"real": {"prices": notes[0].to.year, **r.real}} if r.real else {}),
                }
                for r in results
            ],
            "rate": rate_document(rates, used),
            "tolerance": checked.tolerance,
            "precision": VERDICT_NOTE,
            **({"prices": price_notes_json(notes)} if notes else {}),
            "sources": sources_json(checked.sources),
        }

    def header() -> list[str]:
        return [
            "line",
            "claim",
            "holds",
            *(f"{part}_{c}" for part in ("left", "right", "difference") for c in fixed),
            "left_number",
            "right_number",
            "difference_number",
            "difference_percent",
            "JPY_per_USD",
            "verdict",
            "should_read",
            "tolerance_percent",
            "holds_at_currency",
            "holds_at_low",
            "holds_at_high",
            "periods",
            "column",
            *(name for c in extra for name in (f"left_{c}", f"right_{c}", f"difference_{c}", f"{c}_per_USD")),
            *(["real_left_USD", "real_right_USD", "prices_year"] if restated else []),
        ]

    def rows() -> list[list]:
        out = []
        for r in results:

            def money(part: str, c: str, r=r):
                if not r.money:
                    return None
                return (r.difference if part == "difference" else getattr(r, part).value).get(c)

            number = (
                [None] * 3 if r.money else [trim(r.left.value[""]), trim(r.right.value[""]), trim(r.difference[""])]
            )
            at = r.holds_at
            out.append(
                [
                    r.line,
                    r.text,
                    "true" if r.holds else "false",
                    *(money(p, c) for p in ("left", "right", "difference") for c in fixed),
                    *number,
                    r.percent,
                    rate_of(r).get("JPY_per_USD"),
                    r.verdict,
                    r.should_read,
                    trim(r.tolerance * 100) if r.tolerance is not None else None,
                    at.currency if at else None,
                    at.low if at else None,
                    at.high if at else None,
                    " ".join(r.periods) or None,
                    r.column,
                    *(
                        v
                        for c in extra
                        for v in (
                            money("left", c),
                            money("right", c),
                            money("difference", c),
                            rate_of(r).get(f"{c}_per_USD"),
                        )
                    ),
                    *(
                        [r.real["left"] if r.real else None, r.real["right"] if r.real else None, notes[0].to.year]
                        if restated
                        else []
                    ),
                ]
            )
        return out

    def tables(lang: str) -> list[DisplayTable]:
        def verdict_lines(r: ClaimResult) -> tuple[str, ...]:
            lines = [tr(MARKS[r.verdict], lang)]
            if r.should_read:
                lines.append(tr("should read {figure}", lang, figure=r.should_read))
            if r.holds_at is not None and not r.holds:
                lines.append(holds_at_text(r, lang))
            return tuple(lines)

        own = [r.own or ("USD",) for r in results]
        rows_ = tuple(
            (
                (str(r.line) if r.column is None else f"{r.line}:{r.column}",),
                (r.text,),
                _lines(r.left.value, r.money, cur, lang),
                (
                    *_lines(r.right.value, r.money, cur, lang),
                    f"±{format_number(r.right.spread * 100, 4)}%" if r.right.spread else tr("exact", lang),
                ),
                (
                    *_lines(r.difference, r.money, cur, lang),
                    f"{format_number(r.percent, 2)}%" if r.percent is not None else "",
                ),
                verdict_lines(r),
            )
            for r, cur in zip(results, own)
        )
        own_rates = {id(r.rates): r for r in results if r.rates is not None and r.rates is not rates}
        lines = [rates_caption(rates, used, lang)]
        lines += [
            tr(
                "Claims at their own @{period}: {rates}",
                lang,
                period=r.rates.rates[0].period,
                rates=rates_caption(r.rates, used, lang),
            )
            for r in own_rates.values()
            if r.rates is not None
        ]
        parts = (
            *lines,
            tr(VERDICT_NOTE, lang),
            price_notes_caption(notes, lang),
            summary(results, lang) + tr(".", lang),
        )
        caption = "\n".join(x for x in parts if x)
        return [
            DisplayTable(
                "Claims checked",
                (
                    Column("Line", True),
                    Column("Claim", wrap=True),
                    Column("Left", True),
                    Column("Right", True),
                    Column("Left − right", True),
                    Column("Verdict", wrap=True),
                ),
                rows_,
                caption,
            )
        ]

    return View(header, rows, document, tables)
