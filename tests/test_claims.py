"""Claims: the parser, the interval semantics at their edges, and the checking."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostcost.builtin import load_builtin
from hostcost.claims import (
    ClaimError,
    ClaimLine,
    Interval,
    check_claim,
    claim_currencies,
    parse_claim,
    parse_claims,
    read_claims,
)
from hostcost.fx import Rates, parse_rate

BUILTIN = load_builtin()


def converter(*rates: str):
    return Rates.of([BUILTIN.rate], [parse_rate(r) for r in rates]).converter()


def holds(text: str, *rates: str, tolerance: D | None = None) -> bool:
    return check_claim(parse_claim(text), converter(*rates), ("USD", "JPY"), tolerance).holds


def test_written_precision():
    assert Interval.written(D("1.9e9"), D("1e8")) == Interval(D("1.85e9"), D("1.95e9"), True, False)


@pytest.mark.parametrize(("a", "b", "overlap"), [
    (Interval(D(1), D(2), True, False), Interval(D(2), D(3), True, False), False),  # [1,2) and [2,3) only touch
    (Interval(D(1), D(2), True, True), Interval(D(2), D(3), True, False), True),  # [1,2] and [2,3) share 2
    (Interval(D(1), D(2), True, False), Interval(D("1.999"), D(3)), True),
    (Interval(D(3), D(4)), Interval(D(1), D(2)), False),
    (Interval.exact(D(2)), Interval(D(1), D(2), True, False), False),  # 2 is not in [1,2)
    (Interval.exact(D(1)), Interval(D(1), D(2), True, False), True),  # 1 is
])
def test_overlap_at_the_edges(a, b, overlap):
    assert a.overlaps(b) is overlap and b.overlaps(a) is overlap


@pytest.mark.parametrize(("claim", "expected"), [
    ("¥200B = $1.9B", True),  # [¥199.5B, ¥200.5B) is [$1.895B, $1.905B); $1.9B is [$1.85B, $1.95B)
    ("¥946.5B / 5 = ¥189.3B", True),  # [946.45, 946.55) / 5 = [189.29, 189.31) within [189.25, 189.35)
    ("¥946.5B / 5 = ¥189.4B", False),  # [189.35, 189.45) starts where [189.29, 189.31) has ended
    ("$1.9B = $2B", True),  # [1.85, 1.95) and [1.5, 2.5)
    ("$1.9B = $2.0B", False),  # [1.85, 1.95) and [1.95, 2.05): they only touch, at 1.95
    ("$1.9B = $1.95B", True),  # [1.945, 1.955) begins inside [1.85, 1.95)
    ("$1.9B = $1.850B", True),  # [1.8495, 1.8505) reaches into [1.85, 1.95)
    ("$1.9B = $1.849B", False),  # [1.8485, 1.8495) ends before 1.85
    ("1兆551億円 / 5 ≈ ¥211B", True),
    ("(¥23.4B × 2 + ¥15.1B + ¥13.3B × 2) / 5 = ¥17.7B", True),  # the FY2022–26 utilities steps
    ("¥200B × 75% = ¥150B", True),
    ("¥946.5B / ¥189.3B = 5", True),  # a ratio of two amounts is a plain number
    ("$1.9B / 54,000 ~ $35,185", True),
    ("2 + 2 = 5", False),  # plain numbers are exact
    ("-¥5B + ¥10B == ¥5B", True),
])
def test_claims_at_the_default_rate(claim, expected):
    assert holds(claim) is expected


def test_the_rate_decides():
    assert holds("¥200B = $1.9B") and not holds("¥200B = $1.9B", "150")
    assert holds("¥200B = $1.87B", "106.7754")  # ¥200B at the 2020 average is $1.873B


def test_tolerance_replaces_written_precision():
    assert not holds("$1.9B = $2.0B")
    assert holds("$1.9B = $2.0B", tolerance=D("0.03"))  # [1.843, 1.957] and [1.94, 2.06]
    assert not holds("$1.9B = $2.0B", tolerance=D("0.02"))  # [1.862, 1.938] and [1.96, 2.04]
    assert not holds("$1.9B = $1,900,000,001", tolerance=D(0))


def test_results_in_both_currencies():
    r = check_claim(parse_claim("¥200B = $1.9B"), converter("150"), ("USD", "JPY"))
    assert r.left.value == {"USD": D("1333333333.33"), "JPY": D("200000000000")}
    assert r.right.value == {"USD": D("1900000000.00"), "JPY": D("285000000000")}
    assert r.difference == {"USD": D("-566666666.67"), "JPY": D("-85000000000")}
    assert r.percent == D("-29.8246")
    assert r.left.spread == D("0.0025")  # ±0.25%: half of ¥1B in ¥200B


def test_claim_currencies_and_krw():
    claim = parse_claim("₩1.1833tn = $1.03B")
    assert claim_currencies(claim) == ("KRW", "USD")
    r = check_claim(claim, converter("KRW=1144.8911"), ("USD", "JPY", "KRW"))
    assert r.holds and r.left.value["KRW"] == D("1183300000000")


@pytest.mark.parametrize(("text", "message"), [
    ("", "it is empty"),
    ("¥200B", "expected EXPR = EXPR"),
    ("¥200B =", "expected an amount or a number at the end"),
    ("= $5", "before '='"),
    ("¥200B = $1.9B = $2B", "unexpected second comparison"),
    ("(¥5B = ¥5B", "never closed"),
    ("¥5B) = ¥5B", "expected EXPR = EXPR"),
    ("¥200B + 5 = ¥205B", "adds an amount of money to a plain number"),
    ("¥5B × ¥2 = ¥10", "multiplies two amounts of money"),
    ("5 / ¥5 = 1", "divides a plain number by an amount"),
    ("¥5B / 0 = ¥1B", "divides by a figure that may be zero"),
    ("¥5B / (1 - 1) = ¥1B", "may be zero"),
    ("abc = 5", "'abc' is not an amount"),
    ("5 = ¥5", "one side is an amount of money and the other a plain number"),
    ("¥5% = 1", "a percent takes no currency"),
])
def test_claims_that_cannot_be_read(text, message):
    with pytest.raises(ClaimError, match=message):
        check_claim(parse_claim(text), converter(), ("USD", "JPY"))


def test_claims_files_skip_blanks_and_comments_and_keep_line_numbers():
    lines = ["# briefing of 3 March", "", "¥200B = $1.9B   # the headline", "   ", "¥946.5B / 5 = ¥189.3B"]
    assert read_claims(lines, "f") == [ClaimLine(3, "¥200B = $1.9B", "f"), ClaimLine(5, "¥946.5B / 5 = ¥189.3B", "f")]
    with pytest.raises(ClaimError, match="f: no claims in it"):
        read_claims(["# nothing", ""], "f")
    with pytest.raises(ClaimError, match=r"^f:2: claim '¥5B =': expected"):
        parse_claims([ClaimLine(1, "¥1 = ¥1"), ClaimLine(2, "¥5B =")], "f")


amounts = st.decimals(min_value=D("0.01"), max_value=D("1e13"), places=2)


@settings(max_examples=200, deadline=None)
@given(amounts, st.sampled_from(["JPY", "USD", "KRW"]), st.sampled_from(["USD", "JPY", "KRW"]),
       st.decimals(min_value=50, max_value=200, places=4), st.decimals(min_value=800, max_value=1600, places=4))
def test_a_claim_built_from_converts_own_output_holds(amount, source, target, jpy, krw):
    """Whatever convert prints, written back as a claim at the same rates, holds."""
    from hostcost.amounts import format_money
    from hostcost.money import Money, minor_unit, round_money

    conv = converter(str(jpy), f"KRW={krw}")
    money = Money(round_money(amount, source), source)
    out = conv.convert_rounded(money, target)
    assert out.amount.as_tuple().exponent == minor_unit(target).as_tuple().exponent
    claim = f"{format_money(money.amount, source)} = {format_money(out.amount, target)}"
    assert check_claim(parse_claim(claim), conv, ("USD", "JPY")).holds, claim
