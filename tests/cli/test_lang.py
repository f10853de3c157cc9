"""--lang ja: amounts as the Japanese press writes them, Japanese labels, captions, verdicts and
chart text; figures exact; machine formats unchanged."""

import ast
import re
import tomllib
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from hostcost.core.amounts import parse_amount
from hostcost.views.format import format_money, format_money_ja, short_money


def test_the_baseline_in_oku_and_cho(cli):
    r = cli("baseline", "--lang", "ja", "--rate", "KRW=1180", "-f", "markdown", "--figures", "full")
    assert r.exit_code == 0, r.stderr
    text = r.stdout
    assert "**基準額**" in text and "| 項目 | 金額 | 兵員数 | 出典 |" in text
    # $1.9B, ¥200B, and $1.9B × 1,180 = ₩2,242,000,000,000
    assert "19億ドル<br>2,000億円<br>2兆2,420億ウォン" in text
    assert "労務費（基地従業員の給与）" in text and "| 合計 |" in text
    assert "1,993億円" in text  # the FY2020 budget, ¥199.3B
    short = cli("baseline", "--lang", "ja", "--rate", "KRW=1180", "-f", "markdown").stdout
    assert "19億ドル<br>2,000億円<br>2兆2,400億ウォン" in short  # three significant figures
    assert "表示用に丸めた金額です。" in short


def test_english_stays_the_default(cli):
    text = cli("baseline", "-f", "markdown", "--figures", "full").stdout
    assert "\\$1,900,000,000.00<br>¥200,000,000,000" in text and "億" not in text


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json"])
def test_machine_formats_do_not_change_with_the_language(cli, fmt):
    assert cli("scenario", "--lang", "ja", "-f", fmt).stdout == cli("scenario", "-f", fmt).stdout


def test_a_scenario_table_in_japanese(cli):
    text = cli("scenario", "--lang", "ja", "--preset", "sma-2022", "--years", "5", "-f", "markdown").stdout
    assert "| シナリオ | 総額 | 受入国負担 | 米国負担 | 兵員1人当たり受入国負担 | 基準額との差 |" in text
    assert "| 受入国負担100% |" in text  # the scenario's name
    assert "**受入国負担100%：年度別**" in text
    assert "1兆600億円" in text  # the five years of SMA 2022, 1兆551億円, to three figures
    full = cli(
        "scenario", "--lang", "ja", "--preset", "sma-2022", "--years", "5", "-f", "markdown", "--figures", "full"
    )
    assert "1兆551億円" in full.stdout


def test_captions_in_japanese(cli):
    text = cli("scenario", "--lang", "ja", "--host-share", "50", "-f", "txt").stdout
    for said in (
        "基準額：兵員54,000人に年19億ドル（2,000億円）",
        "費用：日本の2020年度在日米軍駐留経費負担（予算、1,993億円）（Yomiuri Shimbun）。",
        "為替レート：1米ドル＝105.263158円、基準額から求めたレート（¥200B ÷ $1.9B）",
        "金額は通貨の最小単位（セント、1円）に一度だけ偶数丸めしています。",
        "基準額の50%",
    ):
        assert said in text, said
    for english in ("Baseline:", "Rate:", "Figures are", "Costs:", "of baseline", "Troops:"):
        assert english not in text, english


def test_verdicts_in_japanese(cli):
    r = cli("check", "$1.9B = ¥200B", "¥1.05tn = $9.2B", "--lang", "ja", "-f", "markdown")
    assert r.exit_code == 1
    assert "✓ 正しい" in r.stdout and "✗ 誤り" in r.stdout and "主張2件：正しい1件、誤り1件。" in r.stdout
    assert "holds" not in r.stdout and "fails" not in r.stdout


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("199300000000", "JPY", "1,993億円"),
        ("211020000000", "JPY", "2,110億2,000万円"),
        ("1055100000000", "JPY", "1兆551億円"),
        ("1893350000.00", "USD", "18億9,335万ドル"),
        ("-700000000", "JPY", "-7億円"),
        ("3690741", "JPY", "3,690,741円"),  # 369万741円 could be read as 369.0741万: written out
        ("3907778", "JPY", "390万7,778円"),
        ("35062.04", "USD", "3万5,062.04ドル"),
        ("1055100000001", "JPY", "1,055,100,000,001円"),  # 1兆551億1 is refused as two readings
        ("1055177780000", "JPY", "1兆551億7,778万円"),
        ("1055100007778", "JPY", "1,055,100,007,778円"),  # 7,778 bare after 億 is refused as two readings
        ("9999", "JPY", "9,999円"),
        ("0", "JPY", "0円"),
        ("0.5", "USD", "0.50ドル"),
        ("1519200000000", "KRW", "1兆5,192億ウォン"),
        ("120000000", "EUR", "€1億2,000万"),
    ],
)
def test_japanese_amounts_worked_by_hand(amount, currency, shown):
    assert format_money_ja(D(amount), currency) == shown
    assert format_money(D(amount), currency, "ja") == shown
    assert "￥" not in shown  # the fullwidth yen misaligns columns


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("1893350000.00", "USD", "18億9,000万ドル"),  # three significant figures
        ("211020000000", "JPY", "2,110億円"),
        ("3690741", "JPY", "369万円"),
        ("35062.04", "USD", "3万5,062ドル"),  # below a million, whole units, as in English ($35,062)
        ("-6650000", "USD", "-665万ドル"),
    ],
)
def test_short_japanese_amounts_worked_by_hand(amount, currency, shown):
    assert short_money(D(amount), currency, lang="ja") == shown


AMOUNTS = st.decimals(min_value=D("-1e17"), max_value=D("1e17"), places=0) | st.decimals(
    min_value=D("-1e15"), max_value=D("1e15"), places=2
)


@given(AMOUNTS, st.sampled_from(["JPY", "USD", "KRW", "EUR", "GBP"]))
def test_a_japanese_amount_reads_back_as_the_same_figure(amount, currency):
    """The press's forms never round: hostcost's own amount grammar reads each back exactly."""
    places = 0 if currency in ("JPY", "KRW") else 2
    amount = amount.quantize(D(1).scaleb(-places))
    money = parse_amount(format_money_ja(amount, currency))
    assert (money.amount, money.currency) == (amount, currency)


@given(AMOUNTS, st.sampled_from(["JPY", "USD", "KRW"]))
def test_a_short_japanese_amount_reads_back_within_its_last_figure(amount, currency):
    """A short figure reads back as the amount rounded to its three (or more) figures: within
    half a unit of its last figure, or a whole unit below a million."""
    money = parse_amount(short_money(amount, currency, lang="ja"))
    size = abs(amount)
    step = D(1).scaleb(size.adjusted() + 1 - 3) if size >= D(10) ** 6 else D(1)
    assert money.currency == currency and abs(money.amount - amount) <= step / 2


# -- the catalogue, held to the code --------------------------------------------------------------

CATALOGUE = tomllib.loads((ROOT / "src" / "hostcost" / "data" / "ja.toml").read_text(encoding="utf-8"))


def _first_strings(name: str) -> set[str]:
    """The strings given first to each call of ``name`` in the package (constants, both arms of
    a conditional, and names bound to a constant)."""
    found = set()
    for path in (ROOT / "src" / "hostcost").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            t.id: node.value.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for t in node.targets
            if isinstance(t, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name and node.args:
                arg = node.args[0]
                for x in (arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,):
                    if isinstance(x, ast.Constant) and isinstance(x.value, str):
                        found.add(x.value)
                    elif isinstance(x, ast.Name) and x.id in constants:
                        found.add(constants[x.id])
    return found


def test_every_sentence_the_tables_write_is_in_the_catalogue():
    missing = sorted(t for t in _first_strings("tr") if t not in CATALOGUE["text"])
    assert not missing


def test_every_column_head_and_title_is_in_the_catalogue():
    heads = (_first_strings("Column") | _first_strings("DisplayTable")) - {""}
    missing = sorted(h for h in heads if h not in CATALOGUE["labels"])
    assert not missing


def test_every_pattern_compiles_and_fills_its_template():
    for pattern, template in CATALOGUE["patterns"].items():
        names = set(re.compile(pattern).groupindex)
        assert set(re.findall(r"{(\w+)}", template)) <= names, pattern
