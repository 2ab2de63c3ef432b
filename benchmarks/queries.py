"""The fixed query mix every engine answers, in the same order, on the same corpus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class BenchQuery:
    name: str
    text: str
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    facets: bool = False

    def params(self) -> dict[str, str]:
        """The search page's GET parameters for this query."""
        params = {"q": self.text}
        if self.outlet:
            params["outlet"] = self.outlet
        if self.date_from:
            params["date_from"] = self.date_from.isoformat()
        if self.date_to:
            params["date_to"] = self.date_to.isoformat()
        return params


QUERY_MIX: tuple[BenchQuery, ...] = (
    BenchQuery("rare term", "électrique"),
    BenchQuery("frequent term", "services"),
    BenchQuery("two-term AND", "transition numérique"),
    BenchQuery("quoted phrase with stop words", '"des data centers accessibles à tous"'),
    BenchQuery(
        "filtered by outlet and date",
        "entreprises",
        outlet="le-monde",
        date_from=date(2010, 1, 1),
        date_to=date(2019, 12, 31),
    ),
    BenchQuery("faceted", "startups", facets=True),
)
