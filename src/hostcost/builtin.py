"""The built-in data (``data/baseline.toml``): baseline, default rate and cost categories, with sources."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from importlib.resources import files

from hostcost.amounts import parse_cost
from hostcost.fx import Rate, Rates
from hostcost.scenario import Baseline, Category


@dataclass(frozen=True, slots=True)
class Builtin:
    baseline: Baseline
    rate: Rate
    categories: tuple[Category, ...]
    categories_label: str
    categories_source: str

    def sources_for(self, rates: Rates, builtin_costs: bool = True) -> tuple[tuple[str, str], ...]:
        """``(figure, source)`` for the baseline, each rate in ``rates``, and the built-in costs if used."""
        return (
            ("baseline", self.baseline.source),
            *rates.sources(),
            *((f"cost: {c.name}", self.categories_source) for c in self.categories if builtin_costs),
        )


def load_builtin() -> Builtin:
    """Read the package's built-in data."""
    with files("hostcost").joinpath("data", "baseline.toml").open("rb") as f:
        data = tomllib.load(f)
    b, r, c = data["baseline"], data["rate"], data["categories"]
    baseline = Baseline(
        (parse_cost(b["host_payment_usd"]), parse_cost(b["host_payment_jpy"])),
        int(b["troops"]),
        b["label"],
        b["source"],
    )
    rate = Rate(r["currency"], Decimal(r["units"]), Decimal(r["usd"]), r["label"], r["source"])
    categories = tuple(Category(i["name"], parse_cost(i["cost"]), i["label"]) for i in c["items"])
    return Builtin(baseline, rate, categories, c["label"], c["source"])
