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
from functools import cache, lru_cache

from hostcost.core.money import CONTEXT, Money, exponent
from hostcost.errors import AmountError, CurrencyError

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
    "원": "KRW",
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
    # the wire services' abbreviations
    "mln": 6,
    "bln": 9,
    "trn": 12,
    "trln": 12,
}
#: Japanese and Korean scales: with no currency, they mean yen and won.
_JAPANESE_SCALES = {"万": 4, "億": 8, "兆": 12}
_KOREAN_SCALES = {"만": 4, "억": 8, "조": 12}
_EAST_ASIAN = {**_JAPANESE_SCALES, **_KOREAN_SCALES}

_NUM = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)(?:\.\d+)?|\.\d+)"
_CUR = r"us\s?dollars|dollars?|us\$|[$¥₩€£]|円|원|ドル|ウォン|yen|won|euros?|[a-z]{3}"
_AMOUNT = re.compile(
    rf"""
    (?P<sign>[-+])?\s*
    (?P<pre>(?:{_CUR})(?![a-z]))?\s*
    (?P<sign2>[-+])?\s*
    (?:
        (?P<jp>(?:{_NUM}\s*[兆億万조억만]\s*)+(?:{_NUM})?)
      | (?P<num>{_NUM}(?:e[-+]?\d+)?)\s*
        (?P<scale>thousand|million|billion|trillion|trln|trn|bln|mln|mn|bn|tn|[kmbt])?
    )
    \s*(?P<post>{_CUR})?
    """,
    re.IGNORECASE | re.VERBOSE | re.ASCII,  # ASCII: the dotless ı and İ are not i, nor other scripts' digits 0-9
)
_PLAIN = re.compile(r"\d{1,3}(?:\.\d{1,12})?", re.ASCII)
#: A plain number the grammar reads as the Decimal of its text: below 10^18, to at most 18 places.
_QUICK = re.compile(r"\d{1,18}(?:\.\d{1,18})?", re.ASCII)
_ZERO = Decimal(0)  # the grammar's zero, whatever its places
_JP_GROUP = re.compile(rf"({_NUM})\s*([兆億万조억만])")
_EXPECTED = "expected a number with an optional scale and currency, such as ¥22.3B, 2000億円 or $1.9bn"


@dataclass(frozen=True)
class Written:
    """An amount or number as written: its value, its currency if it names one, and the unit of
    its last written digit (``"$1.9B"``: 1.9E+9 USD, unit 1E+8; ``"¥200B"``: unit 1E+9).
    ``implied``: the currency its scales imply (万, 億 and 兆 alone mean yen; 만, 억 and 조,
    won); ``scaled``: written with a scale (``k``, ``B``, ``million``, 億 …); ``bare_point``: the
    number starts with a decimal point (``.9B``).

    The trailing zeros of a whole number are not significant: ``$35,000`` is written to the
    thousand, ``¥200B`` to the hundred billion; ``$35,185`` and ``¥199.3B`` to their last digit."""

    value: Decimal
    currency: str | None
    unit: Decimal
    implied: str | None = None
    scaled: bool = False
    bare_point: bool = False


def _normalise(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise AmountError(f"{text[:20]!r}… is {len(text)} characters long; an amount is at most {MAX_TEXT}")
    refuse_folded_digits(text)
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-").strip()


def _folds(ch: str) -> bool:
    """Whether ``ch`` is a digit, or a sign, that Unicode normalisation would turn into another
    character: superscripts and subscripts (``²``, ``₁``, ``⁻``), circled digits (``①``), fractions
    (``½``), Roman numerals, and the digits of other scripts. Fullwidth digits (``０``–``９``)
    are the same digits and are not among them."""
    if ch.isascii() or "\uff10" <= ch <= "\uff19":
        return False
    if unicodedata.category(ch) in ("Nd", "No", "Nl"):
        return True
    return unicodedata.decomposition(ch).startswith(("<super>", "<sub>"))


def folded_digit(text: str) -> str | None:
    """The first character of ``text`` that is a digit but not one hostcost reads (see
    :func:`_folds`), described for a message (``'³' (superscript three)``); None if there is none."""
    for ch in text:
        if _folds(ch):
            return f"{ch!r} ({unicodedata.name(ch, f'U+{ord(ch):04X}').lower()})"
    return None


#: What to write instead of a digit that is not one.
PLAIN_DIGITS = "which hostcost does not read as a digit; write plain digits 0-9 (1e6 for a power of ten)"


def refuse_folded_digits(text: str) -> None:
    """:class:`AmountError` for text with a digit that is not one: ``2³`` is not 23, ``$10⁶`` is
    not $106. Such characters are refused, never folded into plain digits."""
    found = folded_digit(text)
    if found:
        raise AmountError(f"{shorten(text)} has {found}, {PLAIN_DIGITS}")


def shorten(text: str, most: int = 60) -> str:
    """``text`` quoted for an error message, cut to about ``most`` characters with an ellipsis."""
    return repr(text) if len(text) <= most else f"{text[:most]!r}… ({len(text):,} characters)"


@lru_cache(maxsize=1024)
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
    sign, digits, _ = value.as_tuple()
    return Decimal((sign, digits, exponent(value) - 2))


def _scaled(number: Decimal, power: int, original: str) -> tuple[Decimal, Decimal]:
    """``number`` × 10^``power``, exactly, and the unit of its last digit; :class:`AmountError`
    for a figure too large (10^18 or more) or written too finely (more than 18 decimal places),
    such as ``1e999999`` or ``1e-999999``, before any arithmetic is done with it."""
    places = exponent(number) + power
    if number and number.adjusted() + power >= 18:
        raise AmountError(f"{original!r} is too large; hostcost takes amounts below 10^18")
    if places < -MAX_PLACES:
        raise AmountError(f"{original!r} has more than {MAX_PLACES} decimal places; write it to {MAX_PLACES} or fewer")
    if not number:
        return Decimal(0), Decimal(1).scaleb(min(places, 0))
    return number.scaleb(power), Decimal(1).scaleb(places)


def _japanese(text: str, original: str) -> tuple[Decimal, Decimal]:
    """万, 億 and 兆 groups, largest first (``1兆551億``). A group after the first is at most 9,999
    (``1兆12000億`` could be 2.2兆 or a slip for 1兆2000億), and a bare number after the last
    group must fill the four places below 万 (``390万7,778``): ``1億5`` could be 100,000,005 or
    1.5億, so it is refused with both readings."""
    total, last, end, unit = Decimal(0), 99, 0, Decimal(1)
    groups = list(_JP_GROUP.finditer(text))
    kinds = {m.group(2) in _KOREAN_SCALES for m in groups}
    if len(kinds) > 1:
        raise AmountError(f"{shorten(original)} mixes Japanese and Korean scales; write one or the other")
    for m in groups:
        power = _EAST_ASIAN[m.group(2)]
        if power >= last:
            raise AmountError(
                f"{shorten(original)} has its 兆/億/万 out of order; write them largest first, as in 1兆551億円"
            )
        number = _decimal(m.group(1))
        if last != 99 and number >= 10_000:
            added = total + _scaled(number, power, original)[0]
            raise AmountError(
                f"{shorten(original)}: {m.group(1)}{m.group(2)} after a larger unit is more than 9999{m.group(2)}, "
                f"so it could be {added:,f} or a slip; write at most four digits after 兆 or 億, as in 1兆2000億"
            )
        value, unit = _scaled(number, power, original)
        unit = _round_unit(m.group(1), unit)
        total, last, end = total + value, power, m.end()
    rest = text[end:].strip()
    if rest:
        digits = rest.split(".")[0].replace(",", "").replace("_", "")
        if last != 4 or len(digits) != 4:
            m = groups[-1]
            as_decimal = f"{m.group(1).split('.')[0]}.{rest.replace(',', '')}{m.group(2)}"
            whole = _scaled(_decimal(rest), 0, original)[0] + total
            raise AmountError(
                f"{shorten(original)} ends in a bare {rest}: it could be {as_decimal} or {whole:,f}; "
                f"write {as_decimal}, or {whole:,f} in full"
            )
        value, unit = _scaled(_decimal(rest), 0, original)
        unit = _round_unit(rest, unit)
        total += value
    return total, unit


def _round_unit(number: str, unit: Decimal) -> Decimal:
    """The unit of a figure's last significant digit: a whole number's trailing zeros are not
    significant (``35,000`` is written to the thousand), a decimal's are (``10.0``)."""
    digits = number.replace(",", "").replace("_", "")
    if "." in digits or "e" in digits.lower() or not digits.strip("0"):
        return unit
    return unit.scaleb(len(digits) - len(digits.rstrip("0")))


def parse_written(text: str) -> Written:
    """Any amount or plain number, signed, with the precision it was written to.

    Its currency is None when it names none."""
    original = text
    text = _normalise(text)
    if not text:
        raise AmountError(f"empty amount; {_EXPECTED}")
    m = _AMOUNT.fullmatch(text)
    if not m or (m.group("sign") and m.group("sign2")):
        dotless = next((ch for ch in text if ch in "ıİ"), None)
        if dotless:  # Turkish letters that only a Unicode case-insensitive match reads as i
            name = unicodedata.name(dotless).lower()
            raise AmountError(f"{shorten(original)} has {dotless!r} ({name}), which is not the letter i; write i")
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
            unit = _round_unit(m.group("num"), unit)
        if value.adjusted() >= 18 and value != 0:
            raise AmountError(f"{original!r} is too large; hostcost takes amounts below 10^18")
        negative = (m.group("sign") or m.group("sign2")) == "-"
        implied = None
        if m.group("jp"):
            implied = "KRW" if any(ch in _KOREAN_SCALES for ch in m.group("jp")) else "JPY"
        scaled = bool(implied or m.group("scale"))
        bare_point = (m.group("jp") or m.group("num")).lstrip().startswith(".")
        currency = currencies.pop() if currencies else None
        return Written((-value if negative else value) + 0, currency, unit, implied, scaled, bare_point)


#: What to write when an amount names no currency.
NO_CURRENCY = 'write ¥{0} or ${0}, or name the currency of such amounts (--currency JPY; currency = "JPY" in a file)'


def shell_cut(text: str, written: Written) -> AmountError | None:
    """The error for an amount the shell has cut, or None: in double quotes or unquoted, the
    shell reads ``$1`` in ``$1.9B`` as its first argument (empty), leaving ``.9B``, and ``$4`` in
    ``$40M``, leaving ``0M``. An amount that starts with a decimal point, or a zero written with a
    scale and no currency, is taken for one."""
    if written.currency is not None or not (written.bare_point or (written.value == 0 and written.scaled)):
        return None
    typed = "$1" + text.strip().lstrip("+-−").strip()
    return AmountError(
        f"{shorten(text)}: if you typed {typed}, your shell replaced \"$1\"; put the amount in single quotes: '{typed}'"
    )


def parse_amount(text: str, default_currency: str | None = None) -> Money:
    """An amount of money, which may be negative. An amount with no currency is in
    ``default_currency``; with none given, it is refused (``128.7B`` is not guessed to be dollars),
    except that 万, 億 and 兆 alone mean yen. An amount the shell has cut (:func:`shell_cut`) is
    refused with the quoting that keeps it whole."""
    p = parse_written(text)
    cut = shell_cut(text, p)
    if cut is not None:
        raise cut
    currency = p.currency or p.implied or default_currency
    if currency is None:
        raise AmountError(f"{shorten(text)} has no currency; " + NO_CURRENCY.format(text.strip()))
    return Money(p.value, currency)


def parse_cost(text: str, default_currency: str | None = None) -> Money:
    """A cost: an amount of money that is zero or more."""
    money = parse_amount(text, default_currency)
    if money.amount < 0:
        raise AmountError(f"{shorten(text)} is negative; a cost must be zero or more")
    return money


def parse_number(text: str, expected: str = "expected a number of zero or more, such as 150") -> Decimal:
    """A plain number, zero or more, with no currency: ``"150"``, ``"1,180.5"``, ``"54k"``, ``"1.9e3"``.

    ``expected`` ends any error message: what the caller wanted instead.
    """
    if _QUICK.fullmatch(text):  # the common case, quickly: 150, 1180.5 (a test holds it to the grammar)
        return Decimal(text) or _ZERO
    refuse_folded_digits(text)
    try:
        p = parse_written(text)
    except AmountError:
        raise AmountError(f"{shorten(text)} is not a number; {expected}") from None
    if p.currency:
        raise AmountError(f"{shorten(text)} is a sum of money; {expected}")
    if p.value < 0:
        raise AmountError(f"{shorten(text)} is negative; {expected}")
    return p.value


#: A count written with dots between groups of three, the European way (``54.000``, ``1.500k``).
_EUROPEAN = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+\s*(?:[a-z]+|[万億兆])?", re.IGNORECASE)
COUNT_EXPECTED = "expected a whole number of 0 or more, such as 54000, 54,000 or 54k"


def parse_count(text: str) -> int:
    """A whole number of zero or more, such as a troop count: ``"54000"``, ``"54,000"``, ``"54k"``.

    ``54.000`` is refused as 54,000 written the European way (not read as 54), and ``54.5`` as not
    whole."""
    if text.isascii() and text.isdigit() and len(text) < 19:  # the common case, quickly
        return int(text)
    body = _normalise(text)
    if _EUROPEAN.fullmatch(body):
        thousands = parse_count(body.replace(".", ""))
        point = parse_number(body.lstrip("+"), COUNT_EXPECTED)
        raise AmountError(
            f"{shorten(text)} could be {thousands:,} (dots between thousands) or {trim_zeros(point)}; "
            f"a count is written without a dot: write {thousands} or {trim_zeros(point)}"
        )
    value = parse_number(text, COUNT_EXPECTED)
    if value != value.to_integral_value():
        raise AmountError(f"{shorten(text)} is not a whole number; {COUNT_EXPECTED}")
    return int(value)


def parse_signed_count(text: str) -> int:
    """A whole number that may be negative, such as a change in troops: ``-9000``, ``+3,000``.
    One sign at most: ``+-9000`` and ``--9000`` are refused, not read as 9,000 or -9,000."""
    body = _normalise(text)
    sign = 1
    if body[:1] in ("-", "+"):
        sign, body = (-1 if body[0] == "-" else 1), body[1:].strip()
        if body[:1] in ("-", "+"):
            raise AmountError(f"{shorten(text)} has more than one sign; write one, as in -9000 or +3000")
    if not body:
        raise AmountError(f"{shorten(text)} is not a number; expected a whole number, such as -9000")
    try:
        return sign * parse_count(body)
    except AmountError as e:
        raise AmountError(str(e).replace(repr(body), repr(text.strip()), 1)) from None


@dataclass(frozen=True)
class Percent:
    """How one kind of percent is read: ``75`` or ``75%``, as a fraction (0.75), from 0 up to
    ``most`` (None: no upper bound).

    A bare number below 1 (``0.75``) could be a fraction copied from JSON, where shares are
    written 0.75, or a percent below one: it is refused with both readings; ``0.75%``, with the
    sign, is taken. Where JSON writes the input as a fraction and a whole share is common (a host
    share of 1 is 100% there), ``one_too`` refuses a bare 1 as well: write 100 or 1%."""

    most: Decimal | None = Decimal(100)
    one_too: bool = False

    def parse(self, text: str) -> Decimal:
        expected = (
            f"expected a percent from 0 to {self.most}, such as 75"
            if self.most is not None
            else "expected a percent of 0 or more, such as 50"
        )
        body = text.strip()
        value: Decimal | None = None
        if _PLAIN.fullmatch(body):  # the common case, quickly: 75, 61.5
            value = Decimal(body)
        sign = False
        if value is None:
            refuse_folded_digits(text)
            try:
                normal = _normalise(body)
                sign = normal.endswith("%")
                written = parse_written(normal.removesuffix("%").strip())
            except AmountError:
                raise AmountError(f"{shorten(text)} is not a percent; {expected}") from None
            if written.currency or written.implied:
                raise AmountError(f"{shorten(text)} is not a percent; {expected}")
            if written.value < 0:
                raise AmountError(f"{shorten(text)} is negative; {expected}")
            value = written.value
        if self.most is not None and value > self.most:
            raise AmountError(f"{shorten(text)} is more than {self.most}; {expected}")
        if not sign and (0 < value < 1 or (self.one_too and value == 1)):
            whole = trim_zeros(value * 100)
            mean = "one percent" if value == 1 else "less than one percent"
            raise AmountError(f"{body} would be {body}%; write {whole} for {whole}%, or {body}% if you mean {mean}")
        return hundredth(value)


def trim_zeros(value: Decimal) -> str:
    """``value`` as plain digits, without trailing zeros: 75.00 -> "75", 0.50 -> "0.5"."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


#: A host share of all costs or of one category: 0 to 100; JSON writes it as a fraction.
SHARE = Percent(Decimal(100), one_too=True)
#: A markup (cost-plus): 0 or more; JSON writes it as a fraction.
MARKUP = Percent(None, one_too=True)
#: A rise a year, or its cap: 0 or more.
RISE = Percent(None)
#: A tolerance: 0 to 100.
TOLERANCE = Percent(Decimal(100))


def parse_percent(text: str) -> Decimal:
    """A host share: a percent from 0 to 100 (``"75"`` or ``"75%"``), returned as a fraction
    (``Decimal("0.75")``); :data:`SHARE`'s rules."""
    return SHARE.parse(text)


def percent_text(fraction: Decimal) -> str:
    """0.75 -> "75"; 0.615 -> "61.5"."""
    text = format(fraction * 100, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
