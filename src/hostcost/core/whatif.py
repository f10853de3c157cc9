"""What-if analysis over one scenario: sweep an input across a range, or solve for the value of an
input that makes an output reach a target (goal seek). Pure functions; exact Decimal arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from hostcost.core.amounts import hundredth, parse_cost, parse_count, parse_number
from hostcost.core.fx import Rate, Rates
from hostcost.core.money import Money, exactly
from hostcost.core.scenario import Inputs, check_inputs, exact_costs
from hostcost.errors import HostcostError, InputError

MAX_STEPS = 10_001
#: A solved share, markup or rate is given to 12 decimal places (a share: to 1e-10 of a percent).
SOLVED_QUANTUM = Decimal("1e-12")
#: What ``--vary`` and ``--for`` can name besides a cost category.
INPUTS = ("rate", "host-share", "troops", "markup")
OUTPUTS = ("host", "us", "total", "host-per-troop")


# -- setting one input -------------------------------------------------------------------------


def with_input(inputs: Inputs, rates: Rates, name: str, value) -> tuple[Inputs, Rates]:
    """``inputs`` and ``rates`` with the input ``name`` set to ``value``: a rate (yen per dollar),
    a host share or markup (fractions), a troop count, or a cost category's amount (Money)."""
    if name == "rate":
        return inputs, rates.replacing([Rate("JPY", value, Decimal(1), "varied")])
    if name == "host-share":
        return replace(inputs, host_share=value), rates
    if name == "markup":
        return replace(inputs, markup=value), rates
    if name == "troops":
        base = inputs.troops
        if base == 0:
            raise InputError("troops: the scenario has no troops to scale its costs from; give --troops")
        return replace(inputs, troops_change=value - base), rates
    names = [c.name for c in inputs.categories]
    if name not in names:
        raise InputError(
            f"{name!r} is not an input; expected rate, host-share, troops, markup or a cost "
            f"category ({', '.join(names)})"
        )
    categories = tuple(replace(c, cost=value) if c.name == name else c for c in inputs.categories)
    return replace(inputs, categories=categories), rates


# -- sweep -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vary:
    """An input and the values it takes, in order."""

    name: str
    values: tuple
    texts: tuple[str, str, str]  # START, STOP and STEP as written


def _input_name(name: str) -> str:
    """``name`` as one of :data:`INPUTS` whatever its case and separators (``host_share``,
    ``Host Share`` and ``host-share`` are one input, as batch's columns are), else as written: a
    cost category. ``host_share`` had been taken for a category of that name."""
    from hostcost.core.rows import normal

    key = normal(name).replace("_", "-")
    return key if key in INPUTS else name


def parse_vary(text: str, default_currency: str | None, check_rate: Callable[[Rate, str], Rate]) -> Vary:
    """``NAME=START:STOP:STEP``: the values from START to STOP by STEP; STOP is in when a step lands on it.

    START and STOP are read as the input itself is (a host share of 0.5 is refused as it is in
    --host-share; a rate upside down is refused as in --rate); STEP is a positive number in the
    same unit. ``check_rate`` refuses a rate that looks upside down (the data layer's, which
    knows the built-in rates)."""
    from hostcost.core.amounts import MARKUP, SHARE

    name, sep, spec = text.partition("=")
    parts = spec.split(":")
    if not sep or not name.strip() or len(parts) != 3:
        raise InputError(f"{text!r}: expected NAME=START:STOP:STEP, such as rate=100:160:10 or wages=¥100B:¥200B:¥25B")
    name = _input_name(name.strip())
    start, stop, step = (p.strip() for p in parts)

    def percent_step(t: str) -> Decimal:
        return hundredth(parse_number(t.removesuffix("%"), "expected a step in percent, such as 10"))

    def rate(t: str) -> Decimal:
        value = parse_number(t, "expected yen per dollar, such as 150")
        if value > 0:
            check_rate(Rate("JPY", value, Decimal(1), "varied"), t)
        return value

    bound, by = {
        "rate": (rate, lambda t: parse_number(t, "expected yen per dollar, such as 10")),
        "host-share": (SHARE.parse, percent_step),
        "markup": (MARKUP.parse, percent_step),
        "troops": (parse_count, parse_count),
    }.get(name, (lambda t: parse_cost(t, default_currency),) * 2)

    def read(t: str, what: str, parse):
        try:
            return parse(t)
        except HostcostError as e:
            raise type(e)(f"{what} of {name}: {e}") from None

    a, b, d = read(start, "START", bound), read(stop, "STOP", bound), read(step, "STEP", by)
    values = _steps(a, b, d, text)
    if name == "rate" and any(v <= 0 for v in values):
        raise InputError(f"{text!r}: rates must be more than zero")
    return Vary(name, tuple(values), (start, stop, step))


def refuse_given_and_varied(vary: Vary, host_shares, troops_change, markup, rates) -> None:
    """:class:`InputError` when an input is both given and varied: the varied value would
    silently replace the given one. (A cost category may be given and varied: what is given names
    the categories, and the varied one takes each value in turn.)"""
    clash = None
    if vary.name == "host-share" and host_shares:
        clash = "a host share (--host-share, or host_share in a file)"
    elif vary.name == "markup" and markup is not None:
        clash = "a markup (--markup, or markup in a file)"
    elif vary.name == "troops" and troops_change is not None:
        clash = "a troop change (--troops-change); --vary troops sets the troop count itself"
    elif vary.name == "rate" and any(r.currency == "JPY" for r in rates):
        clash = "a yen rate (--rate N, or rate in a file); --vary rate sets it (--rate KRW=N is fine)"
    if clash:
        raise InputError(f"--vary {vary.name}: the scenario also gives {clash}; give one or the other")


def step_name(inputs: Inputs, name: str, value) -> str:
    """The name of a sweep's scenario at one ``value`` of the input ``name``: the scenario's own
    name with the value it ran at (``host pays 50%``, ``host pays 100%, 120 yen per dollar``)."""
    from hostcost.core.amounts import percent_text, trim_zeros

    if name == "host-share":
        own = f"host pays {percent_text(inputs.host_share)}%"
        return inputs.name.removesuffix(own) + f"host pays {percent_text(value)}%"
    if name == "rate":
        what = f"{trim_zeros(value)} yen per dollar"
    elif name == "markup":
        what = f"cost plus {percent_text(value)}%"
    elif name == "troops":
        what = f"{value:,} troops"
    else:
        what = f"{name} {trim_zeros(value.amount)} {value.currency}"
    return f"{inputs.name}, {what}"


def _steps(start, stop, step, text: str) -> list:
    money = isinstance(start, Money)
    if money:
        currencies = {start.currency, stop.currency, step.currency}
        if len(currencies) > 1:
            listed = ", ".join(sorted(currencies))
            raise InputError(f"{text!r}: START, STOP and STEP are in {listed}; give one currency")
        cur, start, stop, step = start.currency, start.amount, stop.amount, step.amount
    if step <= 0:
        raise InputError(f"{text!r}: STEP must be more than zero")
    sign = 1 if stop >= start else -1
    count = int(abs(stop - start) // step) + 1
    if count > MAX_STEPS:
        raise InputError(f"{text!r} makes {count:,} steps; at most {MAX_STEPS:,}")
    values = [start + sign * k * step for k in range(count)]
    return [Money(v, cur) for v in values] if money else values


# -- solve -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unreachable:
    """No value of input ``name`` from ``low`` to ``high`` brings ``output`` to ``target``: the
    output is ``at_low`` at one end and ``at_high`` at the other (in the target's currency)."""

    name: str
    target: Money
    output: str
    low: Decimal
    high: Decimal
    at_low: Decimal
    at_high: Decimal


@dataclass(frozen=True)
class Solution:
    name: str
    value: Decimal | int  # as the scenario is run (a whole number of troops)
    exact: Decimal  # the value that meets the target exactly
    inputs: Inputs
    rates: Rates


@exactly
def output_of(inputs: Inputs, rates: Rates, output: str, currency: str) -> Decimal:
    """An output of the scenario, exact, in ``currency``: host, us, total or host-per-troop."""
    check_inputs(inputs)
    totals, hosts = exact_costs(inputs, rates.converter(), currency)
    total, host = sum(totals, Fraction(0)), sum(hosts, Fraction(0))
    if output == "host-per-troop":
        if not inputs.new_troops:
            raise InputError("host-per-troop: the scenario has no troops")
        value = host / Fraction(inputs.new_troops)
    else:
        value = {"host": host, "us": total - host, "total": total}[output]
    return Decimal(value.numerator) / value.denominator


_RANGES = {  # the valid range of each input, for solving
    "host-share": (Decimal(0), Decimal(1)),
    "markup": (Decimal(0), Decimal(100)),
    "rate": (Decimal("0.0001"), Decimal(10) ** 9),
    "troops": (Decimal(1), Decimal(10) ** 8),
}
_SAMPLES = {  # three values inside each range, to find and check an affine output
    "host-share": (Decimal("0.25"), Decimal("0.5"), Decimal("0.75")),
    "markup": (Decimal("0.25"), Decimal("0.5"), Decimal(1)),
    "rate": (Decimal(80), Decimal(120), Decimal(160)),
    "troops": (Decimal(1000), Decimal(20000), Decimal(50000)),
}


@exactly
def solve(inputs: Inputs, rates: Rates, name: str, target: Money, output: str) -> Solution | Unreachable:
    """The value of input ``name`` at which ``output`` equals ``target``, or :class:`Unreachable`
    when no value in the input's range reaches it.

    Outputs are affine in the share, the markup and the troop count, and in the rate or its
    inverse (host-per-troop: in 1/troops): three exact evaluations find the answer and check
    that the output is affine. Anything else is bisected over the input's range."""
    low, high = _RANGES[name]

    def f(x: Decimal) -> Decimal:
        ins, rts = with_input(inputs, rates, name, x)
        return output_of(ins, rts, output, target.currency) - target.amount

    samples = _SAMPLES[name]
    x = _affine_root(f, samples, lambda v: v)
    if x is None:
        x = _affine_root(f, samples, lambda v: 1 / v)
    if x is None:
        x = _bisect(f, low, high)
    if x is None or not low <= x <= high:
        return Unreachable(name, target, output, low, high, f(low) + target.amount, f(high) + target.amount)
    value = int(x.to_integral_value()) if name == "troops" else x.quantize(SOLVED_QUANTUM)
    ins, rts = with_input(inputs, rates, name, value)
    return Solution(name, value, x, ins, rts)


def _affine_root(f: Callable[[Decimal], Decimal], samples, u: Callable) -> Decimal | None:
    """The root of ``f`` if ``f`` is affine in ``u(x)``, where ``u`` is its own inverse (x or 1/x)."""
    (x0, x1, x2) = samples
    y0, y1, y2 = f(x0), f(x1), f(x2)
    u0, u1, u2 = u(x0), u(x1), u(x2)
    slope = (y1 - y0) / (u1 - u0)
    if slope == 0 or abs(y0 + slope * (u2 - u0) - y2) > (abs(y0) + abs(y2) + 1) * Decimal("1e-40"):
        return None
    root = u0 - y0 / slope
    return u(root) if root != 0 else None


def _bisect(f, low: Decimal, high: Decimal) -> Decimal | None:
    """A root of ``f`` between ``low`` and ``high``, where ``f`` changes sign; else None."""
    a, b = low, high
    fa, fb = f(a), f(b)
    if fa == 0 or fb == 0:
        return a if fa == 0 else b
    if (fa > 0) == (fb > 0):
        return None
    for _ in range(300):
        m = (a + b) / 2
        fm = f(m)
        if fm == 0 or b - a <= abs(m) * Decimal("1e-45"):
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    return (a + b) / 2


@exactly
def run_sweep(inputs: Inputs, rates: Rates, baseline, vary: Vary, sources=lambda currencies: (), restated=()) -> list:
    """The scenario at each value of ``vary``: a list of ``(value, Report)``, one scenario each,
    each named with the value it ran at."""
    from hostcost.core.scenario import check_work, run_report

    check_work([inputs], steps=len(vary.values))

    def at(v) -> tuple[Inputs, Rates]:
        ins, rts = with_input(inputs, rates, vary.name, v)
        return replace(ins, name=step_name(inputs, vary.name, v)), rts

    if vary.name == "rate":  # each step has rates of its own
        return [(v, run_report([ins], baseline, rts, sources, restated)) for v in vary.values for ins, rts in [at(v)]]
    report = run_report([at(v)[0] for v in vary.values], baseline, rates, sources, restated)
    return [(v, replace(report, scenarios=(s,))) for v, s in zip(vary.values, report.scenarios)]
