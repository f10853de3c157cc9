from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostcost.core.amounts import (
    parse_amount,
    parse_cost,
    parse_count,
    parse_number,
    parse_percent,
)
from hostcost.core.money import Money
from hostcost.errors import AmountError, CurrencyError, HostcostError
from hostcost.views.format import format_compact, format_money

B = 10**9


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("¥200B", 200 * B, "JPY"),
        ("￥200B", 200 * B, "JPY"),
        ("200 billion yen", 200 * B, "JPY"),
        ("2000億円", 200 * B, "JPY"),
        ("1兆551億円", 1_055_100_000_000, "JPY"),
        ("１兆５５１億円", 1_055_100_000_000, "JPY"),
        ("1,055億円", 105_500_000_000, "JPY"),
        ("1.5兆円", 1_500_000_000_000, "JPY"),
        ("5万円", 50_000, "JPY"),
        ("$1.9bn", D("1.9") * B, "USD"),
        ("US$1.9B", D("1.9") * B, "USD"),
        ("1.9e9 USD", D("1.9") * B, "USD"),
        ("USD 1.9 billion", D("1.9") * B, "USD"),
        ("1.9 billion dollars", D("1.9") * B, "USD"),
        ("¥200,000,000,000", 200 * B, "JPY"),
        ("200_000_000_000 JPY", 200 * B, "JPY"),
        ("jpy 200b", 200 * B, "JPY"),
        ("₩1.0389tn", 1_038_900_000_000, "KRW"),
        ("1.0389 trillion won", 1_038_900_000_000, "KRW"),
        ("$40M", 40_000_000, "USD"),
        ("$40 mn", 40_000_000, "USD"),
        ("$250k", 250_000, "USD"),
        ("3 thousand yen", 3000, "JPY"),
        ("$.5m", 500_000, "USD"),
        ("  ¥ 22.3 B  ", 22_300_000_000, "JPY"),
    ],
)
def test_the_amount_grammar(text, amount, currency):
    assert parse_amount(text) == Money(D(amount), currency)


def test_a_bare_number_takes_the_default_currency_when_one_is_named():
    assert parse_amount("1.9e9", "JPY") == Money(D(1_900_000_000), "JPY")
    assert parse_amount("8 bn", "USD") == Money(D(8 * B), "USD")
    assert parse_amount("0", "USD") == Money(D(0), "USD")
    with pytest.raises(AmountError, match=r"'1\.9e9' has no currency; write ¥1\.9e9 or \$1\.9e9"):
        parse_amount("1.9e9")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty amount"),
        ("¥abc", "'¥abc' is not an amount"),
        ("1,9B", "'1,9B' is not an amount"),  # a decimal comma is ambiguous: refused
        ("12,34,567", "not an amount"),
        ("nan", "not a finite number"),
        ("inf USD", "not a finite number"),
        ("1e999999", "too large"),
        ("$1e18", "too large"),
        ("¥5B USD", "names two currencies"),
        ("1億2兆円", "out of order"),
        ("--5", "not an amount"),
    ],
)
def test_malformed_amounts_are_named(text, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(text)


def test_unknown_currency():
    with pytest.raises(CurrencyError, match="unknown currency 'XQZ'"):
        parse_amount("200 XQZ")


def test_costs_refuse_a_sign():
    assert parse_amount("-¥5B") == Money(D(-5 * B), "JPY")
    with pytest.raises(AmountError, match="'-¥5B' is negative; a cost must be zero or more"):
        parse_cost("-¥5B")
    with pytest.raises(AmountError, match="negative"):
        parse_cost("¥-5B")
    assert parse_cost("-0", "USD") == Money(D(0), "USD")


def test_counts_and_percents():
    assert parse_count("54,000") == parse_count("54k") == parse_count("54000") == 54000
    assert parse_count("0") == 0
    with pytest.raises(AmountError, match="not a whole number"):
        parse_count("1.5")
    with pytest.raises(AmountError, match="negative"):
        parse_count("-5")
    with pytest.raises(AmountError, match="sum of money"):
        parse_count("$5")
    assert parse_percent("75") == parse_percent("75%") == D("0.75")
    assert parse_percent("61.5 %") == D("0.615")
    with pytest.raises(AmountError, match="more than 100"):
        parse_percent("150")
    with pytest.raises(AmountError, match="'-5' is negative"):
        parse_percent("-5")
    assert parse_number("1,180.5554") == D("1180.5554")


def test_display():
    assert format_money(D("1893350000.00"), "USD") == "$1,893,350,000.00"
    assert format_money(D("199300000000"), "JPY") == "¥199,300,000,000"
    assert format_compact(D("1900000000"), "USD") == "$1.9B"
    assert format_compact(D("199300000000"), "JPY") == "¥199.3B"


@settings(max_examples=500)
@given(st.text(max_size=60))
def test_the_parser_raises_nothing_but_its_own_error(text):
    try:
        money = parse_amount(text)
    except HostcostError:
        return
    assert money.amount.is_finite() and abs(money.amount) < D(10) ** 18


@settings(max_examples=300)
@given(
    st.from_regex(
        r"[-+]?[$¥₩]?\s?[0-9,._]{1,12}(e[-+]?[0-9]{1,4})?\s?(k|m|bn|B|兆|億|万|tn)?\s?(円|yen|USD|dollars)?",
        fullmatch=True,
    )
)
def test_the_parser_on_amount_like_text(text):
    try:
        parse_amount(text)
    except HostcostError:
        pass
