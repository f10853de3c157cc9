from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostcost.core.money import (
    Money,
    allocate,
    minor_unit,
    round_money,
    round_parts,
    round_split,
    split_one,
    split_units,
)


def test_minor_units_come_from_the_currency():
    assert minor_unit("USD") == D("0.01")
    assert minor_unit("JPY") == D(1)
    assert minor_unit("KRW") == D(1)
    assert minor_unit("BHD") == D("0.001")


@pytest.mark.parametrize(
    ("amount", "currency", "rounded"),
    [
        ("0.125", "USD", "0.12"),  # half to even: down to the even cent
        ("0.135", "USD", "0.14"),  # half to even: up to the even cent
        ("2.5", "JPY", "2"),
        ("3.5", "JPY", "4"),
        ("1866534801.087141794832892", "USD", "1866534801.09"),
    ],
)
def test_round_money_is_half_even(amount, currency, rounded):
    assert round_money(D(amount), currency) == D(rounded)
    assert str(round_money(D(amount), currency)) == rounded


def test_money_refuses_floats_and_nan():
    with pytest.raises(TypeError):
        Money(1.5, "USD")
    with pytest.raises(TypeError):
        Money(D("NaN"), "USD")


def test_allocate_by_largest_remainder():
    assert allocate(D("100"), [D(1), D(1), D(1)], "USD") == [D("33.34"), D("33.33"), D("33.33")]
    assert allocate(D("10"), [D(1), D(1), D(1)], "JPY") == [D(4), D(3), D(3)]
    assert sum(allocate(D("199300000000"), [D("0.61"), D("0.39")], "JPY")) == D("199300000000")


def test_round_parts_rounds_the_total_once():
    total, parts = round_parts([D("0.005"), D("0.005"), D("0.005")], "USD")
    assert total == D("0.02")  # 0.015 rounds half to even
    assert sum(parts) == total
    assert sorted(parts) == [D("0.00"), D("0.01"), D("0.01")]


def test_round_split_worked_by_hand():
    # Two rows: $10.005 of which the host pays half, $3.335 paid in full by the host.
    r = round_split([D("10.005"), D("3.335")], [D("5.0025"), D("3.335")], "USD")
    assert (r.total, r.host, r.us) == (D("13.34"), D("8.34"), D("5.00"))
    assert r.rows == ((D("10.01"), D("5.01"), D("5.00")), (D("3.33"), D("3.33"), D("0.00")))


amounts = st.decimals(min_value=0, max_value=D("1e15"), places=4, allow_nan=False, allow_infinity=False)
shares = st.decimals(min_value=0, max_value=1, places=4)


@given(st.lists(st.tuples(amounts, shares), min_size=1, max_size=12), st.sampled_from(["USD", "JPY", "BHD"]))
def test_splits_add_up_exactly(rows, currency):
    totals = [t for t, _ in rows]
    hosts = [t * s for t, s in rows]
    q = minor_unit(currency)
    r = round_split(totals, hosts, currency)
    assert r.host + r.us == r.total
    assert sum(row[0] for row in r.rows) == r.total
    assert sum(row[1] for row in r.rows) == r.host
    assert sum(row[2] for row in r.rows) == r.us
    assert r.total == round_money(sum(totals), currency)
    for (t, h, u), exact_t, exact_h in zip(r.rows, totals, hosts):
        assert t == h + u
        assert abs(t - exact_t) < q and abs(h - exact_h) < q and abs(u - (exact_t - exact_h)) < q
        assert h >= 0 and u >= 0
    assert abs(r.host - sum(hosts)) <= q * len(rows)


@given(st.lists(amounts, min_size=1, max_size=20), st.sampled_from(["USD", "JPY"]))
def test_round_parts_each_part_within_one_unit(values, currency):
    total, parts = round_parts(values, currency)
    assert sum(parts) == total
    assert all(abs(p - v) < minor_unit(currency) for p, v in zip(parts, values))


@given(
    st.integers(min_value=0, max_value=10**20),
    st.fractions(min_value=0, max_value=2),
    st.integers(min_value=1, max_value=10**9),
)
def test_one_row_rounds_as_the_general_rule_does(total, share, den):
    """split_one, the rule for a single row, gives what split_units gives for many."""
    host = total * share.numerator
    den *= share.denominator
    total *= share.denominator
    grand, part, _, _, _ = split_units([total, 0], [host, 0], den)
    assert split_one(total, host, den) == (grand, part)


def test_rounding_is_of_the_exact_fraction():
    """Three thirds of a half cent are a tie, exactly: half to even rounds it down. A Decimal of
    60 digits would be a hair above the tie, and round up."""
    third = Fraction(1, 600)  # $0.001666…
    assert round_money(3 * third, "USD") == D("0.00")
    r = round_split([third] * 3, [third] * 3, "USD")
    assert (r.total, r.host, r.us) == (D("0.00"), D("0.00"), D("0.00"))
    assert round_money(Fraction(3, 200), "USD") == D("0.02")  # $0.015: to even, up


@given(
    st.lists(st.tuples(st.fractions(min_value=0, max_value=10**9), st.fractions(0, 1)), min_size=1, max_size=8),
    st.sampled_from(["USD", "JPY", "BHD"]),
)
def test_fractions_split_and_add_up_exactly(rows, currency):
    totals = [t for t, _ in rows]
    hosts = [t * s for t, s in rows]
    r = round_split(totals, hosts, currency)
    assert r.total == round_money(sum(totals), currency)
    assert r.host + r.us == r.total
    assert [sum(row[k] for row in r.rows) for k in range(3)] == [r.total, r.host, r.us]
    q = minor_unit(currency)
    assert all(abs(Fraction(t) - exact) < Fraction(q) for (t, _, _), exact in zip(r.rows, totals))


def test_the_jobs_work_in_their_own_digits_whatever_the_callers_context():
    """Python's default context keeps 28 digits. A host payment of ¥987,654,321,987,654,321 × 33.3%
    at cost plus 123,456,789,012,345,678% has 33 digits: its difference from the baseline came
    out rounded (¥…775,400,000 for ¥…775,399,396), and under a context that traps any rounding
    the job stopped there. Each job now works in the money context, whatever its caller's, and
    the figures are those worked out by hand."""
    from decimal import Context, InvalidOperation, Rounded, localcontext

    import hostcost

    exact = Fraction(987_654_321_987_654_321) * Fraction(333, 1000) * (1 + Fraction(123_456_789_012_345_678, 100))
    host = round(exact)  # half to even, as Python rounds a Fraction
    assert host == 406_035_662_051_714_999_505_075_775_399_396
    for context in (Context(prec=28), Context(prec=28, traps=[Rounded, InvalidOperation])):
        with localcontext(context):
            r = hostcost.scenario(
                costs={"wages": "¥987654321987654321"}, markup=123_456_789_012_345_678, host_shares=[33.3]
            )
            [row] = r.to_records()
            shown = r.to_text("txt", figures="full")
        assert row["host_JPY"] == host
        assert row["vs_baseline_JPY"] == host - 200_000_000_000 == 406_035_662_051_714_999_504_875_775_399_396
        assert f"¥{host:,}" in shown
