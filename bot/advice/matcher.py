"""Match a scan to at most three advice pathways (routing from domain.md section 8).

Slots, in the order they are shown:
  foundation  weak basic ICT (Data & technologie <= 1,8 and dt_basis_ict <= 2) leads: no
              transformation without a base. It also counts as the pathway for Data & technologie.
  integral    a whole-organisation start. P5 (ownership) when the spread is >= 1,5 and nobody owns
              digital (sb_eigenaar or ps_rollen <= 2 with that component at most Lerend); otherwise
              P1 (map the starting point together) when the spread is >= 1,5, two or more
              components have no score, or the overall level is Startend.
  weakest     the weakest scored component (Strategie & budget wins ties, see ScanResult.weakest).
              Pathways exist for Startend to Uitvoerend; at Verbindend or Integraal the weakest
              component needs no repair pathway, so the slot stays empty.
  quick_win   the strongest scored component other than the weakest one (ties: model order) that
              has a quick-win pathway for its level; if it has none, the next strongest is tried.
  compliance  P10 accessibility when pw_toegankelijkheid <= 2 or answered "weet ik niet" (not
              knowing is itself a signal, and the EAA applies since 28-06-2025). A skipped
              statement does not trigger. This slot reads the answer only, so it also fires when
              Publiek & waarde has too few answers for a score.
Components without a score never fill a slot. If nothing is scored, only the fallback (P1) is given.
When more than three slots are filled, they give way in this order: quick_win first, then
weakest; a lead pathway (foundation, integral) and the legal compliance pathway stay.
Within a slot, the fitting pathway with the lowest priority number wins (pathways.yml).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean
from typing import List, Mapping, Optional, Sequence, Set, Tuple

from bot.advice.catalogue import Catalogue, Pathway, TriggerRule
from bot.advice.triggers import Facts, rule_holds
from bot.advice.wording import component_values, render_reason
from bot.assessment.profile import Profile
from bot.assessment.scoring import ScanResult, level_for
from bot.content.loader import Content
from bot.content.schema import COMPONENT_IDS

MAX_MATCHES = 3
DISPLAY_ORDER = ("start", "foundation", "integral", "weakest", "quick_win", "compliance")
KEEP_ORDER = ("start", "foundation", "integral", "compliance", "weakest", "quick_win")
HIGH_LEVEL = 4  # Verbindend: from here a topic question gets a quick win before a repair pathway

Found = Tuple[Pathway, TriggerRule]


@dataclass(frozen=True)
class PathwayMatch:
    pathway: Pathway
    role: str  # one of DISPLAY_ORDER
    reason: str  # one Dutch sentence: "waarom dit voor jullie"

    @property
    def id(self) -> str:
        return self.pathway.id


def _pick(
    catalogue: Catalogue,
    facts: Facts,
    role: str,
    component: Optional[str] = None,
    taken: Sequence[str] = (),
) -> Optional[Found]:
    """The best pathway (lowest priority) with a rule for this role (and component) that holds."""
    for pathway in catalogue.by_priority:
        if pathway.id in taken:
            continue
        for rule in pathway.triggers:
            if rule.role != role or (component is not None and rule.component != component):
                continue
            if rule_holds(rule, facts):
                return pathway, rule
    return None


def _by_strength(result: ScanResult) -> List[str]:
    """Scored components, strongest first; ties keep the model order."""
    order = {c.component: i for i, c in enumerate(result.components)}
    scored = [c for c in result.scored if c.mean is not None]
    return [c.component for c in sorted(scored, key=lambda c: (-c.mean, order[c.component]))]


def rank_pathways(
    result: ScanResult,
    profile: Profile,
    answers: Mapping[str, Optional[int]],
    catalogue: Catalogue,
    content: Content,
) -> List[PathwayMatch]:
    """Every filled slot, in display order, before capping at three."""
    if not result.scored:
        fallback = catalogue.get(catalogue.fallback.pathway)
        return [PathwayMatch(fallback, "start", catalogue.fallback.why)]
    facts = Facts.from_scan(result, profile, answers, content.model.levels)
    found: List[Tuple[str, Found]] = []
    covered: Set[str] = set()

    def taken() -> List[str]:
        return [pathway.id for _, (pathway, _) in found]

    foundation = _pick(catalogue, facts, "foundation")
    if foundation:
        found.append(("foundation", foundation))
        covered.add(foundation[1].component or "")
    integral = _pick(catalogue, facts, "integral", taken=taken())
    if integral:
        found.append(("integral", integral))
    if result.weakest and result.weakest not in covered:
        weakest = _pick(catalogue, facts, "weakest", result.weakest, taken())
        if weakest:
            found.append(("weakest", weakest))
    for component in _by_strength(result):
        if component == result.weakest or component in covered:
            continue
        quick = _pick(catalogue, facts, "quick_win", component, taken())
        if quick:
            found.append(("quick_win", quick))
            break
    compliance = _pick(catalogue, facts, "compliance", taken=taken())
    if compliance:
        found.append(("compliance", compliance))
    return [
        PathwayMatch(pathway, role, render_reason(rule, facts, content))
        for role, (pathway, rule) in found
    ]


def match_pathways(
    result: ScanResult,
    profile: Profile,
    answers: Mapping[str, Optional[int]],
    catalogue: Catalogue,
    content: Content,
    limit: int = MAX_MATCHES,
) -> List[PathwayMatch]:
    """At most `limit` pathways, in display order (see the module docstring)."""
    ranked = rank_pathways(result, profile, answers, catalogue, content)
    keep = {m.id for m in sorted(ranked, key=lambda m: KEEP_ORDER.index(m.role))[:limit]}
    return [m for m in ranked if m.id in keep]


def advice_for_topic(
    topic: str,
    catalogue: Catalogue,
    content: Content,
    answers: Optional[Mapping[str, Optional[int]]] = None,
    profile: Optional[Profile] = None,
) -> PathwayMatch:
    """The most relevant pathway for a component the user asked about, without a full scan.

    `answers` holds 0-2 quick answers (statement id -> 1-5 or None). Their mean over the topic's
    statements is a rough level guess. Without a usable answer the level is assumed to be
    Lerend, the most common level in the sector (DEN Dashboard 2025: 39%), and the reason
    does not mention a score. A compliance pathway that lists the topic comes first when an
    answer triggers it (for example pw_toegankelijkheid <= 2).
    """
    if topic not in COMPONENT_IDS:
        raise ValueError(f"unknown topic '{topic}'; expected one of {', '.join(COMPONENT_IDS)}")
    answers = dict(answers or {})
    statements = {s.id: s.component for s in content.questions.statements}
    for statement, value in answers.items():
        if statement not in statements:
            raise ValueError(f"unknown statement '{statement}'")
        if value is not None and not 1 <= value <= 5:
            raise ValueError(f"answer {value} for '{statement}' is outside 1-5")
    known = [v for s, v in answers.items() if statements[s] == topic and v is not None]
    score = round(mean(known), 2) if known else None
    levels = content.model.levels
    assumed = score if score is not None else levels[1].min_score
    facts = Facts(
        scores={topic: assumed}, levels=levels, profile=profile or Profile(), answers=answers
    )

    for pathway in catalogue.by_priority:
        if topic not in pathway.components:
            continue
        for rule in pathway.triggers:
            if rule.role == "compliance" and rule_holds(rule, facts):
                return PathwayMatch(pathway, "compliance", render_reason(rule, facts, content))

    high = level_for(assumed, levels).number >= HIGH_LEVEL
    roles = ("quick_win", "weakest") if high else ("weakest", "quick_win")
    for role in roles:
        picked = _pick(catalogue, facts, role, topic)
        if picked:
            return PathwayMatch(picked[0], role, _topic_reason(topic, score, catalogue, content))
    fallback = catalogue.get(catalogue.fallback.pathway)
    return PathwayMatch(fallback, "start", _topic_reason(topic, None, catalogue, content))


def _topic_reason(
    topic: str, score: Optional[float], catalogue: Catalogue, content: Content
) -> str:
    if score is None:
        return catalogue.topic.without_score.format(component=content.component_name(topic))
    return catalogue.topic.with_score.format(**component_values(topic, score, content))
