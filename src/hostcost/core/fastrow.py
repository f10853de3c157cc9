"""The common batch row, quickly: a row of a CSV or TSV file whose costs are whole yen, shown in
dollars and yen, at the rate in force or one the row gives in yen per dollar.

:class:`FastRows` works such a row out with the figures and the caches of
:class:`~hostcost.core.batch.Batch` (its own ``_figures``, the same cells read once), without the
generality each row pays for there: the cells are taken from the file's list by position, and
the costs, all whole yen, take one factor to cents and none to yen. Any row it does not cover
(a cell it has not seen, a cost in another currency or in fractions of a yen, a row too short)
it declines, and ``Batch`` runs it the general way, which also remembers that row's cells for
the rows after it. A property test holds the two equal, cell for cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hostcost.core.scenario import MAX_LABEL
from hostcost.errors import HostcostError

if TYPE_CHECKING:
    from hostcost.core.batch import Batch

#: The inputs a fast row may have columns for (each at most once); any other column makes the
#: file's rows run the general way.
COVERED = frozenset({"name", "troops", "host_share", "markup"})


class FastRows:
    """Rows with the columns ``header``, run for ``batch`` when they can be (:meth:`run`)."""

    def __init__(self, batch: Batch, header: Sequence[str]) -> None:
        self.batch = batch
        self.header = header
        where = batch._plan(tuple(header), "line 1")
        self.serial = where.serial
        index = {column: i for i, column in enumerate(header)}
        self.covered = (
            batch.currencies == ("USD", "JPY")
            and set(where.inputs) <= COVERED
            and all(code == "JPY" for code, _ in where.rates)
            and len(where.rates) <= 1
        )
        self.width = len(header)
        position = {name: index[column] for name, column in where.inputs.items()}
        self.name = position.get("name")
        self.troops = position.get("troops")
        self.share = position.get("host_share")
        self.markup = position.get("markup")
        self.rate_column = where.rates[0][1] if where.rates else ""
        self.rate = index[self.rate_column] if where.rates else None
        self.costs = [index[c] for c in where.costs]

    def run(self, number: int, values: list[str]) -> list[str] | None:
        """The result row for the cells ``values``, as :meth:`Batch.run
        <hostcost.core.batch.Batch.run>` gives it, or None when this row is not one to run here."""
        if len(values) != self.width:
            return None
        b = self.batch
        if self.rate is not None:
            key = (self.serial, "", values[self.rate].strip())
            at = b._sets.get(key)
            if at is None:
                try:
                    at = b.given_set(key, "JPY", self.rate_column)
                except HostcostError:  # the general way names the row and the column
                    return None
        else:
            at = b._base
            if at is None:
                return None
        troops = b.troops
        if self.troops is not None:
            text = values[self.troops].strip()
            if text:
                if not (text.isdigit() and text.isascii() and len(text) < 19):
                    return None
                troops = int(text)
        sn = sd = 1
        share_text = "1"
        if self.share is not None:
            text = values[self.share].strip()
            if text:
                found = b._shares.get(text)
                if found is None:
                    return None
                sn, sd, share_text = found
        markup_text = "0"
        if self.markup is not None:
            text = values[self.markup].strip()
            if text:
                found = b._markups.get(text)
                if found is None:
                    return None
                mn, md, markup_text = found
                if mn:
                    sn, sd = sn * (md + mn), sd * md
        yen = []
        costs = b._costs
        for i in self.costs:
            text = values[i].strip()
            if text:
                cost = costs.get(text)
                if cost is None or cost[0] != "JPY" or cost[2] != 1:
                    return None
                yen.append(cost[1])
        if not yen:
            if not all(c[0] == "JPY" and c[2] == 1 for c in b.defaults):
                return None
            yen = [c[1] for c in b.defaults]
        name = values[self.name].strip() if self.name is not None else ""
        if len(name) > MAX_LABEL:  # the general way says what is wrong with it
            return None
        (fn, fd), _ = at.factors("JPY")
        exact = [([a * fn for a in yen], fd), (yen, 1)]  # in cents, and in whole yen
        return [name or f"row {number}", str(troops), share_text, *b._figures(exact, sn, sd, troops, at, markup_text)]
