"""Batch rows that use inputs beyond what the whole-number engine takes (``troops_change``,
``share_CAT``, ``variable_CAT``, ``preset``, ``years``, ``prices`` …): each row is read into a
:class:`~hostcost.data.spec.Spec` exactly as ``scenario``'s options are (one grammar, one set of
checks), laid over the command's own inputs, and run as ``scenario`` runs it. A row of an
agreement over years gives a result row for each year, as ``scenario``'s TSV does."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hostcost.core.fx import FIXED_CURRENCIES
from hostcost.core.rows import Row, RowError, plan
from hostcost.errors import HostcostError


def _text(value) -> str:
    """A machine cell, as the whole-number engine writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class ScenarioRows:
    """Runs rows as ``scenario`` does (see the module). ``spec``: the command's inputs (--rate,
    --rate-at …), under each row's; ``columns``: the header, checked at once."""

    def __init__(self, spec, columns: Sequence[str]) -> None:
        from hostcost.data.builtin import load_presets
        from hostcost.data.spec import standard_labels

        self.spec = spec
        self._labels = standard_labels()
        roles = plan(columns)
        self._plans: dict[tuple, tuple] = {tuple(columns): roles}
        named = [r.key for r in roles if r.kind == "rate"]
        # a preset column may bring any preset's currency (korea-2021: KRW), so each has columns
        given = {r.key for r in roles if r.kind == "input"}
        presets = [p.currency for p in load_presets().values()] if "preset" in given else []
        explicit = [r.currency for r in spec.rates]
        self.currencies = tuple(dict.fromkeys((*FIXED_CURRENCIES, *explicit, *named, *presets)))
        prices = spec.prices is not None or "prices" in given
        self.restated = tuple(dict.fromkeys(("USD", *(c for c, _ in spec.index_files)))) if prices else ()
        from hostcost.views.scenario import scenario_columns

        self._columns = scenario_columns(self.currencies, self.restated)
        self.header = [name for name, _ in self._columns]

    def rows(self, row: Row) -> list[list[str]]:
        """The result rows for ``row``: one, or one a year under an agreement over years."""
        from hostcost.api import _one_scenario, _resolve
        from hostcost.data.spec import Given, build_spec
        from hostcost.views.scenario import scenario_lines

        columns = tuple(row.cells)
        roles = self._plans.get(columns)
        if roles is None:
            try:
                roles = self._plans[columns] = plan(columns)
            except HostcostError as e:
                raise row.error(str(e)) from None
        given = []
        for role, (column, text) in zip(roles, row.cells.items()):
            text = text.strip()
            if not text:
                continue
            where = f"column {column}"
            if role.kind == "rate":
                given.append(Given("rate", text if role.key == "JPY" else f"{role.key}={text}", where))
            elif role.kind == "cost":
                given.append(Given("cost", text, where, role.key, f"row {row.number}"))
            else:
                given.append(Given(role.key, text, where, role.category or None, f"row {row.number}"))
        try:
            mine = build_spec(given, self._labels)
            spec = _one_scenario(mine.over(self.spec))
            builtin, resolved = _resolve(spec)
            report = resolved.report(builtin)
        except RowError:
            raise
        except HostcostError as e:
            raise row.error(str(e)) from None
        name = mine.name or f"row {row.number}"
        out = []
        for line in scenario_lines(report):
            cells = []
            for _, get in self._columns:
                try:
                    cells.append(_text(get(line)))
                except (KeyError, AttributeError):  # a currency this row's figures are not in
                    cells.append("")
            cells[0] = name
            out.append(cells)
        return out
