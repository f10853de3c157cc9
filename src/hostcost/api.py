"""The functions the command line and a notebook both call: one call a job, its result ready for
a view. Nothing here prints, exits or knows of a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Checked:
    """Claims checked: each result; the messages of the claims that could not be read (with
    --keep-going); the rates in force, the currencies shown, what --prices restated by, and the
    sources of the figures used."""

    results: tuple
    errors: tuple[str, ...]
    rates: object
    shown: tuple[str, ...]
    notes: tuple
    sources: tuple[tuple[str, str], ...]
    tolerance: Decimal | None


def check(lines: Sequence, spec, tolerance: Decimal | None = None, keep_going: bool = False) -> Checked:
    """Read and check each claim of ``lines`` (:class:`~hostcost.core.claims.ClaimLine`), at the rates
    ``spec`` says are in force (or a claim's own ``@PERIOD``), naming built-in figures; with
    --prices, restating dollars too."""
    from hostcost.core.claims import check_claims, claim_currencies, claim_sources, parse_claims
    from hostcost.core.periods import parse_period
    from hostcost.data.builtin import load_builtin, named_figures, rates_in_force
    from hostcost.data.series import RateBook, load_files
    from hostcost.data.spec import rates_given
    from hostcost.errors import InputError

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
        from hostcost.data.spec import restatement

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

    results = tuple(check_claims(parsed, rates, shown, tolerance, factor, rates_at, period_rates))
    named = tuple(dict.fromkeys(x for _, claim in parsed for x in claim_sources(claim)))
    sources = (*builtin.sources_for(rates, currencies=shown), *((f"figure: {n}", s) for n, s in named))
    return Checked(results, tuple(errors), rates, shown, notes, tuple(sources), tolerance)
