"""Amounts as people write them, and amounts as people read them.

Parsing (README, "Amounts"): ``"¥200B"``, ``"200 billion yen"``, ``"2000億円"``, ``"1兆551億円"``,
``"$1.9bn"``, ``"1.9e9 USD"``, ``"USD 1.9 billion"``, ``"¥200,000,000,000"``, fullwidth digits.
A bare number takes the default currency. Every failure raises :class:`AmountError` or
:class:`CurrencyError` with a one-line message that names the text.

Display: Babel's locale-aware currency formats (``$1,893,350,000.00``, ``¥199,300,000,000``)
and compact forms (``$1.9B``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache

from hostcost.errors import AmountError, CurrencyError
from hostcost.money import CONTEXT, Money

#: The largest amount hostcost takes, in any currency: 10**18 (a quintillion).
MAX_AMOUNT = Decimal(10) ** 18
MAX_TEXT = 200

_SYMBOLS = {"$": "USD", "us$": "USD", "¥": "JPY", "₩": "KRW", "€": "EUR", "£": "GBP"}
_WORDS = {
    "yen": "JPY",
    "円": "JPY",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "ドル": "USD",
    "won": "KRW",
    "ウォン": "KRW",
    "euro": "EUR",
    "euros": "EUR",
}
_SCALES = {
    "k": 3,
    "thousand": 3,
    "m": 6,
    "mn": 6,
    "million": 6,
    "b": 9,
    "bn": 9,
    "billion": 9,
    "t": 12,
    "tn": 12,
    "trillion": 12,
}
_JAPANESE_SCALES = {"万": 4, "億": 8, "兆": 12}

_NUM = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)(?:\.\d+)?|\.\d+)"
_CUR = r"us\s?dollars|dollars?|us\$|[$¥₩€£]|円|ドル|ウォン|yen|won|euros?|[a-z]{3}"
_AMOUNT = re.compile(
    rf"""
    (?P<sign>[-+])?\s*
    (?P<pre>(?:{_CUR})(?![a-z]))?\s*
    (?P<sign2>[-+])?\s*
    (?:
        (?P<jp>(?:{_NUM}\s*[兆億万]\s*)+(?:{_NUM})?)
      | (?P<num>{_NUM}(?:e[-+]?\d+)?)\s*(?P<scale>thousand|million|billion|trillion|mn|bn|tn|[kmbt])?
    )
    \s*(?P<post>{_CUR})?
    """,
    re.IGNORECASE | re.VERBOSE,
)
_PLAIN = re.compile(r"\d{1,3}(?:\.\d{1,12})?")
_JP_GROUP = re.compile(rf"({_NUM})\s*([兆億万])")
_EXPECTED = "expected a number with an optional scale and currency, such as ¥22.3B, 2000億円 or $1.9bn"


@dataclass(frozen=True)
class Written:
    """An amount or number as written: its value, its currency if it names one, and the unit of
    its last written digit (``"$1.9B"``: 1.9E+9 USD, unit 1E+8; ``"¥200B"``: unit 1E+9)."""

    value: Decimal
    currency: str | None
    unit: Decimal


def _normalise(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise AmountError(f"{text[:20]!r}… is {len(text)} characters long; an amount is at most {MAX_TEXT}")
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()


def currency_code(token: str) -> str:
    """The ISO 4217 code for a symbol, word or code: ``"¥"``, ``"yen"``, ``"円"`` and ``"jpy"`` give ``"JPY"``."""
    key = unicodedata.normalize("NFKC", token).strip().lower()
    key = re.sub(r"\s+", " ", key)
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    if key in _WORDS:
        return _WORDS[key]
    code = key.upper()
    if re.fullmatch(r"[A-Z]{3}", code) and is_iso_currency(code):
        return code
    raise CurrencyError(
        f"unknown currency {token!r}; expected a symbol ($ ¥ ₩), a word (dollars, yen, won) "
        "or an ISO 4217 code such as USD, JPY or KRW"
    )


@cache
def is_iso_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency code that Babel knows."""
    from babel.numbers import list_currencies

    return code in list_currencies()


def _decimal(digits: str) -> Decimal:
    try:
        return Decimal(digits.replace(",", "").replace("_", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise AmountError(f"{digits!r} is not a number") from None


#: The most decimal places an amount or number may be written to; with amounts below 10^18, every
#: figure then has at most 36 digits, which hostcost's 60-digit arithmetic holds exactly.
MAX_PLACES = 18


def hundredth(value: Decimal) -> Decimal:
    """``value`` ÷ 100, exactly: the digits kept, the exponent moved (a percent as a fraction)."""
    sign, digits, exponent = value.as_tuple()
    return Decimal((sign, digits, exponent - 2))


def _scaled(number: Decimal, power: int, original: str) -> tuple[Decimal, Decimal]:
    """``number`` × 10^``power``, exactly, and the unit of its last digit; :class:`AmountError`
    for a figure too large (10^18 or more) or written too finely (more than 18 decimal places),
    such as ``1e999999`` or ``1e-999999``, before any arithmetic is done with it."""
    exponent = number.as_tuple().exponent + power
    if number and number.adjusted() + power >= 18:
        raise AmountError(f"{original!r} is too large; hostcost takes amounts below 10^18")
    if exponent < -MAX_PLACES:
        raise AmountError(f"{original!r} has more than {MAX_PLACES} decimal places; write it to {MAX_PLACES} or fewer")
    if not number:
        return Decimal(0), Decimal(1).scaleb(min(exponent, 0))
    return number.scaleb(power), Decimal(1).scaleb(exponent)


def _japanese(text: str, original: str) -> tuple[Decimal, Decimal]:
    total, last, end, unit = Decimal(0), 99, 0, Decimal(1)
    for m in _JP_GROUP.finditer(text):
        power = _JAPANESE_SCALES[m.group(2)]
        if power >= last:
            raise AmountError(f"{original!r} has its 兆/億/万 out of order; write them largest first, as in 1兆551億円")
        value, unit = _scaled(_decimal(m.group(1)), power, original)
        total, last, end = total + value, power, m.end()
    rest = text[end:].strip()
    if rest:
        value, unit = _scaled(_decimal(rest), 0, original)
        total += value
    return total, unit


def parse_written(text: str) -> Written:
    """Any amount or plain number, signed, with the precision it was written to.

    Its currency is None when it names none."""
    original = text
    text = _normalise(text)
    if not text:
        raise AmountError(f"empty amount; {_EXPECTED}")
    m = _AMOUNT.fullmatch(text)
    if not m or (m.group("sign") and m.group("sign2")):
        if re.search(r"\b(nan|inf(inity)?)\b", text, re.IGNORECASE):
            raise AmountError(f"{original!r} is not a finite number; {_EXPECTED}")
        raise AmountError(f"{original!r} is not an amount; {_EXPECTED}")
    pre, post = m.group("pre"), m.group("post")
    currencies = {currency_code(c) for c in (pre, post) if c}
    if len(currencies) > 1:
        raise AmountError(f"{original!r} names two currencies ({', '.join(sorted(currencies))}); give one")
    with localcontext(CONTEXT):  # at most 36 digits (see MAX_PLACES): none is rounded away
        if m.group("jp"):
            value, unit = _japanese(m.group("jp"), original)
        else:
            number = _decimal(m.group("num").lower())
            power = _SCALES[m.group("scale").lower()] if m.group("scale") else 0
            value, unit = _scaled(number, power, original)
        if value.adjusted() >= 18 and value != 0:
            raise AmountError(f"{original!r} is too large; hostcost takes amounts below 10^18")
        negative = (m.group("sign") or m.group("sign2")) == "-"
        return Written((-value if negative else value) + 0, currencies.pop() if currencies else None, unit)


def parse_amount(text: str, default_currency: str = "USD") -> Money:
    """An amount of money, which may be negative. A bare number is in ``default_currency``."""
    p = parse_written(text)
    return Money(p.value, p.currency or default_currency)


def parse_cost(text: str, default_currency: str = "USD") -> Money:
    """A cost: an amount of money that is zero or more."""
    money = parse_amount(text, default_currency)
    if money.amount < 0:
        raise AmountError(f"{text!r} is negative; a cost must be zero or more")
    return money


def parse_number(text: str, expected: str = "expected a number of zero or more, such as 150") -> Decimal:
    """A plain number, zero or more, with no currency: ``"150"``, ``"1,180.5"``, ``"54k"``, ``"1.9e3"``.

    ``expected`` ends any error message: what the caller wanted instead.
    """
    try:
        p = parse_written(text)
    except AmountError:
        raise AmountError(f"{text!r} is not a number; {expected}") from None
    if p.currency:
        raise AmountError(f"{text!r} is a sum of money; {expected}")
    if p.value < 0:
        raise AmountError(f"{text!r} is negative; {expected}")
    return p.value


def parse_count(text: str) -> int:
    """A whole number of zero or more, such as a troop count: ``"54000"``, ``"54,000"``, ``"54k"``."""
    if text.isascii() and text.isdigit() and len(text) < 19:  # the common case, quickly
        return int(text)
    expected = "expected a whole number of 0 or more, such as 54000, 54,000 or 54k"
    value = parse_number(text, expected)
    if value != value.to_integral_value():
        raise AmountError(f"{text!r} is not a whole number; {expected}")
    return int(value)


def parse_percent(text: str) -> Decimal:
    """A percent from 0 to 100 (``"75"`` or ``"75%"``), returned as a fraction (``Decimal("0.75")``)."""
    expected = "expected a percent from 0 to 100, such as 75"
    if _PLAIN.fullmatch(text):  # the common case, quickly: 75, 61.5
        value = Decimal(text)
        if value <= 100:
            return hundredth(value)
    try:
        value = parse_number(_normalise(text).removesuffix("%").strip(), expected)
    except AmountError:
        raise AmountError(f"{text!r} is not a percent; {expected}") from None
    if value > 100:
        raise AmountError(f"{text!r} is more than 100; expected a percent from 0 to 100")
    return hundredth(value)


def format_money(amount: Decimal, currency: str) -> str:
    """``amount`` as people read it, in the display language in force (:mod:`hostcost.i18n`):
    ``$1,893,350,000.00`` in English; in Japanese, ``¥1993億``, ``$18.9335億``, ``¥1.0551兆``."""
    from hostcost.i18n import current

    if current() == "ja":
        return format_money_ja(amount, currency)
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale="en_US")


#: The Japanese units Babel's compact forms use: 万 (10^4), 億 (10^8), 兆 (10^12).
_JA_SCALES = (12, 8, 4)
#: At most this many decimals in a compact figure (¥1.0551兆); a figure that needs more is written
#: out in full (¥3,690,741), since a compact form must not round a figure away.
JA_DECIMALS = 4


def format_money_ja(amount: Decimal, currency: str) -> str:
    """``amount`` for a Japanese reader, exactly: in 万, 億 or 兆 as Babel's ``ja`` compact forms
    give them, with as many decimals as the figure needs (up to :data:`JA_DECIMALS`), else in
    full. The symbol is ``¥``, not the fullwidth ``￥``, which misaligns columns."""
    from babel.numbers import format_compact_currency, format_currency

    text = None
    # 京 (10^16) and up: Babel has them, but readers and hostcost's grammar don't
    scale = next((s for s in _JA_SCALES if Decimal(10) ** s <= abs(amount) < Decimal(10) ** 16), None)
    if scale is not None:
        decimals = max(0, -amount.scaleb(-scale).normalize().as_tuple().exponent)
        if decimals <= JA_DECIMALS:
            text = format_compact_currency(amount, currency, locale="ja_JP", fraction_digits=decimals)
    return (text or format_currency(amount, currency, locale="ja_JP")).replace("￥", "¥")


def format_compact(amount: Decimal, currency: str, locale: str = "en_US") -> str:
    """``amount`` in compact form, to three significant digits or so: ``$1.9B``, ``¥199.3B``."""
    from babel.numbers import format_compact_currency

    return format_compact_currency(amount, currency, locale=locale, fraction_digits=2)


def format_number(value: Decimal, places: int = 4, locale: str = "en_US") -> str:
    """A plain number with grouping and up to ``places`` decimals: ``105.2632``."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0." + "#" * places, locale=locale)
