"""--plot: the data drawn (bars, values, labels, the baseline, the notes once), and files that are
real PNG, SVG or PDF."""

import importlib.util
import io
import xml.etree.ElementTree as ET
from decimal import Decimal as D

import pytest

pytest.importorskip("matplotlib")  # the plot extra: pip install 'hostcost[plot]' (the test extra has it)

from hostcost.core.fx import Rates
from hostcost.core.scenario import DEFAULT_SHARES, Inputs, run_report
from hostcost.core.whatif import parse_vary, run_sweep
from hostcost.data.builtin import check_rate, load_builtin
from hostcost.render.charts import compare_chart, draw, scenario_chart, sweep_chart

BUILTIN = load_builtin()
RATES = Rates.of([BUILTIN.rate])
PNG = b"\x89PNG\r\n\x1a\n"


def default_report():
    scenarios = [Inputs(f"host pays {s * 100:.0f}%", 54000, BUILTIN.categories, s) for s in DEFAULT_SHARES]
    return run_report(scenarios, BUILTIN.baseline, RATES, lambda c: RATES.sources(c))


def test_the_scenario_chart_holds_the_report_figures():
    chart = scenario_chart(default_report())
    assert chart.labels == ("host pays 100%", "host pays 75%", "host pays 50%")
    # ¥199.3B at 200/1.9 yen per dollar is $1,893,350,000 (worked in test_scenario)
    assert chart.host == (D("1893350000.00"), D("1420012500.00"), D("946675000.00"))
    assert chart.us == (D("0.00"), D("473337500.00"), D("946675000.00"))
    assert chart.baseline == D("1900000000.00")
    assert "105.263158 JPY per USD" in chart.footnote and "Epoch Times" in chart.footnote


def test_what_is_drawn_is_the_chart():
    chart = scenario_chart(default_report(), BUILTIN.categories_label)
    fig = draw(chart, io.BytesIO(), "png")
    ax = fig.axes[0]
    heights = [round(p.get_height(), 7) for p in ax.patches]
    assert heights == [1.89335, 1.4200125, 0.946675, 0.0, 0.4733375, 0.946675]  # host bars, then US bars
    assert [t.get_text() for t in ax.get_xticklabels()] == list(chart.labels)
    baseline = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert [list(line.get_ydata()) for line in baseline] == [[1.9, 1.9]]
    assert ax.get_ylabel() == "US dollars (billions)"
    assert ax.get_title() == "Japan's FY2020 host-nation-support budget, ¥199.3B: who pays what"  # what the costs are
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Baseline: $1.9B a year", "Host pays", "US pays"]
    # each bar carries its figure, short: $1,893,350,000 is $1.89B, $946,675,000 is $947M
    values = [t.get_text() for t in ax.texts]
    assert values == ["$1.89B", "$1.42B", "$947M", "$0", "$473M", "$947M"]
    assert any("105.263158 JPY per USD" in t.get_text() for t in fig.texts)  # the rate, in the footnote


def test_a_legend_holds_only_what_is_drawn():
    one = run_report([Inputs("all", 54000, BUILTIN.categories)], BUILTIN.baseline, RATES, lambda c: RATES.sources(c))
    fig = draw(scenario_chart(one), io.BytesIO(), "png")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Baseline: $1.9B a year", "Host pays"]
    assert len(ax.patches) == 1  # the US pays nothing: no bar of zero, no entry in the legend


def test_a_dollar_sign_is_drawn_as_a_dollar_sign(cli, tmp_path):
    """matplotlib would read "$x^2$" as mathematics, and end on "$\\foo$" with an error."""
    report = run_report(
        [Inputs("$x^2$ and $\\foo$", 54000, BUILTIN.categories)], BUILTIN.baseline, RATES, lambda c: RATES.sources(c)
    )
    fig = draw(scenario_chart(report, "$\\sqrt{2}$ costs"), io.BytesIO(), "png")
    ax = fig.axes[0]
    assert ax.get_title() == "$\\sqrt{2}$ costs: who pays what" and not ax.title.get_parse_math()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["$x^2$ and $\\foo$"]
    f = tmp_path / "m.toml"
    f.write_text('name = "$\\\\foo$"\n[costs]\nwages = "¥100B"\n', encoding="utf-8")
    r = cli("scenario", str(f), "--plot", str(tmp_path / "m.png"), "-f", "tsv")
    assert r.exit_code == 0, r.stderr


def test_a_chart_in_yen(cli, tmp_path):
    chart = scenario_chart(default_report(), "", "JPY")
    assert chart.host == (D("199300000000"), D("149475000000"), D("99650000000")) and chart.baseline == D(
        "200000000000"
    )
    fig = draw(chart, io.BytesIO(), "png")
    assert fig.axes[0].get_ylabel() == "yen (billions)"
    assert [t.get_text() for t in fig.axes[0].texts][:3] == ["¥199B", "¥149B", "¥99.6B"]
    r = cli("scenario", "--plot", str(tmp_path / "k.png"), "--plot-currency", "KRW", "-o", str(tmp_path / "k.csv"))
    assert r.exit_code == 2 and "--plot-currency KRW: the figures are in USD, JPY only" in r.stderr
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_each_note_is_said_once():
    vary = parse_vary("rate=100:160:20", None, check_rate)
    one = Inputs("x", 54000, BUILTIN.categories)
    sweep = sweep_chart(vary.name, run_sweep(one, RATES, BUILTIN.baseline, vary))
    assert sweep.footnote.count("Rate") == 1 and "Rate: varied, as the axis shows." in sweep.footnote
    from hostcost import api

    compared = api.compare("fy2020", "sma-2022", "korea-2025", "korea-2026")
    chart = compare_chart(compared.named, compared.titles)
    assert chart.footnote.count("A calendar-year average only approximates") == 1
    assert chart.labels[0] == "Japan's FY2020\nhost-nation-support\nbudget"  # its title, not its preset's key
    assert "fy2020: Rate: 106.7754 JPY per USD" in chart.footnote


def test_the_sweep_chart_is_a_line_of_the_host_payment():
    vary = parse_vary("host-share=0:100:25", None, check_rate)
    one = Inputs("x", 54000, BUILTIN.categories)
    chart = sweep_chart(vary.name, run_sweep(one, RATES, BUILTIN.baseline, vary))
    assert chart.xs == (0, 25, 50, 75, 100) and chart.xlabel == "Host share (%)"
    assert chart.host == (D("0.00"), D("473337500.00"), D("946675000.00"), D("1420012500.00"), D("1893350000.00"))
    fig = draw(chart, io.BytesIO(), "svg")
    line = fig.axes[0].lines[0]
    assert list(line.get_xdata()) == [0, 25, 50, 75, 100]
    assert [round(y, 7) for y in line.get_ydata()] == [0, 0.4733375, 0.946675, 1.4200125, 1.89335]


def test_a_compare_chart_names_each_report():
    a, b = default_report(), default_report()
    chart = compare_chart([("fy2020", a), ("again", b)])
    assert chart.labels[0] == "fy2020\nhost pays 100%" and chart.labels[3] == "again\nhost pays 100%"
    assert len(chart.host) == 6


def test_a_chart_in_japanese(cli, tmp_path, monkeypatch):
    from hostcost.render import charts

    report = default_report()
    chart = scenario_chart(report, BUILTIN.categories_label, "USD", "ja")
    assert chart.title == "日本の2020年度在日米軍駐留経費負担（予算、1,993億円）：負担の内訳"
    assert chart.labels == ("受入国負担100%", "受入国負担75%", "受入国負担50%")
    fig = draw(chart, io.BytesIO(), "png", charts.cjk_font())
    ax = fig.axes[0]
    assert ax.get_ylabel() == "億ドル" and [t.get_text() for t in ax.texts][:2] == [
        "18億9,000万ドル",
        "14億2,000万ドル",
    ]
    assert "為替レート：1米ドル＝105.263158円" in chart.footnote
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    r = cli("scenario", "--lang", "ja", "--plot", str(tmp_path / "j.png"), "-f", "tsv")
    assert r.exit_code == 0 and r.stderr == (
        "hostcost: warning: no font draws Japanese, so the chart is in English; install "
        "fonts-noto-cjk (Debian and Ubuntu; Noto Sans CJK JP elsewhere)\n"
    )


def test_plots_are_real_png_svg_and_pdf_files(cli, tmp_path):
    png, svg = tmp_path / "s.png", tmp_path / "w.svg"
    r = cli("scenario", "--plot", str(png), "-f", "tsv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("name\ttroops")  # the result is shown as well
    assert png.read_bytes().startswith(PNG)
    assert cli("sweep", "--vary", "rate=100:150:10", "--plot", str(svg), "-f", "tsv").exit_code == 0
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert cli("compare", "fy2020", "fy2021", "--plot", str(tmp_path / "c.png"), "-f", "tsv").exit_code == 0
    assert cli("scenario", "--plot", str(tmp_path / "s.pdf"), "-f", "tsv").exit_code == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF-")


def test_without_matplotlib_the_message_says_how_to_install_it(cli, tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "matplotlib" else real(name, *a))
    r = cli("scenario", "--plot", str(tmp_path / "s.png"))
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == (
        "hostcost: error: --plot needs matplotlib, which is not installed; install it with "
        "pip install 'hostcost[plot]'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_bad_plot_files_are_refused_before_any_work(cli, tmp_path):
    f = tmp_path / "s.png"
    f.write_bytes(b"mine")
    r = cli("scenario", "--plot", str(f))
    assert r.exit_code == 2 and "the file exists; add --force" in r.stderr and r.stdout == ""
    assert f.read_bytes() == b"mine"
    r = cli("scenario", "--plot", str(tmp_path / "s.gif"))
    assert r.exit_code == 2 and "expected a name ending .png, .svg or .pdf" in r.stderr
    r = cli("scenario", "--plot-currency", "JPY")
    assert r.exit_code == 2 and "--plot-currency goes with --plot FILE" in r.stderr
    r = cli("scenario", "--plot", str(tmp_path / "y.png"), "--plot-currency", "yenn")
    assert r.exit_code == 2 and "--plot-currency 'yenn': expected a currency code" in r.stderr
    assert cli("scenario", "--plot", str(f), "--force", "-f", "tsv").exit_code == 0
    assert f.read_bytes().startswith(PNG)
