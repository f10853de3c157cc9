"""Presets, dated rates and sources: every built-in figure against what its source says."""

from decimal import Decimal as D

import pytest

from helpers import per_usd
from hostcost.data.builtin import load_presets

PRESETS = load_presets()
B = 10**9

# What each source says a preset totals to a year, written out here by hand from the sources the
# README names ("Data and sources") and data/presets.toml cites.
TOTALS = {
    "seed-2020": ("JPY", D(200) * B),
    "fy2020": ("JPY", D("199.3") * B),
    "fy2021": ("JPY", D("201.7") * B),
    "sma-2016": ("JPY", D("946.5") * B / 5),
    "sma-2022": ("JPY", D("1055.1") * B / 5),
    "korea-2021": ("KRW", D("1.1833") * 1000 * B),
    "korea-2025": ("KRW", D("1.4028") * 1000 * B),
    "korea-2026": ("KRW", D("1.5192") * 1000 * B),
    "demand-2019": ("USD", D(8) * B),
}


def test_every_preset_is_covered():
    assert list(PRESETS) == list(TOTALS)


@pytest.mark.parametrize("name", TOTALS)
def test_preset_totals_match_their_sources(cli, name):
    currency, total = TOTALS[name]
    j = cli("scenario", "--preset", name, "--host-share", "100", "-f", "json").json()
    [s] = j["scenarios"]
    assert s["total"][currency] == total
    assert s["host"][currency] == total and s["us"][currency] == 0
    assert sum(c["total"][currency] for c in s["categories"]) == total
    assert j["preset"]["name"] == name and j["preset"]["total"]["amount"] == total
    assert all(src["source"] for src in j["sources"])
    p = PRESETS[name]
    assert all(c.source for c in p.categories) and p.troops_source and p.total_source


def test_agreements_total_over_their_years():
    assert PRESETS["sma-2016"].agreement_total.amount == D("946.5") * B
    assert PRESETS["sma-2022"].agreement_total.amount == D("1055.1") * B  # 1兆551億円
    assert PRESETS["sma-2016"].years == PRESETS["sma-2022"].years == 5
    facts = {f.figure: f.value for f in PRESETS["sma-2016"].facts}
    assert facts["Japan's share of utility costs, by FY2020"] == "61%"
    utilities = {f.figure: f.value for f in PRESETS["sma-2022"].facts}
    assert utilities["utilities, FY2024"] == "¥15.1B"


def test_fy2021_categories_as_sankei_reports():
    costs = {c.name: c.cost.amount for c in PRESETS["fy2021"].categories}
    assert costs == {
        "wages": D("129.4") * B,
        "welfare": D("26.1") * B,
        "utilities": D("23.4") * B,
        "drills": D("1.0") * B,
        "facilities": D("21.8") * B,
    }


def test_korea_presets_run_in_won_with_their_troops(cli):
    j = cli("scenario", "--preset", "korea-2021", "--host-share", "100", "-f", "json").json()
    assert per_usd(j["rate"]) == {"JPY_per_USD": D("109.8429"), "KRW_per_USD": D("1144.8911")}
    [s] = j["scenarios"]
    assert s["troops"] == 28500
    assert s["total"]["USD"] == D("1033548081.56")  # ₩1.1833tn / 1144.8911
    assert s["per_troop"]["total"]["KRW"] == D("41519298")  # ₩1.1833tn / 28,500 = 41,519,298.2
    header = cli("scenario", "--preset", "korea-2021").stdout.splitlines()[0].split("\t")
    assert "total_KRW" in header and "KRW_per_USD" in header


def test_a_preset_carries_its_rate_year_and_says_so(cli):
    j = cli("scenario", "--preset", "fy2020", "-f", "json").json()
    assert per_usd(j["rate"]) == {"JPY_per_USD": D("106.7754")}
    table = " ".join(cli("scenario", "--preset", "fy2020", "-f", "table", env={"COLUMNS": "200"}).stdout.split())
    assert "the 2020 calendar-year average" in table and "Japanese fiscal year (April to March)" in table
    korea = " ".join(cli("scenario", "--preset", "korea-2021", "-f", "table", env={"COLUMNS": "200"}).stdout.split())
    assert "fiscal year" not in korea  # Korea's agreement runs by calendar year


def test_preset_options_override(cli):
    j = cli(
        "scenario",
        "--preset",
        "fy2021",
        "--rate-year",
        "2023",
        "--troops",
        "45000",
        "--wages",
        "¥100B",
        "--cost",
        "security=¥5B",
        "--host-share",
        "100",
        "-f",
        "json",
    ).json()
    assert per_usd(j["rate"]) == {"JPY_per_USD": D("140.5001")}
    [s] = j["scenarios"]
    assert s["troops"] == 45000
    costs = {c["name"]: c["total"]["JPY"] for c in s["categories"]}
    assert costs["wages"] == 100 * B and costs["security"] == 5 * B and costs["welfare"] == D("26.1") * B
    assert list(costs)[-1] == "security"


def test_unknown_preset(cli):
    r = cli("scenario", "--preset", "fy2019")
    assert r.exit_code == 2 and "no preset named 'fy2019'; the presets are seed-2020, fy2020" in r.stderr


@pytest.mark.parametrize("command", [["scenario"], ["convert", "¥1B"], ["baseline"], ["check", "¥1B = $9.4M"]])
def test_an_unknown_year_names_the_known_ones(cli, command):
    r = cli(*command, "--rate-year", "1999")
    assert r.exit_code == 2
    assert "--rate-year: no JPY rate for 1999: the annual JPY rates known run 2000 to 2025 built in" in r.stderr
    assert cli(*command, "--rate-year", "twenty").exit_code == 2


def test_rate_year_on_convert_and_rate_over_it(cli):
    j = cli("convert", "¥199.3B", "--rate-year", "2020", "-f", "json").json()
    assert j["to"]["amount"] == D("1866534801.09") and per_usd(j["rate"]) == {"JPY_per_USD": D("106.7754")}
    j = cli("convert", "¥1B", "--to", "KRW", "--rate-year", "2023", "--rate", "150", "-f", "json").json()
    assert per_usd(j["rate"]) == {"JPY_per_USD": D(150), "KRW_per_USD": D("1306.7637")}
    assert j["to"]["amount"] == D("8711758000")  # ¥1B / 150 × 1306.7637 = ₩8,711,758,000


def test_presets_listing(cli):
    rows = cli("presets").stdout.splitlines()
    assert rows[0].split("\t") == ["name", "title", "total", "currency", "troops", "rate_at", "source"]
    assert [r.split("\t")[5] for r in rows[1:]] == [
        "",
        "2020",
        "2021",
        "2018",
        "2024",
        "2021",
        "2025",
        "2026-01..2026-06",
        "2019",
    ]
    assert rows[1].split("\t")[:5] == [
        "seed-2020",
        "The baseline: Japan's host-nation support, 2020",
        "200000000000",
        "JPY",
        "54000",
    ]
    j = cli("presets", "-f", "json").json()
    assert [p["name"] for p in j["presets"]] == list(TOTALS)
    table = cli("presets", "-f", "table", "--figures", "full", env={"COLUMNS": "160"}).stdout
    assert "₩1,183,300,000,000" in table and "Sankei" in table


def test_sources_lists_every_builtin_figure(cli):
    j = cli("sources", "-f", "json").json()
    figures = {s["figure"]: s for s in j["sources"]}
    assert figures["baseline: host payment in USD"]["value"] == "$1,900,000,000.00"
    assert "Epoch Times" in figures["baseline: troops"]["source"]
    assert figures["rates: JPY per USD, annual"]["value"] == "2000 to 2025 (26 figures)"
    assert figures["rates: JPY per USD, monthly"]["value"] == "2000-01 to 2026-06 (318 figures)"
    assert "October 2025" in figures["prices: US CPI-U, monthly (CUUR0000SA0)"]["source"]
    assert figures["US troops in Japan, June 2024"] == {
        "figure": "US troops in Japan, June 2024",
        "value": "52,852",
        "source": "Defense Manpower Data Center (DMDC), military personnel by location, June 2024",
    }
    assert "Yomiuri" in figures["default cost: wages"]["source"]
    assert "Sankei" in figures["fy2021: utilities"]["source"]
    assert all(s["source"] for s in j["sources"])
    assert len(j["sources"]) > 60
