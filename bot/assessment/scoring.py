"""Pure scoring functions: answers in, per-component means, levels, weakest and spread out.

An answer is an int 1-5, or None for "weet ik niet". A skipped statement is simply absent.
Neither counts as zero: they are left out of the mean, and a component with too few real
answers gets no score at all (reported as insufficient).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean
from typing import Mapping, Optional, Sequence, Tuple

from bot.content.loader import Content
from bot.content.schema import LevelDef

PRIORITY_ON_TIE = "strategie_budget"  # the sector-wide bottleneck wins ties (domain.md 8.3b)


@dataclass(frozen=True)
class ComponentScore:
    component: str
    name: str
    mean: Optional[float]  # None when fewer than the minimum number of answers
    level: Optional[LevelDef]
    answered: int  # statements with a 1-5 answer
    unknown: int  # "weet ik niet"
    total: int  # statements in this component

    @property
    def sufficient(self) -> bool:
        return self.mean is not None


@dataclass(frozen=True)
class ScanResult:
    components: Tuple[ComponentScore, ...]
    overall_mean: Optional[float]
    overall_level: Optional[LevelDef]
    weakest: Optional[str]
    strongest: Optional[str]
    spread: Optional[float]

    def component(self, component_id: str) -> ComponentScore:
        return next(c for c in self.components if c.component == component_id)

    @property
    def scored(self) -> Tuple[ComponentScore, ...]:
        return tuple(c for c in self.components if c.sufficient)

    @property
    def insufficient(self) -> Tuple[ComponentScore, ...]:
        return tuple(c for c in self.components if not c.sufficient)


def level_for(score: float, levels: Sequence[LevelDef]) -> LevelDef:
    """The highest level whose threshold the score reaches (scores are on 1-5)."""
    if not 1.0 <= score <= 5.0:
        raise ValueError(f"score {score} is outside 1-5")
    chosen = levels[0]
    for level in levels:
        if score + 1e-9 >= level.min_score:
            chosen = level
    return chosen


def score_answers(answers: Mapping[str, Optional[int]], content: Content) -> ScanResult:
    """Score a (possibly partial) set of answers keyed by statement id."""
    model = content.model
    components = []
    for component in model.components:
        statements = [s for s in content.questions.statements if s.component == component.id]
        values = [answers[s.id] for s in statements if s.id in answers]
        numeric = [v for v in values if v is not None]
        for value in numeric:
            if not 1 <= value <= 5:
                raise ValueError(f"answer {value} is outside 1-5")
        component_mean = (
            round(mean(numeric), 2) if len(numeric) >= model.min_answers_per_component else None
        )
        components.append(
            ComponentScore(
                component=component.id,
                name=component.name,
                mean=component_mean,
                level=level_for(component_mean, model.levels)
                if component_mean is not None
                else None,
                answered=len(numeric),
                unknown=sum(1 for v in values if v is None),
                total=len(statements),
            )
        )
    scored = [c for c in components if c.mean is not None]
    overall = round(mean(c.mean for c in scored), 2) if scored else None  # type: ignore[misc]
    return ScanResult(
        components=tuple(components),
        overall_mean=overall,
        overall_level=level_for(overall, model.levels) if overall is not None else None,
        weakest=_extreme(scored, lowest=True),
        strongest=_extreme(scored, lowest=False),
        spread=round(max(c.mean for c in scored) - min(c.mean for c in scored), 2)  # type: ignore
        if len(scored) >= 2
        else None,
    )


def _extreme(scored: Sequence[ComponentScore], lowest: bool) -> Optional[str]:
    if not scored:
        return None
    target = min(c.mean for c in scored) if lowest else max(c.mean for c in scored)  # type: ignore
    tied = [c.component for c in scored if abs(c.mean - target) < 1e-9]  # type: ignore[operator]
    if lowest and PRIORITY_ON_TIE in tied:
        return PRIORITY_ON_TIE
    return tied[0]
