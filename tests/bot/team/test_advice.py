"""Advice on the team profile: the matcher runs on it; large disagreement leads to the integral
approach and to a consultation with several colleagues present."""

from __future__ import annotations

import pytest

from bot.advice.catalogue import get_catalogue
from bot.advice.consultation import OFFER, SELF_HELP
from bot.advice.matcher import match_pathways
from bot.assessment.profile import Profile
from bot.team.advice import TEAM_OFFER, team_advice, team_org_profile
from bot.team.profile import Respondent, build_team_profile
from tests.bot.team.helpers import CONTENT, SETTINGS, component, person

CATALOGUE = get_catalogue()
MUSEUM = Profile(organisation="Museum Team", institution_type="museum", size_class="11-50")


def advice(respondents):
    team = build_team_profile(respondents, CONTENT, SETTINGS)
    org = team_org_profile(MUSEUM, [r.role for r in respondents])
    return team, team_advice(team, org, CATALOGUE, CONTENT)


def test_large_disagreement_leads_with_the_integral_approach_and_a_joint_consultation():
    team, result = advice(
        [
            Respondent("directie_mt", component({"strategie_budget": [5, 5, 5, 5]}, 4)),
            Respondent("directie_mt", component({"strategie_budget": [5, 5, 4, 4]}, 4)),
            Respondent("collectie", component({"strategie_budget": [2, 2, 2, 2]}, 4)),
        ]
    )
    assert team.large_disagreement == ("strategie_budget",)
    first = result.matches[0]
    assert (first.id, first.role) == ("p01_startpunt", "integral")
    assert "Strategie & budget" in first.reason and "3,0 punt uit elkaar" in first.reason
    assert not any("scan" in step.lower() for step in first.pathway.steps)  # they just did it
    assert "Bespreek waar jullie antwoorden verschillen" in first.pathway.steps[0]
    assert len(result.matches) <= 3
    consultation = result.consultation
    assert consultation.propose and consultation.with_colleagues
    assert 2 in consultation.criteria
    assert consultation.message == TEAM_OFFER
    assert "meerdere collega's" in consultation.reasons[-1]


def test_without_disagreement_the_advice_is_the_matchers_advice_on_the_team_profile():
    respondents = [person("collectie", 2), person("overig", 2), person("vrijwilliger", 3)]
    team, result = advice(respondents)
    assert team.large_disagreement == ()
    org = team_org_profile(MUSEUM, [r.role for r in respondents])
    expected = match_pathways(team.result, org, team.statement_means, CATALOGUE, CONTENT)
    assert [m.id for m in result.matches] == [m.id for m in expected]
    assert not result.consultation.with_colleagues


def test_a_strong_agreeing_team_gets_self_help_first():
    _, result = advice([person("collectie", 4), person("overig", 4), person("programmering", 5)])
    assert not result.consultation.propose
    assert result.consultation.message == SELF_HELP


def test_a_weak_team_with_the_leiding_taking_part_gets_the_ordinary_offer():
    _, result = advice([person("directie_mt", 1), person("overig", 1), person("collectie", 1)])
    consultation = result.consultation
    assert consultation.propose and not consultation.with_colleagues
    assert 3 in consultation.criteria  # Startend and someone with a mandate took part
    assert consultation.message == OFFER


def test_mandate_only_when_the_leiding_took_part():
    assert team_org_profile(MUSEUM, ["collectie", "directie_mt"]).has_mandate
    assert not team_org_profile(MUSEUM, ["collectie", None]).has_mandate


def test_no_advice_before_the_profile_is_visible():
    team = build_team_profile([person("overig", 2)], CONTENT, SETTINGS)
    with pytest.raises(ValueError):
        team_advice(team, MUSEUM, CATALOGUE, CONTENT)
