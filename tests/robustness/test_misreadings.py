"""No silent misreadings: an input that could mean two things is refused, saying both, with exit 2.

One group of tests for each misreading found by trying the tool as a user would (each of these
gave an exact, confident answer to a question the user had not asked, with exit 0).
"""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from helpers import ROOT
from hostcost.core.amounts import MARKUP, RISE, SHARE, TOLERANCE, parse_amount, parse_count, parse_signed_count
from hostcost.errors import AmountError


def refused(r, *fragments: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr holding every fragment."""
    assert r.exit_code == 2, (r.exit_code, r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hostcost: error: "), r.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def toml(tmp_path, text: str) -> str:
    f = tmp_path / "s.toml"
    f.write_text(text, encoding="utf-8")
    return str(f)


# -- 1. fractions where a percent is expected ---------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["scenario", "--host-share", "0.75"],
        ["scenario", "--markup", "0.5"],
        ["scenario", "--share", "utilities=0.61"],
        ["scenario", "--variable", "wages=0.5", "--troops-change", "-9000"],
        ["scenario", "--years", "3", "--escalate", "0.02"],
        ["scenario", "--years", "3", "--escalate", "5", "--cap", "0.05"],
        ["check", "¥200B = $1.9B", "--tolerance", "0.02"],
        ["sweep", "--vary", "host-share=0.5:1:0.1"],
        ["sweep", "--vary", "markup=0.1:50:10"],
    ],
)
def test_a_fraction_for_a_percent_is_refused_on_the_command_line(cli, args):
    r = cli(*args)
    refused(r, "would be", "%; write")


def test_the_message_says_both_readings(cli):
    r = cli("scenario", "--host-share", "0.75")
    refused(r, "--host-share: 0.75 would be 0.75%; write 75 for 75%, or 0.75% if you mean less than one percent")


def test_with_the_sign_a_small_percent_is_taken(cli):
    [s] = cli("scenario", "--host-share", "0.75%", "-f", "json").json()["scenarios"]
    assert s["host_share"] == D("0.0075")
    assert s["host"]["JPY"] == D("1494750000")  # 0.75% of ¥199.3B


def test_a_share_of_one_could_be_a_fraction_copied_from_json(cli):
    """JSON writes a 100% host share as 1: copied back, it must not become 1%."""
    refused(cli("scenario", "--host-share", "1"), "1 would be 1%; write 100 for 100%, or 1% if you mean one percent")
    [s] = cli("scenario", "--host-share", "1%", "-f", "json").json()["scenarios"]
    assert s["host"]["JPY"] == D("1993000000")
    # a rise of 1% a year is common, and JSON never writes one: a bare 1 is 1%
    assert RISE.parse("1") == D("0.01") and TOLERANCE.parse("1") == D("0.01")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("host_share = 0.6", "s.toml: host_share: 0.6 would be 0.6%"),
        ("host_shares = [100, 0.5]", "s.toml: host_shares: 0.5 would be 0.5%"),
        ("markup = 0.5", "s.toml: markup: 0.5 would be 0.5%"),
        ("[shares]\nutilities = 0.61", "s.toml: shares.utilities: 0.61 would be 0.61%"),
    ],
)
def test_a_fraction_in_a_scenario_file_is_refused(cli, tmp_path, text, message):
    refused(cli("scenario", toml(tmp_path, text)), message)


def test_a_fraction_in_a_batch_cell_is_refused(cli):
    r = cli("batch", "-", input="name,host_share\na,0.8\n")
    assert r.exit_code == 2 and "row 1 (line 2), column host_share: 0.8 would be 0.8%" in r.stderr


def test_percent_kinds():
    assert SHARE.parse("75") == D("0.75") and SHARE.parse("0") == 0 and SHARE.parse("0.5%") == D("0.005")
    assert MARKUP.parse("250") == D("2.5")
    for kind, text in ((SHARE, "0.5"), (SHARE, "1"), (MARKUP, "1"), (RISE, "0.02"), (TOLERANCE, "0.5")):
        with pytest.raises(AmountError, match="would be"):
            kind.parse(text)


# -- 2. counts written with a dot -----------------------------------------------------------------


def test_a_count_with_a_dot_is_refused(cli):
    refused(cli("scenario", "--troops", "54.000"), "--troops: '54.000' could be 54,000 (dots between thousands) or 54")
    refused(cli("scenario", "--troops", "54.5"), "'54.5' is not a whole number")
    refused(cli("scenario", "--troops-change", "-9.000"), "could be 9,000")


def test_a_count_with_a_dot_in_a_file_or_a_cell(cli, tmp_path):
    refused(cli("scenario", toml(tmp_path, "troops = 54.000")), "s.toml: troops: '54.000' could be 54,000")
    r = cli("batch", "-", input="name,troops\na,54.000\n")
    assert r.exit_code == 2 and "column troops: '54.000' could be 54,000" in r.stderr


def test_one_sign_at_most(cli):
    refused(cli("scenario", "--troops-change", "+-9000"), "'+-9000' has more than one sign")
    refused(cli("scenario", "--troops-change", "--9000"), "'--9000' has more than one sign")
    assert parse_signed_count("-9,000") == -9000 and parse_signed_count("+3000") == 3000


def test_counts_that_are_fine():
    assert parse_count("54,000") == parse_count("54k") == parse_count("54000") == 54000
    assert parse_count("54.0") == 54 and parse_count("1.5k") == 1500


# -- 3. amounts the shell has cut -----------------------------------------------------------------


@pytest.mark.parametrize(("cut", "typed"), [(".9B", "$1.9B"), ("0M", "$10M"), ("00M", "$100M")])
def test_an_amount_the_shell_cut_is_refused_with_the_quoting(cli, cut, typed):
    refused(
        cli("scenario", "--cost", f"security={cut}", "--currency", "USD"),
        f"'{cut}': if you typed {typed}, your shell replaced \"$1\"; put the amount in single quotes: '{typed}'",
    )


def test_a_claim_the_shell_cut(cli):
    refused(cli("check", "¥200B = .9B"), "your shell replaced")
    refused(
        cli("check", "¥200B = 90"),
        "one side is an amount of money and the other a plain number",
        "put the claim in single quotes",
    )


def test_zero_with_its_currency_is_still_zero():
    assert parse_amount("¥0B") == parse_amount("¥0") and parse_amount("$0M").amount == 0


# -- 4. amounts with no currency ------------------------------------------------------------------


def test_a_cost_with_no_currency_is_refused(cli):
    refused(
        cli("scenario", "--wages", "128.7B"),
        "--wages: '128.7B' has no currency; write ¥128.7B or $128.7B, or name the currency",
    )


def test_the_currency_of_bare_amounts_can_be_named(cli, tmp_path):
    [s, *_] = cli("scenario", "--wages", "128.7B", "--currency", "JPY", "-f", "json").json()["scenarios"]
    assert s["total"]["JPY"] == D("128700000000")
    [f, *_] = cli("scenario", toml(tmp_path, 'currency = "JPY"\n[costs]\nwages = "128.7B"'), "-f", "json").json()[
        "scenarios"
    ]
    assert f["total"]["JPY"] == D("128700000000")
    row = cli("batch", "-", "--currency", "JPY", input="name,wages\na,128.7B\n").stdout.splitlines()[1]
    assert row.split("\t")[4] == "128700000000"


def test_man_oku_and_cho_alone_mean_yen(cli):
    [s] = cli("scenario", "--wages", "1287億", "-f", "json").json()["scenarios"][:1]
    assert s["total"] == {"USD": D("1222650000.00"), "JPY": D("128700000000")}
    assert parse_amount("1兆551億") == parse_amount("1兆551億円")


def test_other_commands_refuse_bare_amounts_too(cli):
    refused(cli("convert", "1.9e9"), "AMOUNT: '1.9e9' has no currency")
    refused(cli("solve", "--target", "8B", "--for", "markup"), "--target: '8B' has no currency")
    refused(cli("sweep", "--vary", "wages=100B:200B:50B"), "START of wages: '100B' has no currency")
    r = cli("batch", "-", input="name,wages\na,1B\n")
    assert r.exit_code == 2 and "column wages: '1B' has no currency" in r.stderr


def test_plain_numbers_in_claims_stay_plain(cli):
    assert cli("check", "$8B / $1.9B ≈ 4").exit_code == 0


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1兆12000億", "12000億 after a larger unit is more than 9999億"),
        ("1億5", "'1億5' ends in a bare 5: it could be 1.5億 or 100,000,005"),
        ("390万5円", "could be 390.5万 or 3,900,005"),
    ],
)
def test_japanese_groups_that_could_be_read_two_ways(text, fragment):
    with pytest.raises(AmountError, match=fragment):
        parse_amount(text)


def test_japanese_groups_as_the_press_writes_them():
    assert parse_amount("390万7,778円").amount == 3_907_778
    assert parse_amount("1兆551億円").amount == 1_055_100_000_000
    assert parse_amount("20000億円").amount == 2 * 10**12  # a leading group may be any size


# -- 5. inverted or mistyped rates ----------------------------------------------------------------


def test_a_rate_upside_down_is_refused_with_its_inverse(cli):
    refused(
        cli("scenario", "--rate", "0.0067"),
        "--rate: '0.0067' looks like US dollars per yen; hostcost takes yen per US dollar: 149.25",
    )
    refused(cli("convert", "₩1tn", "--rate", "KRW=0.00075"), "hostcost takes won per US dollar: 1333.3")


def test_a_rate_with_digits_too_many_is_refused(cli):
    refused(cli("convert", "¥1B", "--rate", "15000"), "more than ten times the highest JPY rate hostcost knows")


def test_extreme_but_plausible_rates_run(cli):
    assert cli("convert", "¥300B", "--rate", "300", "-f", "json").json()["to"]["amount"] == D("1000000000.00")
    assert cli("convert", "CHF1B", "--to", "USD", "--rate", "CHF=0.0001").exit_code == 0  # no built-in series


def test_rates_in_files_cells_and_sweeps_are_checked(cli, tmp_path):
    refused(cli("scenario", toml(tmp_path, "rate = 0.0067")), "s.toml: rate: '0.0067' looks like US dollars per yen")
    r = cli("batch", "-", input="name,rate\na,0.0067\n")
    assert r.exit_code == 2 and "column rate: 'JPY=0.0067' looks like US dollars per yen" in r.stderr
    refused(cli("sweep", "--vary", "rate=0.005:0.01:0.001"), "looks like US dollars per yen")


# -- 6. batch columns -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("troop", "column 'troop' is not a batch column; did you mean troops?"),
        ("hostshare", "did you mean host_share?"),
        ("host_shares", "did you mean host_share?"),
        ("rates", "did you mean rate?"),
        ("total_JPY", "'total_JPY' is one of hostcost's output columns, not an input"),
        ("JPY_per_USD", "one of hostcost's output columns"),
        ("vs_baseline_ratio", "one of hostcost's output columns"),
        ("index_JPY", "batch takes no index column"),  # a file, for the whole batch
        ("label_wages", "batch takes no label column"),
        ("troops_chnage", "did you mean troops_change?"),  # two letters swapped: one slip, not a cost
        ("hsot_share", "did you mean host_share?"),
        ("share", "batch takes no share column"),  # share_CAT names its category
    ],
)
def test_a_column_that_is_not_an_input_is_not_a_cost(cli, header, message):
    r = cli("batch", "-", input=f"name,{header}\na,5\n")
    assert r.exit_code == 2 and r.stdout == "" and message in r.stderr, r.stderr


@pytest.mark.parametrize("header", ["Host Share", "host-share", "HOST_SHARE", " host share "])
def test_headers_match_whatever_their_case_and_separators(cli, header):
    row = cli("batch", "-", input=f"name,{header},wages\na,75,¥100B\n").stdout.splitlines()[1].split("\t")
    assert row[2] == "0.75" and row[6] == "75000000000"


def test_one_column_named_two_ways_is_refused(cli):
    r = cli("batch", "-", input="troops,Troops\n1,2\n")
    assert r.exit_code == 2 and "columns 'troops' and 'Troops' are the same column; give it once" in r.stderr


# -- 7. blank cells in batch ----------------------------------------------------------------------


def test_a_row_that_gives_a_cost_counts_only_the_costs_it_gives(cli):
    text = "name,wages,utilities,drills\none,¥1B,,\nnone,,,\n"
    one, none = (r.split("\t") for r in cli("batch", "-", input=text).stdout.splitlines()[1:])
    [given] = cli("scenario", "--wages", "¥1B", "--host-share", "100").stdout.splitlines()[1:]
    assert one[1:] == given.split("\t")[1:]
    assert one[4] == "1000000000"  # not ¥71.6B: the blanks are not the FY2020 costs
    assert none[4] == "199300000000"  # a row that gives no cost takes them all


def test_a_file_with_no_cost_columns_runs_the_defaults(cli):
    r = cli("batch", "-", input="name,troops\na,45000\n")
    assert r.exit_code == 0 and r.stdout.splitlines()[1].split("\t")[4] == "199300000000"


# -- 8. sweeps say what they ran ------------------------------------------------------------------


def test_each_sweep_row_is_named_with_its_value(cli):
    rows = [r.split("\t") for r in cli("sweep", "--vary", "host-share=50:100:25").stdout.splitlines()]
    name = rows[0].index("name")
    assert [r[name] for r in rows[1:]] == ["host pays 50%", "host pays 75%", "host pays 100%"]
    rows = [r.split("\t") for r in cli("sweep", "--vary", "rate=100:120:20").stdout.splitlines()]
    assert [r[name] for r in rows[1:]] == ["host pays 100%, 100 yen per dollar", "host pays 100%, 120 yen per dollar"]


def test_a_troops_sweep_has_one_troops_column(cli):
    header, *rows = (r.split("\t") for r in cli("sweep", "--vary", "troops=30000:54000:24000").stdout.splitlines())
    assert header.count("troops") == 1
    assert [r[header.index("troops")] for r in rows] == ["30000", "54000"]
    assert [r[header.index("name")] for r in rows] == ["host pays 100%, 30,000 troops", "host pays 100%, 54,000 troops"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vary", "host-share=50:100:25", "--host-share", "75"], "--vary host-share: the scenario also gives a host"),
        (["--vary", "markup=0:50:10", "--markup", "20"], "also gives a markup"),
        (["--vary", "rate=100:150:10", "--rate", "120"], "also gives a yen rate"),
        (["--vary", "troops=30000:50000:10000", "--troops-change", "-9000"], "also gives a troop change"),
    ],
)
def test_an_input_given_and_varied_is_refused(cli, args, message):
    refused(cli("sweep", *args), message)


# -- 9. columns that stay put ---------------------------------------------------------------------


def _header(cli, *args: str, input: str | None = None) -> list[str]:
    r = cli(*args, input=input)
    assert r.exit_code in (0, 1), r.stderr
    return r.stdout.splitlines()[0].split("\t")


def _fixed_then_currencies(headers: list[list[str]]) -> None:
    """Every header starts with the shortest one, and what follows names a currency."""
    base = min(headers, key=len)
    for h in headers:
        assert h[: len(base)] == base
        assert all(any(c in col for c in ("KRW", "EUR")) for col in h[len(base) :]), h[len(base) :]


def test_scenario_columns_stay_put(cli):
    plain = _header(cli, "scenario")
    years = _header(cli, "scenario", "--years", "3")
    won = _header(cli, "scenario", "--preset", "korea-2021")
    euro = _header(cli, "scenario", "--rate", "EUR=0.9", "--markup", "50")
    assert plain == years  # --years keeps per troop and vs baseline, and adds no column of its own
    _fixed_then_currencies([plain, years, won, euro])
    assert plain.index("host_USD") == 5 and plain.index("vs_baseline_ratio") == 17


def test_check_columns_stay_put(cli):
    yen = _header(cli, "check", "¥200B = $1.9B")
    won = _header(cli, "check", "₩1.1833tn = $1.03B", "--rate-year", "2021")
    _fixed_then_currencies([yen, won])
    assert yen.index("difference_percent") == won.index("difference_percent") == 12  # cut -f13


def test_compare_batch_breakdown_and_baseline_columns_stay_put(cli):
    _fixed_then_currencies([_header(cli, "compare", "fy2020"), _header(cli, "compare", "fy2020", "korea-2021")])
    _fixed_then_currencies(
        [
            _header(cli, "scenario", "--breakdown"),
            _header(cli, "scenario", "--breakdown", "--troops-change", "-9000"),
            _header(cli, "scenario", "--breakdown", "--preset", "korea-2021"),
        ]
    )
    _fixed_then_currencies([_header(cli, "baseline"), _header(cli, "baseline", "--rate", "KRW=1300")])
    batch = _header(cli, "batch", "-", input="name,rate_KRW\na,1300\n")
    assert batch == _header(cli, "scenario", "--rate", "KRW=1300")


def test_the_batch_header_is_the_same_in_every_run(tmp_path):
    import subprocess

    from helpers import clean_env, hostcost_exe

    heads = set()
    for seed in ("1", "2", "3"):
        p = subprocess.run(
            [*hostcost_exe(), "batch", "-", "--rate", "KRW=1300", "--rate", "EUR=0.9", "--rate", "GBP=0.8"],
            input="name\na\n",
            capture_output=True,
            text=True,
            env=clean_env(PYTHONHASHSEED=seed),
            timeout=60,
        )
        heads.add(p.stdout.splitlines()[0])
    assert len(heads) == 1 and heads.pop().endswith(
        "KRW_per_USD\t"
        + "\t".join(f"{p}_EUR" for p in ("total", "host", "us"))
        + "\t"
        + "\t".join(f"{p}_per_troop_EUR" for p in ("total", "host", "us"))
        + "\tvs_baseline_EUR\tEUR_per_USD\t"
        + "\t".join(f"{p}_GBP" for p in ("total", "host", "us"))
        + "\t"
        + "\t".join(f"{p}_per_troop_GBP" for p in ("total", "host", "us"))
        + "\tvs_baseline_GBP\tGBP_per_USD"
    )


# -- 10. duplicates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--share", "utilities=61", "--share", "utilities=10"], "--share utilities: given twice ('61' and '10')"),
        (["--variable", "wages=50", "--variable", "wages=60"], "--variable wages: given twice"),
        (["--troops", "54000", "--troops", "45000"], "--troops is given twice; give it once"),
        (["--markup", "10", "--markup", "20"], "--markup is given twice"),
    ],
)
def test_an_input_given_twice_is_refused(cli, args, message):
    refused(cli("scenario", *args), message)


def test_a_rate_given_twice_in_a_file_is_refused(cli, tmp_path):
    refused(
        cli("scenario", toml(tmp_path, "rate = { JPY = 150, jpy = 160 }")),
        "s.toml: rate.jpy: a second rate for JPY ('JPY=150' and 'jpy=160'); give one",
    )


def test_a_key_given_twice_in_a_json_line_is_refused(cli):
    r = cli("batch", "-", input=json.dumps({"name": "a", "troops": 1}).replace("}", ', "troops": 2}') + "\n")
    assert r.exit_code == 2 and "line 1: the key 'troops' is given twice" in r.stderr


# -- 11. claims and scenario files ----------------------------------------------------------------


def test_a_byte_order_mark_is_read_as_none(cli, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text("\ufeff¥200B = $1.9B\n", encoding="utf-8")
    assert cli("check", "--file", str(claims)).exit_code == 0
    scenario = tmp_path / "s.toml"
    scenario.write_text("\ufefftroops = 45000\n", encoding="utf-8")
    [s, *_] = cli("scenario", str(scenario), "-f", "json").json()["scenarios"]
    assert s["troops"] == 45000


def test_a_missing_rate_names_the_file_and_the_line(cli, tmp_path):
    claims = tmp_path / "claims.txt"
    claims.write_text("¥200B = $1.9B\n# won\n₩1tn = $800M\n", encoding="utf-8")
    r = cli("check", "--file", str(claims))
    refused(r, f"{claims}:3: no exchange rate for KRW")


# -- 12. unicode digits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check", "2³ = 23"],
        ["convert", "$10⁶"],
        ["scenario", "--years", "5⁰"],
        ["scenario", "--troops", "５⁴０００"],
        ["convert", "¥1B", "--rate-year", "²⁰²⁰"],
        ["convert", "$①B"],
        ["convert", "$٣B"],
    ],
)
def test_digits_that_normalisation_would_fold_are_refused(cli, args):
    refused(cli(*args), "which hostcost does not read as a digit; write plain digits 0-9")


def test_fullwidth_digits_are_the_same_digits(cli):
    assert cli("convert", "￥２００B", "-f", "json").json()["to"]["amount"] == D("1900000000.00")


def test_the_readme_documents_each_command_s_columns(cli):
    """README, "Machine columns": each row of its table is the command's header as it is."""
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### Machine columns", 1)[1].split("\n\n", 3)[2]
    documented = {}
    for line in table.splitlines()[2:]:
        command, columns, _ = (cell.strip() for cell in line.strip("|").split("|"))
        documented[command] = re.findall(r"`([^`]+)`", columns)
    runs = {
        "`scenario`, `batch`": ["scenario"],
        "`scenario --breakdown`": ["scenario", "--breakdown"],
        "`compare`": ["compare", "fy2020"],
        "`check`": ["check", "¥200B = $1.9B"],
        "`baseline`": ["baseline"],
        "`convert`": ["convert", "$1B", "--to", "USD"],
    }
    for command, args in runs.items():
        assert _header(cli, *args) == documented[command], command
    scenario = _header(cli, "scenario")
    assert _header(cli, "sweep", "--vary", "rate=100:110:10") == [*documented["`sweep`"][:3], *scenario]
    solve = _header(cli, "solve", "--target", "$1B", "--for", "share")
    assert solve == [*documented["`solve`"][:5], *scenario]
    assert _header(cli, "batch", "-", input="name\na\n") == scenario
