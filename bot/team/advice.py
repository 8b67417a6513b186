"""Advice on a team profile: the scan's matcher and consultation criteria, plus team signals.

Large disagreement (a component whose colleagues' scores lie `large_component_spread` or more
apart) is itself a reason for the integral approach: when the matcher did not already lead with
an integral pathway, the catalogue's starting-point pathway comes first with a team reason. It
is also a reason to propose a verkennend gesprek, with several colleagues present.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from bot.advice.catalogue import Catalogue
from bot.advice.consultation import OFFER, SELF_HELP, decide_consultation
from bot.advice.matcher import (
    DISPLAY_ORDER,
    KEEP_ORDER,
    MAX_MATCHES,
    PathwayMatch,
    rank_pathways,
)
from bot.assessment.profile import Profile
from bot.content.loader import Content
from bot.team.profile import TeamProfile
from bot.text import score

INTEGRAL_REASON = (
    "Bij {component} liggen de scores van collega's {spread} punt uit elkaar, dus bespreek eerst "
    "samen waar jullie staan voordat je losse stappen kiest."
)
CONSULT_REASON = (
    "Jullie team kijkt verschillend naar {components}, en een gesprek met meerdere collega's "
    "erbij helpt om samen één beeld en één richting te vinden."
)
MANY_COMPONENTS = "{count} van de 5 onderdelen"
TEAM_OFFER = (
    "Wil je hierover een verkennend gesprek met een adviseur van DEN, samen met een paar "
    "collega's uit verschillende rollen? Jullie sparren over de richting en de volgende stappen."
)
DISAGREEMENT_CRITERION = 2  # domain.md section 10: large differences call for an integral approach


@dataclass(frozen=True)
class TeamConsultation:
    propose: bool
    reasons: Tuple[str, ...]
    criteria: Tuple[int, ...]
    with_colleagues: bool  # propose the conversation with several colleagues present

    @property
    def message(self) -> str:
        if not self.propose:
            return SELF_HELP
        return TEAM_OFFER if self.with_colleagues else OFFER


@dataclass(frozen=True)
class TeamAdvice:
    matches: Tuple[PathwayMatch, ...]
    consultation: TeamConsultation


def team_org_profile(base: Profile, roles: Sequence[Optional[str]]) -> Profile:
    """The organisation's profile for matching: the team's, with mandate when the leiding took
    part (criterion 3 asks whether someone with a mandate is involved)."""
    fields = base.fields()
    fields["role"] = "directie_mt" if "directie_mt" in roles else None
    return Profile(**fields)


def team_advice(
    profile: TeamProfile,
    org: Profile,
    catalogue: Catalogue,
    content: Content,
) -> TeamAdvice:
    if profile.result is None:
        raise ValueError("the team profile is not visible yet; there is nothing to advise on")
    ranked = rank_pathways(profile.result, org, profile.statement_means, catalogue, content)
    if profile.large_disagreement and not any(m.role == "integral" for m in ranked):
        ranked = [_integral(profile, catalogue, content)] + [
            m for m in ranked if m.id != catalogue.fallback.pathway
        ]
        ranked.sort(key=lambda m: DISPLAY_ORDER.index(m.role))
    matches = [_after_team_scan(m, catalogue) for m in _cap(ranked)]
    base = decide_consultation(
        profile.result, org, profile.statement_means, matches, False, content
    )
    reasons = list(base.reasons)
    criteria = list(base.criteria)
    if profile.large_disagreement:
        names = [content.component_name(c) for c in profile.large_disagreement]
        if len(names) > 2:
            names = [MANY_COMPONENTS.format(count=len(names))]
        reasons.append(CONSULT_REASON.format(components=_join(names)))
        if DISAGREEMENT_CRITERION not in criteria:
            criteria.append(DISAGREEMENT_CRITERION)
    return TeamAdvice(
        matches=tuple(matches),
        consultation=TeamConsultation(
            propose=bool(reasons),
            reasons=tuple(reasons),
            criteria=tuple(sorted(set(criteria))),
            with_colleagues=bool(profile.large_disagreement),
        ),
    )


def _integral(profile: TeamProfile, catalogue: Catalogue, content: Content) -> PathwayMatch:
    widest = max(
        (profile.component(c) for c in profile.large_disagreement),
        key=lambda c: c.spread or 0.0,
    )
    reason = INTEGRAL_REASON.format(component=widest.name, spread=score(widest.spread or 0.0))
    return PathwayMatch(catalogue.get(catalogue.fallback.pathway), "integral", reason)


def _after_team_scan(match: PathwayMatch, catalogue: Catalogue) -> PathwayMatch:
    """The starting-point pathway's "do the scan with colleagues" step is what the team just
    did, so a team is not told to do it again."""
    if match.id != catalogue.fallback.pathway:
        return match
    steps = [step for step in match.pathway.steps if "scan" not in step.lower()]
    if not steps or len(steps) == len(match.pathway.steps):
        return match
    return PathwayMatch(match.pathway.copy(update={"steps": steps}), match.role, match.reason)


def _cap(ranked: List[PathwayMatch]) -> List[PathwayMatch]:
    """At most three, giving way in the matcher's order (quick win first, then weakest)."""
    keep = {m.id for m in sorted(ranked, key=lambda m: KEEP_ORDER.index(m.role))[:MAX_MATCHES]}
    return [m for m in ranked if m.id in keep]


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
