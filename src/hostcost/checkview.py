"""``hostcost check``'s results as a :class:`~hostcost.render.View`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hostcost.amounts import format_money, format_number
from hostcost.claims import ClaimResult, Side
from hostcost.fx import Rates
from hostcost.render import Column, DisplayTable, View
from hostcost.views import (
    FIXED_CURRENCIES,
    extra_currencies,
    price_notes_caption,
    price_notes_json,
    rate_document,
    rate_json,
    rates_caption,
    sources_json,
    trim,
)

PRECISION_NOTE = (
    "Each written figure stands for the range its last digit implies ($1.9B: $1.85B up to $1.95B; "
    "¥200B: ¥199.5B up to ¥200.5B), and plain numbers are exact; a claim holds when the ranges of its "
    "two sides overlap."
)


def _tolerance_note(tolerance: Decimal) -> str:
    return (
        f"Each side stands for its value ± {format_number(tolerance * 100, 4)}% (--tolerance); "
        "a claim holds when the two ranges overlap."
    )


def _lines(values: dict[str, Decimal], money: bool) -> tuple[str, ...]:
    if not money:
        return (format_number(values[""], 10),)
    return tuple(format_money(v, c) for c, v in values.items())


def _side_lines(side: Side, money: bool) -> tuple[str, ...]:
    spread = f"±{format_number(side.spread * 100, 4)}%" if side.spread else "exact"
    return (*_lines(side.value, money), spread)


def _side_json(side: Side, money: bool) -> dict:
    if not money:
        return {"value": trim(side.value[""]), "low": trim(side.low[""]), "high": trim(side.high[""])}
    return {**side.value, "low": dict(side.low), "high": dict(side.high)}


def check_view(
    results: Sequence[ClaimResult],
    rates: Rates,
    currencies: Sequence[str],
    tolerance: Decimal | None,
    sources: Sequence[tuple[str, str]],
    notes=(),
) -> View:
    """Every claim checked: both sides in each currency, the difference, the rate, and ✓ or ✗."""
    note = _tolerance_note(tolerance) if tolerance is not None else PRECISION_NOTE
    used = [c for c in currencies if c != "USD"]

    def document() -> dict:
        return {
            "all_hold": all(r.holds for r in results),
            "claims": [
                {
                    "line": r.line,
                    "claim": r.text,
                    "holds": r.holds,
                    "kind": "money" if r.money else "number",
                    "left": _side_json(r.left, r.money),
                    "right": _side_json(r.right, r.money),
                    "difference": {
                        **({k: v for k, v in r.difference.items()} if r.money else {"value": trim(r.difference[""])}),
                        "percent": r.percent,
                    },
                    "rate": rate_document(rates, used),
                    **({"real": {"prices": notes[0].to.year, **r.real}} if r.real else {}),
                }
                for r in results
            ],
            "rate": rate_document(rates, used),
            "tolerance": tolerance,
            "precision": note,
            **({"prices": price_notes_json(notes)} if notes else {}),
            "sources": sources_json(sources),
        }

    fixed = [c for c in FIXED_CURRENCIES]
    extra = extra_currencies(currencies)

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
            *(name for c in extra for name in (f"left_{c}", f"right_{c}", f"difference_{c}", f"{c}_per_USD")),
            *(["real_left_USD", "real_right_USD", "prices_year"] if notes else []),
        ]

    def rows() -> list[list]:
        out = []
        rates_of = rate_json(rates, used)
        for r in results:

            def money(part: str, c: str, r=r):
                if not r.money:
                    return None
                return (r.difference if part == "difference" else getattr(r, part).value).get(c)

            number = (
                [None] * 3 if r.money else [trim(r.left.value[""]), trim(r.right.value[""]), trim(r.difference[""])]
            )
            out.append(
                [
                    r.line,
                    r.text,
                    "true" if r.holds else "false",
                    *(money(p, c) for p in ("left", "right", "difference") for c in fixed),
                    *number,
                    r.percent,
                    rates_of.get("JPY_per_USD"),
                    *(
                        v
                        for c in extra
                        for v in (
                            money("left", c),
                            money("right", c),
                            money("difference", c),
                            rates_of.get(f"{c}_per_USD"),
                        )
                    ),
                    *(
                        [r.real["left"] if r.real else None, r.real["right"] if r.real else None, notes[0].to.year]
                        if notes
                        else []
                    ),
                ]
            )
        return out

    def tables() -> list[DisplayTable]:
        rows = tuple(
            (
                (str(r.line),),
                (r.text,),
                _side_lines(r.left, r.money),
                _side_lines(r.right, r.money),
                (*_lines(r.difference, r.money), f"{format_number(r.percent, 2)}%" if r.percent is not None else ""),
                ("✓ holds" if r.holds else "✗ fails",),
            )
            for r in results
        )
        caption = "\n".join(x for x in (rates_caption(rates, used), note, price_notes_caption(notes)) if x)
        return [
            DisplayTable(
                "Claims checked",
                (
                    Column("Line", True),
                    Column("Claim", wrap=True),
                    Column("Left", True),
                    Column("Right", True),
                    Column("Left − right", True),
                    Column(""),
                ),
                rows,
                caption,
            )
        ]

    return View(header, rows, document, tables)
