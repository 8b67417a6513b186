"""Dutch wording for advice: numbers with a decimal comma, benchmark phrases, filled why-texts."""

from __future__ import annotations

from typing import Dict, Optional

from bot.advice.catalogue import TriggerRule
from bot.advice.triggers import Facts
from bot.assessment.profile import Profile
from bot.assessment.scoring import level_for
from bot.content.loader import Content
from bot.text import benchmark_score

SECTOR_PHRASE = "; in de sector is dat gemiddeld {value} (DEN Dashboard, stand {year})"
SIZE_PHRASE = (
    "; bij organisaties van {size} fte is dat gemiddeld {value} (DEN Dashboard, stand {year})"
)


def format_number(value: float) -> str:
    """1.75 -> '1,75', 1.8 -> '1,8', 2.0 -> '2,0'.

    Keeps the second decimal when there is one, so a score of 1,75 (Startend) never reads as
    1,8, which is the threshold of Lerend.
    """
    return benchmark_score(value)


def benchmark_phrase(component: str, profile: Profile, content: Content) -> str:
    """The DEN Dashboard figure for a component, for this size class if there is one; else ''."""
    benchmark = content.model.benchmark
    by_size = benchmark.size_class_means.get(component, {})
    if profile.size_class in by_size:
        return SIZE_PHRASE.format(
            size=profile.size_class,
            value=format_number(by_size[profile.size_class]),
            year=benchmark.year,
        )
    if component in benchmark.component_means:
        return SECTOR_PHRASE.format(
            value=format_number(benchmark.component_means[component]), year=benchmark.year
        )
    return ""


def option_label(content: Content, question_id: str, value: Optional[str]) -> str:
    """The Dutch label of a profile answer, lower-cased to sit inside a sentence."""
    for question in content.questions.profile:
        if question.id == question_id:
            for option in question.options:
                if option.value == value:
                    return option.label[:1].lower() + option.label[1:]
    return value or ""


def component_values(component: str, score: float, content: Content) -> Dict[str, str]:
    return {
        "component": content.component_name(component),
        "score": format_number(score),
        "level": level_for(score, content.model.levels).name,
    }


def render_reason(rule: TriggerRule, facts: Facts, content: Content) -> str:
    """Fill a rule's why-template from the facts that made the rule hold."""
    values: Dict[str, str] = {}
    overall = facts.overall_level()
    if facts.overall is not None and overall is not None:
        values.update(overall=format_number(facts.overall), overall_level=overall.name)
    if rule.component is not None:
        values.update(component_values(rule.component, facts.scores[rule.component], content))
        values["benchmark"] = benchmark_phrase(rule.component, facts.profile, content)
    if facts.spread is not None:
        values["spread"] = format_number(facts.spread)
    numeric = [a for a in rule.answers if a.numeric]
    if numeric:
        values["answer"] = str(facts.answers[numeric[0].statement])
    values["unscored"] = str(facts.unscored)
    values["moment"] = option_label(content, "strategic_moment", facts.profile.strategic_moment)
    return rule.why.format(**values)
