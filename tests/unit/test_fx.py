from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostcost.core.fx import Rates, parse_rate
from hostcost.core.money import Money, minor_unit
from hostcost.data.builtin import load_builtin
from hostcost.errors import CurrencyError, RateError

DEFAULT = BUILTIN_RATE = load_builtin().rate


def test_the_default_rate_is_the_baselines_own():
    assert (DEFAULT.units, DEFAULT.usd) == (D(200), D("1.9"))
    assert str(DEFAULT.per_usd).startswith("105.263157894736842105263157894736842")


def test_conversions_worked_by_hand():
    c = Rates.of([DEFAULT]).converter()
    assert c.convert(Money(D("200e9"), "JPY"), "USD") == D("1900000000")
    assert c.convert_rounded(Money(D("199.3e9"), "JPY"), "USD") == Money(D("1893350000.00"), "USD")
    assert c.convert_rounded(Money(D("8e9"), "USD"), "JPY") == Money(D("842105263158"), "JPY")


def test_the_issues_worked_example():
    c = Rates.of([DEFAULT], [parse_rate("106.7754")]).converter()
    assert c.convert_rounded(Money(D("199.3e9"), "JPY"), "USD").amount == D("1866534801.09")


def test_cross_rates_go_through_the_dollar():
    c = Rates.of([DEFAULT], [parse_rate("KRW=1180.5554")]).converter()
    assert c.convert(Money(D(1), "JPY"), "KRW") == D("11.21527630")


def test_a_missing_rate_is_an_error_not_a_nan():
    c = Rates.of([DEFAULT]).converter()
    with pytest.raises(CurrencyError, match=r"no exchange rate for EUR; give one with --rate EUR=N"):
        c.convert(Money(D(1), "EUR"), "USD")
    with pytest.raises(CurrencyError, match="no exchange rate for KRW"):
        c.convert(Money(D(1), "USD"), "KRW")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "'0' is zero"),
        ("-3", "not a positive number"),
        ("nan", "not a positive number"),
        ("inf", "not a positive number"),
        ("abc", "not a positive number"),
        ("USD=2", "USD needs none"),
        ("¥150", "not a positive number"),
    ],
)
def test_bad_rates(text, message):
    with pytest.raises(RateError, match=message):
        parse_rate(text)


def test_rates_parse_and_merge():
    assert parse_rate("150").currency == "JPY"
    assert parse_rate("KRW=1,180.5").per_usd == D("1180.5")
    assert parse_rate("yen=150").currency == "JPY"
    rates = Rates.of([DEFAULT], [parse_rate("150"), parse_rate("EUR=0.9")])
    assert rates.rate("JPY").per_usd == 150 and rates.currencies == ("USD", "JPY", "EUR")
    with pytest.raises(RateError, match="two rates given for JPY"):
        Rates.of([DEFAULT], [parse_rate("150"), parse_rate("JPY=140")])
    with pytest.raises(CurrencyError, match="unknown currency"):
        parse_rate("XQZ=3")


rates = st.decimals(min_value=D("0.0001"), max_value=D(100000), places=4).filter(lambda d: d > 0)


@given(st.decimals(min_value=0, max_value=D("1e15"), places=0), rates, st.sampled_from(["USD", "JPY"]))
def test_a_conversion_round_trips_within_one_minor_unit(amount, rate, start):
    c = Rates.of([DEFAULT], [parse_rate(f"JPY={rate}")]).converter()
    other = "JPY" if start == "USD" else "USD"
    exact = Money(amount * minor_unit(start), start)
    there = c.convert_rounded(exact, other)
    back = c.convert_rounded(Money(there.amount, other), start)
    # Rounding there loses at most half a unit of the other currency: that much, converted back, and one unit.
    slack = c.convert(Money(minor_unit(other) / 2, other), start) + minor_unit(start)
    assert abs(back.amount - exact.amount) <= slack
    assert abs(c.convert(exact, other) - there.amount) <= minor_unit(other) / 2


@given(
    st.decimals(min_value=0, max_value=D("1e13"), places=2),
    st.decimals(min_value=50, max_value=200, places=4),
    st.sampled_from(["USD", "JPY"]),
)
def test_yen_dollar_round_trips_within_one_minor_unit_at_real_rates(amount, rate, start):
    c = Rates.of([DEFAULT], [parse_rate(f"{rate}")]).converter()
    other = "JPY" if start == "USD" else "USD"
    money = Money(amount.quantize(minor_unit(start)), start)
    back = c.convert_rounded(c.convert_rounded(money, other), start)
    assert abs(back.amount - money.amount) <= minor_unit(start)


@given(
    st.decimals(min_value=D("0.001"), max_value=D(100000), places=4),
    st.decimals(min_value=D("0.5"), max_value=D(3), places=3),
    st.sampled_from([("JPY", "USD"), ("USD", "JPY"), ("JPY", "KRW"), ("KRW", "JPY")]),
)
def test_each_factor_is_the_product_of_the_rates_on_pint_s_path(jpy, usd, pair):
    """JPY=jpy/usd: a yen is usd/jpy dollars; a dollar is 1180.5554 won. The factor of each pair,
    worked out here from those, is the converter's exactly, as a fraction in lowest terms."""
    from fractions import Fraction as F

    rates = Rates.of([BUILTIN_RATE], [parse_rate(f"JPY={jpy}/{usd}"), parse_rate("KRW=1180.5554")])
    per_dollar = {"USD": F(1), "JPY": F(jpy) / F(usd), "KRW": F("1180.5554")}
    expected = per_dollar[pair[1]] / per_dollar[pair[0]]
    num, den = rates.converter().factor(*pair)
    assert (num, den) == (D(expected.numerator), D(expected.denominator))


def test_pint_finds_the_path_between_two_currencies():
    from hostcost.core.fx import _path

    assert _path(frozenset({"JPY", "KRW"}), "JPY", "KRW") == ("JPY", "USD", "KRW")
    assert _path(frozenset({"JPY"}), "USD", "JPY") == ("USD", "JPY")
