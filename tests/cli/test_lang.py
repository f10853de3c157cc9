"""--lang ja: amounts in 万, 億 and 兆, Japanese labels; figures exact; machine formats unchanged."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostcost.core.amounts import parse_amount
from hostcost.views.format import format_money, format_money_ja


def test_the_baseline_in_oku_and_cho(cli):
    r = cli("baseline", "--lang", "ja", "--rate", "KRW=1180", "-f", "markdown")
    assert r.exit_code == 0, r.stderr
    text = r.stdout
    assert "**基準額**" in text and "| 項目 | 金額 | 兵員数 | 出典 |" in text
    assert "$19億<br>¥2000億<br>₩2.242兆" in text  # $1.9B, ¥200B, and $1.9B × 1,180 = ₩2,242,000,000,000
    assert "労務費（基地従業員の給与）" in text and "| 合計 |" in text
    assert "¥1993億" in text  # the FY2020 budget, ¥199.3B


def test_english_stays_the_default(cli):
    text = cli("baseline", "-f", "markdown").stdout
    assert "$1,900,000,000.00<br>¥200,000,000,000" in text and "億" not in text


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json"])
def test_machine_formats_do_not_change_with_the_language(cli, fmt):
    assert cli("scenario", "--lang", "ja", "-f", fmt).stdout == cli("scenario", "-f", fmt).stdout


def test_a_scenario_table_in_japanese(cli):
    text = cli("scenario", "--lang", "ja", "--preset", "sma-2022", "--years", "5", "-f", "markdown").stdout
    assert "| シナリオ | 総額 | 受入国負担 | 米国負担 | 兵員1人当たり受入国負担 | 基準額との差 |" in text
    assert "¥1.0551兆" in text  # the five years of SMA 2022 add up to 1兆551億円


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("199300000000", "JPY", "¥1993億"),
        ("1055100000000", "JPY", "¥1.0551兆"),
        ("1893350000.00", "USD", "$18.9335億"),
        ("-700000000", "JPY", "-¥7億"),
        ("3690741", "JPY", "¥369.0741万"),
        ("35062.04", "USD", "$35,062.04"),  # 3.506204万 needs six decimals: written in full
        ("1055100000001", "JPY", "¥1,055,100,000,001"),
        ("9999", "JPY", "¥9,999"),
    ],
)
def test_japanese_amounts_worked_by_hand(amount, currency, shown):
    assert format_money_ja(D(amount), currency) == shown
    assert format_money(D(amount), currency, "ja") == shown
    assert "￥" not in format_money_ja(D(amount), currency)  # the fullwidth yen misaligns columns


@given(
    st.decimals(min_value=D("-1e17"), max_value=D("1e17"), places=0)
    | st.decimals(min_value=D("-1e15"), max_value=D("1e15"), places=2),
    st.sampled_from(["JPY", "USD", "KRW"]),
)
def test_a_japanese_amount_reads_back_as_the_same_figure(amount, currency):
    """Compact forms never round: hostcost's own amount grammar reads each back exactly."""
    places = 0 if currency in ("JPY", "KRW") else 2
    amount = amount.quantize(D(1).scaleb(-places))
    money = parse_amount(format_money_ja(amount, currency))
    assert (money.amount, money.currency) == (amount, currency)
