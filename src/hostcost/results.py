"""What the Python API returns: a command's result, with the figures it was worked out from and
every way the command line can show it.

Each result wraps the command's :class:`~hostcost.views.View`, so ``to_records()`` holds the
rows of ``-f tsv`` (with exact Decimal values), ``to_json()`` the text of ``-f json``, and
``to_text(fmt)`` any other format; in Jupyter a result shows itself as HTML tables.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from hostcost.errors import MissingExtra
from hostcost.views import View


class Result:
    """A command's result, ready for Python."""

    kind = "result"

    def __init__(self, view: View) -> None:
        self.view = view

    def to_records(self) -> list[dict[str, Any]]:
        """The machine rows (those of ``-f tsv``) as dicts keyed by the same column names, with
        Decimal figures, ints for counts, text as str and None for a figure that does not apply."""
        header = list(self.view.header())
        return [dict(zip(header, row)) for row in self.view.rows()]

    def to_pandas(self):
        """The machine rows as a pandas DataFrame, one column each, figures as exact Decimals.
        pandas is imported only here; without it, :class:`~hostcost.errors.MissingExtra`."""
        try:
            import pandas as pd
        except ImportError:
            raise MissingExtra("to_pandas() needs pandas, which is not installed; pip install pandas") from None
        return pd.DataFrame.from_records(self.to_records(), columns=list(self.view.header()))

    def to_json(self) -> str:
        """The same text as ``-f json``."""
        return self.to_text("json")

    def to_text(self, fmt: str = "txt", lang: str = "en", figures: str = "short") -> str:
        """The result in any text format of the command line: txt (the table as a terminal
        shows it, without colour), tsv, csv, json, jsonl, markdown, svg or html; tables in
        ``lang`` (en or ja), with ``figures`` short or full (tsv, csv and json are always exact)."""
        from hostcost.env import Env
        from hostcost.render import FORMATS, emit
        from hostcost.views import FIGURES, Style
        from hostcost.views.i18n import LANGUAGES

        if fmt not in FORMATS or fmt == "table":
            raise ValueError(f"fmt {fmt!r}: expected one of {', '.join(f for f in FORMATS if f != 'table')}")
        if lang not in LANGUAGES:
            raise ValueError(f"lang {lang!r}: expected one of {', '.join(LANGUAGES)}")
        if figures not in FIGURES:
            raise ValueError(f"figures {figures!r}: expected one of {', '.join(FIGURES)}")
        out = io.StringIO()
        emit(self.view, fmt, Env(None, out, io.StringIO(), {}), Style(lang, figures))
        return out.getvalue()

    def to_xlsx(self, file, lang: str = "en") -> None:
        """The result as a spreadsheet, written to ``file`` (a path or a binary file): a sheet
        for each table, one of the machine rows, and the notes; money as numbers in its
        currency's format."""
        from hostcost.render.xlsx import write_view
        from hostcost.views import Style

        if isinstance(file, (str, os.PathLike)):
            with open(file, "wb") as f:
                write_view(self.view, f, Style(lang))
        else:
            write_view(self.view, file, Style(lang))

    def _repr_html_(self) -> str:
        from hostcost.render.document import html_tables
        from hostcost.render.text import safe

        return html_tables([safe(t) for t in self.view.display()])

    def __str__(self) -> str:
        return self.to_text("txt")

    def __repr__(self) -> str:
        rows = sum(1 for _ in self.view.rows())
        return f"<hostcost {self.kind}: {rows} row{'s' if rows != 1 else ''}>"


class Report(Result):
    """Scenarios set against the baseline (``hostcost scenario``).

    ``report``: the figures (:class:`hostcost.core.scenario.Report`): ``scenarios``, ``rates``,
    ``baseline_amounts`` …; ``spec``: the inputs as run, every default filled in; ``title``,
    what the costs are ("Japan's FY2020 host-nation-support budget")."""

    kind = "scenario"

    def __init__(self, view: View, report, spec, preset=None, title: str = "") -> None:
        super().__init__(view)
        self.report, self.spec, self.preset, self.title = report, spec, preset, title

    @property
    def scenarios(self) -> tuple:
        return self.report.scenarios

    @property
    def rates(self):
        return self.report.rates

    def to_toml(self) -> str:
        """A scenario file that reproduces this result exactly (``--save``)."""
        from hostcost.data.spec import dump_spec

        return dump_spec(self.spec)


class Conversion(Result):
    """An amount converted (``hostcost convert``): ``source`` and ``target`` as Money, ``amount``
    and ``currency`` the target's, ``rates`` those in force; ``real`` the target restated with
    ``prices``, or None."""

    kind = "conversion"

    def __init__(self, view: View, source, target, rates, real=None) -> None:
        super().__init__(view)
        self.source, self.target, self.rates, self.real = source, target, rates, real

    @property
    def amount(self) -> Decimal:
        return self.target.amount

    @property
    def currency(self) -> str:
        return self.target.currency


class Checks(Result, Sequence):
    """Claims checked (``hostcost check``): a sequence of
    :class:`~hostcost.core.claims.ClaimResult` (``.verdict``, ``.holds``, ``.should_read`` …), with
    ``errors``, the claims that could not be read (with ``keep_going``)."""

    kind = "check"

    def __init__(self, view: View, checked) -> None:
        super().__init__(view)
        self.checked = checked
        self.results: tuple = checked.results
        self.errors: tuple[str, ...] = checked.errors

    def __getitem__(self, index):  # type: ignore[override]
        return self.results[index]

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator:
        return iter(self.results)

    @property
    def holds(self) -> bool:
        """Whether every claim holds."""
        return all(r.holds for r in self.results)


class Sweep(Result):
    """One scenario at each value of an input (``hostcost sweep``): ``steps`` is a list of
    ``(value, report)``; ``title``, what the costs are."""

    kind = "sweep"

    def __init__(self, view: View, vary, steps, title: str = "") -> None:
        super().__init__(view)
        self.vary, self.steps, self.title = vary, steps, title


class Solved(Result):
    """The value of an input that makes an output reach a target (``hostcost solve``): ``value``
    as run, ``exact`` the value that meets the target exactly, ``report`` the scenario at it."""

    kind = "solve"

    def __init__(self, view: View, solution, report) -> None:
        super().__init__(view)
        self.solution, self.report = solution, report

    @property
    def value(self):
        return self.solution.value

    @property
    def exact(self) -> Decimal:
        return self.solution.exact


class Comparison(Result):
    """Scenarios side by side (``hostcost compare``): ``named`` is a list of ``(name, report)``,
    ``titles`` what each one's costs are."""

    kind = "comparison"

    def __init__(self, view: View, named, titles: Sequence[str] = ()) -> None:
        super().__init__(view)
        self.named, self.titles = named, tuple(titles)


class Rows(Result):
    """Rows, each run as a scenario (``hostcost batch``), or a listing (``rates``, ``presets``,
    ``sources``, ``baseline``)."""

    kind = "rows"
