"""Progress over time: change per component since the previous scan, and when to repeat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import List, Mapping, Optional, Tuple

from dateutil.relativedelta import relativedelta

from bot.content.loader import Content
from bot.scheduling.dates import MONTH_NAMES
from bot.text import score

EPSILON = 1e-9


@dataclass(frozen=True)
class ComponentChange:
    component: str
    name: str
    before: float
    now: float

    @property
    def delta(self) -> float:
        return round(self.now - self.before, 2)

    def direction(self, unchanged_below: float) -> str:
        """ "hoger", "lager" or "gelijk" (a change smaller than `unchanged_below`)."""
        if abs(self.delta) < unchanged_below - EPSILON:
            return "gelijk"
        return "hoger" if self.delta > 0 else "lager"


def compare_scores(
    before: Optional[Mapping[str, Optional[float]]],
    now: Mapping[str, Optional[float]],
    content: Content,
) -> List[ComponentChange]:
    """Components scored both times, in model order; a component without a score is left out."""
    if not before:
        return []
    changes = []
    for component in content.model.components:
        old, new = before.get(component.id), now.get(component.id)
        if old is None or new is None:
            continue
        changes.append(ComponentChange(component.id, component.name, float(old), float(new)))
    return changes


def change_text(change: ComponentChange, unchanged_below: float) -> str:
    """ "Strategie & budget: van 2,0 naar 2,8 (0,8 hoger)"."""
    direction = change.direction(unchanged_below)
    head = f"{change.name}: van {score(change.before)} naar {score(change.now)}"
    if direction == "gelijk":
        return f"{head} (ongeveer gelijk)"
    return f"{head} ({score(abs(change.delta))} {direction})"


def repeat_window(done: date, months: Tuple[int, int]) -> Tuple[date, date]:
    return done + relativedelta(months=months[0]), done + relativedelta(months=months[1])


def repeat_suggestion(done: date, months: Tuple[int, int], team: bool = False) -> str:
    """One Dutch sentence: repeat the scan in 6 to 12 months, with the months named."""
    start, end = repeat_window(done, months)
    what = "de teamscan" if team else "de scan"
    return (
        f"Doe {what} over {months[0]} tot {months[1]} maanden opnieuw, dus tussen "
        f"{MONTH_NAMES[start.month - 1]} {start.year} en {MONTH_NAMES[end.month - 1]} {end.year}. "
        "Dan zie je wat er veranderd is."
    )
