"""Exchange rates, and conversion between currencies through them.

A rate says how many units of a currency one US dollar buys (README, "Rates"). Conversion goes
through pint: each currency is a unit with a dimension of its own, and the rates in force are a
pint context joining each currency's dimension to the dollar's. So an amount in a currency that
has no rate cannot convert, and says so, rather than turning into a NaN.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from importlib.resources import files

from hostcost.amounts import currency_code, parse_number, refuse_folded_digits, shorten
from hostcost.errors import AmountError, CurrencyError, RateError
from hostcost.money import CONTEXT, Money, round_money

REFERENCE = "USD"
_EXAMPLE = {"JPY": 150, "KRW": 1300}


@dataclass(frozen=True)
class Rate:
    """``units`` of ``currency`` are worth ``usd`` US dollars; ``label`` says where that came from."""

    currency: str
    units: Decimal
    usd: Decimal
    label: str
    source: str = ""
    caveat: str = ""  # what a reader should know about using it, such as "a calendar-year average"
    period: str = ""  # the period it is the average of ("FY2024"), if it is one
    series: str = ""  # the series it comes from (a FRED id, or a file's)
    how: str = ""  # how it was derived from the series, if it was
    assumed: bool = False  # a year past the data, taking the last full year's rate

    @property
    def per_usd(self) -> Decimal:
        """Units of the currency per US dollar (``Decimal("105.26…")`` for the default yen rate)."""
        with localcontext(CONTEXT):
            return self.units / self.usd


def parse_rate(text: str, label: str = "given with --rate") -> Rate:
    """``"150"`` (yen per dollar), ``"KRW=1180.5"`` (units of KRW per dollar), or a ratio such as
    ``"JPY=200/1.9"`` (200 yen for 1.9 dollars, exactly) -> :class:`Rate`."""
    code, sep, number = text.partition("=")
    if not sep:
        code, number = "JPY", text
    currency = currency_code(code)
    if currency == REFERENCE:
        raise RateError(f"{text!r}: rates are per US dollar, so USD needs none; give another currency")
    expected = f"expected a positive number of {currency} per US dollar, such as {_EXAMPLE.get(currency, 1)}"
    units_text, ratio, usd_text = number.partition("/")
    try:
        units = parse_number(units_text, expected)
        usd = parse_number(usd_text, expected) if ratio else Decimal(1)
    except AmountError:
        raise RateError(f"{text!r} is not a positive number; {expected}") from None
    if units <= 0 or usd <= 0:
        raise RateError(f"{text!r} is zero; {expected}")
    return Rate(currency, units, usd, label)


@dataclass(frozen=True)
class Rates:
    """The exchange rates in force: at most one per currency, each against the US dollar.

    ``explicit`` holds the currencies whose rate was given by name (``--rate KRW=1180``): they
    are in play, and shown, even when no amount is in them. ``dated`` holds the currencies a
    period's averages could give (``--rate-at``), for the message when one is missing; ``gaps``
    says, for a currency the period in force has no rate for, why."""

    rates: tuple[Rate, ...]
    explicit: frozenset[str] = frozenset()
    dated: frozenset[str] = frozenset()
    gaps: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        defaults: Iterable[Rate],
        given: Sequence[Rate] = (),
        dated: Iterable[str] = (),
        gaps: Iterable[tuple[str, str]] = (),
    ) -> Rates:
        """The ``defaults``, with any ``given`` rate replacing the default for its currency."""
        seen: set[str] = set()
        for rate in given:
            if rate.currency in seen:
                raise RateError(f"two rates given for {rate.currency}; give one")
            seen.add(rate.currency)
        merged = {r.currency: r for r in defaults}
        merged.update((r.currency, r) for r in given)
        gaps = tuple((c, why) for c, why in gaps if c not in merged)
        return cls(tuple(merged.values()), frozenset(seen), frozenset(dated), gaps)

    def replacing(self, given: Sequence[Rate]) -> Rates:
        """These rates with ``given`` over them (a row's own, a sweep's step)."""
        return Rates.of(self.rates, given, self.dated, self.gaps)

    @property
    def currencies(self) -> tuple[str, ...]:
        """USD, then each currency with a rate, in the order the rates were given."""
        return (REFERENCE, *(r.currency for r in self.rates))

    def rate(self, currency: str) -> Rate:
        """The rate for ``currency``; :class:`CurrencyError` when none is known."""
        for r in self.rates:
            if r.currency == currency:
                return r
        raise missing_rate(currency, currency in self.dated, dict(self.gaps).get(currency, ""))

    def sources(self, currencies: Iterable[str] | None = None) -> tuple[tuple[str, str], ...]:
        """``(figure, source)`` for each rate, or for each rate of ``currencies``."""
        return tuple(
            (f"{r.currency} per USD", r.source or r.label)
            for r in self.rates
            if currencies is None or r.currency in currencies
        )

    def factor(self, source: str, target: str) -> tuple[Decimal, Decimal]:
        """``(num, den)`` from the rates' own figures, without pint (for rates that change by the
        row); equal to :meth:`Converter.factor` for the same rates."""
        num, den = Decimal(1), Decimal(1)
        if source != REFERENCE:
            r = self.rate(source)
            num, den = num * r.usd, den * r.units
        if target != REFERENCE:
            r = self.rate(target)
            num, den = num * r.units, den * r.usd
        ratio = Fraction(num) / Fraction(den)
        return Decimal(ratio.numerator), Decimal(ratio.denominator)

    def converter(self) -> Converter:
        """A converter that works with these rates (built once for equal rates: pint's registry
        costs milliseconds)."""
        return _converter(self)


def parse_year(text: str) -> int:
    """A calendar year such as ``"2020"`` (fullwidth digits too; ``²⁰²⁰`` is refused, not folded)."""
    refuse_folded_digits(text)
    body = unicodedata.normalize("NFKC", text).strip()
    if not (body.isascii() and body.isdigit()) or len(body) != 4:
        raise RateError(f"{shorten(text)} is not a year; expected a year such as 2020")
    return int(body)


def default_target(currency: str) -> str:
    """The currency an amount converts to when none is named: yen for dollars, else dollars."""
    return "JPY" if currency == REFERENCE else REFERENCE


def missing_rate(currency: str, dated: bool = False, why: str = "") -> CurrencyError:
    """The error for an amount in a currency with no rate: ``why`` the period in force has none
    (if it is that), else how to give one; ``dated``: --rate-at could give one."""
    if why:
        return CurrencyError(why)
    period = " or pick a period's average with --rate-at PERIOD (2024, 2024-06, FY2024)" if dated else ""
    return CurrencyError(
        f"no exchange rate for {currency}; give one with --rate {currency}=N ({currency} per US dollar){period}"
    )


class _Converts:
    """Conversion by exact factors: ``factor(source, target)`` gives ``(num, den)``."""

    def factor(self, source: str, target: str) -> tuple[Decimal, Decimal]:  # pragma: no cover - abstract
        raise NotImplementedError

    def convert_rounded(self, money: Money, currency: str) -> Money:
        """``money`` in ``currency``, rounded once, half to even, to the currency's minor unit."""
        return Money(round_money(self.exact(money, currency), currency), currency)

    def convert_restated(self, money: Money, currency: str, factor: Fraction) -> Money:
        """``money`` in ``currency``, times ``factor`` (another year's prices), rounded once."""
        return Money(round_money(self.exact(money, currency) * factor, currency), currency)

    def convert(self, money: Money, currency: str) -> Decimal:
        """The value of ``money`` in ``currency``, unrounded, to 60 significant digits."""
        if money.currency == currency:
            return money.amount
        num, den = self.factor(money.currency, currency)
        with localcontext(CONTEXT):
            return money.amount * num / den

    def exact(self, money: Money, currency: str) -> Fraction:
        """The exact value of ``money`` in ``currency``, as a fraction."""
        if money.currency == currency:
            return Fraction(money.amount)
        num, den = self.factor(money.currency, currency)
        return Fraction(money.amount) * int(num) / int(den)


class Converter(_Converts):
    """Converts money between the currencies of a :class:`Rates`, exactly.

    pint holds the currencies (one dimension each) and the rates (a context joining each to the
    dollar), with exact fractions for magnitudes. It gives the factor for each pair of currencies
    once, as a fraction num/den; conversion is then ``amount × num / den`` in Decimal: one
    division, so an exact result (a tie, say) stays exact."""

    def __init__(self, rates: Rates) -> None:
        import pint
        from pint.util import UnitsContainer

        # units and dimensions go to pint as its own containers: text would go through its parser,
        # which costs milliseconds a line
        self._units = UnitsContainer
        self.rates = rates
        definitions = files("hostcost").joinpath("data", "currencies.txt")
        with definitions.open(encoding="utf-8") as f:
            lines = f.read().splitlines()
        self._registry = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
        for line in lines:  # one definition a line
            if line.strip() and not line.lstrip().startswith("#"):
                self._define(line)
        known = set(self._registry)
        context = pint.Context("fx")
        for rate in rates.rates:
            if rate.currency not in known:
                self._define(f"{rate.currency} = [currency_{rate.currency}]")
            self._join(context, rate)
        self._registry.add_context(context)
        self._errors = (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError)
        self._factors: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}

    def _define(self, line: str) -> None:
        """A definition such as ``JPY = [currency_JPY]`` (a unit with a dimension of its own) is
        made as pint's definition object; anything else goes through pint's parser."""
        from pint.facets.plain.definitions import ScaleConverter, UnitDefinition

        name, sep, dimension = (part.strip() for part in line.partition("="))
        if sep and name.isalnum() and dimension.startswith("[") and dimension.endswith("]"):
            reference = self._units({dimension: 1})
            self._registry.define(UnitDefinition(name, None, (), ScaleConverter(Fraction(1)), reference))
        else:  # pragma: no cover - the package's definitions are all of the simple kind
            self._registry.define(line)

    def _join(self, context, rate: Rate) -> None:
        cur, usd = self._units({f"[currency_{rate.currency}]": 1}), self._units({f"[currency_{REFERENCE}]": 1})
        to_usd = self._units({REFERENCE: 1, rate.currency: -1})
        units, dollars = Fraction(rate.units), Fraction(rate.usd)
        context.add_transformation(cur, usd, lambda reg, q: q * dollars / units * reg.Unit(to_usd))
        context.add_transformation(usd, cur, lambda reg, q: q * units / dollars / reg.Unit(to_usd))

    def factor(self, source: str, target: str) -> tuple[Decimal, Decimal]:
        """``(num, den)``: an amount in ``source`` × num ÷ den is the amount in ``target``, exactly."""
        key = (source, target)
        if key not in self._factors:
            for code in key:
                if code != REFERENCE:
                    self.rates.rate(code)
            if source == target:
                ratio = Fraction(1)
            else:
                try:
                    one = self._registry.Quantity(Fraction(1), self._units({source: 1}))
                    ratio = Fraction(one.to(self._units({target: 1}), "fx").magnitude)
                except self._errors:  # pragma: no cover - every rate was checked above
                    raise missing_rate(target, target in self.rates.dated) from None
            self._factors[key] = (Decimal(ratio.numerator), Decimal(ratio.denominator))
        return self._factors[key]


@lru_cache(maxsize=64)
def _converter(rates: Rates) -> Converter:
    return Converter(rates)


class RatesConverter(_Converts):
    """A converter for rates that change by the row (``hostcost batch``): the same factors as
    :class:`Converter`'s (see :meth:`Rates.factor`), without building a pint registry each time."""

    def __init__(self, rates: Rates) -> None:
        self.rates = rates
        self._factors: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}

    def factor(self, source: str, target: str) -> tuple[Decimal, Decimal]:
        key = (source, target)
        if key not in self._factors:
            self._factors[key] = self.rates.factor(source, target)
        return self._factors[key]
