"""Decide whether to propose a verkennend gesprek with a DEN-adviseur (domain.md section 10).

Only the criteria that the scan data can show are computed here:
  1  Strategie & budget <= 2,0 (the reason names the 51-100 fte figure for that size class)
  2  spread (highest minus lowest component) >= 1,5
  3  overall level Startend and the respondent is directie/MT
  4  a strategic moment within 6 months
  6  three or more pathways and nobody owns digital (sb_eigenaar <= 2; "weet ik niet" does not
     count as "no owner")
  9  the user asked for it
Criteria 5, 7 and 8 (conflicting interests, compliance doubts, partnerships) need the
conversation itself and are left to the dialogue. When no criterion holds, self-help comes first
and the conversation stays available on request. The offer is an exploratory conversation to
spar about direction, never a free consultancy track or a helpdesk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Mapping, Optional, Sequence, Tuple

from bot.advice.matcher import PathwayMatch
from bot.advice.wording import benchmark_phrase, format_number, option_label
from bot.assessment.profile import Profile
from bot.assessment.scoring import ScanResult
from bot.content.loader import Content, get_content

STRATEGY_COMPONENT = "strategie_budget"
STRATEGY_MAX = 2.0
SPREAD_MIN = 1.5
PATHWAYS_MIN = 3
OWNER_MAX = 2
EPSILON = 1e-9

REASON_STRATEGY = "{component} is bij jullie laag ({score}){benchmark}."
REASON_SPREAD = (
    "Jullie sterkste en zwakste onderdeel liggen {spread} punt uit elkaar, "
    "en dat vraagt om een aanpak voor de hele organisatie."
)
REASON_START_WITH_MANDATE = (
    "Jullie staan digitaal nog aan het begin, en als directie of MT kun je het startschot geven."
)
REASON_MOMENT = (
    "Binnen een half jaar komt er een {moment} aan, en dat is een goed moment om digitaal mee te "
    "nemen."
)
REASON_NO_OWNER = (
    "Er liggen drie of meer adviespaden klaar en niemand is echt eigenaar van digitaal, "
    "dus samen kiezen waar je begint helpt."
)
REASON_ASKED = "Je vroeg zelf om een gesprek."

OFFER = (
    "Wil je hierover een verkennend gesprek met een adviseur van DEN? "
    "Jullie sparren samen over de richting en de volgende stappen."
)
SELF_HELP = (
    "Met de stappen hierboven kun je zelf goed verder. "
    "Wil je toch sparren met een adviseur van DEN? Vraag dan gerust om een verkennend gesprek."
)


@dataclass(frozen=True)
class ConsultationDecision:
    propose: bool
    reasons: tuple[str, ...]  # one short Dutch sentence per criterion that holds
    criteria: tuple[int, ...] = ()  # the numbers of those criteria in domain.md section 10

    @property
    def message(self) -> str:
        """What the assistant says after the reasons: the offer, or self-help first."""
        return OFFER if self.propose else SELF_HELP


def decide_consultation(
    result: ScanResult,
    profile: Profile,
    answers: Mapping[str, Optional[int]],
    matches: Sequence[PathwayMatch],
    user_asked: bool,
    content: Optional[Content] = None,
) -> ConsultationDecision:
    """Check the computable criteria of domain.md section 10.

    `matches` may be the capped list from match_pathways or the full one from rank_pathways:
    the cap only drops pathways when there are more than three, so "three or more" reads the same.
    """
    content = content or get_content()
    found: List[Tuple[int, str]] = []

    strategy = result.component(STRATEGY_COMPONENT)
    if strategy.mean is not None and strategy.mean <= STRATEGY_MAX + EPSILON:
        found.append(
            (
                1,
                REASON_STRATEGY.format(
                    component=content.component_name(STRATEGY_COMPONENT),
                    score=format_number(strategy.mean),
                    benchmark=benchmark_phrase(STRATEGY_COMPONENT, profile, content),
                ),
            )
        )
    if result.spread is not None and result.spread >= SPREAD_MIN - EPSILON:
        found.append((2, REASON_SPREAD.format(spread=format_number(result.spread))))
    if (
        result.overall_level is not None
        and result.overall_level.number == 1
        and (profile.has_mandate)
    ):
        found.append((3, REASON_START_WITH_MANDATE))
    if profile.moment_soon:
        moment = option_label(content, "strategic_moment", profile.strategic_moment)
        found.append((4, REASON_MOMENT.format(moment=moment)))
    owner = answers.get("sb_eigenaar")
    if len(matches) >= PATHWAYS_MIN and owner is not None and owner <= OWNER_MAX:
        found.append((6, REASON_NO_OWNER))
    if user_asked:
        found.append((9, REASON_ASKED))

    return ConsultationDecision(
        propose=bool(found),
        reasons=tuple(reason for _, reason in found),
        criteria=tuple(number for number, _ in found),
    )
