"""Test profiles shared by test_matcher.py and test_consultation.py.

Each case gives per-component answers in model order (strategie_budget, cultuur_competenties,
publiek_waarde, data_technologie, processen_structuur). A number answers every statement of the
component with that value; a tuple gives one value per statement in questions.yml order; None
inside a tuple is "weet ik niet" and SKIP leaves the statement out; None for a whole component
leaves it unanswered. Statement order per component:
  strategie_budget      sb_visie, sb_koppeling, sb_budget, sb_eigenaar
  cultuur_competenties  cc_eigen_werk, cc_leiding, cc_leren, cc_experiment
  publiek_waarde        pw_kennis_publiek, pw_aanbod, pw_nieuwe_doelgroepen, pw_toegankelijkheid
  data_technologie      dt_basis_ict, dt_koppeling, dt_data_beslissingen, dt_afspraken_avg
  processen_structuur   ps_rollen, ps_samenwerking_afdelingen, ps_projectaanpak, ps_borging
Expected pathways are id prefixes (p11 = p11_ict_fundament), in the order shown to the user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Mapping, Optional, Tuple

from bot.assessment.profile import Profile
from bot.assessment.scoring import ScanResult, score_answers
from bot.content.loader import get_content

CONTENT = get_content()
COMPONENTS = tuple(c.id for c in CONTENT.model.components)
STATEMENTS = {
    c: [s.id for s in CONTENT.questions.statements if s.component == c] for c in COMPONENTS
}
SKIP = "skip"

BASE_PROFILE = dict(
    institution_type="bibliotheek",  # neither heritage nor performing arts
    size_class="11-50",
    role="digitaal_marketing",
    funding="gemeente_provincie",
    strategic_moment="geen",
)


def make_answers(scores: Tuple[object, ...], overrides: Mapping[str, object] = ()) -> Dict:
    """Per-statement answers from per-component values (see the module docstring)."""
    answers: Dict[str, Optional[int]] = {}
    for component, value in zip(COMPONENTS, scores, strict=False):
        if value is None:
            continue
        values = value if isinstance(value, tuple) else (value,) * len(STATEMENTS[component])
        assert len(values) == len(STATEMENTS[component]), component
        for statement, answer in zip(STATEMENTS[component], values, strict=True):
            if answer != SKIP:
                answers[statement] = answer  # type: ignore[assignment]
    for statement, answer in dict(overrides).items():
        if answer == SKIP:
            answers.pop(statement, None)
        else:
            answers[statement] = answer  # type: ignore[assignment]
    return answers


@dataclass(frozen=True)
class Case:
    name: str
    scores: Tuple[object, ...]
    expected: Tuple[str, ...]  # pathway id prefixes, in order
    propose: bool
    criteria: Tuple[int, ...] = ()  # domain.md section 10 criteria that hold
    profile: Mapping[str, str] = field(default_factory=dict)
    overrides: Mapping[str, object] = field(default_factory=dict)
    user_asked: bool = False

    def build(self) -> Tuple[ScanResult, Profile, Dict]:
        answers = make_answers(self.scores, self.overrides)
        profile = Profile(**{**BASE_PROFILE, **self.profile})
        return score_answers(answers, CONTENT), profile, answers


C = Case
MUSEUM = {"institution_type": "museum"}
THEATER = {"institution_type": "theater_podium"}
STARTEND = ((2, 2, 2, 3), (2, 1, 2, 1), (2, 1, 2, 1), (3, 1, 1, 1), (2, 1, 2, 1))  # overall 1,65

CASES = [
    # Extremes and ties.
    C("all_ones", (1, 1, 1, 1, 1), ("p11", "p01", "p10"), True, (1, 6)),
    C(
        "all_ones_director",
        (1, 1, 1, 1, 1),
        ("p11", "p01", "p10"),
        True,
        (1, 3, 6),
        profile={"role": "directie_mt"},
    ),
    C("all_fives", (5, 5, 5, 5, 5), ("p18",), False),
    C("all_fives_user_asked", (5, 5, 5, 5, 5), ("p18",), True, (9,), user_asked=True),
    C("all_threes_tie_goes_to_strategy", (3, 3, 3, 3, 3), ("p02", "p07"), False),
    C("tie_strategy_and_processes", (3, 4, 4, 4, 3), ("p02", "p18"), False),
    C("processes_just_below_strategy", ((3, 3, 3, 4), 4, 4, 4, 3), ("p14", "p18"), False),
    C("pw_excellent_cc_weakest", (4, (3, 3, 4, 3), (5, 5, 4, 4), 4, 4), ("p06", "p16"), False),
    C("cc_low_experiment", (3, (3, 3, 3, 1), 3, 3, 3), ("p07", "p17"), False),
    # Missing components.
    C("three_components_unanswered", (3, 4, None, None, None), ("p01", "p02", "p18"), False),
    C("dt_one_answer_never_weakest", (3, 3, 3, (1, None, None, None), 3), ("p02", "p07"), False),
    C("only_strategy_scored", (1, None, None, None, None), ("p01", "p05"), True, (1,)),
    C("nothing_scored_all_unknown", ((None,) * 4,) * 5, ("p01",), False),
    C("nothing_answered_user_asked", (None,) * 5, ("p01",), True, (9,), user_asked=True),
    # Heritage versus performing arts.
    C(
        "heritage_weak_dt",
        (3, (4, 4, 3, 3), 3, (3, 3, 2, 2), 3),
        ("p13", "p18"),
        False,
        profile=MUSEUM,
    ),
    C(
        "performing_arts_weak_dt",
        (3, (4, 4, 3, 3), 3, (3, 3, 2, 2), 3),
        ("p08", "p18"),
        False,
        profile=THEATER,
    ),
    C(
        "heritage_strong_ps",
        (3, 3, 3, (3, 3, 2, 2), (4, 4, 3, 4)),
        ("p13", "p17"),
        False,
        profile=MUSEUM,
    ),
    C(
        "performing_arts_strong_ps",
        (3, 3, 3, (3, 3, 2, 2), (4, 4, 3, 4)),
        ("p08", "p15"),
        False,
        profile=THEATER,
    ),
    # Size: 5 fte versus 150 fte, and little funding.
    C("small_weak_ps", (3, 3, 3, 3, 2), ("p15", "p17"), False, profile={"size_class": "1-10"}),
    C("large_weak_ps", (3, 3, 3, 3, 2), ("p14", "p17"), False, profile={"size_class": ">100"}),
    C(
        "no_structural_funding_weak_ps",
        (3, 3, 3, 3, 2),
        ("p15", "p17"),
        False,
        profile={"funding": "geen_structureel"},
    ),
    C(
        "small_festival_strong_ps",
        (3, 3, 3, 3, 4),
        ("p02", "p15"),
        False,
        profile={"institution_type": "festival", "size_class": "1-10"},
    ),
    C(
        "large_library_strong_ps",
        (3, 3, 3, 3, 4),
        ("p02", "p07"),
        False,
        profile={"size_class": ">100"},
    ),
    # Basic ICT.
    C("weak_basic_ict_leads", (3, 3, 3, (2, 2, 2, 1), 3), ("p11", "p17"), False),
    C("low_dt_but_basic_ict_ok", (3, 3, 3, (3, 2, 1, 1), 3), ("p08", "p17"), False),
    C(
        "dt_2_0_with_weak_basis_is_weakest_not_foundation",
        (3, 3, 3, (1, 2, 2, 3), 3),
        ("p11", "p17"),
        False,
    ),
    # Spread.
    C("spread_exactly_1_5", (3, 4, 4, 4, (3, 2, 3, 2)), ("p01", "p14", "p18"), True, (2,)),
    C(
        "spread_1_42_closest_real_below",
        ((3, 3, 2, 3), (3, 3, 2, 3), (3, 3, 2, 3), (3, 3, 2, 3), (2, 1, 1, None)),
        ("p14", "p17"),
        False,
    ),
    C("spread_and_no_owner", ((2, 2, 2, 1), 4, 4, 4, 4), ("p05", "p02", "p18"), True, (1, 2, 6)),
    C(
        "cap_weak_ict_spread_accessibility",
        (4, 4, (4, 4, 4, 1), (2, 1, 2, 2), 4),
        ("p11", "p01", "p10"),
        True,
        (2,),
    ),
    # Accessibility.
    C("accessibility_low", (3, 3, (3, 3, 3, 1), 3, 3), ("p08", "p17", "p10"), False),
    C(
        "accessibility_low_no_owner",
        ((3, 3, 3, 2), 3, (3, 3, 3, 1), 3, 3),
        ("p08", "p07", "p10"),
        True,
        (6,),
    ),
    C("accessibility_unknown", (3, 3, (3, 3, 3, None), 3, 3), ("p02", "p07", "p10"), False),
    C("accessibility_skipped", (3, 3, (3, 3, 3, SKIP), 3, 3), ("p02", "p07"), False),
    C(
        "owner_unknown_is_not_no_owner",
        ((3, 3, 3, None), 3, (3, 3, 3, None), 3, 3),
        ("p02", "p07", "p10"),
        False,
    ),
    # Strategic moment.
    C(
        "subsidy_within_6_months",
        (3, 3, 3, 3, 3),
        ("p04", "p07"),
        True,
        (4,),
        profile={"strategic_moment": "subsidieaanvraag", "strategic_timing": "binnen_6_maanden"},
    ),
    C(
        "policy_plan_in_6_12_months",
        (3, 3, 3, 3, 3),
        ("p04", "p07"),
        False,
        profile={"strategic_moment": "beleidsplan", "strategic_timing": "6_12_maanden"},
    ),
    C(
        "subsidy_later",
        (3, 3, 3, 3, 3),
        ("p02", "p07"),
        False,
        profile={"strategic_moment": "subsidieaanvraag", "strategic_timing": "later"},
    ),
    C(
        "new_system_soon_no_p4",
        (3, 3, 3, 3, 3),
        ("p02", "p07"),
        True,
        (4,),
        profile={"strategic_moment": "systeemvervanging", "strategic_timing": "binnen_6_maanden"},
    ),
    # Role: director versus volunteer, overall Startend.
    C(
        "startend_director",
        STARTEND,
        ("p01", "p06", "p10"),
        True,
        (3,),
        profile={"role": "directie_mt"},
    ),
    C(
        "uitvoerend_director",
        (3, 3, 3, 3, 3),
        ("p02", "p07"),
        False,
        profile={"role": "directie_mt"},
    ),
    C(
        "startend_volunteer",
        STARTEND,
        ("p01", "p06", "p10"),
        False,
        profile={"role": "vrijwilliger"},
    ),
    # Strategie & budget.
    C(
        "strategy_low_51_100_fte",
        ((2, 2, 2, 1), 3, 3, 3, 3),
        ("p05", "p07"),
        True,
        (1,),
        profile={"size_class": "51-100"},
    ),
    C(
        "strategy_low_over_100_fte",
        ((2, 2, 2, 1), 3, 3, 3, 3),
        ("p05", "p07"),
        True,
        (1,),
        profile={"size_class": ">100"},
    ),
    C("strategy_exactly_2_0", ((3, 1, 2, 2), 3, 3, 3, 3), ("p05", "p07"), True, (1,)),
    C("strategy_vision_without_budget", ((3, 2, 1, 3), 3, 3, 3, 3), ("p03", "p07"), False),
]

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
