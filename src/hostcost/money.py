"""Money: an exact Decimal with a currency code, and the rounding rules.

Rules (README, "Money rules"):
- amounts are Decimals built from text, never from floats;
- rounding happens once, at the edge, to the currency's minor unit (whole yen, US cents, ...),
  half to even (ROUND_HALF_EVEN, "banker's rounding");
- a whole is split by largest remainder, so the rounded parts always add up to the rounded whole.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from functools import cache

#: Arithmetic context for money: wide enough that no amount hostcost accepts (below 10**18)
#: loses a digit before the final rounding.
CONTEXT = Context(prec=60, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Money:
    """An exact amount in one currency (an ISO 4217 code such as ``"JPY"``)."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise TypeError(f"Money needs a finite Decimal, not {self.amount!r}")


@cache
def minor_unit(currency: str) -> Decimal:
    """The smallest unit money in ``currency`` is rounded to: ``Decimal("0.01")`` for USD, 1 for JPY."""
    from babel.numbers import get_currency_precision

    return Decimal(1).scaleb(-get_currency_precision(currency))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half-to-even to the minor unit of ``currency``."""
    with localcontext(CONTEXT):
        return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_EVEN)


@cache
def _places(currency: str) -> int:
    """How many decimal places the currency's minor unit has: 2 for USD, 0 for JPY."""
    return -minor_unit(currency).as_tuple().exponent


def _largest_remainder(exact: Sequence[Decimal], low: list[int], high: list[int], extra: int) -> list[int]:
    """Raise ``extra`` of the ``low`` values (whole minor units) to ``high``, largest remainder first."""
    if extra <= 0:
        return low
    order = sorted((i for i in range(len(exact)) if high[i] > low[i]), key=lambda i: (low[i] - exact[i], i))
    out = list(low)
    for i in order[:extra]:
        out[i] = high[i]
    return out


def _money(units: int, places: int) -> Decimal:
    return Decimal(units).scaleb(-places)


def round_parts(values: Sequence[Decimal], currency: str) -> tuple[Decimal, list[Decimal]]:
    """Round the sum of ``values`` once, then round each value so that they add up to it.

    Returns ``(rounded_total, rounded_values)``. Each rounded value is its exact value rounded
    down or up to the minor unit; the ones rounded up are those with the largest remainders.
    """
    places = _places(currency)
    with localcontext(CONTEXT):
        units = [v.scaleb(places) for v in values]
        total = round(sum(units, Decimal(0)))
        low = [math.floor(u) for u in units]
        high = [lo if u == lo else lo + 1 for u, lo in zip(units, low)]
        parts = _largest_remainder(units, low, high, total - sum(low))
        return _money(total, places), [_money(p, places) for p in parts]


def allocate(total: Decimal, weights: Sequence[Decimal], currency: str) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights``, by largest remainder.

    The parts add up exactly to ``total`` rounded to the minor unit of ``currency``.
    """
    with localcontext(CONTEXT):
        weight = sum(weights, Decimal(0))
        if weight == 0:
            raise ValueError("allocate() needs weights that do not add up to zero")
        exact = [total * w / weight for w in weights]
        rounded, parts = round_parts(exact, currency)
        if rounded != round_money(total, currency):  # pragma: no cover - exact arithmetic
            raise ArithmeticError("allocation lost a unit")
        return parts


@dataclass(frozen=True)
class SplitRounding:
    """A host/US split of several rows, rounded so that every row and column adds up."""

    total: Decimal
    host: Decimal
    us: Decimal
    row_units: tuple[tuple[int, int], ...]  # (total, host) per row, in whole minor units
    places: int

    @property
    def rows(self) -> tuple[tuple[Decimal, Decimal, Decimal], ...]:
        """``(total, host, us)`` per row."""
        p = self.places
        return tuple((_money(r, p), _money(h, p), _money(r - h, p)) for r, h in self.row_units)


def _round_one(total: Decimal, host: Decimal, places: int) -> SplitRounding:
    """:func:`round_split` of a single row: the same rule, without the bookkeeping of many."""
    with localcontext(CONTEXT):
        t, h = total.scaleb(places), host.scaleb(places)
        r = round(t)
        u = t - h
        low, high = max(math.floor(h), r - math.ceil(u)), min(math.ceil(h), r - math.floor(u))
        p = min(max(round(h), low), high)
    return SplitRounding(_money(r, places), _money(p, places), _money(r - p, places), ((r, p),), places)


def round_split(totals: Sequence[Decimal], hosts: Sequence[Decimal], currency: str) -> SplitRounding:
    """Round a table of rows, each an exact total of which an exact ``host`` part is paid by the host.

    Every rounded figure is its exact value rounded down or up to the minor unit, and:
    each row's host + US == its total; the rows' totals, host parts and US parts add up to
    the grand total, host and US; the grand total and host are each rounded once, half to even.
    """
    places = _places(currency)
    if len(totals) == 1:
        return _round_one(totals[0], hosts[0], places)
    with localcontext(CONTEXT):
        t_units = [t.scaleb(places) for t in totals]
        h_units = [h.scaleb(places) for h in hosts]
        grand = round(sum(t_units, Decimal(0)))
        if len(t_units) == 1:  # one row: its total is the grand total
            row = [grand]
        else:
            floors = [math.floor(u) for u in t_units]
            row = _largest_remainder(
                t_units, floors, [f if u == f else f + 1 for u, f in zip(t_units, floors)], grand - sum(floors)
            )
        # Each row's host part may be its floor or ceiling, as long as the US part then is too.
        low, high = [], []
        for h, t, r in zip(h_units, t_units, row):
            u = t - h
            low.append(max(math.floor(h), r - math.ceil(u)))
            high.append(min(math.ceil(h), r - math.floor(u)))
        host = min(max(round(sum(h_units, Decimal(0))), sum(low)), sum(high))
        parts = _largest_remainder(h_units, low, high, host - sum(low))
        return SplitRounding(
            _money(grand, places), _money(host, places), _money(grand - host, places), tuple(zip(row, parts)), places
        )
