"""The team profile: what a group of colleagues' answers say together (pure functions).

Per component: the mean of the respondents' own component scores, the spread between
respondents (highest minus lowest of those scores) and how many respondents have a score.
Per role group: the same means, but only for groups large enough to hide one person's answers.
Statements where views differ most are found between role groups (or, when fewer than two groups
can be shown, between single answers, without saying whose). Nothing is computed or returned
before the minimum number of respondents is reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from bot.assessment.scoring import (
    PRIORITY_ON_TIE,
    ComponentScore,
    ScanResult,
    level_for,
    score_answers,
)
from bot.content.loader import Content
from bot.content.schema import LevelDef, Statement
from bot.team.config import RoleGroup, TeamSettings

EPSILON = 1e-9


@dataclass(frozen=True)
class Respondent:
    role: Optional[str]  # a role option value, or None when the colleague skipped it
    answers: Mapping[str, Optional[int]]  # statement id -> 1-5, or None for "weet ik niet"


@dataclass(frozen=True)
class TeamComponent:
    component: str
    name: str
    mean: Optional[float]  # None when no respondent has a score for it
    spread: Optional[float]  # highest minus lowest respondent score; None below two scores
    count: int  # respondents with a score for this component
    level: Optional[LevelDef]


@dataclass(frozen=True)
class GroupLine:
    group: RoleGroup
    count: int  # respondents in this role group
    means: Dict[str, Optional[float]]  # per component; None when too few in the group scored


@dataclass(frozen=True)
class Disagreement:
    statement: Statement
    gap: float
    kind: str  # "groups": between role groups; "range": between single answers
    high_label: str = ""  # groups: the role group with the higher mean
    low_label: str = ""
    high: float = 0.0  # groups: group means; range: the highest and lowest answer
    low: float = 0.0


@dataclass(frozen=True)
class TeamProfile:
    respondents: int
    needed: int  # the minimum number of respondents before anything is shown
    components: Tuple[TeamComponent, ...] = ()
    groups: Tuple[GroupLine, ...] = ()
    ungrouped: int = 0  # respondents counted in the means but in no group shown on its own
    disagreements: Tuple[Disagreement, ...] = ()
    statement_means: Dict[str, Optional[float]] = field(default_factory=dict)
    result: Optional[ScanResult] = None  # the team as one scan, for the advice matcher
    large_disagreement: Tuple[str, ...] = ()  # components whose spread is large

    @property
    def visible(self) -> bool:
        return self.respondents >= self.needed

    @property
    def still_needed(self) -> int:
        return max(0, self.needed - self.respondents)

    def component(self, component_id: str) -> TeamComponent:
        return next(c for c in self.components if c.component == component_id)

    def scores(self) -> Dict[str, Optional[float]]:
        return {c.component: c.mean for c in self.components}


def build_team_profile(
    respondents: Sequence[Respondent], content: Content, settings: TeamSettings
) -> TeamProfile:
    """The team profile, or only the count when fewer than `min_respondents` answered."""
    needed = settings.min_respondents
    if len(respondents) < needed:
        return TeamProfile(respondents=len(respondents), needed=needed)
    scored = [score_answers(r.answers, content) for r in respondents]
    components = tuple(_component(c.id, c.name, scored, content) for c in content.model.components)
    groups, ungrouped = _groups(respondents, scored, content, settings)
    threshold = settings.disagreement.large_component_spread
    return TeamProfile(
        respondents=len(respondents),
        needed=needed,
        components=components,
        groups=groups,
        ungrouped=ungrouped,
        disagreements=tuple(find_disagreements(respondents, groups, content, settings)),
        statement_means=statement_means(respondents, content),
        result=team_result(components, content),
        large_disagreement=tuple(
            c.component
            for c in components
            if c.spread is not None and c.spread >= threshold - EPSILON
        ),
    )


def _component(
    component: str, name: str, scored: Sequence[ScanResult], content: Content
) -> TeamComponent:
    values = [r.component(component).mean for r in scored]
    numbers = [v for v in values if v is not None]
    team_mean = round(mean(numbers), 2) if numbers else None
    return TeamComponent(
        component=component,
        name=name,
        mean=team_mean,
        spread=round(max(numbers) - min(numbers), 2) if len(numbers) >= 2 else None,
        count=len(numbers),
        level=level_for(team_mean, content.model.levels) if team_mean is not None else None,
    )


def _groups(
    respondents: Sequence[Respondent],
    scored: Sequence[ScanResult],
    content: Content,
    settings: TeamSettings,
) -> Tuple[Tuple[GroupLine, ...], int]:
    minimum = settings.min_role_group_size
    lines = []
    grouped = 0
    for group in settings.role_groups:
        members = [s for r, s in zip(respondents, scored, strict=True) if r.role in group.roles]
        if len(members) < minimum:
            continue
        grouped += len(members)
        means: Dict[str, Optional[float]] = {}
        for component in content.model.components:
            numbers = [m.component(component.id).mean for m in members]
            numbers = [n for n in numbers if n is not None]
            means[component.id] = round(mean(numbers), 2) if len(numbers) >= minimum else None
        lines.append(GroupLine(group=group, count=len(members), means=means))
    return tuple(lines), len(respondents) - grouped


def statement_means(
    respondents: Sequence[Respondent], content: Content
) -> Dict[str, Optional[float]]:
    """Per statement: the mean of the 1-5 answers; None when all said "weet ik niet";
    absent when nobody answered it (skipped), just like a single scan's answers."""
    means: Dict[str, Optional[float]] = {}
    for statement in content.questions.statements:
        given = [r.answers[statement.id] for r in respondents if statement.id in r.answers]
        if not given:
            continue
        numbers = [v for v in given if v is not None]
        means[statement.id] = round(mean(numbers), 2) if numbers else None
    return means


def team_result(components: Sequence[TeamComponent], content: Content) -> ScanResult:
    """The team profile in the shape of one scan's result, so the advice matcher can read it."""
    levels = content.model.levels
    scores = tuple(
        ComponentScore(
            component=c.component,
            name=c.name,
            mean=c.mean,
            level=c.level,
            answered=c.count,
            unknown=0,
            total=c.count,
        )
        for c in components
    )
    scored = [c for c in scores if c.mean is not None]
    overall = round(mean(c.mean for c in scored), 2) if scored else None  # type: ignore[misc]
    return ScanResult(
        components=scores,
        overall_mean=overall,
        overall_level=level_for(overall, levels) if overall is not None else None,
        weakest=_extreme(scored, lowest=True),
        strongest=_extreme(scored, lowest=False),
        spread=round(max(c.mean for c in scored) - min(c.mean for c in scored), 2)  # type: ignore
        if len(scored) >= 2
        else None,
    )


def _extreme(scored: Sequence[ComponentScore], lowest: bool) -> Optional[str]:
    """Same rule as a single scan: model order on ties, Strategie & budget first when lowest."""
    if not scored:
        return None
    values = [c.mean for c in scored]
    target = min(values) if lowest else max(values)  # type: ignore[type-var]
    tied = [c.component for c in scored if abs(c.mean - target) < EPSILON]  # type: ignore
    if lowest and PRIORITY_ON_TIE in tied:
        return PRIORITY_ON_TIE
    return tied[0]


def find_disagreements(
    respondents: Sequence[Respondent],
    groups: Sequence[GroupLine],
    content: Content,
    settings: TeamSettings,
) -> List[Disagreement]:
    """The statements where views differ most, largest difference first (statement order on ties).

    With two or more role groups shown, a statement counts when two groups' means differ by at
    least `group_gap`; a group's mean on a statement needs `min_role_group_size` 1-5 answers, so
    it is never one person's answer. Otherwise a statement counts when the highest and lowest
    single answers differ by at least `respondent_range`.
    """
    rules = settings.disagreement
    found: List[Disagreement] = []
    for statement in content.questions.statements:
        if len(groups) >= 2:
            item = _between_groups(statement, respondents, groups, settings)
            if item and item.gap >= rules.group_gap - EPSILON:
                found.append(item)
        else:
            numbers = [
                r.answers[statement.id]
                for r in respondents
                if r.answers.get(statement.id) is not None
            ]
            if len(numbers) >= 2 and max(numbers) - min(numbers) >= rules.respondent_range:  # type: ignore
                found.append(
                    Disagreement(
                        statement=statement,
                        gap=float(max(numbers) - min(numbers)),  # type: ignore[operator]
                        kind="range",
                        high=float(max(numbers)),  # type: ignore[type-var]
                        low=float(min(numbers)),  # type: ignore[type-var]
                    )
                )
    order = {s.id: i for i, s in enumerate(content.questions.statements)}
    found.sort(key=lambda d: (-d.gap, order[d.statement.id]))
    return found[: rules.max_statements]


def _between_groups(
    statement: Statement,
    respondents: Sequence[Respondent],
    groups: Sequence[GroupLine],
    settings: TeamSettings,
) -> Optional[Disagreement]:
    means: List[Tuple[float, RoleGroup]] = []
    for line in groups:
        numbers = [
            r.answers[statement.id]
            for r in respondents
            if r.role in line.group.roles and r.answers.get(statement.id) is not None
        ]
        if len(numbers) >= settings.min_role_group_size:
            means.append((round(mean(numbers), 2), line.group))  # type: ignore[arg-type]
    if len(means) < 2:
        return None
    high = max(means, key=lambda m: m[0])  # first group in settings order on ties
    low = min(means, key=lambda m: m[0])
    return Disagreement(
        statement=statement,
        gap=round(high[0] - low[0], 2),
        kind="groups",
        high_label=high[1].label,
        low_label=low[1].label,
        high=high[0],
        low=low[0],
    )
