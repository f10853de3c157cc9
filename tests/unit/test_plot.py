"""--plot: the data drawn (bars, values, labels, the baseline), and files that are real PNG or SVG."""

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
    chart = scenario_chart(default_report())
    fig = draw(chart, io.BytesIO(), "png")
    ax = fig.axes[0]
    heights = [round(p.get_height(), 7) for p in ax.patches]
    assert heights == [1.89335, 1.4200125, 0.946675, 0.0, 0.4733375, 0.946675]  # host bars, then US bars
    assert [t.get_text() for t in ax.get_xticklabels()] == list(chart.labels)
    baseline = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert [list(line.get_ydata()) for line in baseline] == [[1.9, 1.9]]
    assert ax.get_ylabel() == "US dollars (billions)" and ax.get_title() == "Who pays what"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Baseline: $1.90B a year", "Host pays", "US pays"]
    assert any("105.263158 JPY per USD" in t.get_text() for t in fig.texts)  # the rate, in the footnote


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


def test_plots_are_real_png_and_svg_files(cli, tmp_path):
    png, svg = tmp_path / "s.png", tmp_path / "w.svg"
    r = cli("scenario", "--plot", str(png), "-f", "tsv")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("name\ttroops")  # the result is shown as well
    assert png.read_bytes().startswith(PNG)
    assert cli("sweep", "--vary", "rate=100:150:10", "--plot", str(svg), "-f", "tsv").exit_code == 0
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert cli("compare", "fy2020", "fy2021", "--plot", str(tmp_path / "c.png"), "-f", "tsv").exit_code == 0


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
    r = cli("scenario", "--plot", str(tmp_path / "s.pdf"))
    assert r.exit_code == 2 and "expected a name ending .png or .svg" in r.stderr
    assert cli("scenario", "--plot", str(f), "--force", "-f", "tsv").exit_code == 0
    assert f.read_bytes().startswith(PNG)
