"""hostcost batch: the same figures as scenario, streamed, and bad rows handled as documented."""

import csv
import io
import json
import select
import subprocess
from decimal import Decimal as D

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import clean_env, engine_row, hostcost_exe
from hostcost.core.money import Money
from hostcost.data.builtin import load_builtin, parse_user_rate

BUILTIN = load_builtin()

ROWS = (
    "name,troops,host_share,markup,rate,wages,utilities,drills\n"
    "a,54000,75,,,¥128.7B,¥22.3B,¥1.0B\n"
    "b,45000,,50,150,¥100B,,\n"
    "c,,61.5,,106.7754,$1.2B,¥20B,¥0\n"
)


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def scenario_row(cli, *args: str) -> dict:
    """scenario's row for ``args``; its rate_source says --rate where batch says the column."""
    [row] = rows_of(cli("scenario", *args).stdout)
    return row


def figures(row: dict) -> dict:
    """A row without where its rate was given (rate_source), which batch and scenario say differently."""
    return {k: v for k, v in row.items() if k != "rate_source"}


def test_batch_rows_equal_scenario_rows(cli):
    r = cli("batch", "-", input=ROWS)
    assert r.exit_code == 0, r.stderr
    a, b, c = rows_of(r.stdout)
    expect_a = scenario_row(
        cli,
        "--troops",
        "54000",
        "--host-share",
        "75",
        "--wages",
        "¥128.7B",
        "--utilities",
        "¥22.3B",
        "--drills",
        "¥1.0B",
    )
    assert figures(a) == figures({**expect_a, "name": "a"})
    # b: blank host share is 100%; blank utilities and drills are not costs (it gives wages), as in scenario
    expect_b = scenario_row(
        cli, "--troops", "45000", "--host-share", "100", "--markup", "50", "--rate", "150", "--wages", "¥100B"
    )
    assert figures(b) == figures({**expect_b, "name": "b"})
    assert b["total_JPY"] == "100000000000" and b["host_JPY"] == "150000000000"  # ¥100B × 1.5
    assert c["troops"] == "54000" and c["JPY_per_USD"] == "106.7754"


def test_the_columns(cli):
    header = cli("batch", "-", input=ROWS).stdout.splitlines()[0].split("\t")
    for column in (
        "name",
        "troops",
        "host_share",
        "total_USD",
        "total_JPY",
        "host_USD",
        "host_JPY",
        "us_USD",
        "us_JPY",
        "host_per_troop_USD",
        "vs_baseline_USD",
        "vs_baseline_ratio",
    ):
        assert column in header


def test_formats_in_and_out(cli):
    jsonl = (
        "\n".join(
            json.dumps(r)
            for r in [
                {"name": "a", "troops": 54000, "wages": "¥128.7B"},
                {"name": "b", "host_share": 50, "wages": "¥100B"},
            ]
        )
        + "\n"
    )
    out = cli("batch", "-", "-f", "jsonl", input=jsonl).stdout.splitlines()
    first, second = (json.loads(line, parse_float=D) for line in out)
    assert first["total_JPY"] == D("128700000000") and second["host_JPY"] == D("50000000000")
    tsv = ROWS.replace(",", "\t")
    assert cli("batch", "-", "-f", "csv", input=tsv).stdout.splitlines()[1].startswith("a,54000,0.75,")
    assert cli("batch", "-", "--input-format", "xml", input=ROWS).exit_code == 2


def test_a_bad_row_stops_the_batch_naming_row_and_column(cli):
    bad = ROWS + "d,54000,75,,,¥abc,,\ne,54000,75,,,¥1B,,\n"
    r = cli("batch", "-", input=bad)
    assert r.exit_code == 2
    assert "row 4 (line 5), column wages: '¥abc' is not an amount" in r.stderr
    lines = r.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines[1:]] == ["a", "b", "c"]  # whole rows only, then it stopped
    assert r.stdout.endswith("\n")


def test_skip_bad_reports_and_goes_on_with_exit_1(cli):
    bad = ROWS + "d,-5,75,,,¥1B,,\ne,54000,150,,,¥1B,,\nf,54000,75,,,¥1B,,\n"
    r = cli("batch", "-", "--skip-bad", input=bad)
    assert r.exit_code == 1
    assert [line.split("\t")[0] for line in r.stdout.splitlines()[1:]] == ["a", "b", "c", "f"]
    assert "skipped row 4 (line 5), column troops: '-5' is negative" in r.stderr
    assert "skipped row 5 (line 6), column host_share: '150' is more than 100" in r.stderr


def test_batch_on_a_terminal_says_what_it_expects(cli):
    r = cli("batch", stdin_tty=True)
    assert r.exit_code == 2 and "pipe the rows in, or give a file" in r.stderr


def test_results_stream_out_while_stdin_is_still_open():
    p = subprocess.Popen(
        [*hostcost_exe(), "batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    try:
        p.stdin.write(b"name,troops,wages\nfirst,54000,\xc2\xa5100B\n")
        p.stdin.flush()
        ready, _, _ = select.select([p.stdout], [], [], 30)
        assert ready, "no output while stdin was open"
        header = p.stdout.readline().decode()
        first = p.stdout.readline().decode()
        assert header.startswith("name\t") and first.startswith("first\t54000\t1\t")
        assert p.poll() is None  # still running: the rest of the input has not come yet
        p.stdin.write(b"second,1000,\xc2\xa51B\n")
        p.stdin.close()
        assert p.stdout.read().decode().startswith("second\t1000\t")
    finally:
        p.kill()
        p.wait()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(0, 100_000),
    st.decimals(min_value=0, max_value=100, places=2),
    st.decimals(min_value=0, max_value=D("1e12"), places=0),
    st.decimals(min_value=0, max_value=D("1e9"), places=2),
    st.one_of(st.none(), st.decimals(min_value=50, max_value=200, places=3)),
)
def test_batch_and_scenario_agree(cli, troops, share, yen, dollars, rate):
    rate_cell = "" if rate is None else str(rate)
    text = f"name,troops,host_share,rate,wages,security\nx,{troops},{share}%,{rate_cell},{yen} JPY,{dollars} USD\n"
    [row] = rows_of(cli("batch", "-", input=text).stdout)
    args = [
        "--troops",
        str(troops),
        "--host-share",
        f"{share}%",
        "--wages",
        f"{yen} JPY",
        "--cost",
        f"security={dollars} USD",
        *(["--rate", str(rate)] if rate is not None else []),
    ]
    assert figures(row) == figures({**scenario_row(cli, *args), "name": "x"})


def _edge(low: int, high: int):
    """Integers in [low, high], with the ends and their neighbours often."""
    return st.one_of(st.sampled_from([low, low + 1, high - 1, high]), st.integers(low, high))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    troops=_edge(0, 10**9),
    share=st.tuples(_edge(0, 10**18 - 1), st.integers(0, 18)),  # 777 and 1: 7.77%
    markup=st.tuples(_edge(0, 10**17), st.integers(0, 12)),
    yen=st.tuples(_edge(0, 10**18 - 1), st.integers(0, 2)),
    dollars=st.tuples(_edge(0, 10**18 - 1), st.integers(0, 18)),
    rate=st.one_of(st.none(), st.tuples(_edge(7_700, 1_600_000), st.just(3))),  # the bounds, to the yen's tenth
)
@example(  # scenario's host minus the baseline came out rounded to 28 digits
    troops=0, share=(1, 0), markup=(10**17 - 1, 0), yen=(0, 0), dollars=(10**18 - 2, 0), rate=None
)
def test_batch_and_scenario_agree_at_the_limits(cli, troops, share, markup, yen, dollars, rate):
    """At the edges of what hostcost takes (amounts up to 18 digits and 18 places, shares and
    markups of many places, the lowest and highest rates, a billion troops), a batch row and
    scenario given the same inputs were 5 of 20 rows apart: some steps ran in 28 digits."""

    def text(number: tuple[int, int]) -> str:
        units, places = number
        return str(D(units).scaleb(-places))

    share_text = text((min(share[0], 100 * 10 ** share[1]), share[1])) + "%"
    cells = [str(troops), share_text, text(markup) + "%", "" if rate is None else text(rate)]
    cells += [text(yen) + " JPY", text(dollars) + " USD"]
    batch = cli("batch", "-", input="name,troops,host_share,markup,rate,wages,security\nx," + ",".join(cells) + "\n")
    args = ["--troops", cells[0], "--host-share", share_text, "--markup", cells[2]]
    args += ["--wages", cells[4], "--cost", "security=" + cells[5], *(["--rate", cells[3]] if rate else [])]
    scenario = cli("scenario", *args)
    assert (batch.exit_code, batch.stderr.splitlines()[:1]) == (scenario.exit_code, scenario.stderr.splitlines()[:1])
    if scenario.exit_code == 0:
        [row] = rows_of(batch.stdout)
        assert figures(row) == figures({**scenario_row(cli, *args), "name": "x"})


def test_input_that_is_not_utf8_is_bad_input(cli, tmp_path):
    f = tmp_path / "rows.csv"
    f.write_bytes(b"name,wages\na,\xff\n")
    r = cli("batch", str(f))
    assert r.exit_code == 2 and "not UTF-8 text" in r.stderr


cost_cells = st.tuples(
    st.sampled_from(["wages", "utilities", "drills", "fuel"]),
    st.one_of(
        st.decimals(min_value=0, max_value=D("1e13"), places=2),
        st.decimals(min_value=0, max_value=10, places=2),  # a few yen: thirds and sevenths of a cent
    ),
    st.sampled_from(["JPY", "USD", "KRW"]),
)


def test_a_host_total_held_by_its_rows(cli):
    """¥292 of fuel and ¥85 of rent at 300 yen to the dollar: 97⅓¢ and 28⅓¢, total 125⅔¢ ->
    $1.26. Fuel, first among equal remainders, rounds up to 98¢; its US part is exactly 73¢, so
    its host part must be 25¢ (not 24⅓ -> 24); rent's host part is 7¢. So the host pays 32¢,
    though its exact 31.41…¢ alone would round to 31¢. batch and scenario agree on it."""
    text = "name,host_share,rate,fuel,rent\nx,25,300,¥292,¥85\n"
    [row] = rows_of(cli("batch", "-", input=text).stdout)
    assert (row["total_USD"], row["host_USD"], row["us_USD"]) == ("1.26", "0.32", "0.94")
    expect = scenario_row(cli, "--host-share", "25", "--rate", "300", "--cost", "fuel=¥292", "--cost", "rent=¥85")
    assert figures(row) == figures({**expect, "name": "x"})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(cost_cells, min_size=1, max_size=4, unique_by=lambda c: c[0]),
    st.decimals(min_value=0, max_value=100, places=3),
    st.one_of(st.just(D(0)), st.decimals(min_value=0, max_value=200, places=2)),
    st.integers(0, 200_000),
    st.sampled_from(["105", "3", "7", "106.7754", "200/1.9", "150"]),
)
def test_the_batch_arithmetic_is_run_totals(costs, share, markup, troops, rate):
    """Batch works rows out in whole numbers; they equal the scenario engine's, figure for figure,
    including exact ties (rates of 3 and 7 yen make thirds and sevenths of a cent)."""
    from hostcost.core.batch import Batch
    from hostcost.core.fx import Rates, parse_rate
    from hostcost.core.rows import Row
    from hostcost.core.scenario import Category, Inputs

    rates = Rates.of([BUILTIN.rate], [parse_rate(rate), parse_rate("KRW=1180.5")])
    header = ["name", "troops", "host_share", "markup", *(name for name, _, _ in costs)]
    runner = Batch(rates, BUILTIN.baseline, BUILTIN.categories, 54000, header, parse_user_rate)
    cells = {"name": "x", "troops": str(troops), "host_share": f"{share}%", "markup": f"{markup}%"}
    cells.update({name: f"{amount} {cur}" for name, amount, cur in costs})
    got = runner.run(Row(1, 2, cells))
    inputs = Inputs(
        "x",
        troops,
        tuple(Category(name, Money(amount, cur)) for name, amount, cur in costs),
        share / 100,
        markup=markup / 100,
    )
    assert got == engine_row(inputs, rates, runner.currencies)


def test_a_rate_column_for_a_currency_with_no_rate_in_force(cli):
    """atheris found this: a rate_KRW column (with no --rate KRW) stopped every batch at its header,
    as 'no exchange rate for KRW'. Each row now brings its own rate; a row without one is a bad row."""
    text = "name,wages,rate_KRW\na,¥1B,1180\nb,¥1B,\n"
    r = cli("batch", "-", input=text)
    assert r.exit_code == 2 and r.stderr.startswith("hostcost: error: row 2 (line 3): no exchange rate for KRW")
    r = cli("batch", "-", "--skip-bad", input=text)
    assert r.exit_code == 1
    [a] = rows_of(r.stdout)
    expect = scenario_row(cli, "--host-share", "100", "--wages", "¥1B", "--rate", "KRW=1180")
    assert figures(a) == figures({**expect, "name": "a"})
    assert a["total_KRW"] == "11210000000" and a["KRW_per_USD"] == "1180"  # ¥1B = $9.5M = ₩11.21B
