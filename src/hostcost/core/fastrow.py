"""The common batch row, quickly: a row of a CSV or TSV file whose costs are whole yen, shown in
dollars and yen, at the rate in force or one the row gives in yen per dollar.

:class:`FastRows` works such a row out with the rules and the caches of
:class:`~hostcost.core.batch.Batch` (the same :func:`~hostcost.core.money.split_shared` and
:func:`~hostcost.core.money.split_one`, the same cells read once), without the generality each
row pays for there: the cells are taken from the file's list by position, and the dollar and yen
figures are worked out side by side. Any row it does not cover (a cell it has not seen, a cost in
another currency or in fractions of a yen, a row too short) it declines, and ``Batch`` runs it
the general way, which also remembers that row's cells for the rows after it. A property test
holds the two equal, cell for cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from hostcost.core.money import half_even, split_one, split_shared
from hostcost.core.scenario import MAX_LABEL, RATIO_PLACES
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
        (fn, fd), _ = at.factors("JPY")
        name = values[self.name].strip() if self.name is not None else ""
        if len(name) > MAX_LABEL:  # the general way says what is wrong with it
            return None
        return [
            name or f"row {number}",
            str(troops),
            share_text,
            *_figures(yen, fn, fd, sn, sd, troops, at.baseline_units, b._ratio_num, b._ratio_den),
            at.rate_cells[1],
            markup_text,
            "",
            *at.about,
        ]


def _figures(
    yen: list[int], fn: int, fd: int, sn: int, sd: int, troops: int, baseline: list[int], rn: int, rd: int
) -> list[str]:
    """The dollar and yen figures of whole-yen costs, in the order of ``scenario``'s columns up
    to the ratio: a yen is ``fn / fd`` cents."""
    cents = [a * fn for a in yen]
    total, host = split_shared(cents, fd, sn, sd)
    whole = sum(yen)
    yen_host = half_even(whole * sn, sd)  # every cost a whole yen: the closed form of split_shared
    if not troops:
        usd = [total, host, total - host, host - baseline[0]]
        jpy = [whole, yen_host, whole - yen_host, yen_host - baseline[1]]
        per_troop = ["", "", "", "", "", ""]
    else:
        if sn == sd or sn == 0:
            pt = half_even(whole * fn, fd * troops)
            ph = pt if sn else 0
            jt = half_even(whole, troops)
            jh = jt if sn else 0
        else:
            pt, ph = split_one(whole * fn * sd, whole * fn * sn, fd * sd * troops)
            jt, jh = split_one(whole * sd, whole * sn, sd * troops)
        usd = [total, host, total - host, pt, ph, pt - ph, host - baseline[0]]
        jpy = [whole, yen_host, whole - yen_host, jt, jh, jt - jh, yen_host - baseline[1]]
        per_troop = []
    dollars = [f"{f // 100}.{f % 100:02d}" if f >= 0 else f"-{-f // 100}.{-f % 100:02d}" for f in usd]
    yen_cells = list(map(str, jpy))
    if per_troop:  # no troops: the per-troop figures do not apply
        dollars[3:3] = per_troop[:3]
        yen_cells[3:3] = per_troop[3:]
    ratio = str(half_even(whole * fn * sn * rn * 10**RATIO_PLACES, fd * sd * rd)).rjust(RATIO_PLACES + 1, "0")
    ratio = f"{ratio[:-RATIO_PLACES]}.{ratio[-RATIO_PLACES:]}".rstrip("0").rstrip(".")
    out = [ratio] * 15  # dollars and yen, side by side, then the ratio
    out[0:14:2] = dollars
    out[1:14:2] = yen_cells
    return out
