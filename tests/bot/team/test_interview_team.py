"""The scan interview for a colleague who joined with a team code."""

from __future__ import annotations

from bot.assessment import interview
from tests.bot.team.helpers import CONTENT, IDS


def test_a_colleague_only_states_the_role_then_answers_the_statements():
    state = interview.new_team_member_state("7K3M-9QAB-X4TZ", "Museum Team")
    first = interview.current_question(state, CONTENT)
    assert first.id == "role"
    state = interview.answer(state, CONTENT, "ik werk bij marketing").state
    assert interview.profile(state).role == "digitaal_marketing"
    assert interview.progress(state, CONTENT) == (1, 20)
    for _ in IDS:
        state = interview.answer(state, CONTENT, "", payload="3").state
    assert interview.is_complete(state, CONTENT)  # no open question for colleagues
    assert len(interview.statement_answers(state, CONTENT)) == 20
    assert interview.team_info(state) == {"code": "7K3M-9QAB-X4TZ", "organisation": "Museum Team"}


def test_joining_in_the_middle_of_a_scan_keeps_the_role_and_statements():
    state = interview.new_state()
    for reply in ["Museum Eigen", "museum", "1-10", "collectie", "fondsen", "geen"]:
        state = interview.answer(state, CONTENT, reply).state
    state = interview.answer(state, CONTENT, "", payload="4").state
    state = interview.skip(state, CONTENT).state
    joined = interview.join_team(state, CONTENT, "7K3M-9QAB-X4TZ", "Museum Team")
    assert set(joined["answers"]) == {"role", "sb_visie"}
    assert joined["skipped"] == ["sb_koppeling"]
    assert interview.progress(joined, CONTENT) == (3, 20)
    assert "organisation" not in joined["history"]


def test_going_back_as_a_colleague_reaches_the_role_question():
    state = interview.new_team_member_state("7K3M-9QAB-X4TZ", None)
    state = interview.answer(state, CONTENT, "", payload="collectie").state
    state = interview.go_back(state, CONTENT).state
    assert interview.current_question(state, CONTENT).id == "role"
    assert interview.go_back(state, CONTENT).outcome is interview.Outcome.NOT_UNDERSTOOD


def test_an_ordinary_scan_is_not_a_team_scan():
    assert interview.team_info(interview.new_state()) is None
