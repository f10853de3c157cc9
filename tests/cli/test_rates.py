"""Rates and prices of any period: years, months, fiscal years, spans, days from a file, each year at
its own rate, and figures in constant prices. Every figure is worked out here from the published
series (Federal Reserve G.5 and G.5A, BLS CPI-U), typed in by hand."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_EVEN
from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from helpers import per_usd
from hostcost.core.periods import parse_period
from hostcost.data.averages import PriceIndex, RateBook

CENT = D("0.01")

#: The G.5 monthly averages, yen per dollar, as published.
FY2024 = [
    "153.8900",
    "155.8691",
    "157.8600",
    "157.5182",
    "146.2641",
    "142.9540",  # Apr-Sep 2024
    "149.8909",
    "153.7126",
    "153.8143",
    "156.4819",
    "151.5716",
    "149.0576",
]  # Oct 2024-Mar 2025
FY2022 = [
    "126.3743",
    "128.8486",
    "133.9619",
    "136.7090",
    "135.2835",
    "143.2843",
    "147.0515",
    "142.4450",
    "134.9148",
    "130.4475",
    "133.0463",
    "133.6643",
]
Q1_2022 = ["114.8255", "115.2763", "118.5774"]
#: CPI-U annual averages, as BLS publishes them.
CPI = {"2016": "240.007", "2018": "251.107", "2020": "258.811", "2024": "313.689", "2025": "321.943"}


def mean(values: list[str]) -> F:
    return sum(F(v) for v in values) / len(values)


def dollars(yen: int, per_usd: F) -> D:
    """Yen at a rate, to the cent, half to even: worked out here, not by hostcost."""
    exact = F(yen) / per_usd
    return (D(exact.numerator) / D(exact.denominator)).quantize(CENT, ROUND_HALF_EVEN)


def convert(cli, *args: str) -> dict:
    r = cli("convert", *args, "-f", "json")
    assert r.exit_code == 0, r.stderr
    return r.json()


# -- the built-in series ----------------------------------------------------------------------


def test_the_built_in_annual_averages_are_the_federal_reserve_s():
    book = RateBook.of()
    published = {  # G.5A as the Federal Reserve publishes it; 2015's is the release's 121.05 to four places
        "2015": "121.0491",
        "2016": "108.6569",
        "2017": "112.0986",
        "2018": "110.3974",
        "2019": "109.0188",
        "2020": "106.7754",
        "2021": "109.8429",
        "2022": "131.4589",
        "2023": "140.5001",
        "2024": "151.4551",
        "2025": "149.5686",
    }
    for year, rate in published.items():
        assert book.rate("JPY", parse_period(year)).per_usd == D(rate), year
    assert book.rate("KRW", parse_period("2016")).per_usd == D("1159.3422")
    assert book.rate("KRW", parse_period("2025")).per_usd == D("1421.3963")


def test_a_year_that_was_missing_is_there_now(cli):
    """A loop over --rate-year 2015..2025 no longer stops at 2016."""
    for year in range(2015, 2026):
        assert cli("convert", "¥1B", "--rate-year", str(year)).exit_code == 0, year
    assert convert(cli, "¥1B", "--rate-at", "2016")["to"]["amount"] == dollars(10**9, F("108.6569"))


# -- --rate-at, each kind of period -------------------------------------------------------------


def test_a_month(cli):
    j = convert(cli, "¥1B", "--to", "USD", "--rate-at", "2024-06")
    assert j["to"]["amount"] == D("6334726.97") == dollars(10**9, F("157.8600"))
    details = j["rate"]["details"]["JPY"]
    assert details["period"] == "2024-06" and details["series"] == "EXJPUS" and "G.5" in details["source"]


def test_a_japanese_fiscal_year_is_the_mean_of_its_twelve_months(cli):
    j = convert(cli, "¥1B", "--rate-at", "FY2024")
    assert j["to"]["amount"] == dollars(10**9, mean(FY2024)) == D("6561377.34")
    assert per_usd(j["rate"]) == {"JPY_per_USD": D("152.407025")}
    details = j["rate"]["details"]["JPY"]
    assert details["label"] == "FY2024, the mean of the 12 monthly averages, Apr 2024–Mar 2025"
    assert details["derived"].startswith("the mean of the monthly averages")
    table = cli("convert", "¥1B", "--rate-at", "FY2024", "-f", "table", env={"COLUMNS": "200"}).stdout
    assert "FY2024, the mean of the 12 monthly averages, Apr 2024–Mar 2025" in table


def test_a_span_of_months(cli):
    j = convert(cli, "¥1B", "--rate-at", "2022-01..2022-03")
    assert j["to"]["amount"] == dollars(10**9, mean(Q1_2022))
    assert j["rate"]["details"]["JPY"]["label"] == "the mean of the 3 monthly averages, Jan–Mar 2022"


def test_a_news_figure_at_the_rate_of_its_month(cli):
    """ "1.05 trillion yen ($9.2 billion)", January 2022: far from both years' averages, close to the
    month's."""
    month = convert(cli, "1.05 trillion yen", "--rate-at", "2022-01")["to"]["amount"]
    assert month == dollars(1_050 * 10**9, F("114.8255")) == D("9144310279.51")
    for year, rate in (("2021", "109.8429"), ("2022", "131.4589")):
        assert convert(cli, "1.05 trillion yen", "--rate-at", year)["to"]["amount"] == dollars(1_050 * 10**9, F(rate))


def test_every_converting_command_takes_a_period(cli, tmp_path):
    at = ["--rate-at", "FY2024"]
    rate = D("152.407025")
    assert per_usd(cli("scenario", *at, "-f", "json").json()["rate"])["JPY_per_USD"] == rate
    assert per_usd(cli("baseline", *at, "-f", "json").json()["rate"])["JPY_per_USD"] == rate
    assert per_usd(cli("check", "¥1B = $6.56M", *at, "-f", "json").json()["rate"])["JPY_per_USD"] == rate
    assert per_usd(cli("sweep", "--vary", "host-share=50:100:50", *at, "-f", "json").json()["rate"]) == {
        "JPY_per_USD": rate
    }
    assert per_usd(cli("solve", "--target", "$1B", "--for", "share", *at, "-f", "json").json()["rate"]) == {
        "JPY_per_USD": rate
    }
    f = tmp_path / "s.toml"
    f.write_text('rate_at = "FY2024"\n', encoding="utf-8")
    assert per_usd(cli("scenario", str(f), "-f", "json").json()["rate"])["JPY_per_USD"] == rate
    row = cli("batch", "-", input="name,rate_at\na,FY2024\nb,2024-06\n").stdout.splitlines()
    header = row[0].split("\t")
    a, b = (dict(zip(header, r.split("\t"))) for r in row[1:])
    assert (a["JPY_per_USD"], a["rate_period"], b["JPY_per_USD"], b["rate_period"]) == (
        "152.407025",
        "FY2024",
        "157.86",
        "2024-06",
    )
    assert a["host_USD"] == str(dollars(199_300_000_000, mean(FY2024)))


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026-07", "no JPY rate for 2026-07: the monthly JPY rates known run 2000-01 to 2026-06 built in"),
        ("FY2026", "no JPY rate for FY2026: the monthly JPY rates known run 2000-01 to 2026-06"),
        ("2026", "no JPY rate for 2026: the annual JPY rates known run 2000 to 2025 built in"),
        ("1999-12", "run 2000-01 to 2026-06"),
        ("2022-01-07", "hostcost has no daily JPY rates"),
    ],
)
def test_a_period_past_the_data_names_the_periods_known(cli, period, message):
    r = cli("convert", "¥1B", "--rate-at", period)
    assert r.exit_code == 2 and message in r.stderr and "--rates FILE" in r.stderr and "--rate JPY=N" in r.stderr


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2024-13", "there is no month 13"),
        ("2022-03..2022-01", "the span ends before it starts"),
        ("FY24", "is not a period"),
        ("2022-02-30", "is not a day of the calendar"),
    ],
)
def test_a_period_that_is_not_one(cli, period, message):
    r = cli("convert", "¥1B", "--rate-at", period)
    assert r.exit_code == 2 and message in r.stderr and len(r.stderr.splitlines()) == 1


def test_rate_year_and_rate_at_say_the_same_thing_once(cli):
    assert convert(cli, "¥1B", "--rate-year", "2024") == convert(cli, "¥1B", "--rate-at", "2024")
    r = cli("convert", "¥1B", "--rate-year", "2024", "--rate-at", "2024")
    assert r.exit_code == 2 and "give one of them" in r.stderr


def test_the_tsv_says_which_period_series_and_source(cli):
    header, row = (
        line.split("\t") for line in cli("scenario", "--rate-at", "2024-06", "--host-share", "100").stdout.splitlines()
    )
    got = dict(zip(header, row))
    assert got["rate_period"] == "2024-06" and got["rate_assumed"] == "false"
    assert got["rate_source"] == (
        "JPY: the Jun 2024 monthly average (Federal Reserve, G.5 Foreign Exchange Rates (monthly), FRED EXJPUS)"
    )


# -- --rates FILE ---------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path):
    daily = tmp_path / "DEXJPUS.csv"
    daily.write_text("observation_date,DEXJPUS\n2022-01-06,116.01\n2022-01-07,115.76\n2022-01-10,.\n", "utf-8")
    euro = tmp_path / "DEXUSEU.csv"
    euro.write_text("observation_date,DEXUSEU\n2022-01-07,1.1300\n", "utf-8")
    table = tmp_path / "mine.csv"
    table.write_text("period,currency,units_per_USD\n2026-07,JPY,155.5\n2026-08,JPY,156.25\n2024-06,JPY,160\n", "utf-8")
    return tmp_path


def test_a_fred_daily_download_gives_the_rate_of_its_day(cli, files):
    j = convert(cli, "¥1B", "--rates", str(files / "DEXJPUS.csv"), "--rate-at", "2022-01-07")
    assert j["to"]["amount"] == dollars(10**9, F("115.76")) == D("8638562.54")
    details = j["rate"]["details"]["JPY"]
    assert details["period"] == "2022-01-07" and details["series"] == "DEXJPUS"
    assert details["source"] == f"{files / 'DEXJPUS.csv'}, FRED DEXJPUS"
    r = cli("convert", "¥1B", "--rates", str(files / "DEXJPUS.csv"), "--rate-at", "2022-01-10")
    assert r.exit_code == 2 and "FRED has no figure for it (a holiday or a weekend)" in r.stderr


def test_a_dollars_per_unit_series_is_inverted_exactly(cli, files):
    j = convert(
        cli,
        "€1B",
        "--rates",
        str(files / "DEXUSEU.csv"),
        "--rates",
        str(files / "DEXJPUS.csv"),
        "--rate-at",
        "2022-01-07",
    )
    assert j["to"]["amount"] == D("1130000000.00")  # €1B at $1.13 a euro, with no rounding of 1 / 1.13


def test_an_inverted_series_keeps_a_half_cent_tie(cli, tmp_path):
    """1 / 1.0823 has no exact Decimal: kept to 28 digits, $0.0162345 (exactly €0.015 at $1.0823 a
    euro, a tie that rounds half to even to €0.02) came out €0.01. The file's figure is now kept
    as given, 1 euro for 1.0823 dollars, for a month and for the mean of months alike."""
    euro = tmp_path / "EXUSEU.csv"
    euro.write_text("observation_date,EXUSEU\n2024-01-01,1.0823\n2024-02-01,1.0823\n", "utf-8")
    for period in ("2024-01", "2024-01..2024-02"):
        j = convert(cli, "$0.0162345", "--to", "EUR", "--rates", str(euro), "--rate-at", period)
        assert j["to"]["amount"] == D("0.02"), period
    j = convert(cli, "€0.015", "--to", "USD", "--rates", str(euro), "--rate-at", "2024-01")
    assert j["to"]["amount"] == D("0.02")  # $0.0162345, to the cent


def test_a_plain_table_and_its_precedence(cli, files):
    mine = str(files / "mine.csv")
    assert convert(cli, "¥1B", "--rates", mine, "--rate-at", "2026-08")["to"]["amount"] == D("6400000.00")
    # the file's 2024-06 comes before the built-in 157.86
    assert convert(cli, "¥1B", "--rates", mine, "--rate-at", "2024-06")["to"]["amount"] == D("6250000.00")
    # a span past the built-in data, from the file
    span = convert(cli, "¥1B", "--rates", mine, "--rate-at", "2026-07..2026-08")
    assert span["to"]["amount"] == dollars(10**9, mean(["155.5", "156.25"]))


def test_a_file_of_one_period_needs_no_rate_at(cli, tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("period,currency,units_per_USD\n2026-09,JPY,150\n", "utf-8")
    assert convert(cli, "¥150B", "--rates", str(one))["to"]["amount"] == D("1000000000.00")
    r = cli("convert", "¥1B", "--rates", str(tmp_path / "nope.csv"))
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_a_file_of_many_periods_asks_which(cli, files):
    r = cli("convert", "¥1B", "--rates", str(files / "DEXJPUS.csv"))
    assert r.exit_code == 2 and "holds rates from 2022-01-06 to 2022-01-07; say which period with --rate-at" in r.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("observation_date,DEXJPUS\n2022-01-06,abc\n", ":2: 'abc' is not a number"),
        ("observation_date,DEXJPUS\n2022-01-06,-5\n", ":2: '-5' is not a positive number"),
        ("observation_date,DEXJPUS\n2022-13-06,115\n", ":2: '2022-13-06' is not a date"),
        (
            "observation_date,XYZ\n2022-01-06,115\n",
            "does not know the series 'XYZ'; say whose it is with --rates CUR=FILE",
        ),
        ("when,rate\n2022-01-06,115\n", ":1: 'when,rate' is not a header hostcost reads"),
        ("period,currency,units_per_USD\n2024-06,JPY,157\n2024-06,JPY,158\n", ":3: JPY for 2024-06 is given twice"),
        ("period,currency,units_per_USD\n2024-06,XQZ,157\n", ":2: unknown currency 'XQZ'"),
    ],
)
def test_a_bad_file_gets_one_error_naming_file_line_and_value(cli, tmp_path, text, message):
    f = tmp_path / "r.csv"
    f.write_text(text, "utf-8")
    r = cli("convert", "¥1B", "--rates", str(f), "--rate-at", "2022-01-06")
    assert r.exit_code == 2 and message in r.stderr and len(r.stderr.splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr


def test_an_unknown_series_with_its_currency(cli, tmp_path):
    f = tmp_path / "won.csv"
    f.write_text("observation_date,MYWON\n2024-06-01,1400\n", "utf-8")  # first days: monthly
    j = convert(cli, "₩1.4tn", "--rates", f"KRW={f}", "--rate-at", "2024-06")
    assert j["to"]["amount"] == D("1000000000.00")


def test_a_scenario_file_names_its_rates_beside_it(cli, tmp_path):
    (tmp_path / "r.csv").write_text("period,currency,units_per_USD\n2026-09,JPY,150\n", "utf-8")
    (tmp_path / "s.toml").write_text('rates = ["r.csv"]\nhost_shares = [100]\n[costs]\nwages = "¥150B"\n', "utf-8")
    [s] = cli("scenario", str(tmp_path / "s.toml"), "-f", "json").json()["scenarios"]
    assert s["total"]["USD"] == D("1000000000.00")


# -- each year at its own rate ----------------------------------------------------------------


def test_each_year_of_an_agreement_at_its_fiscal_year_s_rate(cli):
    j = cli(
        "scenario",
        "--preset",
        "sma-2022",
        "--years",
        "5",
        "--start-year",
        "2022",
        "--rate-by-year",
        "--host-share",
        "100",
        "-f",
        "json",
    ).json()
    years = j["scenarios"][0]["years"]
    yen = 211_020_000_000
    assert years[0]["total"]["USD"] == dollars(yen, mean(FY2022))
    assert years[2]["total"]["USD"] == dollars(yen, mean(FY2024))
    assert [y["rate"]["details"]["JPY"]["period"] for y in years] == ["FY2022", "FY2023", "FY2024", "FY2025", "FY2025"]
    assert [y["rate"]["details"]["JPY"]["assumed"] for y in years] == [False, False, False, False, True]
    assert years[4]["total"]["USD"] == years[3]["total"]["USD"]  # FY2026 takes FY2025's, the last full year
    assert "assumed for FY2026 (FY2025 is the last full year known)" in years[4]["rate"]["details"]["JPY"]["label"]
    rows = cli(
        "scenario",
        "--preset",
        "sma-2022",
        "--years",
        "5",
        "--start-year",
        "2022",
        "--rate-by-year",
        "--host-share",
        "100",
    ).stdout.splitlines()
    header = rows[0].split("\t")
    assumed = [r.split("\t")[header.index("rate_assumed")] for r in rows[1:]]
    assert assumed == ["false", "false", "false", "false", "true"]


def test_calendar_year_figures_take_calendar_year_rates(cli):
    j = cli(
        "scenario",
        "--preset",
        "korea-2021",
        "--years",
        "2",
        "--start-year",
        "2024",
        "--rate-by-year",
        "--host-share",
        "100",
        "-f",
        "json",
    ).json()
    years = j["scenarios"][0]["years"]
    assert [y["rate"]["details"]["KRW"]["period"] for y in years] == ["2024", "2025"]
    won = 1_183_300_000_000
    assert years[0]["total"]["USD"] == dollars(won, F("1363.4381"))
    assert years[1]["total"]["USD"] == dollars(won, F("1421.3963"))


def test_rate_by_year_needs_its_years(cli):
    r = cli("scenario", "--rate-by-year")
    assert r.exit_code == 2 and "--rate-by-year goes with --years N and --start-year FY" in r.stderr


# -- constant prices -----------------------------------------------------------------------------


def restated(usd: str, to: str, frm: str) -> D:
    exact = F(usd) * F(CPI[to]) / F(CPI[frm])
    return (D(exact.numerator) / D(exact.denominator)).quantize(CENT, ROUND_HALF_EVEN)


def test_cpi_u_annual_averages_are_bls_s():
    index = PriceIndex.cpi_u()
    for year, value in CPI.items():
        assert index.annual(int(year)).value == D(value), year
    assert "provisional" in index.annual(2025).note and "October 2025" in index.annual(2025).note
    with pytest.raises(Exception, match="no CPI-U annual average for 2026: 5 of its months are known"):
        index.annual(2026)


def test_the_default_budget_in_2024_dollars(cli):
    j = cli("scenario", "--host-share", "100", "--prices", "2024", "-f", "json").json()
    [s] = j["scenarios"]
    assert s["real"]["host"]["USD"] == restated("1893350000.00", "2024", "2020") == D("2294813853.16")
    assert s["real"]["host"]["USD"] + s["real"]["us"]["USD"] == s["real"]["total"]["USD"]
    usd = j["prices"]["indexes"][0]
    assert usd["index"] == "CPI-U" and usd["to"] == {"year": 2024, "value": D("313.689"), "note": None}
    assert usd["from"] == [{"year": 2020, "value": D("258.811"), "note": None}]
    assert j["prices"]["nominal"] == ["JPY"]
    header, row = (
        line.split("\t") for line in cli("scenario", "--host-share", "100", "--prices", "2024").stdout.splitlines()
    )
    assert dict(zip(header, row))["real_host_USD"] == "2294813853.16"


def test_the_two_agreements_in_2024_dollars(cli):
    """FY2016-20 at 2018's rate and prices, FY2022-26 at 2024's, both in 2024 dollars."""
    j = cli("compare", "sma-2016", "sma-2022", "--prices", "2024", "-f", "json").json()
    old, new = j["scenarios"]
    assert old["host"]["USD"] == dollars(189_300_000_000, F("110.3974"))
    exact = F(189_300_000_000) / F("110.3974") * F(CPI["2024"]) / F(CPI["2018"])  # rounded once, from the yen
    assert old["real"]["host"]["USD"] == (D(exact.numerator) / D(exact.denominator)).quantize(CENT, ROUND_HALF_EVEN)
    assert new["real"]["host"]["USD"] == new["host"]["USD"]  # 2024 prices already
    rows = cli("compare", "sma-2016", "sma-2022", "--prices", "2024").stdout.splitlines()
    header = rows[0].split("\t")
    assert header[-3:] == ["real_total_USD", "real_host_USD", "real_us_USD"]


def test_convert_and_check_in_other_prices(cli):
    j = convert(cli, "¥199.3B", "--rate-at", "2020", "--prices", "2024")
    assert j["to"]["amount"] == dollars(199_300_000_000, F("106.7754"))
    exact = F(199_300_000_000) / F("106.7754") * F(CPI["2024"]) / F(CPI["2020"])
    assert j["real"]["amount"] == (D(exact.numerator) / D(exact.denominator)).quantize(CENT, ROUND_HALF_EVEN)
    assert j["prices"]["indexes"][0]["from"] == {"year": 2020, "value": D("258.811"), "note": None}
    c = cli("check", "$1.9B = $1.9B", "--price-year", "2016", "--prices", "2024", "-f", "json").json()["claims"][0]
    assert c["real"]["left"] == restated("1900000000", "2024", "2016")


def test_a_provisional_year_says_so(cli):
    out = cli(
        "convert",
        "$1B",
        "--to",
        "USD",
        "--price-year",
        "2025",
        "--prices",
        "2024",
        "-f",
        "table",
        env={"COLUMNS": "200"},
    ).stdout
    assert "provisional: the mean of 11 months" in out


def test_prices_need_the_figures_year(cli):
    r = cli("convert", "¥1B", "--prices", "2024")
    assert r.exit_code == 2 and "in which year's prices are the figures? Give --price-year YEAR" in r.stderr
    r = cli("scenario", "--prices", "2026", "--host-share", "100")
    assert r.exit_code == 2 and "no CPI-U annual average for 2026" in r.stderr


def test_another_currency_with_its_own_index(cli, tmp_path):
    f = tmp_path / "cpi-japan.csv"
    f.write_text("period,currency,index\n2020,JPY,100\n2024,JPY,107.9\n", "utf-8")
    j = cli("scenario", "--host-share", "100", "--prices", "2024", "--index", f"JPY={f}", "-f", "json").json()
    assert j["scenarios"][0]["real"]["host"]["JPY"] == D("215044700000")  # ¥199.3B × 107.9 / 100
    assert j["prices"]["nominal"] == []


# -- hostcost rates -----------------------------------------------------------------------------


def test_rates_lists_years_months_and_fiscal_years(cli):
    rows = cli("rates").stdout.splitlines()
    assert rows[0].split("\t")[:6] == [
        "period",
        "JPY_per_USD",
        "KRW_per_USD",
        "EUR_per_USD",
        "GBP_per_USD",
        "AUD_per_USD",
    ]
    assert [r.split("\t")[0] for r in rows[1:]] == [str(y) for y in range(2000, 2026)]
    assert next(r for r in rows if r.startswith("2024\t")).split("\t")[1] == "151.4551"
    months = cli("rates", "--monthly", "--year", "2024").stdout.splitlines()
    assert len(months) == 13 and months[6].startswith("2024-06\t157.86\t")
    fy = cli("rates", "--fy").stdout.splitlines()
    assert next(r for r in fy if r.startswith("FY2024\t")).split("\t")[1] == "152.407025"
    table = cli("rates", "-f", "table", env={"COLUMNS": "200"}).stdout
    assert "Latest period known: 2026-06 (monthly averages); 2025 (annual averages)." in table
    j = cli("rates", "--fy", "-f", "json").json()
    assert j["kind"] == "fy" and j["latest"] == {"monthly": "2026-06", "annual": "2025"}


def test_the_presets_that_moved(cli):
    j = cli("scenario", "--preset", "korea-2025", "--host-share", "100", "-f", "json").json()
    assert j["scenarios"][0]["total"]["KRW"] == D("1402800000000")
    assert per_usd(j["rate"])["KRW_per_USD"] == D("1421.3963")
    facts = {f["figure"]: f["value"] for f in j["preset"]["facts"]}
    assert facts["payment in 2023 (derived)"] == "₩1.2896tn" and facts["payment in 2024 (derived)"] == "₩1.3463tn"
    # each year is the one before times the growth of Korea's defense budget: 3.4%, 4.4%, 4.2%
    chain = [D("1.2471"), D("1.2896"), D("1.3463"), D("1.4028")]
    growth = [(b / a - 1).quantize(D("0.001")) for a, b in itertools.pairwise(chain)]
    assert growth == [D("0.034"), D("0.044"), D("0.042")]
    k = cli("scenario", "--preset", "korea-2026", "--host-share", "100", "-f", "json").json()
    assert k["rate"]["details"]["KRW"]["period"] == "2026-01..2026-06"
