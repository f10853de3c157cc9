"""Claims checked: each side worked out exactly at the rates in force, and the verdict, what the
right side should read, and the rates and periods at which the claim would hold. Pure functions.

The claim grammar and its semantics are :mod:`hostcost.core.claims`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

from hostcost.core.amounts import parse_written
from hostcost.core.claims import (
    INEQUALITIES,
    NUMBER_QUANTUM,
    PERCENT_PLACES,
    TOLERANCE,
    Claim,
    ClaimError,
    ClaimLine,
    Figure,
    Interval,
    Node,
    _fail,
    claim_currencies,
    claim_sources,
    figures_of,
)
from hostcost.core.fx import REFERENCE, Rate, Rates
from hostcost.core.money import CONTEXT, Money, exactly, exponent, round_money
from hostcost.errors import CurrencyError, InputError, RateError

# -- checking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    """A value worked out in the claim's base currency (money) or as a plain number, with its interval."""

    point: Decimal
    interval: Interval
    money: bool
    currencies: tuple[str, ...]  # the currencies written in it, in order


@dataclass(frozen=True)
class Side:
    """One side of a checked claim: its value and its interval's ends, in each currency shown
    (or as plain numbers, under the key ``""``), and the relative width of its interval."""

    value: dict[str, Decimal]
    low: dict[str, Decimal]
    high: dict[str, Decimal]
    spread: Decimal | None  # half the interval's width, as a fraction of the value


@dataclass(frozen=True)
class HoldsAt:
    """The rates of ``currency`` (units per US dollar) at which a claim holds: from ``low`` to
    ``high`` (None: no bound found within a hundredfold of the exact rate), and ``exact``, the
    rate at which its two sides are equal."""

    currency: str
    low: Decimal | None
    high: Decimal | None
    exact: Decimal


@dataclass(frozen=True)
class ClaimResult:
    """A claim checked: its verdict and both counts, both sides, what the right side should read,
    and the rates and built-in periods at which it would hold."""

    line: int
    text: str
    verdict: str
    money: bool
    left: Side
    right: Side
    difference: dict[str, Decimal]  # left minus right, in each currency (or "" for numbers)
    percent: Decimal | None  # the difference as a percent of the right side
    currencies: tuple[str, ...]  # the currencies shown
    comparator: str = "="
    tolerance: Decimal | None = None  # the accuracy allowed, a fraction (None for an inequality)
    precision_ok: bool = True
    accuracy_ok: bool = True
    should_read: str | None = None
    holds_at: HoldsAt | None = None
    periods: tuple[str, ...] = ()
    own: tuple[str, ...] = ()  # the currencies the claim is written in
    sources: tuple[tuple[str, str], ...] = ()  # the built-in figures it names
    rates: Rates | None = None  # the rates it was checked at (its own @PERIOD's, or those in force)
    real: dict[str, Decimal] | None = None  # each side in dollars of another year's prices (--prices)
    column: int | None = None  # where it was found in a draft (check --scan)

    @property
    def holds(self) -> bool:
        return self.verdict == "holds"


def _evaluate(node: Node, converter, claim: Claim, base: str) -> _Value:

    def fail(why: str) -> ClaimError:
        return _fail(claim.text, why)

    if isinstance(node, Figure):
        if node.currency is None:
            return _Value(node.value, Interval.exact(node.value), False, ())
        written = Interval.written(node.value, node.unit)

        currency = node.currency

        def to_base(x: Decimal) -> Decimal:
            return converter.convert(Money(x, currency), base)

        interval = Interval(to_base(written.lo), to_base(written.hi), written.lo_closed, written.hi_closed)
        return _Value(to_base(node.value), interval, True, (node.currency,))
    args = [_evaluate(a, converter, claim, base) for a in node.args]
    currencies = tuple(dict.fromkeys(c for a in args for c in a.currencies))
    if node.op == "neg":
        (a,) = args
        return _Value(-a.point, -a.interval, a.money, currencies)
    a, b = args
    if node.op in "+-":
        if a.money != b.money:
            raise fail("it adds an amount of money to a plain number; give both a currency, or neither")
        if node.op == "+":
            return _Value(a.point + b.point, a.interval + b.interval, a.money, currencies)
        return _Value(a.point - b.point, a.interval - b.interval, a.money, currencies)
    if node.op == "*":
        if a.money and b.money:
            raise fail("it multiplies two amounts of money; one side of a '×' must be a plain number")
        return _Value(a.point * b.point, a.interval * b.interval, a.money or b.money, currencies)
    if b.money and not a.money:
        raise fail("it divides a plain number by an amount of money")
    try:
        interval = a.interval * b.interval.inverse()
        point = a.point / b.point
    except ZeroDivisionError:
        raise fail("it divides by a figure that may be zero") from None
    return _Value(point, interval, a.money and not b.money, currencies)


def _in_currencies(value: Decimal, money: bool, base: str, currencies: Sequence[str], converter) -> dict[str, Decimal]:
    if not money:
        return {"": value.quantize(NUMBER_QUANTUM)}
    return {c: round_money(converter.convert(Money(value, base), c), c) for c in currencies}


@dataclass(frozen=True)
class _Judged:
    base: str
    left: _Value
    right: _Value
    verdict: str
    precision_ok: bool
    accuracy_ok: bool


def _contains(interval: Interval, x: Decimal) -> bool:
    """Whether ``x`` rounds to the written figure ``interval`` stands for: an exact tie at either
    end counts, since it rounds to the figure one way or the other (¥62.5 is ¥62, half to even)."""
    return interval.lo <= x <= interval.hi


def _judge(claim: Claim, converter, tolerance: Decimal | None) -> _Judged:
    """The two counts and the verdict of ``claim`` at ``converter``'s rates (``tolerance``: the
    accuracy allowed, or None for the comparator's own)."""
    with localcontext(CONTEXT):
        base = (claim_currencies(claim) or (REFERENCE,))[0]  # one currency written: no conversion at all
        left = _evaluate(claim.left, converter, claim, base)
        right = _evaluate(claim.right, converter, claim, base)
        if left.money != right.money:
            raise _fail(
                claim.text,
                "one side is an amount of money and the other a plain number; if a $ amount was in double "
                "quotes, the shell replaced $ and the digit after it: put the claim in single quotes",
            )
        if isinstance(claim.right, Figure) and claim.right.currency is None:  # a lone plain figure is written
            right = replace(right, interval=Interval.written(claim.right.value, claim.right.unit))
        if claim.comparator in INEQUALITIES:
            ok = {
                "<": left.point < right.point,
                ">": left.point > right.point,
                "≤": left.point <= right.point,
                "≥": left.point >= right.point,
            }[claim.comparator]
            return _Judged(base, left, right, "holds" if ok else "fails", ok, ok)
        allowed = tolerance if tolerance is not None else TOLERANCE[claim.comparator]
        precise = _contains(right.interval, left.point)
        off = abs(left.point - right.point)
        accurate = off <= allowed * abs(right.point) if right.point else off == 0
        verdict = {(True, True): "holds", (False, True): "last-digit", (True, False): "too-loose"}.get(
            (precise, accurate), "fails"
        )
        return _Judged(base, left, right, verdict, precise, accurate)


@exactly
def check_claim(
    claim: Claim,
    rates: Rates,
    shown: Sequence[str],
    tolerance: Decimal | None = None,
    line: int = 0,
    prices: Fraction | None = None,
    period_rates: Callable[[str], Sequence[tuple[str, Decimal]]] | None = None,
) -> ClaimResult:
    """Check ``claim`` at ``rates``. Money is shown in ``shown`` and in every currency the claim
    names. ``tolerance`` (a fraction, 0.01 for 1%) replaces each comparator's own. ``prices``: the
    factor that restates dollars in another year's prices (--prices); the verdict is the same in
    any prices, and the restated sides are shown beside it. ``period_rates(currency)``: the
    built-in periods and their average rates, for the periods at which a claim would hold."""
    converter = rates.converter()
    judged = _judge(claim, converter, tolerance)
    left, right, base = judged.left, judged.right, judged.base
    for v in (left, right):
        if v.point and v.point.adjusted() >= 36:
            raise _fail(claim.text, "it works out to 10^36 or more, larger than any figure hostcost shows")
    money = left.money
    priced = {r.currency for r in rates.rates} | {REFERENCE}
    wanted = (*(c for c in shown if c in priced), *left.currencies, *right.currencies)  # no rate: not shown
    currencies = tuple(dict.fromkeys(wanted)) if money else ("",)

    def side(v: _Value) -> Side:
        spread = (v.interval.hi - v.interval.lo) / 2 / abs(v.point) if v.point else None
        ends = (v.point, v.interval.lo, v.interval.hi)
        value, low, high = (_in_currencies(x, money, base, currencies, converter) for x in ends)
        return Side(value, low, high, spread.quantize(Decimal("1e-12")).normalize() if spread is not None else None)

    difference = _in_currencies(left.point - right.point, money, base, currencies, converter)
    percent = (
        ((left.point - right.point) / abs(right.point) * 100).quantize(Decimal(1).scaleb(-PERCENT_PLACES))
        if right.point
        else None
    )
    real = None
    if prices is not None and money:
        real = {
            name: round_money(Fraction(converter.convert(Money(v.point, base), REFERENCE)) * prices, REFERENCE)
            for name, v in (("left", left), ("right", right))
        }
    should = None if judged.verdict == "holds" else should_read(claim, left.point, base, converter)
    own = claim_currencies(claim)
    holds_at = _holds_at(claim, rates, tolerance, own)
    periods: tuple[str, ...] = ()
    if holds_at is not None and period_rates is not None:
        periods = _periods(holds_at, period_rates(holds_at.currency))
    sides = side(left), side(right)  # in the 60-digit context, as every figure here
    allowed = (
        None
        if claim.comparator in INEQUALITIES
        else (tolerance if tolerance is not None else TOLERANCE[claim.comparator])
    )
    return ClaimResult(
        line,
        claim.text,
        judged.verdict,
        money,
        *sides,
        difference,
        percent,
        currencies,
        claim.comparator,
        allowed,
        judged.precision_ok,
        judged.accuracy_ok,
        should,
        holds_at,
        periods,
        own,
        claim_sources(claim),
        rates,
        real,
    )


# -- what the right side should read --------------------------------------------------------------

_STYLE = re.compile(
    r"(?P<pre>\D*?)(?P<num>\d[\d,_]*(?:\.\d+)?)(?P<mid>\s*)(?P<scale>[a-zA-Z]+|[兆億万조억만])?(?P<post>.*)", re.S
)
_SYMBOL = {"USD": "$", "JPY": "¥", "KRW": "₩", "EUR": "€", "GBP": "£"}


def _significant(num: str) -> int:
    digits = num.replace(",", "").replace("_", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0")) or 1
    return len(digits.strip("0").lstrip("0") or "0") if digits.strip("0") else 1


def _to_digits(value: Decimal, significant: int) -> Decimal:
    if not value:
        return Decimal(0)
    exponent = value.adjusted() - (significant - 1)
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)


def _number_text(value: Decimal, grouped: bool) -> str:
    text = format(value, "f") if exponent(value) < 0 else format(value.quantize(Decimal(1)), "f")
    if grouped:
        whole, _, part = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = f"{int(whole.lstrip('-')):,}"
        text = sign + whole + (f".{part}" if part else "")
    return text


def _powers() -> dict[str, int]:
    from hostcost.core.amounts import _EAST_ASIAN, _SCALES

    return {**{k.lower(): v for k, v in _SCALES.items()}, **_EAST_ASIAN}


@exactly
def restyle(written: str, value: Decimal) -> str | None:
    """``value`` written as ``written`` is: the same currency sign or word, the same scale, as
    many significant digits (at least two), the same grouping: ``$1B`` at 0.8667B reads
    ``$0.87B``; ``$37,000`` at 35,185 reads ``$35,000``. None when ``written`` is not one figure."""
    text = written.strip()
    east = [ch for ch in text if ch in "兆億万조억만"]
    powers = _powers()
    if len(east) > 1:  # 1兆551億円: in its largest unit, with the digits of the whole
        top = max(east, key=lambda ch: powers[ch])
        figure = parse_written(text)
        digits = str(figure.value).rstrip("0") or "0"
        scaled = value.scaleb(-powers[top])
        suffix = "円" if text.endswith("円") else "원" if text.endswith("원") else ""
        prefix = text[: len(text) - len(text.lstrip("¥₩￥$ "))]
        return f"{prefix}{_number_text(_to_digits(scaled, max(len(digits), 2)), False)}{top}{suffix}"
    m = _STYLE.fullmatch(text)
    if not m:
        return None
    scale = m.group("scale") or ""
    found = powers.get(scale.lower(), powers.get(scale)) if scale else 0
    if found is None:  # a word after the number that is no scale: "yen", "dollars"
        power, post, mid, scale = 0, m.group("mid") + scale + m.group("post"), "", ""
    else:
        power, post, mid = found, m.group("post"), m.group("mid")
    significant = max(_significant(m.group("num")), 2)
    number = _to_digits(value.scaleb(-power), significant)
    sign = "-" if number < 0 and not m.group("pre").strip().startswith("-") else ""
    return f"{m.group('pre')}{sign}{_number_text(abs(number), ',' in m.group('num'))}{mid}{scale}{post}"


@exactly
def should_read(claim: Claim, exact: Decimal, base: str, converter) -> str:
    """The right side written again at the value that makes the claim exact, in its own style;
    a right side of several figures is written in its first currency, to three digits."""
    right = claim.right
    if isinstance(right, Figure):
        value = exact if right.currency is None else converter.convert(Money(exact, base), right.currency)
        styled = restyle(right.text, value)
        if styled is not None:
            return styled
    currency = next((f.currency for f in figures_of(right) if f.currency), None)
    value = exact if currency is None else converter.convert(Money(exact, base), currency)
    for scale, power in (("T", 12), ("B", 9), ("M", 6), ("k", 3), ("", 0)):
        if abs(value) >= Decimal(10) ** power or not power:
            number = _number_text(_to_digits(value.scaleb(-power), 3), False)
            symbol = _SYMBOL.get(currency, f"{currency} ") if currency else ""
            return f"{symbol}{number}{scale}"
    raise AssertionError  # pragma: no cover - the loop ends at power 0


# -- the rates at which a claim would hold ----------------------------------------------------------


def _holds_at(claim: Claim, rates: Rates, tolerance: Decimal | None, own: Sequence[str]) -> HoldsAt | None:
    """For a claim in US dollars and one other currency: the rates of the other at which it
    holds, found by bisection around the rate that makes its two sides equal."""
    if claim.comparator in INEQUALITIES or len(own) != 2 or REFERENCE not in own:
        return None
    currency = next(c for c in own if c != REFERENCE)
    try:
        start = rates.rate(currency).per_usd
    except CurrencyError:
        return None

    def at(r: Decimal) -> _Judged:
        return _judge(claim, rates.replacing([Rate(currency, r, Decimal(1), "trial")]).converter(), tolerance)

    def gap(r: Decimal) -> Decimal:
        j = at(r)
        return j.left.point - j.right.point

    with localcontext(CONTEXT):
        exact = _equal_at(gap, start)
        if exact is None or exact <= 0 or at(exact).verdict != "holds":
            return None

        def edge(step: Decimal) -> Decimal | None:
            """The last rate, going from the exact one by factors of ``step``, at which it holds."""
            inside, outside = exact, exact * step
            for _ in range(8):  # widen to a hundredfold at most
                if at(outside).verdict != "holds":
                    break
                inside, outside = outside, outside * step
            else:
                return None
            while abs(outside - inside) > abs(inside) * Decimal("1e-8"):
                mid = (inside + outside) / 2
                if at(mid).verdict == "holds":
                    inside = mid
                else:
                    outside = mid
            return inside

        low, high = edge(Decimal("0.5")), edge(Decimal(2))
        places = Decimal("0.0001")
        if low is not None:  # shown to four places, inside the range
            low = low.quantize(places, rounding="ROUND_CEILING")
        if high is not None:
            high = high.quantize(places, rounding="ROUND_FLOOR")
        return HoldsAt(currency, low, high, exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN))


def _equal_at(gap: Callable[[Decimal], Decimal], start: Decimal) -> Decimal | None:
    """The rate at which the two sides are equal. Each side, in one currency, is affine in the
    rate or in its inverse, so two evaluations find it and a third confirms it; else bisection."""
    a, b = start, start * Decimal("1.5")
    ga, gb = gap(a), gap(b)
    for u in (lambda r: r, lambda r: 1 / r):  # affine in r, or in 1/r
        ua, ub = u(a), u(b)
        if ga == gb:
            continue
        root = ua - ga * (ub - ua) / (gb - ga)
        if root > 0:
            r = u(root)
            if abs(gap(r)) <= (abs(ga) + abs(gb)) * Decimal("1e-30"):
                return r
    lo, hi = start / 100, start * 100
    g_lo, g_hi = gap(lo), gap(hi)
    if g_lo == 0 or g_hi == 0:
        return lo if g_lo == 0 else hi
    if (g_lo > 0) == (g_hi > 0):
        return None
    while hi - lo > lo * Decimal("1e-15"):
        mid = (lo + hi) / 2
        g_mid = gap(mid)
        if g_mid == 0:
            return mid
        if (g_mid > 0) == (g_lo > 0):
            lo, g_lo = mid, g_mid
        else:
            hi = mid
    return (lo + hi) / 2


def _periods(at: HoldsAt, known: Sequence[tuple[str, Decimal]]) -> tuple[str, ...]:
    """The periods whose average rate lies where the claim holds, nearest the exact rate first."""
    inside = [
        (abs(rate - at.exact), text)
        for text, rate in known
        if (at.low is None or rate >= at.low) and (at.high is None or rate <= at.high)
    ]
    return tuple(text for _, text in sorted(inside))


@exactly
def check_claims(
    claims: Sequence[tuple[ClaimLine, Claim]],
    rates: Rates,
    shown: Sequence[str],
    tolerance: Decimal | None,
    prices: Fraction | None = None,
    rates_at: Callable[[str], Rates] | None = None,
    period_rates: Callable[[str], Sequence[tuple[str, Decimal]]] | None = None,
) -> list[ClaimResult]:
    """:func:`check_claim` of each claim, each at its own ``@PERIOD``'s rates (``rates_at``) or
    those in force; an error (a claim in a currency with no rate) names the file and the line,
    or the argument, it came from."""
    out = []
    for line, claim in claims:
        try:
            own = rates_at(claim.period) if claim.period and rates_at else rates
            if claim.period and rates_at is None:
                raise ClaimError(f"@{claim.period}: no rates of a period were given to check it at")
            for currency in claim_currencies(claim):
                if currency != REFERENCE:
                    own.rate(currency)
            result = check_claim(claim, own, shown, tolerance, line.line, prices, period_rates)
        except (ClaimError, CurrencyError, RateError, InputError) as e:
            raise type(e)(f"{line.where}:{line.line}: {e}") from None
        out.append(replace(result, column=line.column))
    return out
