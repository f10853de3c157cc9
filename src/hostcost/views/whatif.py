"""Views for what-if commands: ``sweep``, ``solve`` and ``compare``."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hostcost.core.fx import REFERENCE
from hostcost.core.money import Money
from hostcost.core.scenario import Report
from hostcost.core.whatif import Solution, Unreachable, Vary
from hostcost.views import Column, DisplayTable, Figure, Percent, View
from hostcost.views.captions import baseline_sentence, prices_caption, scenario_caption
from hostcost.views.common import (
    extra_currencies,
    money_lines,
    rate_document,
    rate_sentences,
    rates_caption,
    restated_currencies,
    rounding_note,
    sources_json,
)
from hostcost.views.format import format_money, format_number, short_money
from hostcost.views.i18n import tr, translate
from hostcost.views.scenario import (
    FIXED_CURRENCIES,
    prices_json,
    rate_json,
    scenario_entry,
    scenario_header,
    scenario_rows,
    scenario_tables,
    trim,
)

BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(value: Decimal, baseline: Decimal, scale: Decimal, width: int = BAR_WIDTH) -> str:
    """A bar ``value / scale`` of ``width`` cells, with ``┃`` where the baseline falls."""
    cells = []
    eighths = int(max(value, Decimal(0)) / scale * width * 8) if scale else 0
    for _ in range(width):
        cells.append(_EIGHTHS[min(eighths, 8)])
        eighths = max(eighths - 8, 0)
    mark = min(int(baseline / scale * width), width - 1) if scale else 0
    cells[mark] = "┃"
    return "".join(cells)


#: Each input as a sentence names it.
INPUT_WORDS = {"host-share": "host share", "markup": "markup", "rate": "rate", "troops": "troop count"}
#: Each input as a column heads it (a cost category by its own name).
INPUT_HEADS = {"host-share": "Host share", "markup": "Markup", "rate": "Rate", "troops": "Troops"}
#: How each output reads in a sentence: (after "makes", after a value).
PHRASES = {
    "host": ("the host pay", "the host pays"),
    "us": ("the US pay", "the US pays"),
    "total": ("the total cost", "the total cost is"),
    "host-per-troop": ("the host pay per troop", "the host pays per troop"),
}


def describe_input(name: str, value, places: int = 4, lang: str = "en") -> str:
    """A value of an input as a reader says it: ``42.5%``, ``150 yen per dollar``, ``45,000 troops``
    (to ``places`` decimal places at most)."""
    if name in ("host-share", "markup"):
        return f"{format_number(value * 100, places)}%"
    if name == "rate":
        return tr("{rate} yen per dollar", lang, rate=format_number(value, places))
    if name == "troops":
        return tr("{troops} troops", lang, troops=f"{int(value):,}")
    return str(value)


def unreachable_text(u: Unreachable) -> str:
    """Why no value of the input reaches the target, with the output at each end of its range."""
    goal = format_money(u.target.amount, u.target.currency)
    makes, reads = PHRASES[u.output]
    word = INPUT_WORDS[u.name]
    low, high = (format_money(x, u.target.currency) for x in (u.at_low, u.at_high))
    if u.at_low == u.at_high:
        return f"{reads} {low} whatever the {word}, so no {word} makes {makes} {goal}"
    lo, hi = describe_input(u.name, u.low), describe_input(u.name, u.high)
    return f"no {word} from {lo} to {hi} makes {makes} {goal}: at {lo} {reads} {low}, at {hi} {high}"


def _baseline_json(report: Report) -> dict:
    b = report.baseline
    return {**report.baseline_amounts, "troops": b.troops, "label": b.label, "source": b.source}


def _value_json(name: str, value):
    if isinstance(value, Money):
        return {"amount": trim(value.amount), "currency": value.currency}
    return trim(Decimal(value)) if not isinstance(value, int) else value


def _value_text(name: str, value, lang: str) -> str:
    if isinstance(value, Money):
        return format_money(value.amount, value.currency, lang)
    return describe_input(name, value, lang=lang)


def _value_unit(name: str, value) -> str:
    """What a sweep's ``value`` column is in: JPY_per_USD (a rate), fraction (a share or a markup,
    as host_share is), troops, or the currency of a cost category's amount."""
    if isinstance(value, Money):
        return value.currency
    return {"rate": "JPY_per_USD", "troops": "troops"}.get(name, "fraction")


def _value_raw(value):
    if isinstance(value, Money):
        return trim(value.amount)
    return value if isinstance(value, int) else trim(value)


def sweep_view(vary: Vary, steps: Sequence[tuple[object, Report]], cost_note: str) -> View:
    first = steps[0][1]
    cur = first.currencies

    def document() -> dict:
        return {
            "vary": vary.name,
            "steps": [
                {
                    "value": _value_json(vary.name, v),
                    **scenario_entry(r.scenarios[0]),
                    "rate": rate_document(r.rates, r.currencies),
                }
                for v, r in steps
            ],
            "rate": rate_document(first.rates, cur),
            "baseline": _baseline_json(first),
            "sources": sources_json(first.sources),
        }

    def tables(lang: str) -> list[DisplayTable]:
        hosts = [r.scenarios[0].split.host["USD"] for _, r in steps]
        base = first.baseline_amounts["USD"]
        scale = max([*hosts, base])
        rows = tuple(
            (
                (_value_text(vary.name, v, lang),),
                *(money_lines(getattr(r.scenarios[0].split, p), cur, lang) for p in ("total", "host", "us")),
                (
                    *money_lines(r.scenarios[0].vs_baseline, cur, lang, sign=True),
                    Percent(r.scenarios[0].ratio, 3),
                ),
                (bar(h, base, scale),),
            )
            for (v, r), h in zip(steps, hosts)
        )
        caption = scenario_caption(first, cost_note, lang).replace(
            rates_caption(first.rates, cur, lang), _sweep_rates(vary, first, lang)
        )
        caption += tr(
            "\nBar: the host payment in dollars; ┃ marks the baseline ({baseline}).",
            lang,
            baseline=short_money(base, "USD", lang=lang),
        )
        title = tr(
            "Sweep: {name} from {start} to {stop} by {step}",
            lang,
            name=translate(vary.name, lang),
            start=vary.texts[0],
            stop=vary.texts[1],
            step=vary.texts[2],
        )
        return [
            DisplayTable(
                title,
                (
                    Column(translate(INPUT_HEADS.get(vary.name, vary.name), lang)),
                    Column("Total cost", True, optional=True),
                    Column("Host pays", True),
                    Column("US pays", True, optional=True),
                    Column("Host vs baseline", True),
                    Column("Host pays vs baseline"),
                ),
                rows,
                caption,
            )
        ]

    return View(
        lambda: ["vary", "value", "value_unit", *scenario_header(first)],
        lambda: [[vary.name, _value_raw(v), _value_unit(vary.name, v), *scenario_rows(r)[0]] for v, r in steps],
        document,
        tables,
    )


def _per_usd(report: Report, currency: str) -> str:
    """The rate of ``currency`` a report ran at, to four places ("" where it has none)."""
    found = rate_json(report.rates, report.currencies).get(f"{currency}_per_USD")
    return "" if found is None else format_number(found, 4)


def _sweep_rates(vary: Vary, report: Report, lang: str) -> str:
    if vary.name != "rate":
        return rates_caption(report.rates, report.currencies, lang)
    others = [c for c in report.currencies if c not in ("USD", "JPY")]
    rest = tr(" Other rates: {rates}", lang, rates=rates_caption(report.rates, others, lang)) if others else ""
    return tr("Rate: as in each row, in yen per US dollar.", lang) + rest


def solve_sentence(solution: Solution, target: Money, output: str, lang: str) -> str:
    """``At a host share of 52.8164%, the host pays $1,000,000,000.00.``"""
    value = describe_input(solution.name, solution.value, lang=lang)
    at = (
        value
        if solution.name == "troops"
        else tr("a {input} of {value}", lang, input=translate(INPUT_WORDS[solution.name], lang), value=value)
    )
    sentence = tr(
        "At {input}, {output} {target}.",
        lang,
        input=at,
        output=translate(PHRASES[output][1], lang),
        target=format_money(target.amount, target.currency, lang),
    )
    if solution.name == "troops" and solution.exact != solution.value:
        sentence += tr(
            " (Exactly {troops} troops; the scenario is run at the nearest whole number.)",
            lang,
            troops=solution.exact.quantize(Decimal("0.01")),
        )
    return sentence


def solve_view(solution: Solution, target: Money, output: str, report: Report, cost_note: str) -> View:
    s = report.scenarios[0]

    def document() -> dict:
        return {
            "for": {"host-share": "share"}.get(solution.name, solution.name),  # as --for names it
            "value": _value_json(solution.name, solution.value),
            "exact": trim(solution.exact.quantize(Decimal("1e-12"))),
            "output": output,
            "target": {"amount": trim(target.amount), "currency": target.currency},
            "scenario": scenario_entry(s),
            "rate": rate_document(report.rates, report.currencies),
            "baseline": _baseline_json(report),
            "sources": sources_json(report.sources),
        }

    def tables(lang: str) -> list[DisplayTable]:
        found = DisplayTable(
            "Solved",
            (Column("For"), Column("Value", True), Column("Makes"), Column("Reach", True)),
            (
                (
                    (translate(solution.name, lang),),
                    (describe_input(solution.name, solution.value, lang=lang),),
                    (translate(output, lang),),
                    (Figure(target.amount, target.currency),),
                ),
            ),
            solve_sentence(solution, target, output, lang),
        )
        return [found, *scenario_tables(report, cost_note, True, lang)]

    return View(
        lambda: ["for", "value", "output", "target", "target_currency", *scenario_header(report)],
        lambda: [
            [
                solution.name,
                _value_raw(solution.value),
                output,
                target.amount,
                target.currency,
                *scenario_rows(report)[0],
            ]
        ],
        document,
        tables,
    )


def compare_view(named: Sequence[tuple[str, Report]]) -> View:
    """Scenarios side by side, each set against the first."""
    entries = [(label, r, s) for label, r in named for s in r.scenarios]
    first_label, first_report, first = entries[0]
    currencies = list(dict.fromkeys(c for _, r, _ in entries for c in r.currencies))

    def versus(s, r) -> dict:
        shared = [c for c in r.currencies if c in first_report.currencies]
        return {
            p: {c: getattr(s.split, p)[c] - getattr(first.split, p)[c] for c in shared} for p in ("total", "host", "us")
        }

    def document() -> dict:
        return {
            "rate": rate_document(first_report.rates, first_report.currencies),
            "baseline": _baseline_json(first_report),
            "scenarios": [
                {
                    "input": label,
                    **scenario_entry(s),
                    "rate": rate_document(r.rates, r.currencies),
                    "vs_first": versus(s, r),
                }
                for label, r, s in entries
            ],
            "sources": sources_json(list(dict.fromkeys(x for _, r, _ in entries for x in r.sources))),
            **({"prices": {label: prices_json(r) for label, r in named if r.restated}} if restated else {}),
        }

    extra = extra_currencies(currencies)
    restated = list(dict.fromkeys(c for _, r, _ in entries for c in restated_currencies(r)))

    def header() -> list[str]:
        return [
            "input",
            "name",
            "troops",
            "host_share",
            *(f"{p}_{c}" for p in ("total", "host", "us") for c in FIXED_CURRENCIES),
            *(f"host_vs_first_{c}" for c in FIXED_CURRENCIES),
            "vs_baseline_ratio",
            "JPY_per_USD",
            *(
                name
                for c in extra
                for name in (f"total_{c}", f"host_{c}", f"us_{c}", f"host_vs_first_{c}", f"{c}_per_USD")
            ),
            *(f"real_{p}_{c}" for c in restated for p in ("total", "host", "us")),
        ]

    def rows() -> list[list]:
        out = []
        for label, r, s in entries:
            vs = versus(s, r)["host"]
            rates = rate_json(r.rates)
            out.append(
                [
                    label,
                    s.name,
                    s.troops,
                    trim(s.host_share),
                    *(getattr(s.split, p).get(c) for p in ("total", "host", "us") for c in FIXED_CURRENCIES),
                    *(vs.get(c) for c in FIXED_CURRENCIES),
                    trim(s.ratio),
                    rates.get("JPY_per_USD"),
                    *(
                        value
                        for c in extra
                        for value in (
                            *(getattr(s.split, p).get(c) for p in ("total", "host", "us")),
                            vs.get(c),
                            rates.get(f"{c}_per_USD"),
                        )
                    ),
                    *(getattr(s.real, p).get(c) if s.real else None for c in restated for p in ("total", "host", "us")),
                ]
            )
        return out

    def tables(lang: str) -> list[DisplayTable]:
        def cell(r, amounts) -> tuple[Any, ...]:
            return money_lines(amounts, r.currencies, lang)

        fields = [
            ("Scenario", lambda label, r, s: (translate(s.name, lang),)),
            ("Troops", lambda label, r, s: (f"{s.troops:,}",)),
            ("Host share", lambda label, r, s: (Percent(s.host_share),)),
            ("Total cost", lambda label, r, s: cell(r, s.split.total)),
            ("Host pays", lambda label, r, s: cell(r, s.split.host)),
            ("US pays", lambda label, r, s: cell(r, s.split.us)),
            (
                "Host pays per troop",
                lambda label, r, s: cell(r, s.per_troop.host) if s.per_troop else (tr("n/a (no troops)", lang),),
            ),
            ("Host vs baseline", lambda label, r, s: money_lines(s.vs_baseline, r.currencies, lang, sign=True)),
            ("Host, % of baseline", lambda label, r, s: (Percent(s.ratio, 3),)),
            *(
                [
                    (
                        tr("Host pays, {year} prices", lang, year=first_report.restated[0].to.year),
                        lambda label, r, s: money_lines(s.real.host, list(s.real.host), lang) if s.real else ("",),
                    )
                ]
                if restated
                else []
            ),
            (
                "Host vs first",
                lambda label, r, s: money_lines(versus(s, r)["host"], list(versus(s, r)["host"]), lang, sign=True),
            ),
            *(
                (
                    tr("{currency} per USD", lang, currency=c),
                    lambda label, r, s, c=c: (_per_usd(r, c),),
                )
                for c in dict.fromkeys(c for _, r, _ in entries for c in r.currencies if c != REFERENCE)
            ),
        ]
        rows_ = tuple(((name,), *(get(label, r, s) for label, r, s in entries)) for name, get in fields)
        said = [rate_sentences(r.rates, r.currencies, lang) for _, r in named]
        rates = dict.fromkeys(f"{label}: {text}" for (label, _), (text, _) in zip(named, said))
        notes = dict.fromkeys(note for _, each in said for note in each)
        caption = "\n".join(
            [
                tr(
                    "Each scenario is set against the first ({input}: {name}), in the currencies they share, "
                    "and against the baseline in dollars.",
                    lang,
                    input=first_label,
                    name=translate(first.name, lang),
                ),
                baseline_sentence(first_report, lang),
                *rates,
                *notes,
                *dict.fromkeys(f"{label}: {prices_caption(r, lang)}" for label, r in named if r.restated),
                rounding_note(lang),
            ]
        )
        several = len(entries) > len(named)
        heads = [f"{label}: {translate(s.name, lang)}" if several else label for label, _, s in entries]
        columns = (Column("", wrap=True), *(Column(h, True) for h in heads))
        return [DisplayTable("Compared", columns, rows_, caption, across=True)]

    return View(header, rows, document, tables)
