from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostcost.core.fx import Rates, parse_rate
from hostcost.core.money import Money
from hostcost.core.scenario import DEFAULT_SHARES, Category, Inputs, run_report
from hostcost.data.builtin import load_builtin
from hostcost.errors import InputError

BUILTIN = load_builtin()
B = 10**9


def report(scenarios, *given_rates):
    return run_report(scenarios, BUILTIN.baseline, Rates.of([BUILTIN.rate], [parse_rate(r) for r in given_rates]))


def test_builtin_data_matches_its_sources():
    assert BUILTIN.baseline.usd == D("1.9") * B
    assert BUILTIN.baseline.quoted("JPY") == 200 * B
    assert BUILTIN.baseline.troops == 54000
    costs = {c.name: c.cost.amount for c in BUILTIN.categories}
    assert costs == {
        "wages": D("128.7") * B,
        "welfare": D("26.6") * B,
        "utilities": D("22.3") * B,
        "drills": D("1.0") * B,
        "facilities": D("20.7") * B,
    }
    assert sum(costs.values()) == D("199.3") * B  # the FY2020 budget's total
    assert all(c.cost.currency == "JPY" for c in BUILTIN.categories)
    assert "Yomiuri" in BUILTIN.categories_source and "Epoch Times" in BUILTIN.baseline.source


def test_default_scenarios_worked_by_hand():
    r = report([Inputs(f"host {s * 100:.0f}%", 54000, BUILTIN.categories, s) for s in DEFAULT_SHARES])
    assert [s.name for s in r.scenarios] == ["host 100%", "host 75%", "host 50%"]
    full, three_q, half = r.scenarios
    # ¥199.3B at 200/1.9 yen per dollar is $1,893,350,000 exactly.
    assert full.split.total == {"USD": D("1893350000.00"), "JPY": D("199300000000")}
    assert full.split.us == {"USD": D("0.00"), "JPY": D(0)}
    assert three_q.split.host == {"USD": D("1420012500.00"), "JPY": D("149475000000")}
    assert half.split.us == {"USD": D("946675000.00"), "JPY": D("99650000000")}
    assert full.vs_baseline == {"USD": D("-6650000.00"), "JPY": D("-700000000")}
    assert full.ratio == D("0.9965")
    assert three_q.ratio == D("0.747375")
    # $1,893,350,000 / 54,000 = $35,062.037…; ¥199.3B / 54,000 = ¥3,690,740.74…
    assert full.per_troop.total == {"USD": D("35062.04"), "JPY": D("3690741")}
    # Half of ¥3,690,740.74 is ¥1,845,370.37: host and US parts still add up to the rounded whole.
    assert half.per_troop.host["JPY"] + half.per_troop.us["JPY"] == D("3690741")


def test_acceptance_inputs_half_and_half():
    cats = (
        Category("utilities", Money(D(20 * B), "JPY")),
        Category("wages", Money(D(150 * B), "JPY")),
        Category("drills", Money(D(30 * B), "JPY")),
    )
    s = report([Inputs("half", 54000, cats, D("0.5"))]).scenarios[0]
    assert s.split.total["JPY"] == 200 * B and s.split.host["JPY"] == 100 * B
    assert s.split.host["USD"] == D("950000000.00")
    assert s.ratio == D("0.5")


def test_sums_are_rounded_from_exact_fractions():
    """¥0.25 three times at 150 yen to the dollar is $0.005 exactly: a tie, which half to even
    rounds to $0.00. Each ¥0.25 is $0.0016666…, which no Decimal holds exactly."""
    cats = tuple(Category(n, Money(D("0.25"), "JPY")) for n in ("wages", "utilities", "drills"))
    s = report([Inputs("thirds", 54000, cats, D(1))], "150").scenarios[0]
    assert s.split.total == {"USD": D("0.00"), "JPY": D(1)}
    assert s.split.host == {"USD": D("0.00"), "JPY": D(1)}


def test_a_category_share_overrides_the_overall_split():
    [s] = report([Inputs("x", 54000, BUILTIN.categories, D("0.75"), (("utilities", D("0.61")),))]).scenarios
    utilities = next(c for c in s.categories if c.name == "utilities")
    assert utilities.host_share == D("0.61")
    assert utilities.split.host["JPY"] == D("13603000000")  # 61% of ¥22.3B
    assert s.split.host["JPY"] == D("0.75") * (D("199.3") - D("22.3")) * B + D("13603000000")


def test_at_another_rate_the_baseline_stays_as_quoted_and_the_ratio_is_in_dollars():
    [s] = report([Inputs("x", 54000, BUILTIN.categories)], "150").scenarios
    assert s.split.total["USD"] == D("1328666666.67")  # ¥199.3B / 150
    assert s.vs_baseline == {"USD": D("-571333333.33"), "JPY": D("-700000000")}
    assert s.ratio == D("0.6992982456")  # 1,328,666,666.67 / 1,900,000,000, to 10 places


def test_no_troops_means_no_per_troop_figures():
    [s] = report([Inputs("x", 0, BUILTIN.categories)]).scenarios
    assert s.per_troop is None


def test_costs_in_several_currencies():
    cats = (
        Category("wages", Money(D(100 * B), "JPY")),
        Category("security", Money(D("40e6"), "USD")),
        Category("korea", Money(D("1e12"), "KRW")),
    )
    r = report([Inputs("x", 28500, cats)], "KRW=1180.5554")
    assert r.currencies == ("USD", "JPY", "KRW")
    s = r.scenarios[0]
    for cur in r.currencies:
        assert sum(c.split.total[cur] for c in s.categories) == s.split.total[cur]
    assert s.categories[1].split.total["USD"] == D("40000000.00")
    assert r.baseline_amounts["KRW"] == D("2243055260000")  # $1.9B at 1180.5554


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        (Inputs("x", 1, ()), "no costs given"),
        (Inputs("x", 1, (Category("a", Money(D(1), "JPY")), Category("a", Money(D(1), "JPY")))), "given twice"),
        (Inputs("x", 1, (Category("a", Money(D(1), "JPY")),), shares=(("b", D(1)),)), "no category 'b'"),
        (Inputs("x", -1, (Category("a", Money(D(1), "JPY")),)), "negative"),
    ],
)
def test_inputs_no_scenario_can_use(inputs, message):
    with pytest.raises(InputError, match=message):
        report([inputs])


money = st.decimals(min_value=0, max_value=D("1e14"), places=2)
share = st.decimals(min_value=0, max_value=1, places=3)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(money, st.sampled_from(["USD", "JPY"]), share), min_size=1, max_size=8),
    share,
    st.integers(0, 200_000),
    st.decimals(min_value=50, max_value=300, places=4),
)
def test_every_figure_adds_up_in_every_currency(costs, host_share, troops, rate):
    cats = tuple(Category(f"c{i}", Money(a, cur)) for i, (a, cur, _) in enumerate(costs))
    shares = tuple((f"c{i}", s) for i, (_, _, s) in enumerate(costs) if i % 2)
    r = report([Inputs("x", troops, cats, host_share, shares)], str(rate))
    s = r.scenarios[0]
    for cur in r.currencies:
        assert s.split.host[cur] + s.split.us[cur] == s.split.total[cur]
        for part in ("total", "host", "us"):
            assert sum(getattr(c.split, part)[cur] for c in s.categories) == getattr(s.split, part)[cur]
        for c in s.categories:
            assert c.split.host[cur] + c.split.us[cur] == c.split.total[cur]
        if s.per_troop:
            assert s.per_troop.host[cur] + s.per_troop.us[cur] == s.per_troop.total[cur]
