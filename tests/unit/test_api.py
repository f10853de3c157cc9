"""The Python API: the command line's jobs from a notebook, with the same figures, the same
refusals, and errors that raise instead of exiting."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal as D

import pytest

import hostcost
from helpers import clean_env, invoke


def tsv_records(*args: str) -> list[dict[str, str]]:
    """What the command line writes with -f tsv, as dicts of text."""
    header, *rows = invoke(*args, "-f", "tsv").stdout.splitlines()
    return [dict(zip(header.split("\t"), r.split("\t"))) for r in rows]


def as_text(value) -> str:
    """A record's value as a tsv cell holds it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return format(value, "f") if isinstance(value, D) else str(value)


def test_a_conversion_at_the_2020_average_rate():
    """¥200B at 106.7754 yen per dollar (the 2020 annual average, Federal Reserve G.5A):
    200,000,000,000 ÷ 106.7754 = 1,873,090,618.2529…, rounded half to even to the cent."""
    c = hostcost.convert("¥200B", to="USD", rate_year=2020)
    assert c.amount == D("1873090618.25") and c.currency == "USD"
    assert c.source.amount == D("200000000000") and c.source.currency == "JPY"
    assert c.to_records() == [
        {
            "from_amount": D("200000000000"),
            "from_currency": "JPY",
            "to_amount": D("1873090618.25"),
            "to_currency": "USD",
            "JPY_per_USD": D("106.7754"),
        }
    ]


def test_a_claim_checked_from_python():
    checks = hostcost.check("¥200B = $1.9B", "¥200B = $2.5B", rate_year=2020)
    assert len(checks) == 2 and [c.verdict for c in checks] == ["holds", "fails"]
    assert checks[0].holds and not checks.holds
    assert checks[1].should_read == "$1.9B"  # ¥200B ÷ 106.7754 = $1.873B, to two digits


def test_a_scenario_s_records_are_the_rows_of_tsv_exactly():
    r = hostcost.scenario(preset="sma-2022", host_shares=[100, 75], rate_at="FY2024")
    records = r.to_records()
    cli = tsv_records(
        "scenario", "--preset", "sma-2022", "--host-share", "100", "--host-share", "75", "--rate-at", "FY2024"
    )
    assert [{k: as_text(v) for k, v in rec.items()} for rec in records] == cli
    # ¥211.02B (SMA 2022's first year) at FY2024's 152.407025 yen per dollar; the host pays 75% of it
    assert records[0]["host_USD"] == D("1384581845.88") and records[1]["host_USD"] == D("1038436384.41")
    assert isinstance(records[0]["troops"], int) and records[0]["rate_assumed"] is False
    assert [s.host_share for s in r.scenarios] == [D(1), D("0.75")]


def test_to_json_is_the_text_of_dash_f_json():
    args = ("scenario", "--host-share", "80", "--rate-year", "2023")
    assert hostcost.scenario(host_share=80, rate_year=2023).to_json() == invoke(*args, "-f", "json").stdout


def test_a_result_as_a_spreadsheet(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "c.xlsx"
    hostcost.convert("¥200B", to="USD", rate_year=2020).to_xlsx(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Conversion", "Data", "Notes"]
    assert wb["Conversion"]["B4"].value == 1873090618.25 and wb["Conversion"]["B4"].number_format.startswith('"$"')
    assert hostcost.convert("¥200B", to="USD", rate_year=2020).to_text("txt", figures="full").count("$1,873,090,618.25")
    with pytest.raises(ValueError, match="figures 'long'"):
        hostcost.convert("¥200B").to_text("txt", figures="long")


def test_str_is_the_plain_table_and_the_html_a_table_for_notebooks():
    r = hostcost.scenario(host_shares=[100])
    assert str(r) == invoke("scenario", "--host-share", "100", "-f", "txt").stdout
    html = r._repr_html_()
    assert html.startswith("<table>\n<caption>Who pays what</caption>")
    assert '<td class="num" style="text-align: right">$1.89B<br>¥199B</td>' in html
    assert "<script" not in html


def test_every_format_of_the_command_line_is_there_as_text():
    r = hostcost.baseline()
    for fmt in ("tsv", "csv", "json", "jsonl", "markdown", "txt"):
        assert r.to_text(fmt) == invoke("baseline", "-f", fmt).stdout, fmt
    assert "億" in r.to_text("markdown", lang="ja")
    with pytest.raises(ValueError, match="fmt 'xml': expected one of tsv"):
        r.to_text("xml")


def test_keywords_are_a_scenario_file_s_keys_read_the_same_way():
    r = hostcost.scenario(troops="45,000", costs={"wages": "¥100B"}, shares={"wages": 50}, host_share="100%")
    [s] = r.scenarios
    assert s.troops == 45000 and s.split.host["JPY"] == D("50000000000")  # half of ¥100B
    assert hostcost.scenario(host_shares=[75.5]).scenarios[0].host_share == D("0.755")  # 75.5 is 75.5%


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda: hostcost.scenario(troop=45000), "hostcost.scenario(): no input 'troop' (did you mean troops?)"),
        (
            lambda: hostcost.scenario(host_shares=[0.75]),
            "hostcost.scenario(): host_shares: 0.75 would be 0.75%; write 75 for 75%",
        ),
        (lambda: hostcost.scenario(host_share=75, host_shares=[50]), "give host_share or host_shares, not both"),
        (lambda: hostcost.convert("¥200B", rate=0), "rate: '0' is zero"),
        (lambda: hostcost.convert("¥200B", preset="fy2021"), "hostcost.convert(): no input 'preset'"),
        (lambda: hostcost.convert("200B", to="USD"), "amount: '200B' has no currency"),
        (lambda: hostcost.convert("¥1B", to="XYZ"), "to: unknown currency 'XYZ'"),
        (lambda: hostcost.scenario("no-such.toml"), "file no-such.toml: no such file"),
    ],
)
def test_bad_input_raises_a_hostcost_error_that_names_it(call, said):
    with pytest.raises(hostcost.HostcostError) as caught:
        call()
    assert said in str(caught.value) and caught.value.exit_status == 2


def test_a_goal_no_value_reaches_raises_no_solution_with_exit_status_1():
    with pytest.raises(hostcost.NoSolution, match=r"no host share from 0% to 100% makes the host pay \$8,000,000,000"):
        hostcost.solve(target="$8B", for_="share")
    assert hostcost.NoSolution.exit_status == 1


def test_solve_sweep_and_compare_as_the_commands():
    solved = hostcost.solve(target="$1B", for_="share")
    assert solved.value == D("0.528164364750")  # $1B ÷ $1,893,350,000 = 0.5281643647503…, to 12 places
    swept = hostcost.sweep(vary="host-share=50:100:50")
    assert [(v, r.scenarios[0].split.host["USD"]) for v, r in swept.steps] == [
        (D("0.5"), D("946675000.00")),
        (D(1), D("1893350000.00")),
    ]
    compared = hostcost.compare("fy2020", "fy2021")
    assert [name for name, _ in compared.named] == ["fy2020", "fy2021"]


def test_batch_rows_from_python_are_the_rows_batch_writes():
    rows = [{"name": "a", "troops": 54000, "host_share": 75, "wages": "¥128.7B"}, {"name": "b", "rate": 150}]
    text = "name,troops,host_share,wages,rate\na,54000,75,¥128.7B,\nb,,,,150\n"
    header, *lines = invoke("batch", "-", input=text).stdout.splitlines()
    expect = [dict(zip(header.split("\t"), line.split("\t"))) for line in lines]
    got = hostcost.batch(rows).to_records()
    assert [{k: as_text(v) for k, v in rec.items()} for rec in got] == expect
    assert got[0]["host_JPY"] == D("96525000000")  # 75% of ¥128.7B


def test_a_bad_batch_row_raises_or_is_skipped():
    rows = [{"troops": 54000}, {"troops": -5}, {"troops": 1000}]
    with pytest.raises(hostcost.InputError, match=r"row 2 .*column troops: '-5' is negative"):
        hostcost.batch(rows)
    done = hostcost.batch(rows, skip_bad=True)
    assert [r["troops"] for r in done.to_records()] == [54000, 1000]


def test_to_pandas_is_a_dataframe_of_exact_figures():
    pd = pytest.importorskip("pandas")
    df = hostcost.scenario(host_shares=[100, 50]).to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == list(hostcost.scenario().view.header())
    assert list(df["host_USD"]) == [D("1893350000.00"), D("946675000.00")]
    frame = pd.DataFrame([{"name": "a", "troops": 54000, "wages": "¥128.7B"}])
    assert hostcost.batch(frame).to_records()[0]["total_JPY"] == D("128700000000")


def test_to_pandas_without_pandas_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match=r"to_pandas\(\) needs pandas.*pip install pandas") as caught:
        hostcost.baseline().to_pandas()
    assert isinstance(caught.value, hostcost.MissingExtra)


def test_importing_hostcost_loads_nothing_heavy_until_used():
    code = (
        "import sys, hostcost\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pint', 'rich', 'babel', 'typer'}))\n"
        "hostcost.convert('¥1B')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pint', 'babel', 'typer'}))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=clean_env(), timeout=60)
    assert p.stdout.splitlines() == ["[]", "['babel', 'pint']"], p.stderr


def test_the_public_names_are_all_there():
    for name in hostcost.__all__:
        assert getattr(hostcost, name) is not None, name
    assert hostcost.HostcostError is __import__("hostcost.errors").errors.HostcostError
    with pytest.raises(AttributeError, match="no attribute 'nosuch'"):
        hostcost.nosuch  # noqa: B018
