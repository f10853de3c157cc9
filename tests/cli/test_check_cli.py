"""hostcost check on the command line: exit codes, claims files, stdin, formats."""

from decimal import Decimal as D

import pytest

from helpers import ROOT, run

CLAIMS = ROOT / "examples" / "briefing-claims.txt"


def test_the_headline_holds_at_the_default_rate_and_fails_at_150(cli):
    assert cli("check", "¥200B = $1.9B").exit_code == 0
    r = cli("check", "¥200B = $1.9B", "--rate", "150")
    assert r.exit_code == 1
    assert r.stdout.splitlines()[1].split("\t")[:3] == ["1", "¥200B = $1.9B", "false"]


def test_an_agreement_average(cli):
    assert cli("check", "¥946.5B / 5 = ¥189.3B").exit_code == 0


def test_json_gives_each_claim_with_both_sides_the_difference_and_the_rate(cli):
    r = cli("check", "¥200B = $1.9B", "$8B / $1.9B ≈ 4", "--rate", "150", "-f", "json")
    j = r.json()
    assert r.exit_code == 1 and j["all_hold"] is False
    first, second = j["claims"]
    assert first["holds"] is False and first["line"] == 1 and first["claim"] == "¥200B = $1.9B"
    assert first["left"]["USD"] == D("1333333333.33") and first["left"]["JPY"] == D("200000000000")
    assert first["left"]["low"] == {"USD": D("1000000000.00"), "JPY": D("150000000000")}  # ¥200B: ¥150B to ¥250B
    assert first["right"]["high"]["USD"] == D("1950000000.00")
    assert first["difference"] == {"USD": D("-566666666.67"), "JPY": D("-85000000000"), "percent": D("-29.8246")}
    assert first["rate"]["JPY_per_USD"] == D(150)
    assert first["rate"]["details"]["JPY"] == {
        "period": None,
        "label": "given with --rate",
        "source": None,
        "series": None,
        "derived": None,
        "assumed": False,
    }
    assert second["kind"] == "number" and second["holds"] is True
    assert second["left"]["value"] == D("4.210526315789")
    assert any(s["figure"] == "JPY per USD" and s["source"] == "given with --rate" for s in j["sources"])


def test_a_claims_file_with_one_wrong_figure_exits_1_and_points_at_its_line(cli):
    r = cli("check", "--file", str(CLAIMS))
    assert r.exit_code == 1
    rows = [line.split("\t") for line in r.stdout.splitlines()[1:]]
    assert [(row[0], row[2]) for row in rows] == [
        ("6", "true"),
        ("9", "true"),
        ("12", "true"),
        ("15", "true"),
        ("18", "true"),
        ("21", "true"),
        ("24", "false"),
        ("27", "false"),
        ("30", "false"),
    ]


def test_a_malformed_line_exits_2_naming_it_before_any_output(cli, tmp_path):
    f = tmp_path / "claims.txt"
    f.write_text("# a draft\n\n¥200B = $1.9B\n¥200B = = $1.9B\n$8B = ¥1T\n", encoding="utf-8")
    r = cli("check", "--file", str(f))
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == (
        f"hostcost: error: {f}:4: claim '¥200B = = $1.9B': expected an amount or a number before "
        "'='; write A = B, A ≈ B, A > B or A (B), such as ¥200B = $1.9B\n"
    )


def test_claims_from_stdin_and_arguments_together(cli):
    r = cli("check", "$1 = $1", "--file", "-", input="# comment\n¥946.5B / 5 = ¥189.3B\n\n¥200B = $2.5B\n")
    assert r.exit_code == 1
    rows = [line.split("\t")[:3] for line in r.stdout.splitlines()[1:]]
    assert rows == [["1", "$1 = $1", "true"], ["2", "¥946.5B / 5 = ¥189.3B", "true"], ["4", "¥200B = $2.5B", "false"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no claims given"),
        (["--file", "no/such/file.txt"], "--file no/such/file.txt: no such file"),
        (["--file", "examples"], "--file examples: is a folder, not a file"),
        (["¥200B = $1.9B", "--tolerance", "x"], "--tolerance: 'x' is not a percent"),
        (["¥200B = €1.8B"], "no exchange rate for EUR"),
        (["¥200B ="], "argument:1: claim '¥200B =': expected an amount or a number at the end"),
    ],
)
def test_bad_input_exits_2(cli, args, message):
    r = cli("check", *args)
    assert r.exit_code == 2 and message in r.stderr and r.stdout == ""


def test_tolerance(cli):
    assert cli("check", "$1.9B = $2B").exit_code == 1  # too loose: 5% off, beyond 2%
    assert cli("check", "$1.9B = $2B", "--tolerance", "6%").exit_code == 0
    assert cli("check", "$1.9B = $2B", "--tolerance", "3").exit_code == 1
    j = cli("check", "$1.9B = $2.0B", "--tolerance", "6", "-f", "json").json()
    assert j["tolerance"] == D("0.06") and j["claims"][0]["verdict"] == "last-digit"


def test_rate_year_and_other_currencies(cli):
    assert cli("check", "¥199.3B = $1.866535B", "--rate-year", "2020").exit_code == 0
    r = cli("check", "₩1.1833tn = $1.03B", "--rate-year", "2021", "-f", "json")
    assert r.exit_code == 0
    c = r.json()["claims"][0]
    assert c["left"]["KRW"] == D("1183300000000") and c["rate"]["KRW_per_USD"] == D("1144.8911")
    header = run("check", "₩1.1833tn = $1.03B", "--rate-year", "2021").stdout.splitlines()[0].split("\t")
    assert "left_KRW" in header and "KRW_per_USD" in header


def test_table_shows_the_working(cli):
    out = " ".join(
        cli("check", "--file", str(CLAIMS), "-f", "table", "--figures", "full", env={"COLUMNS": "140"}).stdout.split()
    )
    assert "✗ fails" in out and "✓ holds" in out and "$35,185.19" in out
    assert "¥3,703,704" not in out  # a claim in dollars alone is shown in dollars alone
    assert "Rate: 105.263158 JPY per USD, the baseline's implied rate" in out
    assert "A figure stands for what its digits allow" in out
    assert "9 claims: 6 hold, 1 has its last digit off, 1 is too loose, 1 fails." in out
    assert "should read $35,000" in out


def test_stdin_on_a_terminal_is_refused_not_waited_on(cli):
    r = cli("check", "--file", "-", stdin_tty=True)
    assert r.exit_code == 2 and "stdin is a terminal" in r.stderr
