"""Money: an exact Decimal with a currency code, and the rounding rules.

Rules (README, "Money rules"):
- amounts are Decimals built from text, never from floats;
- figures worked out from them (a conversion, a share) are exact fractions until rounded: a yen
  amount at 150 yen to the dollar is a third of a cent away from any Decimal;
- rounding happens once, at the edge, to the currency's minor unit (whole yen, US cents, ...),
  half to even (ROUND_HALF_EVEN, "banker's rounding");
- a whole is split by largest remainder, so the rounded parts always add up to the rounded whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from fractions import Fraction
from functools import cache, cached_property, wraps
from typing import Any, TypeVar

#: Arithmetic context for money: wide enough that no amount hostcost accepts (below 10**18)
#: loses a digit before the final rounding. Its traps are its own, whatever the importer's
#: default context has.
CONTEXT = Context(prec=60, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow])

_F = TypeVar("_F", bound=Callable[..., Any])


def exactly(f: _F) -> _F:
    """``f`` run in :data:`CONTEXT`, whatever context its caller is in: Python's default keeps 28
    digits, and an amount of 18 digits times a rate of 15 has more (the difference of two
    36-digit figures came out rounded, and Babel refused to write one)."""

    @wraps(f)
    def run(*args: Any, **kwargs: Any) -> Any:
        with localcontext(CONTEXT):
            return f(*args, **kwargs)

    return run  # type: ignore[return-value]


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


def half_even(n: int, d: int) -> int:
    """``n / d`` rounded to a whole number, half to even (``d > 0``)."""
    q, r = divmod(n, d)
    twice = 2 * r
    return q + 1 if twice > d or (twice == d and q & 1) else q


def round_places(value: Decimal | Fraction, places: int) -> Decimal:
    """``value``, exact, rounded once, half to even, to ``places`` decimal places."""
    n, d = value.as_integer_ratio()
    return _money(half_even(n * 10**places, d), places)


def round_money(amount: Decimal | Fraction, currency: str) -> Decimal:
    """``amount`` rounded half-to-even to the minor unit of ``currency``."""
    return round_places(amount, decimal_places(currency))


def exponent(value: Decimal) -> int:
    """The exponent of a finite Decimal: -2 for 1.25, 3 for 1E+3."""
    e = value.as_tuple().exponent
    if not isinstance(e, int):
        raise ValueError(f"{value} is not a finite number")
    return e


@cache
def decimal_places(currency: str) -> int:
    """How many decimal places the currency's minor unit has: 2 for USD, 0 for JPY."""
    return -exponent(minor_unit(currency))


def _money(units: int, places: int) -> Decimal:
    """Whole minor units as a Decimal, exactly: the digits kept and the exponent moved, never
    rounded to a context's precision (Decimal.scaleb rounds to 28 digits by default)."""
    sign, digits, _ = Decimal(units).as_tuple()  # a whole number's exponent is 0
    return Decimal((sign, digits, -places))


def minor_units(values: Sequence[Decimal | Fraction], currency: str) -> tuple[list[int], int]:
    """``values`` in the minor units of ``currency``, exactly: whole numerators over one common
    denominator, ``(numerators, denominator)``."""
    ratios = [v.as_integer_ratio() for v in values]
    den = math.lcm(*(d for _, d in ratios)) if ratios else 1
    scale = 10 ** decimal_places(currency)
    return [n * scale * (den // d) for n, d in ratios], den


def _largest_remainder(exact: Sequence[int], den: int, low: list[int], high: list[int], extra: int) -> list[int]:
    """Raise ``extra`` of the ``low`` values to ``high``, largest remainder first (then the first
    in order). Each value's exact figure is ``exact[i] / den``; all are in whole minor units. (For
    host parts, whose bounds are not simply floor and ceiling; rows use :func:`_round_rows`.)"""
    if extra <= 0:
        return low
    order = sorted((i for i in range(len(exact)) if high[i] > low[i]), key=lambda i: (low[i] * den - exact[i], i))
    out = list(low)
    for i in order[:extra]:
        out[i] = high[i]
    return out


def _round_rows(units: Sequence[int], den: int, total: int) -> list[int]:
    """Each of ``units`` (exact figures ``units[i] / den``) rounded down or up so that they add up
    to ``total``: the largest remainders are rounded up (a stable sort: the first among equals)."""
    rows = [u // den for u in units]
    extra = total - sum(rows)
    if extra:
        remainders = [u % den for u in units]
        for i in sorted(range(len(rows)), key=remainders.__getitem__, reverse=True)[:extra]:
            rows[i] += 1
    return rows


def round_parts(values: Sequence[Decimal | Fraction], currency: str) -> tuple[Decimal, list[Decimal]]:
    """Round the sum of ``values`` once, then round each value so that they add up to it.

    Returns ``(rounded_total, rounded_values)``. Each rounded value is its exact value rounded
    down or up to the minor unit; the ones rounded up are those with the largest remainders.
    """
    places = decimal_places(currency)
    units, den = minor_units(values, currency)
    total = half_even(sum(units), den)
    return _money(total, places), [_money(p, places) for p in _round_rows(units, den, total)]


def allocate(total: Decimal, weights: Sequence[Decimal], currency: str) -> list[Decimal]:
    """Split ``total`` in proportion to ``weights``, by largest remainder.

    The parts add up exactly to ``total`` rounded to the minor unit of ``currency``.
    """
    weight = sum(map(Fraction, weights), Fraction(0))
    if weight == 0:
        raise ValueError("allocate() needs weights that do not add up to zero")
    rounded, parts = round_parts([Fraction(total) * Fraction(w) / weight for w in weights], currency)
    if rounded != round_money(total, currency):  # pragma: no cover - exact arithmetic
        raise ArithmeticError("allocation lost a unit")
    return parts


def split_units(
    totals: Sequence[int], hosts: Sequence[int], den: int
) -> tuple[int, int, list[int], list[int], list[int]]:
    """The rule of :func:`round_split`, in whole numbers: row ``i`` costs exactly ``totals[i] / den``
    minor units, of which the host pays ``hosts[i] / den``.

    Returns ``(total, host, rows, low, high)``: the rounded grand total and host part, each row's
    rounded total, and the least and most each row's host part may be rounded to."""
    grand = half_even(sum(totals), den)
    rows = _round_rows(totals, den, grand)
    # Each row's host part may be its floor or ceiling, as long as the US part then is too.
    low, high = [], []
    for h, t, r in zip(hosts, totals, rows):
        u = t - h
        low.append(max(h // den, r + (-u) // den))  # r - ceil(u)
        high.append(min(-(-h // den), r - u // den))  # r - floor(u)
    host = min(max(half_even(sum(hosts), den), sum(low)), sum(high))
    return grand, host, rows, low, high


def split_shared(units: Sequence[int], den: int, sn: int, sd: int) -> tuple[int, int]:
    """``(total, host)`` as :func:`split_units` gives them when the host pays the same share
    ``sn / sd`` of every row, without its lists. Its closed forms: a share of 1 is the whole and
    a share of 0 nothing; when every row is whole (``den`` 1), no row's rounding can move the
    host's, which is its exact part rounded once. A property test holds this rule to the general one."""
    whole = sum(units)
    grand = half_even(whole, den)
    if sn == sd:
        return grand, grand
    if sn == 0:
        return grand, 0
    if den == 1:
        return grand, half_even(whole * sn, sd)
    rows = _round_rows(units, den, grand)
    d = den * sd
    us_share = sd - sn
    low = high = 0
    for n, r in zip(units, rows):  # each row's host part: its floor or ceiling, if the US part's is too
        h = n * sn
        u = n * us_share
        a, b = h // d, r + (-u) // d
        low += a if a > b else b
        a, b = -(-h // d), r - u // d
        high += a if a < b else b
    host = half_even(whole * sn, d)
    return grand, low if host < low else high if host > high else host


def split_one(total: int, host: int, den: int) -> tuple[int, int]:
    """:func:`split_units` of a single row, ``(total, host)``: the same rule, without the lists;
    a host paying all or nothing pays the rounded whole or nothing, as the rule gives them."""
    grand = half_even(total, den)
    if host == total or host == 0:
        return grand, grand if host else 0
    u = total - host
    low, high = max(host // den, grand + (-u) // den), min(-(-host // den), grand - u // den)
    return grand, min(max(half_even(host, den), low), high)


class SplitRounding:
    """A host/US split of several rows, rounded so that every row and column adds up.

    ``total``, ``host`` and ``us`` are the rounded sums; ``rows`` is ``(total, host, us)`` per row."""

    def __init__(self, totals: Sequence[Decimal | Fraction], hosts: Sequence[Decimal | Fraction], currency: str):
        self.places = places = decimal_places(currency)
        units, self._den = minor_units([*totals, *hosts], currency)
        self._hosts = units[len(totals) :]
        grand, host, self._rows, self._low, self._high = split_units(units[: len(totals)], self._hosts, self._den)
        self._host_units = host
        self.total, self.host, self.us = _money(grand, places), _money(host, places), _money(grand - host, places)

    @cached_property
    def rows(self) -> tuple[tuple[Decimal, Decimal, Decimal], ...]:
        """``(total, host, us)`` per row."""
        p = self.places
        parts = _largest_remainder(self._hosts, self._den, self._low, self._high, self._host_units - sum(self._low))
        return tuple((_money(r, p), _money(h, p), _money(r - h, p)) for r, h in zip(self._rows, parts))


def round_split(
    totals: Sequence[Decimal | Fraction], hosts: Sequence[Decimal | Fraction], currency: str
) -> SplitRounding:
    """Round a table of rows, each an exact total of which an exact ``host`` part is paid by the host.

    Every rounded figure is its exact value rounded down or up to the minor unit, and:
    each row's host + US == its total; the rows' totals, host parts and US parts add up to
    the grand total, host and US; the grand total and host are each rounded once, half to even.
    """
    return SplitRounding(totals, hosts, currency)


def trim(d: Decimal) -> Decimal:
    """A Decimal without trailing zeros or an exponent: 0.7500 -> 0.75, 1E+2 -> 100."""
    with localcontext(CONTEXT):  # as many digits as any figure hostcost takes: none rounded away
        d = d.normalize()
        return d.quantize(Decimal(1)) if d == d.to_integral_value() else d
