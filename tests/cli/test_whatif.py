"""What-if analysis: scenario files, troop changes, cost-plus, agreements, sweep, solve, compare.
Every figure here is worked out by hand in the comment beside it."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import per_usd
from hostcost.core.money import Money
from hostcost.core.scenario import Category, run_report
from hostcost.data.builtin import load_builtin
from hostcost.data.resolve import resolve
from hostcost.data.spec import Spec, dump_spec, load_spec
from hostcost.views.scenario import scenario_json

B = 10**9
BUILTIN = load_builtin()


def run(spec: Spec) -> dict:
    r = resolve(spec, BUILTIN)
    return scenario_json(run_report(r.scenarios, BUILTIN.baseline, r.rates, r.sources))


# -- troop changes, cost-plus, agreements -------------------------------------------------------


def test_nine_thousand_marines_leave(cli):
    [s] = cli("scenario", "--troops-change", "-9000", "--host-share", "100", "-f", "json").json()["scenarios"]
    assert (s["troops_before"], s["troops"]) == (54000, 45000)
    cats = {c["name"]: c for c in s["categories"]}
    # wages: ¥128.7B × (0.5 + 0.5 × 45/54) = ¥117.975B; drills all variable: ¥1B × 45/54; facilities fixed.
    assert cats["wages"]["total"]["JPY"] == D("117975000000") and cats["wages"]["before"]["JPY"] == D("128700000000")
    assert cats["drills"]["total"]["JPY"] == D("833333333") and cats["drills"]["variable"] == 1
    assert cats["facilities"]["total"]["JPY"] == D("20700000000") and cats["facilities"]["variable"] == 0
    # (128.7 + 26.6 + 22.3) × 11/12 + 1.0 × 5/6 + 20.7 = 184.3333… billion yen
    assert s["total"]["JPY"] == D("184333333333")
    assert s["per_troop"]["total"]["JPY"] == D("4096296")  # ¥184,333,333,333 / 45,000


def test_variable_shares_override_the_defaults(cli):
    [s] = cli(
        "scenario",
        "--troops-change",
        "-9000",
        "--variable",
        "facilities=100",
        "--variable",
        "wages=0",
        "--host-share",
        "100",
        "-f",
        "json",
    ).json()["scenarios"]
    cats = {c["name"]: c["total"]["JPY"] for c in s["categories"]}
    assert cats["wages"] == D("128700000000") and cats["facilities"] == D("17250000000")  # 20.7 × 45/54


def test_the_guam_example(cli):
    [s] = cli("scenario", "examples/guam-relocation.toml", "-f", "json").json()["scenarios"]
    # as above, but utilities 60% variable: 22.3 × (0.4 + 0.6 × 45/54) = 20.07 billion
    assert {c["name"]: c["total"]["JPY"] for c in s["categories"]}["utilities"] == D("20070000000")
    assert s["total"]["JPY"] == D("183961666667") and s["name"] == "Guam relocation: host pays 100%"


def test_cost_plus_fifty(cli):
    [s] = cli("scenario", "examples/cost-plus-50.toml", "-f", "json").json()["scenarios"]
    # $20.9B over four years is $5.225B a year; plus 50% is $7.8375B, near the $8B demanded in 2019.
    assert s["total"]["USD"] == D("5225000000.00")
    assert s["host"]["USD"] == D("7837500000.00") and s["us"]["USD"] == D("-2612500000.00")
    assert s["markup"] == D("0.5")
    assert cli("check", "$20.9B / 4 × 1.5 ≈ $8B").exit_code == 0


def test_markup_reads_as_host_pays_more_than_the_cost(cli):
    [s] = cli("scenario", "--markup", "50", "--host-share", "100", "-f", "json").json()["scenarios"]
    assert s["host"]["JPY"] == D("298950000000") and s["us"]["JPY"] == D("-99650000000")  # 1.5 × ¥199.3B
    assert s["host"]["JPY"] + s["us"]["JPY"] == s["total"]["JPY"]


def test_the_fy2022_26_agreement_over_five_years(cli):
    [s] = cli("scenario", "examples/sma-2022-five-years.toml", "-f", "json").json()["scenarios"]
    assert [y["year"] for y in s["years"]] == [2022, 2023, 2024, 2025, 2026]
    assert all(y["total"]["JPY"] == D("211020000000") for y in s["years"])
    assert s["over_years"]["total"]["JPY"] == D("1055100000000")  # 1兆551億円, as agreed


def test_escalation_compounds_and_the_cap_bounds_it(cli):
    [s] = cli(
        "scenario", "--wages", "¥100B", "--years", "3", "--escalate", "2", "--host-share", "100", "-f", "json"
    ).json()["scenarios"]
    assert [y["total"]["JPY"] for y in s["years"]] == [D("100e9"), D("102e9"), D("104.04e9")]  # 100, ×1.02, ×1.02²
    assert s["over_years"]["total"]["JPY"] == D("306040000000")
    [k] = cli("scenario", "examples/korea-2026-capped.toml", "-f", "json").json()["scenarios"]
    # 7% a year, capped at 5%: ₩1.5192tn × 1.05^k
    assert [y["total"]["KRW"] for y in k["years"]] == [
        D("1519200000000"),
        D("1595160000000"),
        D("1674918000000"),
        D("1758663900000"),
        D("1846597095000"),
    ]
    assert k["over_years"]["total"]["KRW"] == D("8394538995000")
    rows = [r.split("\t") for r in cli("scenario", "examples/korea-2026-capped.toml").stdout.splitlines()]
    year = rows[0].index("year")
    assert rows[0][:3] == ["name", "troops", "host_share"] and len(rows) == 6
    assert [r[year] for r in rows[1:]] == ["2026", "2027", "2028", "2029", "2030"]


# -- scenario files --------------------------------------------------------------------------


def test_save_then_run_reproduces_exactly(cli, tmp_path):
    f = tmp_path / "s.toml"
    args = [
        "--preset",
        "fy2021",
        "--troops-change",
        "-3000",
        "--share",
        "utilities=61",
        "--markup",
        "12.5",
        "--host-share",
        "80",
        "--host-share",
        "61.5",
        "--rate",
        "147.25",
        "--years",
        "2",
        "--escalate",
        "1.5",
    ]
    first = cli("scenario", *args, "--save", str(f), "-f", "json").json()
    again = cli("scenario", str(f), "-f", "json").json()
    assert again["scenarios"] == first["scenarios"] and per_usd(again["rate"]) == per_usd(first["rate"])
    r = cli("scenario", *args, "--save", str(f))
    assert r.exit_code == 2 and "the file exists; add --force" in r.stderr
    assert cli("scenario", "--save", str(f), "--force").exit_code == 0


def test_a_file_from_stdin_with_options_over_it(cli):
    r = cli(
        "scenario",
        "-",
        "--troops",
        "60000",
        "-f",
        "json",
        input='troops = 50000\nhost_share = 75\n[costs]\nwages = "¥100B"\n',
    )
    [s] = r.json()["scenarios"]
    assert s["troops"] == 60000 and s["host"]["JPY"] == D("75000000000")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("trops = 5", "unknown key 'trops' (did you mean troops?); the keys are name, preset, troops"),
        ('troops = "many"', "f.toml: troops: 'many' is not a number"),
        ('[costs]\nwages = "¥abc"', "f.toml: costs.wages: '¥abc' is not an amount"),
        ('[costs]\nwages = "-¥5B"', "f.toml: costs.wages: '-¥5B' is negative"),
        ("host_shares = [150]", "f.toml: host_shares: '150' is more than 100"),
        ("rate = 0", "f.toml: rate: '0' is zero"),
        ("rate_year = 1999", "f.toml: rate_year: no JPY rate for 1999"),
        ("costs = 5", "f.toml: costs: expected a table"),
        ("troops = ", "f.toml: not a valid TOML file"),
        ('[labels]\nfuel = "Fuel"', "f.toml: labels.fuel: there is no cost named 'fuel'"),
        ("host_share = 50\nhost_shares = [50]", "give host_share or host_shares, not both"),
    ],
)
def test_file_errors_name_the_file_and_the_key(cli, tmp_path, text, message):
    f = tmp_path / "f.toml"
    f.write_text(text, encoding="utf-8")
    r = cli("scenario", str(f))
    assert r.exit_code == 2 and message in r.stderr and r.stdout == ""


costs = st.lists(
    st.tuples(st.decimals(min_value=0, max_value=D("1e13"), places=2), st.sampled_from(["JPY", "USD"])),
    min_size=1,
    max_size=4,
)
percent = st.decimals(min_value=0, max_value=100, places=2)


@settings(max_examples=60, deadline=None)
@given(
    costs,
    st.lists(percent, min_size=1, max_size=3),
    st.integers(1, 100_000),
    st.integers(-500, 500),
    st.decimals(min_value=0, max_value=80, places=3),
    st.integers(1, 4),
    st.decimals(min_value=0, max_value=9, places=2),
    st.decimals(min_value=50, max_value=200, places=4),
)
def test_a_saved_file_round_trips_exactly(costs, shares, troops, change, markup, years, escalate, rate):
    spec = Spec(
        name="p",
        troops=troops,
        troops_change=max(change, -troops),
        costs=tuple(Category(f"c{i}", Money(a, cur)) for i, (a, cur) in enumerate(costs)),
        host_shares=tuple(s / 100 for s in shares),
        markup=markup / 100,
        years=years,
        escalate=escalate / 100,
        variable=(("c0", D("0.3")),),
        shares=(("c0", shares[0] / 100),),
        rates=(__import__("hostcost.core.fx", fromlist=["parse_rate"]).parse_rate(f"{rate}"),),
    )
    first = run(spec)
    text = dump_spec(resolve(spec, BUILTIN).spec)
    again = run(load_spec(text, "saved.toml"))
    assert again["scenarios"] == first["scenarios"]
    assert per_usd(again["rate"]) == per_usd(first["rate"])


# -- sweep ------------------------------------------------------------------------------------


def test_sweep_the_rate(cli):
    j = cli("sweep", "--vary", "rate=100:160:10", "-f", "json").json()
    assert j["vary"] == "rate" and [s["value"] for s in j["steps"]] == [100, 110, 120, 130, 140, 150, 160]
    at150 = j["steps"][5]
    assert at150["host"]["USD"] == D("1328666666.67") and per_usd(at150["rate"]) == {"JPY_per_USD": D(150)}
    assert j["steps"][0]["host_share"] == 1  # sweep runs at 100% unless told


def test_stop_is_included_only_on_a_step(cli):
    rows = cli("sweep", "--vary", "rate=100:155:10").stdout.splitlines()
    assert [r.split("\t")[1] for r in rows[1:]] == ["100", "110", "120", "130", "140", "150"]
    rows = cli("sweep", "--vary", "host-share=50:100:25").stdout.splitlines()
    assert [r.split("\t")[1] for r in rows[1:]] == ["0.5", "0.75", "1"]


def test_sweep_a_category_in_amounts(cli):
    j = cli("sweep", "--vary", "wages=¥100B:¥200B:¥50B", "-f", "json").json()
    assert [s["value"] for s in j["steps"]] == [
        {"amount": D(100 * B), "currency": "JPY"},
        {"amount": D(150 * B), "currency": "JPY"},
        {"amount": D(200 * B), "currency": "JPY"},
    ]
    # the other four FY2020 categories add up to ¥70.6B
    assert [s["total"]["JPY"] for s in j["steps"]] == [D("170.6e9"), D("220.6e9"), D("270.6e9")]
    header, *rows = (r.split("\t") for r in cli("sweep", "--vary", "wages=¥100B:¥200B:¥50B").stdout.splitlines())
    assert header[:4] == ["vary", "value", "value_unit", "name"]
    assert rows[0][:4] == ["wages", "100000000000", "JPY", "host pays 100%, wages 100000000000 JPY"]


def test_sweep_table_has_a_bar_against_the_baseline(cli):
    out = cli("sweep", "--vary", "troops=30000:54000:12000", "-f", "table", env={"COLUMNS": "160"}).stdout
    assert out.count("┃") >= 3 and "█" in out and "marks the baseline ($1.9B)" in " ".join(out.split())


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("rate", "expected NAME=START:STOP:STEP"),
        ("rate=100:160", "expected NAME=START:STOP:STEP"),
        ("rate=100:160:0", "STEP must be more than zero"),
        ("rate=0:150:50", "rates must be more than zero"),
        ("rate=100:1000:0.01", "at most 10,001"),
        ("wages=¥100B:$2B:¥50B", "give one currency"),
        ("fuel=¥1:¥2:¥1", "'fuel' is not an input"),
    ],
)
def test_bad_sweeps(cli, vary, message):
    r = cli("sweep", "--vary", vary)
    assert r.exit_code == 2 and message in r.stderr


# -- solve ------------------------------------------------------------------------------------


def test_solve_for_share_markup_rate_and_troops(cli):
    j = cli("solve", "--target", "$1B", "--for", "share", "-f", "json").json()
    assert j["for"] == "share" and j["value"] == D("0.528164364750")  # $1B / $1,893,350,000
    assert j["scenario"]["host"]["USD"] == D("1000000000.00")
    j = cli("solve", "--target", "$8B", "--for", "markup", "-f", "json").json()
    assert j["value"] == D("3.225314918002")  # $8B / $1,893,350,000 − 1
    j = cli("solve", "--target", "$1.5B", "--for", "rate", "-f", "json").json()
    assert j["value"] == D("132.866666666667")  # ¥199.3B / $1.5B
    j = cli("solve", "--target", "$40,000", "--for", "troops", "--of", "host-per-troop", "-f", "json").json()
    assert j["value"] == 42982 and j["exact"] == D("42982.248067947050")
    assert j["scenario"]["troops"] == 42982


def test_solve_says_no_with_exit_1(cli):
    r = cli("solve", "--target", "$8B", "--for", "share")
    assert r.exit_code == 1 and r.stdout == ""
    assert (
        "no host share from 0% to 100% makes the host pay $8,000,000,000.00: at 0% the host pays $0.00, "
        "at 100% $1,893,350,000.00"
    ) in r.stderr
    r = cli("solve", "--target", "$5B", "--for", "rate", "--cost", "x=$1B")
    assert r.exit_code == 1 and "whatever the rate" in r.stderr


# -- compare ----------------------------------------------------------------------------------


def test_compare_presets_and_files(cli):
    j = cli("compare", "fy2020", "fy2021", "examples/guam-relocation.toml", "-f", "json").json()
    inputs = [s["input"] for s in j["scenarios"]]
    assert inputs == ["fy2020", "fy2021", "examples/guam-relocation.toml"]
    fy21 = j["scenarios"][1]
    assert fy21["vs_first"]["host"]["JPY"] == D("2400000000")  # ¥201.7B − ¥199.3B
    assert per_usd(fy21["rate"]) == {"JPY_per_USD": D("109.8429")}  # each at its own rate
    table = cli("compare", "fy2020", "korea-2021", "-f", "table", "--figures", "full", env={"COLUMNS": "160"}).stdout
    assert "₩1,183,300,000,000" in table and "fy2020" in table


def test_compare_names_what_it_cannot_find(cli):
    r = cli("compare", "fy2020", "nosuch")
    assert r.exit_code == 2 and "no preset named 'nosuch'" in r.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "0"], "--years 0: expected a whole number of years from 1 to 100"),
        (["--years", "101"], "from 1 to 100"),
        (["--cap", "5"], "go with --years N"),
        (["--escalate", "-3", "--years", "2"], "--escalate: '-3' is negative"),
        (["--troops-change", "-60000"], "leaves -6000 troops; expected a change of at least -54000"),
        (["--troops", "0", "--troops-change", "5"], "needs a troop count to change from"),
        (["--markup", "x"], "--markup: 'x' is not a percent"),
        (["--variable", "fuel=50"], "variable share of 'fuel': there is no category 'fuel'"),
        (["--preset", ""], "no preset named ''"),
    ],
)
def test_what_if_options_that_cannot_be_used(cli, args, message):
    r = cli("scenario", *args)
    assert r.exit_code == 2 and message in r.stderr and r.stdout == ""
