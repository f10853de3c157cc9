"""Charts for ``--plot FILE.png|FILE.svg``: what is drawn is worked out here as plain data (the
tests check it), then drawn with matplotlib, an optional extra (``pip install 'hostcost[plot]'``)
imported only to draw.

- ``scenario`` and ``compare``: the host's and the US's payment for each scenario, side by side,
  with the baseline as a line across;
- ``sweep``: the host payment against the input being varied, with the baseline.

Figures are in US dollars, the currency the baseline is quoted in and the ratio is taken in.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hostcost.core.fx import REFERENCE
from hostcost.core.money import Money
from hostcost.core.scenario import Report
from hostcost.errors import InputError

#: The formats --plot writes, by extension.
PLOT_EXTENSIONS = {".png": "png", ".svg": "svg"}
INSTALL_HINT = "pip install 'hostcost[plot]'"


@dataclass(frozen=True)
class BarChart:
    """Host and US bars for each scenario, and the baseline as a line."""

    title: str
    labels: tuple[str, ...]
    host: tuple[Decimal, ...]  # in US dollars
    us: tuple[Decimal, ...]
    baseline: Decimal
    footnote: str


@dataclass(frozen=True)
class LineChart:
    """The host payment at each value of one input, and the baseline as a line."""

    title: str
    xlabel: str
    xs: tuple[Decimal, ...]
    host: tuple[Decimal, ...]  # in US dollars
    baseline: Decimal
    footnote: str


def check_plot_file(path: str, force: bool) -> str:
    """The format of ``path`` (png or svg), once it is known that matplotlib is there and the file
    can be written; :class:`InputError` (exit 2) before any work is done otherwise."""
    import importlib.util

    from hostcost.render.files import check_writable

    fmt = PLOT_EXTENSIONS.get(os.path.splitext(path)[1].lower())
    if fmt is None:
        raise InputError(f"--plot {path}: expected a name ending .png or .svg")
    if importlib.util.find_spec("matplotlib") is None:
        raise InputError(f"--plot needs matplotlib, which is not installed; install it with {INSTALL_HINT}")
    check_writable("--plot", path, force)
    return fmt


def _footnote(reports: Sequence[Report]) -> str:
    from hostcost.views.common import rates_caption

    rates = dict.fromkeys(rates_caption(r.rates, r.currencies) for r in reports)
    b = reports[0].baseline
    return " ".join([*rates, f"Baseline: {b.label}, {b.troops:,} troops ({b.source})."])


def scenario_chart(report: Report, title: str = "Who pays what") -> BarChart:
    """Each scenario of ``report``: what the host and the US pay, in dollars."""
    return compare_chart([("", report)], title)


def compare_chart(named: Sequence[tuple[str, Report]], title: str = "Compared") -> BarChart:
    """Each scenario of each report, labelled with its report's name and its own."""
    entries = [(f"{label}\n{s.name}" if label else s.name, s) for label, r in named for s in r.scenarios]
    return BarChart(
        title,
        tuple(label for label, _ in entries),
        tuple(s.split.host[REFERENCE] for _, s in entries),
        tuple(s.split.us[REFERENCE] for _, s in entries),
        named[0][1].baseline_amounts[REFERENCE],
        _footnote([r for _, r in named]),
    )


_AXIS = {"host-share": "Host share (%)", "markup": "Markup (%)", "rate": "Rate (yen per US dollar)", "troops": "Troops"}


def sweep_chart(name: str, steps: Sequence[tuple[Any, Report]]) -> LineChart:
    """The host payment at each step of a sweep of input ``name``."""
    first = steps[0][0]
    if isinstance(first, Money):
        xlabel, xs = f"{name} ({first.currency})", tuple(v.amount for v, _ in steps)
    else:
        percent = name in ("host-share", "markup")
        xlabel, xs = _AXIS.get(name, name), tuple(Decimal(v) * (100 if percent else 1) for v, _ in steps)
    return LineChart(
        f"Host payment as the {name} varies",
        xlabel,
        xs,
        tuple(r.scenarios[0].split.host[REFERENCE] for _, r in steps),
        steps[0][1].baseline_amounts[REFERENCE],
        _footnote([r for _, r in steps]),
    )


def _scale(values: Sequence[Decimal]) -> tuple[Decimal, str]:
    """A divisor and its name, so that the axis reads in billions, millions or dollars."""
    top = max((abs(v) for v in values), default=Decimal(0))
    for divisor, word in ((Decimal(10) ** 9, "billions"), (Decimal(10) ** 6, "millions")):
        if top >= divisor:
            return divisor, f"US dollars ({word})"
    return Decimal(1), "US dollars"


def draw(chart: BarChart | LineChart, file, fmt: str):
    """Draw ``chart`` into ``file`` (a binary file) as ``fmt`` (png or svg); returns the figure."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.hashsalt": "hostcost", "font.size": 10}):
        fig = Figure(figsize=(8, 5))
        ax = fig.add_subplot()
        values = [*chart.host, chart.baseline, *(chart.us if isinstance(chart, BarChart) else ())]
        divisor, unit = _scale(values)

        def scaled(xs):
            return [float(x / divisor) for x in xs]

        if isinstance(chart, BarChart):
            positions = list(range(len(chart.labels)))
            width = 0.38
            ax.bar([p - width / 2 for p in positions], scaled(chart.host), width, label="Host pays", color="#1f77b4")
            ax.bar([p + width / 2 for p in positions], scaled(chart.us), width, label="US pays", color="#ff7f0e")
            ax.set_xticks(positions, chart.labels)
            ax.axhline(0, color="#444444", linewidth=0.8)
        else:
            ax.plot([float(x) for x in chart.xs], scaled(chart.host), marker="o", label="Host pays")
            ax.set_xlabel(chart.xlabel)
        ax.axhline(
            float(chart.baseline / divisor),
            color="black",
            linestyle="--",
            linewidth=1,
            label=f"Baseline: ${chart.baseline / 10**9:,.2f}B a year",
        )
        ax.set_title(chart.title)
        ax.set_ylabel(unit)
        low, high = min(0.0, *scaled(values)), max(0.0, *scaled(values))
        ax.set_ylim(low * 1.1, high * 1.2 or 1)  # room above the tallest figure for the legend
        ax.legend(loc="upper center", ncols=3, frameon=False)
        ax.grid(axis="y", alpha=0.3)
        fig.text(0.01, -0.02, textwrap.fill(chart.footnote, 130), fontsize=7, va="top", ha="left")
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(file, format=fmt, bbox_inches="tight", metadata=metadata, dpi=120)
    return fig


def write_plot(chart: BarChart | LineChart, path: str, force: bool):
    """Draw ``chart`` to ``path`` (once :func:`check_plot_file` has passed it), whole or not at
    all; returns the figure."""
    from hostcost.render.files import atomic_writer

    fmt = PLOT_EXTENSIONS[os.path.splitext(path)[1].lower()]  # checked by check_plot_file
    with atomic_writer("--plot", path, force, binary=True) as f:
        return draw(chart, f, fmt)
