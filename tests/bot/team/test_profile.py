"""The team profile: aggregation maths, the three-respondent minimum, role groups, disagreements."""

from __future__ import annotations

import pytest

from bot.team.profile import Respondent, build_team_profile
from bot.team.wording import disagreement_line, groups_line
from tests.bot.team.helpers import CONTENT, SETTINGS, answers, component, person


def profile(respondents):
    return build_team_profile(respondents, CONTENT, SETTINGS)


@pytest.mark.parametrize("count", [0, 1, 2])
def test_below_three_respondents_nothing_but_the_count_is_computed(count):
    team = profile([person("directie_mt", 5 - n) for n in range(count)])
    assert not team.visible
    assert team.respondents == count and team.still_needed == 3 - count
    assert team.components == () and team.groups == () and team.disagreements == ()
    assert team.statement_means == {} and team.result is None


def test_three_respondents_make_the_profile_visible():
    team = profile([person("directie_mt", 4), person("collectie", 3), person("overig", 2)])
    assert team.visible and team.still_needed == 0
    assert team.component("strategie_budget").mean == 3.0
    assert team.result.overall_level.name == "Uitvoerend"


def test_component_mean_is_the_mean_of_respondent_scores_with_spread_and_count():
    team = profile(
        [
            Respondent("directie_mt", component({"strategie_budget": [4, 4, 4, 4]})),
            Respondent("collectie", component({"strategie_budget": [2, 2, 2, 2]})),
            # "weet ik niet" and a skip do not count as zero: this colleague scores 1,0
            Respondent("overig", component({"strategie_budget": [1, 1, None, "skip"]})),
            # one real answer is too few for a component score: not counted at all
            Respondent("vrijwilliger", component({"strategie_budget": [5, None, None, None]})),
        ]
    )
    sb = team.component("strategie_budget")
    assert sb.mean == pytest.approx(2.33)
    assert sb.spread == 3.0
    assert sb.count == 3
    assert sb.level.name == "Lerend"
    cc = team.component("cultuur_competenties")
    assert (cc.mean, cc.spread, cc.count) == (3.0, 0.0, 4)


def test_statement_means_keep_unknown_and_skipped_apart():
    team = profile(
        [
            person("collectie", 2, sb_visie=None, sb_budget=None),
            person("collectie", 4, sb_visie=None),
            Respondent(
                "overig", {k: v for k, v in answers(3, sb_visie=None).items() if k != "sb_budget"}
            ),
        ]
    )
    assert team.statement_means["sb_visie"] is None  # everybody said "weet ik niet"
    assert team.statement_means["sb_budget"] == 4.0  # only the one real answer
    assert team.statement_means["cc_leiding"] == 3.0
    skipped = profile([Respondent("overig", {"sb_visie": 3})] * 3)
    assert "cc_leiding" not in skipped.statement_means


def test_a_role_group_needs_two_members_to_get_its_own_line():
    team = profile(
        [
            person("directie_mt", 5),
            person("directie_mt", 4),
            person("digitaal_marketing", 2),
            person("programmering", 1),
            person("bedrijfsvoering", 3),  # alone in "collectie en bedrijfsvoering"
        ]
    )
    assert [(g.group.id, g.count) for g in team.groups] == [
        ("leiding", 2),
        ("publiek_programma", 2),
    ]
    assert team.ungrouped == 1
    assert team.groups[0].means["strategie_budget"] == 4.5
    assert team.groups[1].means["strategie_budget"] == 1.5
    assert team.component("strategie_budget").mean == 3.0  # the lone colleague still counts
    text = groups_line(team)
    assert "de leiding (directie en MT) (2)" in text
    assert "1 collega uit kleinere rolgroepen telt mee" in text
    assert "bedrijfsvoering" not in text


def test_a_group_mean_is_hidden_when_only_one_member_has_a_score():
    team = profile(
        [
            person("directie_mt", 4),
            Respondent("directie_mt", component({"publiek_waarde": [5, None, None, None]}, 4)),
            person("collectie", 2),
        ]
    )
    leiding = team.groups[0]
    assert leiding.means["publiek_waarde"] is None
    assert leiding.means["strategie_budget"] == 4.0


def test_disagreements_are_between_role_groups_largest_first_and_name_no_one():
    team = profile(
        [
            person("directie_mt", 4, cc_leiding=5, sb_budget=5),
            person("directie_mt", 4, cc_leiding=4, sb_budget=4),
            person("digitaal_marketing", 3, cc_leiding=1, sb_budget=2),
            person("programmering", 3, cc_leiding=2, sb_budget=2),
            person("collectie", 3),
        ]
    )
    found = [(d.statement.id, d.gap) for d in team.disagreements]
    assert found == [("cc_leiding", 3.0), ("sb_budget", 2.5)]
    first = team.disagreements[0]
    assert (first.high_label, first.high) == ("de leiding (directie en MT)", 4.5)
    assert (first.low_label, first.low) == ("collega's van marketing, programma en educatie", 1.5)
    line = disagreement_line(first, CONTENT)
    assert "De leiding (directie en MT) geeft gemiddeld 4,5 van 5" in line
    assert "marketing, programma en educatie gemiddeld 1,5" in line
    assert "De leiding geeft zichtbaar richting" in line and "Cultuur & competenties" in line
    # a gap of 1,0 (4 against 3) is not a difference of view
    assert "sb_visie" not in [d.statement.id for d in team.disagreements]


def test_at_most_three_disagreements_are_named():
    low = {s: 1 for s in ("sb_visie", "sb_budget", "cc_leiding", "pw_aanbod", "dt_koppeling")}
    team = profile(
        [
            person("directie_mt", 5),
            person("directie_mt", 5),
            person("collectie", 5, **low),
            person("bedrijfsvoering", 5, **low),
        ]
    )
    assert [d.statement.id for d in team.disagreements] == ["sb_visie", "sb_budget", "cc_leiding"]


def test_a_group_statement_mean_is_never_one_persons_answer():
    team = profile(
        [
            person("directie_mt", 3, cc_leiding=5),
            person("directie_mt", 3, cc_leiding=None),  # "weet ik niet"
            person("collectie", 3, cc_leiding=1),
            person("collectie", 3, cc_leiding=1),
        ]
    )
    assert team.disagreements == ()


def test_without_two_role_groups_the_range_of_single_answers_is_used():
    team = profile(
        [
            person("directie_mt", 3, ps_rollen=5),
            person("collectie", 3, ps_rollen=1),
            person("vrijwilliger", 3, ps_rollen=3, dt_koppeling=5),
        ]
    )
    assert team.groups == ()
    assert [(d.statement.id, d.kind, d.gap) for d in team.disagreements] == [
        ("ps_rollen", "range", 4.0)
    ]
    line = disagreement_line(team.disagreements[0], CONTENT)
    assert "van 1 (helemaal niet) tot 5 (volledig)" in line


def test_large_disagreement_marks_components_whose_scores_lie_two_points_apart():
    team = profile(
        [
            Respondent("directie_mt", component({"strategie_budget": [5, 5, 5, 5]})),
            Respondent("collectie", component({"strategie_budget": [3, 3, 3, 3]})),
            Respondent("overig", component({"cultuur_competenties": [4, 4, 4, 5]}, 3)),
        ]
    )
    assert team.component("strategie_budget").spread == 2.0
    assert team.component("cultuur_competenties").spread == 1.25
    assert team.large_disagreement == ("strategie_budget",)


def test_team_result_uses_strategy_first_on_a_tie_for_weakest():
    team = profile([person("overig", 2), person("overig", 2), person("overig", 2)])
    assert team.result.weakest == "strategie_budget"
    assert team.result.spread == 0.0
