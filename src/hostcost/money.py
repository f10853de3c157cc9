"""Money: an exact Decimal with a currency code, and the rounding rules.

Rules (README, "Money rules"):
- amounts are Decimals built from text, never from floats;
- rounding happens once, at the edge, to the currency's minor unit (whole yen, US cents, ...),
  half to even (ROUND_HALF_EVEN, "banker's rounding");
- a whole is split by largest remainder, so the rounded parts always add up to the rounded whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Context, Decimal, localcontext
from functools import cache

#: Arithmetic context for money: wide enough that no amount hostcost accepts (below 10**18)
#: loses a digit before the final rounding.
CONTEXT = Context(prec=60, rounding=ROUND_HALF_EVEN)


@dataclass(frozen=True, slots=True)
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


def _largest_remainder(
    exact: Sequence[Decimal], low: list[Decimal], high: list[Decimal], extra: Decimal
) -> list[Decimal]:
    """Raise ``extra`` of the ``low`` values (in minor units) to ``high``, largest remainder first."""
    order = sorted((i for i in range(len(exact)) if high[i] > low[i]), key=lambda i: (-(exact[i] - low[i]), i))
    out = list(low)
    for i in order[: int(extra)]:
        out[i] = high[i]
    return out


def round_parts(values: Sequence[Decimal], currency: str) -> tuple[Decimal, list[Decimal]]:
    """Round the sum of ``values`` once, then round each value so that they add up to it.

    Returns ``(rounded_total, rounded_values)``. Each rounded value is its exact value rounded
    down or up to the minor unit; the ones rounded up are those with the largest remainders.
    """
    with localcontext(CONTEXT):
        q = minor_unit(currency)
        total = round_money(sum(values, Decimal(0)), currency)
        units = [v / q for v in values]
        low = [_floor(u) for u in units]
        high = [lo if u == lo else lo + 1 for u, lo in zip(units, low)]
        parts = _largest_remainder(units, low, high, total / q - sum(low, Decimal(0)))
        return total, [_units_to_money(p, q) for p in parts]


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


@dataclass(frozen=True, slots=True)
class SplitRounding:
    """A host/US split of several rows, rounded so that every row and column adds up."""

    total: Decimal
    host: Decimal
    us: Decimal
    rows: tuple[tuple[Decimal, Decimal, Decimal], ...]  # (total, host, us) per row


def round_split(totals: Sequence[Decimal], hosts: Sequence[Decimal], currency: str) -> SplitRounding:
    """Round a table of rows, each an exact total of which an exact ``host`` part is paid by the host.

    Every rounded figure is its exact value rounded down or up to the minor unit, and:
    each row's host + US == its total; the rows' totals, host parts and US parts add up to
    the grand total, host and US; the grand total and host are each rounded once, half to even.
    """
    with localcontext(CONTEXT):
        q = minor_unit(currency)
        grand, row_totals = round_parts(totals, currency)
        host_units = [h / q for h in hosts]
        us_units = [(t - h) / q for t, h in zip(totals, hosts)]
        row_units = [t / q for t in row_totals]
        # Each row's host part may be its floor or ceiling, as long as the US part then is too.
        low = [max(_floor(h), r - _ceil(u)) for h, u, r in zip(host_units, us_units, row_units)]
        high = [min(_ceil(h), r - _floor(u)) for h, u, r in zip(host_units, us_units, row_units)]
        host_total = round_money(sum(hosts, Decimal(0)), currency) / q
        host_total = min(max(host_total, sum(low, Decimal(0))), sum(high, Decimal(0)))
        host_parts = _largest_remainder(host_units, low, high, host_total - sum(low, Decimal(0)))
        rows = tuple(
            (_units_to_money(r, q), _units_to_money(h, q), _units_to_money(r - h, q))
            for r, h in zip(row_units, host_parts)
        )
        return SplitRounding(grand, _units_to_money(host_total, q), _units_to_money(grand / q - host_total, q), rows)


def _units_to_money(units: Decimal, quantum: Decimal) -> Decimal:
    return (units * quantum).quantize(quantum)


def _floor(units: Decimal) -> Decimal:
    return units.to_integral_value(rounding=ROUND_FLOOR)


def _ceil(units: Decimal) -> Decimal:
    return -(-units).to_integral_value(rounding=ROUND_FLOOR)
