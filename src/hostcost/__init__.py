"""hostcost: what hosting foreign troops costs, and who pays it.

The Python API runs the command line's jobs and returns their results (docs/python-api.md)::

    import hostcost
    r = hostcost.scenario(preset="sma-2022", host_shares=[100, 75], rate_at="FY2024")
    r.to_records()        # the rows of -f tsv, as dicts with Decimal figures
    hostcost.convert("¥200B", to="USD", rate_year=2020).amount    # Decimal('1873090618.25')
    hostcost.check("¥200B = $1.9B", rate_year=2020)[0].holds        # True

Keywords are the keys of a scenario file. Errors are :class:`HostcostError`; each carries the
``exit_status`` the command line would end with. Nothing is loaded until it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "AmountError",
    "Checks",
    "Comparison",
    "Conversion",
    "CurrencyError",
    "DataError",
    "ExitStatus",
    "HostcostError",
    "InputError",
    "MissingExtra",
    "NoSolution",
    "RateError",
    "Report",
    "Result",
    "Rows",
    "Solved",
    "Sweep",
    "__version__",
    "baseline",
    "batch",
    "check",
    "compare",
    "convert",
    "presets",
    "rates",
    "scenario",
    "solve",
    "sources",
    "sweep",
]

#: Where each public name lives; imported on first use, so ``import hostcost`` (and the command
#: line's --help and --version) stay fast.
_HOMES = {
    **dict.fromkeys(
        (
            "baseline",
            "batch",
            "check",
            "compare",
            "convert",
            "presets",
            "rates",
            "scenario",
            "solve",
            "sources",
            "sweep",
        ),
        "hostcost.api",
    ),
    **dict.fromkeys(
        ("Checks", "Comparison", "Conversion", "Report", "Result", "Rows", "Solved", "Sweep"), "hostcost.results"
    ),
    **dict.fromkeys(
        (
            "AmountError",
            "CurrencyError",
            "DataError",
            "ExitStatus",
            "HostcostError",
            "InputError",
            "MissingExtra",
            "NoSolution",
            "RateError",
        ),
        "hostcost.errors",
    ),
}

if TYPE_CHECKING:
    from hostcost.api import (
        baseline,
        batch,
        check,
        compare,
        convert,
        presets,
        rates,
        scenario,
        solve,
        sources,
        sweep,
    )
    from hostcost.errors import (
        AmountError,
        CurrencyError,
        DataError,
        ExitStatus,
        HostcostError,
        InputError,
        MissingExtra,
        NoSolution,
        RateError,
    )
    from hostcost.results import Checks, Comparison, Conversion, Report, Result, Rows, Solved, Sweep


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'hostcost' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
