import dataclasses

import pytest

from bot.advice.catalogue import get_catalogue
from bot.advice.consultation import decide_consultation
from bot.advice.matcher import match_pathways, rank_pathways

from .cases import BY_NAME, CASES, CONTENT, Case

CATALOGUE = get_catalogue()


def decide(case: Case, **changes):
    result, profile, answers = case.build()
    result = dataclasses.replace(result, **changes)
    matches = match_pathways(result, profile, answers, CATALOGUE, CONTENT)
    return decide_consultation(result, profile, answers, matches, case.user_asked, CONTENT)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_propose_or_not(case):
    decision = decide(case)
    assert (decision.propose, decision.criteria) == (case.propose, case.criteria)
    assert len(decision.reasons) == len(decision.criteria)


@pytest.mark.parametrize(
    "name,criterion,texts,absent",
    [
        ("strategy_low_51_100_fte", 1, ["1,75", "51-100 fte", "1,69", "DEN Dashboard"], []),
        ("strategy_low_over_100_fte", 1, ["1,75", "gemiddeld 2,3"], ["51-100"]),
        ("strategy_exactly_2_0", 1, ["(2,0)"], []),
        ("spread_exactly_1_5", 2, ["1,5 punt"], []),
        ("spread_and_no_owner", 2, ["2,25 punt"], []),
        ("startend_director", 3, ["directie of MT"], []),
        ("subsidy_within_6_months", 4, ["subsidieaanvraag", "half jaar"], []),
        ("new_system_soon_no_p4", 4, ["nieuw systeem"], []),
        ("accessibility_low_no_owner", 6, ["eigenaar"], []),
        ("all_fives_user_asked", 9, ["Je vroeg"], []),
    ],
)
def test_reason_names_the_right_numbers(name, criterion, texts, absent):
    decision = decide(BY_NAME[name])
    reason = decision.reasons[decision.criteria.index(criterion)]
    for text in texts:
        assert text in reason
    for text in absent:
        assert text not in reason


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reasons_are_short_single_sentences(case):
    for reason in decide(case).reasons:
        assert reason.endswith(".") and ". " not in reason[:-1]
        assert len(reason.split()) <= 30


@pytest.mark.parametrize("spread,propose", [(1.5, True), (1.49, False)])
def test_spread_boundary(spread, propose):
    # 1,49 cannot come from real answers (means are quarters or thirds), so patch the result.
    assert decide(BY_NAME["spread_exactly_1_5"], spread=spread).propose is propose


def test_offer_is_an_exploratory_conversation_not_consultancy():
    offer = decide(BY_NAME["spread_exactly_1_5"])
    assert offer.propose and "verkennend gesprek" in offer.message
    assert "sparren" in offer.message
    for promise in ("gratis", "traject", "helpdesk", "oplossen"):
        assert promise not in offer.message.lower()


def test_without_criteria_self_help_comes_first_and_the_conversation_stays_available():
    decision = decide(BY_NAME["all_threes_tie_goes_to_strategy"])
    assert not decision.propose and decision.reasons == ()
    assert "zelf" in decision.message and "verkennend gesprek" in decision.message


def test_three_pathways_reads_the_same_before_and_after_capping():
    result, profile, answers = BY_NAME["all_ones"].build()
    ranked = rank_pathways(result, profile, answers, CATALOGUE, CONTENT)
    capped = match_pathways(result, profile, answers, CATALOGUE, CONTENT)
    assert len(ranked) == 4 and len(capped) == 3
    for matches in (ranked, capped):
        assert 6 in decide_consultation(result, profile, answers, matches, False, CONTENT).criteria


def test_two_pathways_without_owner_is_not_enough():
    result, profile, answers = BY_NAME["strategy_low_51_100_fte"].build()
    assert answers["sb_eigenaar"] == 1
    matches = match_pathways(result, profile, answers, CATALOGUE, CONTENT)
    assert len(matches) == 2
    assert 6 not in decide_consultation(result, profile, answers, matches, False, CONTENT).criteria
