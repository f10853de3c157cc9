"""The functions the command line and a notebook both call: one call a job, its result a
:class:`~hostcost.results.Result` that holds the figures and the view of them. Nothing here
prints, exits or knows of a terminal.

Each job has two doors. ``run_*`` takes the inputs as a :class:`~hostcost.data.spec.Spec`
(the command line reads its options into one) and the command's own arguments as text;
``where`` names each argument in an error (``--vary``, or the keyword ``vary``). The functions
without the prefix are the Python API (``hostcost.scenario(...)``): their keywords are the keys
of a scenario file, so a call and a file say the same things the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hostcost.errors import HostcostError, InputError, NoSolution
from hostcost.results import Checks, Comparison, Conversion, Report, Rows, Solved, Sweep

# -- reading arguments ----------------------------------------------------------------------------


def _argument(where: str, parse, text: str, *args):
    """``parse(text, *args)``, with ``where`` put in front of any error it raises."""
    try:
        return parse(text, *args)
    except HostcostError as e:
        raise type(e)(f"{where}: {e}") from None


def _python_value(value: Any) -> Any:
    """A keyword's value as a scenario file would hold it: a float as the digits Python shows
    for it (0.1, not 0.1000000000000000055…), a path as text, a tuple as a list."""
    import os

    if isinstance(value, float):
        return repr(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (tuple, list)):
        return [_python_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _python_value(v) for k, v in value.items()}
    return value


def keywords(command: str, inputs: Mapping[str, Any]):
    """The :class:`~hostcost.data.spec.Spec` that the keywords ``inputs`` of ``command`` say,
    read as a scenario file's keys are; a keyword the command does not take is refused, with
    the nearest it does."""
    from difflib import get_close_matches

    from hostcost.core.inputs import BY_NAME, COMMAND_INPUTS
    from hostcost.data.spec import build_spec, standard_labels, toml_given

    taken = [key for name in COMMAND_INPUTS[command] for key in (BY_NAME[name].toml, BY_NAME[name].toml_list) if key]
    call = f"hostcost.{command}()"
    for key in inputs:
        if key not in taken:
            near = get_close_matches(key, taken, n=1, cutoff=0.6)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise InputError(f"{call}: no input {key!r}{hint}; it takes {', '.join(taken)}")
    data = {k: _python_value(v) for k, v in inputs.items() if v is not None}
    if "host_share" in data and "host_shares" in data:
        raise InputError(f"{call}: give host_share or host_shares, not both")
    return build_spec(toml_given(data, call), standard_labels())


def _over_file(spec, file: str | None, where: str = "FILE"):
    """``spec`` laid over the scenario file at ``file`` (``-``: stdin), if one is given."""
    if file is None:
        return spec
    from hostcost.data import files
    from hostcost.data.spec import load_spec

    return spec.over(load_spec("\n".join(files.read_lines(where, file, "a scenario file")), files.where(file)))


def _resolve(spec):
    from hostcost.data.builtin import load_builtin
    from hostcost.data.resolve import resolve

    builtin = load_builtin()
    return builtin, resolve(spec, builtin)


def _one_scenario(spec):
    """A spec with one host share (100% unless given), for sweep and solve."""
    return replace(spec, host_shares=spec.host_shares[:1] or (Decimal(1),))


# -- the jobs, from a Spec ------------------------------------------------------------------------


def run_scenario(spec, file: str | None = None, breakdown: bool = False, where: str = "FILE") -> Report:
    """The scenarios ``spec`` (over the scenario file ``file``) says, set against the baseline."""
    from hostcost.views.scenario import scenario_view

    builtin, resolved = _resolve(_over_file(spec, file, where))
    report = resolved.report(builtin)
    view = scenario_view(report, resolved.cost_note, breakdown, resolved.preset)
    return Report(view, report, resolved.spec, resolved.preset, resolved.title)


def run_sweep(spec, vary: str, file: str | None = None, where: Mapping[str, str] | None = None) -> Sweep:
    """The scenario at each value of ``vary`` (``NAME=START:STOP:STEP``)."""
    from hostcost.core.whatif import parse_vary, refuse_given_and_varied, run_sweep
    from hostcost.data.builtin import check_rate
    from hostcost.views.whatif import sweep_view

    names = {"file": "FILE", "vary": "vary", **(where or {})}
    given = _over_file(spec, file, names["file"])
    varied = _argument(names["vary"], parse_vary, vary, given.currency, check_rate)
    refuse_given_and_varied(varied, given.host_shares, given.troops_change, given.markup, given.rates)
    builtin, resolved = _resolve(_one_scenario(given))
    steps = run_sweep(
        resolved.scenarios[0], resolved.rates, builtin.baseline, varied, resolved.sources, resolved.restated
    )
    return Sweep(sweep_view(varied, steps, resolved.cost_note), varied, steps, resolved.title)


#: What ``for`` can name, and the input each is.
SOLVE_FOR = {"share": "host-share", "host-share": "host-share", "rate": "rate", "troops": "troops", "markup": "markup"}
SOLVE_OUTPUTS = ("host", "us", "total", "host-per-troop")


def run_solve(
    spec, target: str, for_: str, of: str = "host", file: str | None = None, where: Mapping[str, str] | None = None
) -> Solved:
    """The value of the input ``for_`` that makes the output ``of`` equal ``target``; raises
    :class:`~hostcost.errors.NoSolution` (exit 1) when no value in its range does."""
    from hostcost.core.amounts import parse_cost
    from hostcost.core.scenario import run_report
    from hostcost.core.whatif import Unreachable, solve
    from hostcost.views.whatif import solve_view, unreachable_text

    names = {"file": "FILE", "target": "target", "for": "for_", "of": "of", **(where or {})}
    if for_ not in SOLVE_FOR:
        raise InputError(f"{names['for']} {for_!r}: expected share, rate, troops or markup")
    if of not in SOLVE_OUTPUTS:
        raise InputError(f"{names['of']} {of!r}: expected {', '.join(SOLVE_OUTPUTS)}")
    given = _over_file(spec, file, names["file"])
    goal = _argument(names["target"], parse_cost, target, given.currency)
    builtin, resolved = _resolve(_one_scenario(given))
    found = solve(resolved.scenarios[0], resolved.rates, SOLVE_FOR[for_], goal, of)
    if isinstance(found, Unreachable):
        raise NoSolution(unreachable_text(found))
    report = run_report([found.inputs], builtin.baseline, found.rates, resolved.sources, resolved.restated)
    return Solved(solve_view(found, goal, of, report, resolved.cost_note), found, report)


def run_compare(spec, inputs: Sequence[str]) -> Comparison:
    """Each of ``inputs`` (a scenario file, or a preset's name) run, set against the first; the
    price inputs of ``spec`` apply to each."""
    import os

    from hostcost.data.spec import Spec
    from hostcost.views.whatif import compare_view

    if not inputs:
        raise InputError("no scenarios to compare; give two or more scenario files or presets, such as fy2020 fy2021")
    from hostcost.core.scenario import check_work

    found = []
    for given in inputs:
        each = _over_file(Spec(), given, given) if os.path.exists(given) or given == "-" else Spec(preset=given)
        each = spec.over(each if each.host_shares else _one_scenario(each))
        found.append((given, *_resolve(each)))
    check_work([s for _, _, resolved in found for s in resolved.scenarios])  # all of them, before any is run
    named = [(given, resolved.report(builtin)) for given, builtin, resolved in found]
    return Comparison(compare_view(named), named, [resolved.title for _, _, resolved in found])


def run_convert(spec, amount: str, to: str | None = None, where: Mapping[str, str] | None = None) -> Conversion:
    """``amount`` in the currency ``to`` (default: USD, or JPY for dollars), at the rates in
    force, rounded once, half to even; with ``prices``, restated too."""
    from hostcost.core.amounts import currency_code, parse_amount
    from hostcost.core.fx import default_target
    from hostcost.data.builtin import load_builtin
    from hostcost.data.resolve import rates_given
    from hostcost.views.convert import convert_view

    names = {"amount": "amount", "to": "to", **(where or {})}
    builtin = load_builtin()
    rates = rates_given(spec, builtin)
    source = _argument(names["amount"], parse_amount, amount, spec.currency)
    target = _argument(names["to"], currency_code, to) if to else default_target(source.currency)
    converter = rates.converter()
    real = None
    notes: tuple = ()
    if spec.prices is not None:
        from hostcost.data.resolve import restatement

        factors, notes = restatement(spec)
        if target in factors:
            real = converter.convert_restated(source, target, factors[target])
    result = converter.convert_rounded(source, target)
    return Conversion(convert_view(source, result, rates, real, notes), source, result, rates, real)


def run_baseline(spec) -> Rows:
    """The baseline and the default cost categories, with their sources, at the rates in force."""
    from hostcost.core.scenario import Inputs, run_report
    from hostcost.data.builtin import load_builtin
    from hostcost.data.resolve import rates_given
    from hostcost.views.listings import baseline_view

    builtin = load_builtin()
    costs = Inputs("default categories", builtin.baseline.troops, builtin.categories)
    rates = rates_given(spec, builtin)
    report = run_report(
        [costs], builtin.baseline, rates, lambda cur: builtin.sources_for(rates, builtin.categories, cur)
    )
    return Rows(baseline_view(builtin, report))


@dataclass(frozen=True)
class Checked:
    """Claims checked: each result; the messages of the claims that could not be read (with
    ``keep_going``); the rates in force, the currencies shown, what ``prices`` restated by, and
    the sources of the figures used."""

    results: tuple
    errors: tuple[str, ...]
    rates: object
    shown: tuple[str, ...]
    notes: tuple
    sources: tuple[tuple[str, str], ...]
    tolerance: Decimal | None


def claim_lines(
    claims: Sequence[str], file: str | None = None, scan: str | None = None, where: Mapping[str, str] | None = None
) -> list:
    """The claims to check: ``claims`` as given, then one a line of the claims file ``file``,
    then those found in the draft ``scan`` (``-``: stdin), each with where it came from."""
    from hostcost.core.claims import MAX_CLAIMS, ClaimLine, read_claims
    from hostcost.data import files

    names = {"file": "file", "scan": "scan", **(where or {})}
    lines = [ClaimLine(n, t) for n, t in enumerate(claims, start=1)]
    if file is not None:
        lines += read_claims(files.read_lines(names["file"], file, "the claims"), file)
    if scan is not None:
        from hostcost.core.scan import scan as scan_draft

        found = scan_draft(files.read_lines(names["scan"], scan, "the draft"), files.where(scan))
        if not found:
            raise InputError(f"{names['scan']} {scan}: no conversion or claim found in it, such as ¥200B ($1.9B)")
        lines += found
    if len(lines) > MAX_CLAIMS:
        raise InputError(f"{len(lines):,} claims; hostcost checks at most {MAX_CLAIMS:,} at once: check them in parts")
    return lines


def run_check(
    spec, lines: Sequence, tolerance: str | None = None, keep_going: bool = False, where: str = "tolerance"
) -> Checks:
    """Read and check each claim of ``lines`` (:func:`claim_lines`), at the rates ``spec`` says
    are in force (or a claim's own ``@PERIOD``), naming built-in figures; with ``prices``,
    restating dollars too. ``tolerance``: the accuracy every claim is held to, in percent."""
    from hostcost.core.amounts import TOLERANCE
    from hostcost.core.claims import claim_currencies, claim_sources, parse_claims
    from hostcost.core.periods import parse_period
    from hostcost.core.verdicts import check_claims
    from hostcost.data.averages import RateBook
    from hostcost.data.builtin import load_builtin, named_figures, rates_in_force
    from hostcost.data.resolve import rates_given
    from hostcost.data.series import load_files
    from hostcost.views.check import check_view

    fraction = _argument(where, TOLERANCE.parse, tolerance) if tolerance is not None else None
    builtin = load_builtin()
    series = load_files(spec.rate_files)
    rates = rates_given(spec, builtin, series)
    parsed, errors = parse_claims(lines, "", named_figures(), keep_going)
    if not parsed and not errors:
        raise InputError("no claims given; give one, such as hostcost check '¥200B = $1.9B', or --file FILE")
    shown = tuple(dict.fromkeys(("USD", "JPY", *(c for _, claim in parsed for c in claim_currencies(claim)))))
    factor: Fraction | None = None
    notes: tuple = ()
    if spec.prices is not None:
        from hostcost.data.resolve import restatement

        factors, notes = restatement(spec)
        factor = factors["USD"]
    book = RateBook.of(series)
    averages: dict[str, list] = {}

    def period_rates(currency: str):
        if currency not in averages:
            averages[currency] = book.averages(currency)
        return averages[currency]

    periods: dict[str, object] = {}

    def rates_at(text: str):
        """The rates of a claim's own @PERIOD, worked out once for each period."""
        if text not in periods:
            periods[text] = rates_in_force(builtin, spec.rates, parse_period(text), series=series)
        return periods[text]

    results = tuple(check_claims(parsed, rates, shown, fraction, factor, rates_at, period_rates))
    named = tuple(dict.fromkeys(x for _, claim in parsed for x in claim_sources(claim)))
    sources = (*builtin.sources_for(rates, currencies=shown), *((f"figure: {n}", s) for n, s in named))
    checked = Checked(results, tuple(errors), rates, shown, notes, tuple(sources), fraction)
    return Checks(check_view(checked), checked)


def run_rates(kind: str = "annual", year: str | None = None, where: str = "year") -> Rows:
    """The built-in rates of each period: ``annual`` (calendar years), ``monthly`` or ``fy``
    (Japanese fiscal years); only those of ``year`` if given."""
    from hostcost.core.fx import parse_year
    from hostcost.data.averages import RateBook
    from hostcost.data.builtin import load_builtin
    from hostcost.views.listings import RATE_LISTINGS, rates_view

    if kind not in RATE_LISTINGS:
        raise InputError(f"kind {kind!r}: expected {', '.join(RATE_LISTINGS)}")
    chosen = _argument(where, parse_year, year) if year is not None else None
    return Rows(rates_view(RateBook.of(), load_builtin(), kind, chosen))


def run_presets() -> Rows:
    """The built-in scenarios, with the sources of their figures."""
    from hostcost.data.builtin import load_presets
    from hostcost.views.listings import presets_view

    return Rows(presets_view(list(load_presets().values())))


def run_sources() -> Rows:
    """Every built-in figure, and where it came from."""
    from hostcost.data.averages import RateBook
    from hostcost.data.builtin import load_builtin, load_presets
    from hostcost.views.listings import sources_view

    return Rows(sources_view(load_builtin(), RateBook.of(), list(load_presets().values())))


# -- the Python API: keywords are a scenario file's keys -------------------------------------------


def scenario(file: str | None = None, /, *, breakdown: bool = False, **inputs: Any) -> Report:
    """Who pays what under each host share: ``hostcost scenario`` (``file``: a scenario file)."""
    return run_scenario(keywords("scenario", inputs), file, breakdown, "file")


def sweep(file: str | None = None, /, *, vary: str, **inputs: Any) -> Sweep:
    """One row per value of an input, ``vary="rate=100:160:10"``: ``hostcost sweep``."""
    return run_sweep(keywords("sweep", inputs), vary, file, {"file": "file"})


def solve(file: str | None = None, /, *, target: str, for_: str, of: str = "host", **inputs: Any) -> Solved:
    """The value of ``for_`` (share, rate, troops or markup) that makes ``of`` (host, us, total or
    host-per-troop) equal ``target``: ``hostcost solve``."""
    return run_solve(keywords("solve", inputs), target, for_, of, file, {"file": "file"})


def compare(*scenarios: str, **inputs: Any) -> Comparison:
    """Scenario files or presets side by side, each set against the first: ``hostcost compare``."""
    return run_compare(keywords("compare", inputs), scenarios)


def convert(amount: str, /, *, to: str | None = None, **inputs: Any) -> Conversion:
    """``amount`` in another currency at a stated rate: ``hostcost convert``."""
    return run_convert(keywords("convert", inputs), amount, to)


def check(
    *claims: str,
    file: str | None = None,
    scan: str | None = None,
    tolerance: str | int | Decimal | None = None,
    keep_going: bool = False,
    **inputs: Any,
) -> Checks:
    """Whether each claim holds at the rate in force: ``hostcost check``."""
    tolerance_text = None if tolerance is None else str(tolerance)
    lines = claim_lines(claims, file, scan)
    return run_check(keywords("check", inputs), lines, tolerance_text, keep_going)


def baseline(**inputs: Any) -> Rows:
    """The baseline and the default cost categories: ``hostcost baseline``."""
    return run_baseline(keywords("baseline", inputs))


def batch(rows: Iterable[Mapping[str, Any]], /, *, skip_bad: bool = False, **inputs: Any) -> Rows:
    """Each row (a dict of column and value, as ``hostcost batch`` reads a CSV row; or a pandas
    DataFrame) run as a scenario: ``hostcost batch``."""
    from hostcost.api.batchrun import run_batch

    return run_batch(keywords("batch", inputs), rows, skip_bad)


def rates(kind: str = "annual", /, *, year: int | str | None = None) -> Rows:
    """The built-in rates of each period: ``hostcost rates`` (``kind``: annual, monthly or fy)."""
    return run_rates(kind, None if year is None else str(year))


def presets() -> Rows:
    """The built-in scenarios: ``hostcost presets``."""
    return run_presets()


def sources() -> Rows:
    """Every built-in figure and its source: ``hostcost sources``."""
    return run_sources()
