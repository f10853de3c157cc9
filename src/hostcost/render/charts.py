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
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from hostcost.core.fx import REFERENCE
from hostcost.core.money import Money
from hostcost.core.scenario import Report
from hostcost.errors import InputError

#: The formats --plot writes, by extension.
PLOT_EXTENSIONS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
INSTALL_HINT = "pip install 'hostcost[plot]'"
#: Fonts that draw Japanese, the first found used; the package that brings one, for the warning.
CJK_FONTS = (
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "TakaoGothic",
    "Hiragino Sans",
    "Yu Gothic",
)
CJK_PACKAGE = "fonts-noto-cjk (Debian and Ubuntu; Noto Sans CJK JP elsewhere)"


@dataclass(frozen=True)
class BarChart:
    """Host and US bars for each scenario, and the baseline as a line, in ``currency``."""

    title: str
    labels: tuple[str, ...]
    host: tuple[Decimal, ...]
    us: tuple[Decimal, ...]
    baseline: Decimal
    footnote: str
    currency: str = REFERENCE
    lang: str = "en"


@dataclass(frozen=True)
class LineChart:
    """The host payment at each value of one input, and the baseline as a line, in ``currency``."""

    title: str
    xlabel: str
    xs: tuple[Decimal, ...]
    host: tuple[Decimal, ...]
    baseline: Decimal
    footnote: str
    currency: str = REFERENCE
    lang: str = "en"


def check_plot_file(path: str, force: bool) -> str:
    """The format of ``path`` (png, svg or pdf), once it is known that matplotlib is there and
    the file can be written; :class:`InputError` (exit 2) before any work is done otherwise."""
    import importlib.util

    from hostcost.render.files import check_writable

    fmt = PLOT_EXTENSIONS.get(os.path.splitext(path)[1].lower())
    if fmt is None:
        raise InputError(f"--plot {path}: expected a name ending .png, .svg or .pdf")
    if importlib.util.find_spec("matplotlib") is None:
        raise InputError(f"--plot needs matplotlib, which is not installed; install it with {INSTALL_HINT}")
    check_writable("--plot", path, force)
    return fmt


def check_plot_currency(currency: str | None) -> str:
    """--plot-currency's code (USD when not given), checked before any work is done."""
    from hostcost.core.amounts import is_iso_currency

    code = (currency or REFERENCE).strip().upper()
    if not is_iso_currency(code):
        raise InputError(f"--plot-currency {currency!r}: expected a currency code, such as USD or JPY")
    return code


def _footnote(named: Sequence[tuple[str, Report]], lang: str, varied: str | None = None) -> str:
    """The notes under a chart, each once: the rates (one line an input when they differ; one
    line when a sweep varies the rate), any caveat once, and the baseline."""
    from hostcost.views.common import rate_sentences
    from hostcost.views.i18n import tr, translate

    said = [(label, *rate_sentences(r.rates, r.currencies, lang)) for label, r in named]
    if varied == "rate":
        rates = [tr("Rate: varied, as the axis shows.", lang)]
    else:
        texts = dict.fromkeys(text for _, text, _ in said)
        rates = list(texts) if len(texts) == 1 else list(dict.fromkeys(f"{label}: {text}" for label, text, _ in said))
    notes = dict.fromkeys(n for _, _, each in said for n in each)
    b = named[0][1].baseline
    baseline = tr(
        "Baseline: {label}, {troops} troops ({source}).",
        lang,
        label=translate(b.label, lang),
        troops=f"{b.troops:,}",
        source=b.source,
    )
    return " ".join([*rates, *notes, baseline])


def _in(report: Report, currency: str) -> str:
    if currency not in report.currencies:
        raise InputError(
            f"--plot-currency {currency}: the figures are in {', '.join(report.currencies)} only; "
            "give a rate for it (--rate CUR=RATE) or plot in one of those"
        )
    return currency


def scenario_chart(report: Report, costs: str = "", currency: str = REFERENCE, lang: str = "en") -> BarChart:
    """Each scenario of ``report``: what the host and the US pay, in ``currency``; the title says
    what the ``costs`` are ("Japan's FY2020 host-nation-support budget: who pays what")."""
    from hostcost.views.i18n import tr, translate

    title = tr("{title}: who pays what", lang, title=translate(costs or "Costs as given", lang))
    return _bars([("", report)], title, currency, lang)


def compare_chart(
    named: Sequence[tuple[str, Report]],
    titles: Sequence[str] = (),
    currency: str = REFERENCE,
    lang: str = "en",
) -> BarChart:
    """Each scenario of each report (``named``: its input, its report), its bars labelled with
    the report's title (and the scenario's own name, where a report has several); the notes
    name each by its input."""
    from hostcost.views.i18n import translate

    return _bars(named, translate("Compared: who pays what", lang), currency, lang, titles)


def _bars(
    named: Sequence[tuple[str, Report]], title: str, currency: str, lang: str, titles: Sequence[str] = ()
) -> BarChart:
    from hostcost.views.i18n import translate

    for _, r in named:
        _in(r, currency)
    heads = [translate(t, lang) for t in titles] or [label for label, _ in named]
    entries = [
        (f"{head}\n{translate(s.name, lang)}" if head and len(r.scenarios) > 1 else head or translate(s.name, lang), s)
        for head, (_, r) in zip(heads, named)
        for s in r.scenarios
    ]
    return BarChart(
        title,
        tuple(_wrapped(label) for label, _ in entries),
        tuple(s.split.host[currency] for _, s in entries),
        tuple(s.split.us[currency] for _, s in entries),
        named[0][1].baseline_amounts[currency],
        _footnote(named, lang),
        currency,
        lang,
    )


def _wrapped(label: str, width: int = 18) -> str:
    """A bar's label on lines of at most ``width`` characters, so that long titles do not run
    into each other."""
    return "\n".join(
        textwrap.fill(part, width, break_on_hyphens=False, break_long_words=False) for part in label.split("\n")
    )


_AXIS = {"host-share": "Host share (%)", "markup": "Markup (%)", "rate": "Rate (yen per US dollar)", "troops": "Troops"}


def sweep_chart(
    name: str, steps: Sequence[tuple[Any, Report]], costs: str = "", currency: str = REFERENCE, lang: str = "en"
) -> LineChart:
    """The host payment at each step of a sweep of input ``name``, in ``currency``; the title
    says what the ``costs`` are."""
    from hostcost.views.i18n import tr, translate

    first = steps[0][0]
    for _, r in steps:
        _in(r, currency)
    if isinstance(first, Money):
        xlabel, xs = f"{name} ({first.currency})", tuple(v.amount for v, _ in steps)
    else:
        percent = name in ("host-share", "markup")
        xlabel, xs = tr(_AXIS.get(name, name), lang), tuple(Decimal(v) * (100 if percent else 1) for v, _ in steps)
    title = tr(
        "{title}: the host payment as the {name} varies",
        lang,
        title=translate(costs or "Costs as given", lang),
        name=translate(name, lang),
    )
    return LineChart(
        title,
        xlabel,
        xs,
        tuple(r.scenarios[0].split.host[currency] for _, r in steps),
        steps[0][1].baseline_amounts[currency],
        _footnote([("", steps[0][1])] if name != "rate" else [("", r) for _, r in steps], lang, name),
        currency,
        lang,
    )


_UNITS = {"USD": "US dollars", "JPY": "yen", "KRW": "won", "EUR": "euros", "GBP": "pounds"}


#: The axis's units in Japanese: 兆, 億 and 万 of the currency.
_JA_SCALES = ((Decimal(10) ** 12, "兆"), (Decimal(10) ** 8, "億"), (Decimal(10) ** 4, "万"))
_SCALES = ((Decimal(10) ** 12, "trillions"), (Decimal(10) ** 9, "billions"), (Decimal(10) ** 6, "millions"))


def _scale(values: Sequence[Decimal], currency: str = REFERENCE, lang: str = "en") -> tuple[Decimal, str]:
    """A divisor and its name, so that the axis reads in billions, millions or units (in
    Japanese, 兆, 億 or 万)."""
    from hostcost.views.format import currency_unit
    from hostcost.views.i18n import tr

    top = max((abs(v) for v in values), default=Decimal(0))
    if lang == "ja":
        divisor, word = next(((d, w) for d, w in _JA_SCALES if top >= d), (Decimal(1), ""))
        return divisor, word + currency_unit(currency).strip()
    unit = tr(_UNITS.get(currency, currency), lang)
    for divisor, word in _SCALES:
        if top >= divisor:
            return divisor, tr(f"{{unit}} ({word})", lang, unit=unit)
    return Decimal(1), unit


def cjk_font() -> str | None:
    """The first installed font of :data:`CJK_FONTS`, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FONTS if f in installed), None)


def draw(chart: BarChart | LineChart, file, fmt: str, font: str | None = None):
    """Draw ``chart`` into ``file`` (a binary file) as ``fmt`` (png, svg or pdf), in ``font``
    where given (one that draws Japanese); returns the figure. Text is drawn as written: a ``$``
    is a dollar sign, never the start of mathematics."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from hostcost.render.text import shown
    from hostcost.views.format import money_writer
    from hostcost.views.i18n import tr

    chart = replace(chart, title=shown(chart.title), footnote=shown(chart.footnote))
    if isinstance(chart, BarChart):
        chart = replace(chart, labels=tuple(shown(x) for x in chart.labels))

    rc: dict[str, Any] = {
        "svg.hashsalt": "hostcost",
        "font.size": 10,
        "text.parse_math": False,  # a $ is a dollar sign: "$x^2$" and "$\\foo$" are drawn as written
        "axes.unicode_minus": False,
    }
    if font:
        rc["font.family"] = [font, "DejaVu Sans"]
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        fig = Figure(figsize=(8, 5))
        ax = fig.add_subplot()
        values = [*chart.host, chart.baseline, *(chart.us if isinstance(chart, BarChart) else ())]
        divisor, unit = _scale(values, chart.currency, chart.lang)
        short = money_writer(values, chart.currency, True, chart.lang)

        def scaled(xs):
            return [float(x / divisor) for x in xs]

        if isinstance(chart, BarChart):
            positions = list(range(len(chart.labels)))
            series = [
                (tr("Host pays", chart.lang), chart.host, "#1f77b4"),
                (tr("US pays", chart.lang), chart.us, "#ff7f0e"),
            ]
            drawn = [x for x in series if any(x[1])]  # a series of zeros is not drawn, nor in the legend
            width = 0.76 / max(1, len(drawn))
            for n, (label, figures, colour) in enumerate(drawn):
                offset = (n - (len(drawn) - 1) / 2) * width
                bars = ax.bar([p + offset for p in positions], scaled(figures), width, label=label, color=colour)
                ax.bar_label(bars, labels=[short(v) for v in figures], padding=2, fontsize=8)
            ax.set_xticks(positions, chart.labels, fontsize=10 if len(positions) <= 3 else 8)
            ax.axhline(0, color="#444444", linewidth=0.8)
        else:
            ax.plot([float(x) for x in chart.xs], scaled(chart.host), marker="o", label=tr("Host pays", chart.lang))
            for x, y, v in zip(chart.xs, scaled(chart.host), chart.host):
                ax.annotate(short(v), (float(x), y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
            ax.set_xlabel(chart.xlabel)
        ax.axhline(
            float(chart.baseline / divisor),
            color="black",
            linestyle="--",
            linewidth=1,
            label=tr("Baseline: {amount} a year", chart.lang, amount=short(chart.baseline)),
        )
        ax.set_title(chart.title)
        ax.set_ylabel(unit)
        low, high = min(0.0, *scaled(values)), max(0.0, *scaled(values))
        ax.set_ylim(low * 1.15, high * 1.25 or 1)  # room above the tallest figure for its label and the legend
        ax.legend(loc="upper center", ncols=3, frameon=False)
        ax.grid(axis="y", alpha=0.3)
        width = 70 if chart.lang == "ja" else 130  # a Japanese character is twice as wide
        lines = max((label.count("\n") + 1 for label in getattr(chart, "labels", ())), default=1)
        below = -0.02 - 0.03 * (lines - 1)  # under the bars' labels, however many lines they take
        fig.text(0.01, below, textwrap.fill(chart.footnote, width), fontsize=7, va="top", ha="left")
        metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt, {"Software": None})
        fig.savefig(file, format=fmt, bbox_inches="tight", metadata=metadata, dpi=120)
    return fig


def write_plot(chart: BarChart | LineChart, path: str, force: bool, font: str | None = None):
    """Draw ``chart`` to ``path`` (once :func:`check_plot_file` has passed it), whole or not at
    all; returns the figure."""
    from hostcost.render.files import atomic_writer

    fmt = PLOT_EXTENSIONS[os.path.splitext(path)[1].lower()]  # checked by check_plot_file
    with atomic_writer("--plot", path, force, binary=True) as f:
        return draw(chart, f, fmt, font)
