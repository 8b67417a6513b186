"""Evaluate one trigger rule against the facts of a scan (or of a quick topic question)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

from bot.advice.catalogue import AnswerCondition, ProfileCondition, TriggerRule
from bot.assessment.profile import Profile
from bot.assessment.scoring import ScanResult, level_for
from bot.content.schema import LevelDef

EPSILON = 1e-9  # scores are rounded to 2 decimals; compare boundaries inclusively


@dataclass(frozen=True)
class Facts:
    """What the rules may look at. Only components with a score appear in `scores`."""

    scores: Mapping[str, float]
    levels: Sequence[LevelDef]
    profile: Profile = field(default_factory=Profile)
    answers: Mapping[str, Optional[int]] = field(default_factory=dict)
    overall: Optional[float] = None
    spread: Optional[float] = None
    unscored: int = 0

    @classmethod
    def from_scan(
        cls,
        result: ScanResult,
        profile: Profile,
        answers: Mapping[str, Optional[int]],
        levels: Sequence[LevelDef],
    ) -> Facts:
        return cls(
            scores={c.component: c.mean for c in result.scored if c.mean is not None},
            levels=levels,
            profile=profile,
            answers=answers,
            overall=result.overall_mean,
            spread=result.spread,
            unscored=len(result.insufficient),
        )

    def level(self, component: str) -> LevelDef:
        return level_for(self.scores[component], self.levels)

    def overall_level(self) -> Optional[LevelDef]:
        return level_for(self.overall, self.levels) if self.overall is not None else None


def profile_flag(profile: Profile, flag: str) -> bool:
    """The profile flags a rule can name (catalogue.PROFILE_FLAGS)."""
    flags = {
        "heritage": profile.is_heritage,
        "performing_arts": profile.is_performing_arts,
        "small": profile.is_small,
        "no_structural_funding": profile.funding == "geen_structureel",
    }
    return flags[flag]


def answer_holds(condition: AnswerCondition, answers: Mapping[str, Optional[int]]) -> bool:
    """A skipped statement (absent) never holds; "weet ik niet" (None) only for unknown: true."""
    if condition.statement not in answers:
        return False
    value = answers[condition.statement]
    if condition.unknown:
        return value is None
    if value is None:
        return False
    if condition.at_least is not None and value < condition.at_least:
        return False
    return condition.at_most is None or value <= condition.at_most


def profile_holds(condition: ProfileCondition, profile: Profile) -> bool:
    if condition.flags_any and not any(profile_flag(profile, f) for f in condition.flags_any):
        return False
    if condition.moment_in and profile.strategic_moment not in condition.moment_in:
        return False
    return not condition.timing_in or profile.strategic_timing in condition.timing_in


def _component_holds(rule: TriggerRule, facts: Facts) -> bool:
    if rule.component is None:
        return True
    if rule.component not in facts.scores:  # too few answers: never triggers
        return False
    score = facts.scores[rule.component]
    number = facts.level(rule.component).number
    if rule.min_level is not None and number < rule.min_level:
        return False
    if rule.max_level is not None and number > rule.max_level:
        return False
    if rule.min_score is not None and score < rule.min_score - EPSILON:
        return False
    return rule.max_score is None or score <= rule.max_score + EPSILON


def _scan_holds(rule: TriggerRule, facts: Facts) -> bool:
    if rule.overall_max_level is not None:
        overall = facts.overall_level()
        if overall is None or overall.number > rule.overall_max_level:
            return False
    if rule.min_spread is not None and (
        facts.spread is None or facts.spread < rule.min_spread - EPSILON
    ):
        return False
    return rule.min_unscored is None or facts.unscored >= rule.min_unscored


def rule_holds(rule: TriggerRule, facts: Facts) -> bool:
    """True when every condition of the rule holds for these facts."""
    return (
        _component_holds(rule, facts)
        and _scan_holds(rule, facts)
        and all(answer_holds(a, facts.answers) for a in rule.answers)
        and (rule.profile is None or profile_holds(rule.profile, facts.profile))
    )
