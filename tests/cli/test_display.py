"""Tables people read: short figures (``--figures``), tables that fit the terminal, and the
options that shape them (``--currency-shown``, ``--records``)."""

import re
from decimal import Decimal as D

import pytest
from rich.cells import cell_len

from helpers import ROOT
from hostcost.views import Column, DisplayTable, Figure, Percent, Style
from hostcost.views.format import format_money, short_money, written

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
#: Every command, run as a user would on a terminal (schema prints a JSON document, as it is).
COMMANDS = [
    ["scenario"],
    ["scenario", "--breakdown", "--troops-change", "-9000"],
    ["scenario", "--preset", "sma-2022", "--years", "5", "--start-year", "2022", "--rate-by-year"],
    ["scenario", "--prices", "2024", "--rate", "KRW=1400"],
    ["sweep", "--vary", "host-share=0:100:25"],
    ["sweep", "--vary", "rate=100:160:20"],
    ["solve", "--for", "share", "--target", "$1B"],
    ["compare", "fy2020", "sma-2022", "korea-2025", "korea-2026"],
    ["batch", str(ROOT / "examples" / "batch-cases.csv")],
    ["convert", "¥199.3B", "--rate-at", "FY2024"],
    ["baseline"],
    ["check", "--file", str(ROOT / "examples" / "briefing-claims.txt")],
    ["rates"],
    ["rates", "--monthly", "--year", "2025"],
    ["presets"],
    ["sources"],
]


def screen(cli, args, columns, *more):
    r = cli(*args, *more, tty=True, columns=columns, env={"NO_COLOR": "1"})
    assert r.exit_code in (0, 1), r.stderr  # 1: a claim that fails
    return ANSI.sub("", r.stdout)


def tables_in(text: str) -> int:
    return text.count("┌") + text.count("╭")


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:40])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_nothing_is_wider_than_the_terminal(cli, args, columns, lang):
    text = screen(cli, args, columns, "--lang", lang)
    widest = max(cell_len(line) for line in text.splitlines())
    assert widest <= columns, next(line for line in text.splitlines() if cell_len(line) > columns)


@pytest.mark.parametrize(
    ("args", "tables"),
    [
        (["scenario"], 2),  # who pays what, and the costs by category
        (["scenario", "--breakdown", "--troops-change", "-9000"], 4),  # and one breakdown a scenario
        (["sweep", "--vary", "host-share=0:100:25"], 1),
        (["compare", "fy2020", "sma-2022", "korea-2025", "korea-2026"], 1),
        (["check", "$1.9B = ¥200B", "¥1.05tn = $9.2B"], 1),
    ],
)
def test_at_80_columns_each_is_one_table_not_cards(cli, args, tables):
    assert tables_in(screen(cli, args, 80)) == tables


@pytest.mark.parametrize(
    ("args", "left_out", "tables"),
    [
        (["scenario"], "Host pays per troop", 2),
        (["scenario", "--breakdown", "--troops-change", "-9000", "--host-share", "100"], "Moves with troops", 2),
        (["sweep", "--vary", "host-share=0:100:25"], "Total cost, US pays", 1),
    ],
)
def test_at_60_columns_a_table_leaves_out_what_matters_least_and_says_so(cli, args, left_out, tables):
    text = screen(cli, args, 60)
    assert "Not shown at this width: " + left_out + ";" in " ".join(text.split())
    assert tables_in(text) == tables  # tables still, not a card a row


def test_the_sweep_keeps_its_bars_at_80_columns(cli):
    text = screen(cli, ["sweep", "--vary", "host-share=0:100:25"], 80)
    bars = [line for line in text.splitlines() if "┃" in line and line.startswith("│")]
    assert len(bars) == 5 and "███████████▉" in bars[2]  # the 50% row: half the baseline


def test_a_figure_never_splits_even_at_60_columns(cli):
    for args in (["presets"], ["sources"], ["scenario", "--breakdown", "--troops-change", "-9000"]):
        text = screen(cli, args, 60, "--figures", "full")
        figures = set(
            re.findall(r"[-+]?[$¥₩][\d,]+(?:\.\d+)?", cli(*args, "-f", "markdown", "--figures", "full").stdout)
        )
        for figure in figures:
            assert figure in text, (args, figure)


def test_long_text_wraps_inside_its_cell(cli):
    text = screen(cli, ["presets"], 80)
    assert tables_in(text) == 2  # the presets and what they rest on, each a table
    title = "South Korea's payment under its Special Measures Agreement, 2021"
    assert title not in text and all(word in text for word in title.split())  # over several lines of its cell


def test_records_shows_a_card_a_row(cli):
    text = screen(cli, ["scenario"], 120, "--records")
    assert tables_in(text) == 3 + 6  # a card for each scenario, and for each category
    assert "Who pays what: host pays 75%" in text


def test_one_currency_shown(cli):
    text = screen(cli, ["scenario"], 80, "--currency-shown", "USD")
    assert "$1.89B" in text and "¥199B" not in text and "¥3.69M" not in text
    assert "JPY per USD" in text  # the rate still says what it was
    assert cli("scenario", "--currency-shown", "USD", "-f", "tsv").stdout == cli("scenario", "-f", "tsv").stdout
    r = cli("scenario", "--currency-shown", "dollars")
    assert r.exit_code == 2 and "--currency-shown 'dollars': 'DOLLARS' is not an ISO 4217 currency code" in r.stderr


def test_columns_left_out_are_named(cli):
    from hostcost.render.terminal import fitted

    t = DisplayTable(
        "T",
        (Column("A"), Column("B", True), Column("Extra detail", True, optional=True)),
        ((("a",), ("1",), ("x" * 30,)),),
    )
    (kept,) = fitted(t, 40)
    assert [c.header for c in kept.columns] == ["A", "B"]
    assert "Not shown at this width: Extra detail; a wider terminal, --records or -f html shows them." in kept.caption


# -- short figures, worked by hand ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        ("1893350000.00", "USD", "$1.89B"),
        ("199300000000", "JPY", "¥199B"),
        ("35062.04", "USD", "$35,062"),  # below a million: whole units
        ("3690741", "JPY", "¥3.69M"),
        ("-6650000.00", "USD", "-$6.65M"),
        ("999999999", "USD", "$1B"),  # rounded up into the next unit
        ("26.53", "USD", "$26.5"),  # three figures, never finer than a cent
        ("0.00", "USD", "$0"),
        ("1519200000000", "KRW", "₩1.52T"),
    ],
)
def test_short_figures_worked_by_hand(amount, currency, shown):
    assert short_money(D(amount), currency) == shown


def column(*cells) -> DisplayTable:
    """A table of one column, a cell a row."""
    return DisplayTable("T", (Column("X", True),), tuple(((c,),) for c in cells))


def test_figures_of_a_column_never_read_the_same_when_they_differ():
    t = column(Figure(D("1893350000"), "USD"), Figure(D("1893000000"), "USD"), Figure(D("950000000"), "USD"))
    shown = [row[0][0] for row in written(t, Style()).rows]
    assert shown == ["$1.8934B", "$1.893B", "$950M"]  # three figures would print $1.89B twice
    full = [row[0][0] for row in written(t, Style(figures="full")).rows]
    assert full == [format_money(D(x), "USD") for x in ("1893350000", "1893000000", "950000000")]


def test_a_percent_has_the_same_decimals_down_its_column():
    t = column(Percent(D("0.6458")), Percent(D("0.005")), Percent(D("1")))
    assert [row[0][0] for row in written(t, Style()).rows] == ["64.6%", "0.5%", "100.0%"]
    assert [row[0][0] for row in written(t, Style(figures="full")).rows] == ["64.58%", "0.50%", "100.00%"]


def test_a_percent_never_reads_as_a_round_figure_it_is_not():
    t = column(Percent(D("0.9965"), 3, " of baseline"))
    assert written(t, Style()).rows[0][0][0] == "99.6% of baseline"  # 100% would say it meets the baseline
    t = column(Percent(D("0.0004"), 3))
    assert written(t, Style()).rows[0][0][0] == "0.04%"


def test_short_figures_say_so_and_full_ones_do_not(cli):
    short = cli("scenario", "-f", "markdown").stdout
    full = cli("scenario", "-f", "markdown", "--figures", "full").stdout
    note = "Figures rounded for display; --figures full shows them to the cent and the yen."
    assert short.count(note) == 2 and note not in full  # under each table with short figures
    assert "\\$1,893,350,000.00" in full and "\\$1.89B" in short
    r = cli("scenario", "--figures", "long")
    assert r.exit_code == 2 and "--figures 'long': expected short (the default) or full" in r.stderr


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
def test_machine_formats_are_always_exact(cli, fmt):
    assert cli("scenario", "-f", fmt).stdout == cli("scenario", "-f", fmt, "--figures", "full").stdout
    assert "1893350000.00" in cli("scenario", "-f", fmt).stdout


def test_markdown_escapes_a_dollar_sign(cli):
    """GitHub and other renderers read $…$ as mathematics."""
    out = cli("scenario", "--cost", "$x^2$=¥1B", "-f", "markdown").stdout
    assert "\\$x^2\\$" in out and "\\$9.5M" in out
