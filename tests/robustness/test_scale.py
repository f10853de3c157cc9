"""The money invariants over 100,000 random scenarios (pytest -m slow; about 15 minutes here):

- exact sums: in every currency host + US == total, and the categories add up to the scenario;
  every rounded figure within one minor unit of its exact value;
- conversion round trips: there and back lands within the rounding of both legs;
- batch and scenario agree, cell for cell.

A few hundred of them run in the default test run too.
"""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import engine_row
from hostcost.core.batch import Batch
from hostcost.core.fx import Rates, parse_rate
from hostcost.core.money import Money, minor_unit
from hostcost.core.rows import Row
from hostcost.core.scenario import Category, Inputs, run_scenario
from hostcost.data.builtin import load_builtin, parse_user_rate

BUILTIN = load_builtin()
RATES = st.sampled_from(["105", "3", "7", "106.7754", "200/1.9", "150", "0.0123", "1180.5554"]) | st.decimals(
    min_value=D("0.5"), max_value=D(2000), places=4
).map(str)
COSTS = st.lists(
    st.tuples(
        st.decimals(min_value=0, max_value=D("1e13"), places=2) | st.decimals(min_value=0, max_value=10, places=2),
        st.sampled_from(["JPY", "USD", "KRW"]),
    ),
    min_size=1,
    max_size=6,
)
SCENARIO = st.tuples(
    COSTS,
    st.decimals(min_value=0, max_value=100, places=3),  # host share, percent
    st.sampled_from([D(0), D(50)]) | st.decimals(min_value=0, max_value=200, places=2),  # markup, percent
    st.integers(0, 200_000),  # troops
    RATES,
)


def _check(scenario) -> None:
    costs, share, markup, troops, rate = scenario
    rates = Rates.of([BUILTIN.rate], [parse_rate(rate), parse_rate("KRW=1180.5")])
    converter = rates.converter()
    currencies = ("USD", "JPY", "KRW")
    categories = tuple(Category(f"c{i}", Money(a, cur)) for i, (a, cur) in enumerate(costs))
    inputs = Inputs("x", troops, categories, share / 100, markup=markup / 100)

    # exact sums
    baseline = BUILTIN.baseline.amounts(converter, currencies)
    s = run_scenario(inputs, baseline, converter, currencies)
    uplift = 1 + Fraction(markup) / 100
    for cur in currencies:
        q = Fraction(minor_unit(cur))
        assert s.split.host[cur] + s.split.us[cur] == s.split.total[cur]
        for part in ("total", "host", "us"):
            assert sum(getattr(c.split, part)[cur] for c in s.categories) == getattr(s.split, part)[cur]
        for c, cat in zip(s.categories, categories):
            exact = converter.exact(cat.cost, cur)
            assert abs(Fraction(c.split.total[cur]) - exact) < q
            assert abs(Fraction(c.split.host[cur]) - exact * Fraction(share) / 100 * uplift) < q

    # conversion round trips
    for amount, cur in costs:
        for other in currencies:
            money = Money(amount, cur)
            there = converter.convert_rounded(money, other)
            back = converter.convert_rounded(there, cur)
            slack = converter.exact(Money(minor_unit(other) / 2, other), cur) + Fraction(minor_unit(cur))
            assert abs(Fraction(back.amount) - Fraction(amount)) <= slack

    # batch and scenario agree
    header = ["name", "troops", "host_share", "markup", *(c.name for c in categories)]
    runner = Batch(rates, BUILTIN.baseline, BUILTIN.categories, 54000, header, parse_user_rate)
    cells = {"name": "x", "troops": str(troops), "host_share": f"{share}%", "markup": f"{markup}%"}
    cells.update({c.name: f"{c.cost.amount} {c.cost.currency}" for c in categories})
    assert runner.run(Row(1, 2, cells)) == engine_row(inputs, rates, runner.currencies)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(SCENARIO)
def test_invariants_on_random_scenarios(scenario):
    _check(scenario)


@pytest.mark.slow
@settings(max_examples=100_000, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(SCENARIO)
def test_invariants_on_100000_random_scenarios(scenario):
    _check(scenario)
