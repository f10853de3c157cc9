"""Claims about figures, such as ``¥200B = $1.9B``, checked at the rates in force. Pure functions.

A claim is ``EXPR = EXPR`` (also ``==``, ``≈`` or ``~``). An EXPR is amounts (the amount grammar)
and plain numbers joined by ``+ - * × / ÷`` and parentheses; ``75%`` is the number 0.75.

Each written amount stands for the interval its last written digit implies: ``$1.9B`` is
[1.85B, 1.95B), ``¥200B`` is [199.5B, 200.5B). Plain numbers are exact. Intervals carry through
the arithmetic, and a claim holds when its two sides' intervals, in one currency at the rates in
force, overlap. A tolerance (a fraction) replaces the written precision: each side then stands
for its value ± that fraction of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from hostcost.amounts import PLAIN_DIGITS, folded_digit, hundredth, parse_written, shell_cut
from hostcost.errors import AmountError, CurrencyError, InputError
from hostcost.fx import REFERENCE, Converter
from hostcost.money import CONTEXT, Money, round_money

COMPARATORS = ("==", "=", "≈", "~")
_OPERATORS = {"+": "+", "-": "-", "*": "*", "×": "*", "/": "/", "÷": "/", "(": "(", ")": ")"}
PERCENT_PLACES = 4
NUMBER_QUANTUM = Decimal("1e-12")  # plain-number results are shown to 12 decimal places


class ClaimError(InputError):
    """A claim that cannot be read."""


# -- intervals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """The numbers from ``lo`` to ``hi``; each end is in the interval when its flag says closed."""

    lo: Decimal
    hi: Decimal
    lo_closed: bool = True
    hi_closed: bool = True

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def written(cls, value: Decimal, unit: Decimal) -> Interval:
        """What a figure written to ``unit`` stands for: [value - unit/2, value + unit/2)."""
        half = unit / 2
        return cls(value - half, value + half, True, False)

    def __add__(self, other: Interval) -> Interval:
        return Interval(
            self.lo + other.lo,
            self.hi + other.hi,
            self.lo_closed and other.lo_closed,
            self.hi_closed and other.hi_closed,
        )

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_closed, self.lo_closed)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        ends = [
            (a * b, ca and cb)
            for a, ca in ((self.lo, self.lo_closed), (self.hi, self.hi_closed))
            for b, cb in ((other.lo, other.lo_closed), (other.hi, other.hi_closed))
        ]
        lo, hi = min(v for v, _ in ends), max(v for v, _ in ends)
        return Interval(lo, hi, any(c for v, c in ends if v == lo), any(c for v, c in ends if v == hi))

    def inverse(self) -> Interval:
        if self.lo <= 0 <= self.hi:
            raise ZeroDivisionError
        return Interval(1 / self.hi, 1 / self.lo, self.hi_closed, self.lo_closed)

    def scale(self, factor: Decimal) -> Interval:
        """The interval times a positive ``factor``."""
        return Interval(self.lo * factor, self.hi * factor, self.lo_closed, self.hi_closed)

    def overlaps(self, other: Interval) -> bool:
        lo = max((self.lo, not self.lo_closed), (other.lo, not other.lo_closed))
        hi = min((self.hi, self.hi_closed), (other.hi, other.hi_closed))
        return lo[0] < hi[0] or (lo[0] == hi[0] and not lo[1] and hi[1])


# -- parsing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A leaf of an expression: an amount (with a currency) or a plain number, as written."""

    text: str
    value: Decimal
    currency: str | None
    unit: Decimal


@dataclass(frozen=True)
class Op:
    op: str  # "+", "-", "*", "/", or "neg"
    args: tuple[Node, ...]


Node = Figure | Op


@dataclass(frozen=True)
class Claim:
    text: str
    left: Node
    right: Node
    comparator: str


def _tokens(text: str) -> list[str]:
    """Split a claim into operators, comparators and operand texts."""
    out: list[str] = []
    i, operand = 0, []

    def flush() -> None:
        word = "".join(operand).strip()
        if word:
            out.append(word)
        operand.clear()

    while i < len(text):
        for cmp in COMPARATORS:
            if text.startswith(cmp, i):
                flush()
                out.append(cmp)
                i += len(cmp)
                break
        else:
            ch = text[i]
            exponent_sign = ch in "+-" and re.search(r"\d[eE]$", "".join(operand)) is not None
            if ch in _OPERATORS and not exponent_sign:
                flush()
                out.append(_OPERATORS[ch])
            else:
                operand.append(ch)
            i += 1
    flush()
    return out


def _fail(text: str, why: str) -> ClaimError:
    shown = f"{text!r}" if len(text) <= 80 else f"{text[:60]!r}… ({len(text):,} characters)"
    return ClaimError(f"claim {shown}: {why}")


#: The most figures, operators and brackets one claim may have.
MAX_TOKENS = 200


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0

    def fail(self, why: str) -> ClaimError:
        return _fail(self.text, why)

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> str | None:
        token = self.peek()
        self.i += 1
        return token

    def claim(self) -> Claim:
        if not self.tokens:
            raise self.fail("it is empty; expected EXPR = EXPR, such as ¥200B = $1.9B")
        if len(self.tokens) > MAX_TOKENS:  # bounds the depth of what is parsed and worked out
            raise self.fail(
                f"it has {len(self.tokens):,} figures, operators and brackets; a claim has at most {MAX_TOKENS}"
            )
        left = self.expr()
        comparator = self.take()
        if comparator not in COMPARATORS:
            raise self.fail("expected EXPR = EXPR (or ==, ≈, ~), such as ¥200B = $1.9B")
        right = self.expr()
        if self.peek() is not None:
            what = "second comparison" if self.peek() in COMPARATORS else f"{self.peek()!r}"
            raise self.fail(f"unexpected {what} after the right side")
        return Claim(self.text, left, right, comparator)

    def expr(self) -> Node:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            node = Op(op, (node, self.term()))
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek() in ("*", "/"):
            op = self.take()
            node = Op(op, (node, self.unary()))
        return node

    def unary(self) -> Node:
        if self.peek() == "-":
            self.take()
            return Op("neg", (self.unary(),))
        if self.peek() == "+":
            self.take()
            return self.unary()
        return self.atom()

    def atom(self) -> Node:
        token = self.take()
        if token is None or token in COMPARATORS or token in (")", "*", "/"):
            where = "at the end" if token is None else f"before {token!r}"
            raise self.fail(f"expected an amount or a number {where}")
        if token == "(":
            node = self.expr()
            if self.take() != ")":
                raise self.fail("a '(' is never closed")
            return node
        return _figure(token, self)


def _figure(token: str, parser: _Parser) -> Figure:
    text = unicodedata.normalize("NFKC", token).strip()
    percent = text.endswith("%")
    try:
        written = parse_written(text.removesuffix("%").strip() if percent else text)
    except (AmountError, CurrencyError) as e:
        raise parser.fail(str(e)) from None
    cut = shell_cut(token, written)
    if cut is not None:
        raise parser.fail(str(cut))
    if percent:
        if written.currency:
            raise parser.fail(f"{token!r}: a percent takes no currency")
        return Figure(token, hundredth(written.value), None, hundredth(written.unit))
    currency = written.currency or ("JPY" if written.japanese else None)  # 万, 億 and 兆 alone mean yen
    return Figure(token, written.value, currency, written.unit)


def claim_currencies(claim: Claim) -> tuple[str, ...]:
    """The currencies a claim's amounts are written in, in the order they appear."""

    def walk(node: Node):
        if isinstance(node, Figure):
            if node.currency:
                yield node.currency
        else:
            for arg in node.args:
                yield from walk(arg)

    return tuple(dict.fromkeys((*walk(claim.left), *walk(claim.right))))


def parse_claim(text: str) -> Claim:
    """Read one claim; :class:`ClaimError` says what is wrong with it."""
    found = folded_digit(text)  # 2³ is not 23, and is not read as 23
    if found:
        raise _fail(text, f"it has {found}, {PLAIN_DIGITS}")
    return _Parser(text.strip()).claim()


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
class ClaimResult:
    line: int
    text: str
    holds: bool
    money: bool
    left: Side
    right: Side
    difference: dict[str, Decimal]  # left minus right, in each currency (or "" for numbers)
    percent: Decimal | None  # the difference as a percent of the right side
    currencies: tuple[str, ...]
    real: dict[str, Decimal] | None = None  # each side in dollars of another year's prices (--prices)


def _evaluate(node: Node, converter: Converter, claim: Claim, base: str) -> _Value:

    def fail(why: str) -> ClaimError:
        return _fail(claim.text, why)

    if isinstance(node, Figure):
        if node.currency is None:
            return _Value(node.value, Interval.exact(node.value), False, ())
        written = Interval.written(node.value, node.unit)

        def to_base(x: Decimal) -> Decimal:
            return converter.convert(Money(x, node.currency), base)

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


def _in_currencies(
    value: Decimal, money: bool, base: str, currencies: Sequence[str], converter: Converter
) -> dict[str, Decimal]:
    if not money:
        return {"": value.quantize(NUMBER_QUANTUM)}
    return {c: round_money(converter.convert(Money(value, base), c), c) for c in currencies}


def check_claim(
    claim: Claim,
    converter: Converter,
    shown: Sequence[str],
    tolerance: Decimal | None = None,
    line: int = 0,
    prices: Fraction | None = None,
) -> ClaimResult:
    """Check ``claim`` at ``converter``'s rates. Money is shown in ``shown`` and in every
    currency the claim names. ``tolerance`` (a fraction, 0.01 for 1%) replaces written precision.
    ``prices``: the factor that restates dollars in another year's prices (--prices); the verdict
    is the same in any prices, and the restated sides are shown beside it."""
    with localcontext(CONTEXT):
        base = (claim_currencies(claim) or (REFERENCE,))[0]  # one currency written: no conversion at all
        left, right = (_evaluate(n, converter, claim, base) for n in (claim.left, claim.right))
        if left.money != right.money:
            raise _fail(
                claim.text,
                "one side is an amount of money and the other a plain number; if a $ amount was in double "
                "quotes, the shell replaced $ and the digit after it: put the claim in single quotes",
            )
        if tolerance is not None:
            left, right = (_Value(v.point, _around(v.point, tolerance), v.money, v.currencies) for v in (left, right))
        money = left.money
        currencies = tuple(dict.fromkeys((*shown, *left.currencies, *right.currencies))) if money else ("",)

        def side(v: _Value) -> Side:
            spread = (v.interval.hi - v.interval.lo) / 2 / abs(v.point) if v.point else None
            ends = (v.point, v.interval.lo, v.interval.hi)
            return Side(
                *(_in_currencies(x, money, base, currencies, converter) for x in ends),
                spread.quantize(Decimal("1e-12")).normalize() if spread is not None else None,
            )

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
        return ClaimResult(
            line,
            claim.text,
            left.interval.overlaps(right.interval),
            money,
            side(left),
            side(right),
            difference,
            percent,
            currencies,
            real,
        )


def _around(point: Decimal, tolerance: Decimal) -> Interval:
    width = abs(point) * tolerance
    return Interval(point - width, point + width)


@dataclass(frozen=True)
class ClaimLine:
    """A claim to check, and where it came from: a line of a file, or a position among arguments."""

    line: int
    text: str
    where: str = "argument"


def check_claims(
    claims: Sequence[tuple[ClaimLine, Claim]],
    converter: Converter,
    shown: Sequence[str],
    tolerance: Decimal | None,
    prices: Fraction | None = None,
) -> list[ClaimResult]:
    """:func:`check_claim` of each claim; an error (a claim in a currency with no rate) names the
    file and the line, or the argument, it came from."""
    for line, claim in claims:  # the claim whose own currency has no rate is the one to name
        try:
            for currency in claim_currencies(claim):
                if currency != REFERENCE:
                    converter.rates.rate(currency)
        except CurrencyError as e:
            raise CurrencyError(f"{line.where}:{line.line}: {e}") from None
    out = []
    for line, claim in claims:
        try:
            out.append(check_claim(claim, converter, shown, tolerance, line.line, prices))
        except (ClaimError, CurrencyError) as e:
            raise type(e)(f"{line.where}:{line.line}: {e}") from None
    return out


def read_claims(lines: Sequence[str], where: str) -> list[ClaimLine]:
    """The claims of a claims file: one a line; blank lines and ``#`` comments are skipped."""
    out = []
    for n, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].strip()
        if text:
            out.append(ClaimLine(n, text, where))
    if not out:
        raise ClaimError(f"{where}: no claims in it; expected one claim a line, such as ¥200B = $1.9B")
    return out


def parse_claims(claims: Sequence[ClaimLine], where: str) -> list[tuple[ClaimLine, Claim]]:
    """Parse every claim first, so a malformed one is reported, by its line, before any output."""
    out = []
    for c in claims:
        try:
            out.append((c, parse_claim(c.text)))
        except ClaimError as e:
            raise ClaimError(f"{where}:{c.line}: {e}") from None
    return out
