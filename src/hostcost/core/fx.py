"""Exchange rates, and conversion between currencies through them.

A rate says how many units of a currency one US dollar buys (README, "Rates"). Conversion goes
through pint: each currency is a unit with a dimension of its own, and the rates in force are a
pint context joining each currency's dimension to the dollar's. So an amount in a currency that
has no rate cannot convert, and says so, rather than turning into a NaN.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import cache
from importlib.resources import files
from typing import Any

from hostcost.core.amounts import currency_code, parse_number, refuse_folded_digits, shorten
from hostcost.core.money import CONTEXT, Money, round_money, trim
from hostcost.errors import AmountError, CurrencyError, RateError

REFERENCE = "USD"
#: The currencies every scenario shows, first: the reference and the yen.
FIXED_CURRENCIES = (REFERENCE, "JPY")
#: How a rate that is the mean of a period's months says so.
MEAN = "the mean of the monthly averages"
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
    units_text, ratio, usd_text = number.partition("/")
    expected = f"expected a positive number of {currency} per US dollar, such as {_EXAMPLE.get(currency, 1)}"
    try:
        units = parse_number(units_text)
        usd = parse_number(usd_text) if ratio else _ONE
    except AmountError:
        raise RateError(f"{text!r} is not a positive number; {expected}") from None
    if units <= 0 or usd <= 0:
        raise RateError(f"{text!r} is zero; {expected}")
    return Rate(currency, units, usd, label)


_ONE = Decimal(1)


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

    def converter(self) -> Converter:
        """A converter that works with these rates."""
        return Converter(self)


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


class Converter:
    """Converts money between the currencies of a :class:`Rates`, exactly.

    pint is the unit system: each currency is a unit with a dimension of its own, and the rates
    are a context joining each currency's dimension to the dollar's. pint finds the path from one
    currency's dimension to another's (JPY → USD → KRW), or none when a rate is missing; the
    factor is then the exact product of the rates along it, as a fraction num/den, and a
    conversion is ``amount × num ÷ den``: one division, so an exact result (a tie, say) stays
    exact. The paths depend only on which currencies have rates, so they are found once for each
    set of currencies, and converters for rates that change by the row (batch, a sweep of the
    rate, the bisection behind ``check``'s holds_at) cost no more than their arithmetic."""

    def __init__(self, rates: Rates) -> None:
        self.rates = rates
        self._by = {r.currency: r for r in rates.rates}
        self._factors: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}

    def factor(self, source: str, target: str) -> tuple[Decimal, Decimal]:
        """``(num, den)``: an amount in ``source`` × num ÷ den is the amount in ``target``, exactly."""
        key = (source, target)
        found = self._factors.get(key)
        if found is None:
            for code in key:
                if code != REFERENCE and code not in self._by:
                    self.rates.rate(code)  # the error that names the missing rate
            ratio = Fraction(1)
            path = _path(frozenset(self._by), source, target)
            for a, b in itertools.pairwise(path):
                if b == REFERENCE:  # units of a are worth usd / units dollars
                    r = self._by[a]
                    ratio *= Fraction(r.usd) / Fraction(r.units)
                else:  # a dollar buys units / usd of b
                    r = self._by[b]
                    ratio *= Fraction(r.units) / Fraction(r.usd)
            found = self._factors[key] = (Decimal(ratio.numerator), Decimal(ratio.denominator))
        return found

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


@cache
def _context(currencies: frozenset[str]):
    """pint's registry of the dollar and ``currencies`` (the package's own from
    data/currencies.txt, and any other a set of rates names), one dimension each; a context
    joining each to the dollar, both ways; and the graph of dimensions it makes, for pint's path
    finding. The magnitudes are applied by :meth:`Converter.factor`, from the rates themselves."""
    import pint
    from pint.facets.plain.definitions import ScaleConverter, UnitDefinition
    from pint.util import UnitsContainer

    registry: Any = pint.UnitRegistry(None, non_int_type=Fraction, cache_folder=None)
    definitions = files("hostcost").joinpath("data", "currencies.txt").read_text(encoding="utf-8")
    known = [
        line.partition("=")[0].strip()
        for line in definitions.splitlines()
        if line.strip() and "=" in line and not line.lstrip().startswith("#")
    ]
    context = pint.Context("fx")
    usd = UnitsContainer({_dimension(REFERENCE): 1})
    for currency in dict.fromkeys((*known, REFERENCE, *sorted(currencies))):
        own = UnitsContainer({_dimension(currency): 1})
        registry.define(UnitDefinition(currency, None, (), ScaleConverter(Fraction(1)), own))  # type: ignore[arg-type]
        if currency in currencies:
            context.add_transformation(own, usd, _same)
            context.add_transformation(usd, own, _same)
    registry.add_context(context)
    graph: dict = {}
    for src, dst in context.relation_to_context:
        graph.setdefault(src, set()).add(dst)
    return graph


def _same(ureg: Any, value: Any, **kwargs: Any) -> Any:
    """An edge of the graph of currencies: pint only finds the path; the rates give the factor."""
    return value


def _dimension(currency: str) -> str:
    return f"[currency_{currency}]"


@cache
def _path(currencies: frozenset[str], source: str, target: str) -> tuple[str, ...]:
    """The currencies from ``source`` to ``target``, as pint finds the path between their
    dimensions in the context of ``currencies``' rates (``("JPY", "USD", "KRW")``)."""
    from pint.util import UnitsContainer, find_shortest_path

    if source == target:
        return (source,)
    graph = _context(currencies)
    start, end = (UnitsContainer({_dimension(c): 1}) for c in (source, target))
    found = find_shortest_path(graph, start, end) if start in graph else None
    if not found:  # pragma: no cover - every rate was checked before: there is always a path
        raise missing_rate(target)
    return tuple(next(iter(dim)).removeprefix("[currency_").removesuffix("]") for dim in found)


# -- what the rates in play are, as machine cells -------------------------------------------------


def rate_json(rates: Rates, currencies: Sequence[str] | None = None) -> dict[str, Decimal]:
    """``{"JPY_per_USD": 105.263157894737}``: each rate to 12 decimal places, or 12 significant
    digits for a small one (:func:`rate_figure`)."""
    return {
        f"{r.currency}_per_USD": rate_figure(r) for r in rates.rates if currencies is None or r.currency in currencies
    }


def rate_text(rate: Rate) -> str:
    """:func:`rate_figure` as a machine cell (``104.29``). A rate of whole dollars written to at
    most 12 places is its own figure, so its digits are its cell, with trailing zeros dropped."""
    units = rate.units
    places = units.as_tuple().exponent
    if rate.usd == 1 and isinstance(places, int) and -12 <= places <= 0:
        text = format(units, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return format(rate_figure(rate), "f")


def rate_figure(rate: Rate) -> Decimal:
    """A rate as its machine cells give it: units per dollar to 12 decimal places, or to 12
    significant digits for a rate below 1 that 12 places would cut short (1e-18 is not 0),
    trimmed."""
    with localcontext(CONTEXT):  # a rate may have 18 digits before the point, and 12 after
        value = rate.per_usd
        return trim(value.quantize(Decimal(1).scaleb(min(-12, value.adjusted() - 11))))


def how_text(r: Rate) -> str:
    """How a rate was derived, where its label does not say so already (a mean's label does):
    ``derived: 1 / the series …``."""
    how = r.how.removeprefix(MEAN).removeprefix("; ")
    return f"derived: {how}" if how else ""


def rate_period(rates: Rates, currencies: Sequence[str]) -> str:
    """The periods whose averages made the rates in play (``FY2024``), or "" for rates given or
    the baseline's own."""
    return "; ".join(dict.fromkeys(r.period for r in rates.rates if r.currency in currencies and r.period))


def rate_source(rates: Rates, currencies: Sequence[str]) -> str:
    """Each rate in play, with its period, series and source: ``JPY: the 2024 calendar-year
    average (Federal Reserve, …, FRED AEXJPUS)``."""
    return "; ".join(
        f"{r.currency}: {r.label}"
        + (f" ({r.source}" + (f"; {how_text(r)}" if how_text(r) else "") + ")" if r.source else "")
        for r in rates.rates
        if r.currency in currencies
    )


def rate_assumed(rates: Rates, currencies: Sequence[str]) -> bool:
    """Whether a rate in play was assumed (a year past the data)."""
    return any(r.assumed for r in rates.rates if r.currency in currencies)
