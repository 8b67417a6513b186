"""Team scan adapters: start (code + invitation), join with a code, colleagues' answers, profile."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from actions.scan import ResumeScan, ValidateScanForm
from actions.scan_submit import SubmitScanForm
from actions.team import JoinTeamScan, ShowTeamResults, StartTeamScan
from bot.assessment import interview
from bot.content import get_content
from bot.db.models import Scan
from bot.db.session import session_scope
from bot.settings import get_settings
from bot.team import repository as teams
from tests.actions.conftest import make_tracker, responses, slot_events

CODE = r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"  # a code as people see it: three groups of four

CONTENT = get_content()
PROFILE = ["Museum Team", "museum", "11-50", "directie_mt", "fondsen", "geen"]


def state_after(replies, state=None):
    state = state or interview.new_state()
    for reply in replies:
        state = interview.answer(state, CONTENT, reply).state
    return state


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_team_adapters_are_declared_in_the_domain(domain):
    names = {a().name() for a in (StartTeamScan, JoinTeamScan, ShowTeamResults)}
    assert names <= set(domain["actions"])
    for intent in ("start_team_scan", "join_team_scan", "team_results"):
        assert intent in domain["intents"]
    used = {m for m in domain["responses"] if m.startswith("utter_team_")}
    assert {"utter_team_started", "utter_team_joined", "utter_team_member_done"} <= used


async def start_team(dispatcher, domain, sender_slots=None):
    tracker = make_tracker(text="start een teamscan", intent="start_team_scan", slots=sender_slots)
    await StartTeamScan().run(dispatcher, tracker, domain)
    code = re.search(r"teamcode (TEAM-" + CODE + ")", texts(dispatcher)).group(1)
    return code


async def test_start_before_a_scan_gives_a_code_an_invitation_and_offers_the_own_scan(
    dispatcher, domain, database_url
):
    code = await start_team(dispatcher, domain, {"scan_state": None})
    assert responses(dispatcher)[0] == "utter_team_started"
    assert dispatcher.messages[0]["code"] == code
    invitation = dispatcher.messages[1]["text"]
    base = get_settings().public_base_url.rstrip("/")
    assert f"Ga naar {base}/ en typ: teamcode {code}" in invitation
    assert "Niemand ziet jouw antwoorden apart" in invitation
    assert "utter_team_do_own_scan" in responses(dispatcher)
    how = dispatcher.messages[-1]
    assert how["response"] == "utter_team_how_to_see" and how["needed"] == 3
    assert re.search(r"/team/[0-9a-f]{24}$", how["url"])
    again = make_tracker(text="start een teamscan", intent="start_team_scan")
    dispatcher.messages.clear()
    await StartTeamScan().run(dispatcher, again, domain)
    assert responses(dispatcher)[0] == "utter_team_already"
    assert dispatcher.messages[0]["code"] == code


async def test_start_after_a_scan_counts_the_own_answers(dispatcher, domain, database_url):
    done = interview.skip(state_after(PROFILE + ["4"] * 20), CONTENT).state
    events = await SubmitScanForm().run(
        dispatcher, make_tracker(slots={"scan_state": done}), domain
    )
    assert "utter_team_suggest" in responses(dispatcher)
    assert "maanden opnieuw" in texts(dispatcher)
    last_scan = slot_events(events)["last_scan_id"]
    dispatcher.messages.clear()
    await start_team(dispatcher, domain, {"last_scan_id": last_scan, "scan_state": None})
    assert "utter_team_own_answers_count" in responses(dispatcher)
    with session_scope() as session:
        team = teams.latest_for_initiator(session, "action-test")
        assert team.organisation == "Museum Team" and len(team.responses) == 1


async def test_join_with_an_unknown_code_explains_and_listens(dispatcher, domain, database_url):
    tracker = make_tracker(text="teamcode TEAM-ZZ22-ZZAB-X4TZ", intent="join_team_scan")
    tracker.active_loop = {}
    events = await JoinTeamScan().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_team_code_unknown"]
    assert dispatcher.messages[0]["code"] == "TEAM-ZZ22-ZZAB-X4TZ"
    assert {"event": "followup", "name": "action_listen"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]


async def test_a_colleague_joins_answers_and_is_stored_only_for_the_team(
    dispatcher, domain, database_url
):
    code = await start_team(dispatcher, domain, {"scan_state": None})
    dispatcher.messages.clear()
    tracker = make_tracker(text=f"hoi, mijn teamcode is {code}", intent="join_team_scan")
    events = await JoinTeamScan().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_team_joined"]
    state = slot_events(events)["scan_state"]
    assert interview.current_question(state, CONTENT).id == "role"
    done = state_after(["collectie"] + ["2"] * 20, state)
    dispatcher.messages.clear()
    colleague = make_tracker(slots={"scan_state": done})
    colleague.sender_id = "colleague-1"
    events = await SubmitScanForm().run(dispatcher, colleague, domain)
    assert responses(dispatcher)[0] == "utter_team_member_done"
    assert "Tot nu toe heeft 1 collega de teamscan ingevuld" in texts(dispatcher)
    assert slot_events(events) == {"scan_state": None}
    with session_scope() as session:
        assert session.execute(select(func.count(Scan.id))).scalar_one() == 0
        team = teams.find_by_code(session, code)
        assert [(r.conversation_id, r.role) for r in team.responses] == [
            ("colleague-1", "collectie")
        ]


async def test_the_initiator_sees_the_count_then_the_profile_from_three(
    dispatcher, domain, database_url
):
    code = await start_team(dispatcher, domain, {"scan_state": None})
    with session_scope() as session:
        team = teams.find_by_code(session, code)
        teams.record_response(session, team, "c1", "directie_mt", {"sb_visie": 5, "sb_budget": 5})
        teams.record_response(session, team, "c2", "collectie", {"sb_visie": 1, "sb_budget": 2})
    dispatcher.messages.clear()
    ask = make_tracker(text="laat het teamprofiel zien", intent="team_results")
    events = await ShowTeamResults().run(dispatcher, ask, domain)
    assert "Tot nu toe hebben 2 collega's de teamscan ingevuld" in texts(dispatcher)
    assert "minstens 3" in texts(dispatcher)
    assert not [m for m in dispatcher.messages if m.get("image")]
    assert slot_events(events)["consultation_offered"] is False
    with session_scope() as session:
        team = teams.find_by_code(session, code)
        teams.record_response(session, team, "c3", "overig", {"sb_visie": 3, "sb_budget": 3})
    dispatcher.messages.clear()
    events = await ShowTeamResults().run(dispatcher, ask, domain)
    assert "Teamprofiel op basis van 3 collega's" in texts(dispatcher)
    assert "Strategie & budget: gemiddeld 3,2 van 5" in texts(dispatcher)
    images = [m["image"] for m in dispatcher.messages if m.get("image")]
    assert len(images) == 1 and images[0].endswith("/chart.png")
    assert "utter_team_results_link" in responses(dispatcher)
    assert slot_events(events)["consultation_offered"] is True  # 4 points apart on strategy
    assert "meerdere collega's" in texts(dispatcher)


async def test_no_team_yet_offers_to_start_one(dispatcher, domain, database_url):
    ask = make_tracker(text="hoe staat het met de teamscan", intent="team_results")
    await ShowTeamResults().run(dispatcher, ask, domain)
    assert responses(dispatcher) == ["utter_team_none"]


async def test_a_team_code_in_the_middle_of_a_scan_turns_it_into_team_answers(
    dispatcher, domain, database_url
):
    code = await start_team(dispatcher, domain, {"scan_state": None})
    dispatcher.messages.clear()
    state = state_after(PROFILE + ["4"])
    tracker = make_tracker(
        text=f"oh wacht, ik heb teamcode {code}",
        intent="join_team_scan",
        slots={"scan_state": state, "scan_answer": "x"},
    )
    events = await ValidateScanForm().run(dispatcher, tracker, domain)
    joined = slot_events(events)["scan_state"]
    assert interview.team_info(joined)["code"] == code.removeprefix("TEAM-").replace("-", "")
    assert set(joined["answers"]) == {"role", "sb_visie"}
    assert "utter_team_joined" in responses(dispatcher)


async def test_a_team_code_given_as_a_resume_code_joins_the_team(dispatcher, domain, database_url):
    code = await start_team(dispatcher, domain, {"scan_state": None})
    dispatcher.messages.clear()
    tracker = make_tracker(text=f"verder met de scan, {code}", intent="resume_scan")
    events = await ResumeScan().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_team_joined"]
    assert interview.team_info(slot_events(events)["scan_state"])


async def test_a_team_code_read_as_start_team_scan_still_joins(dispatcher, domain, database_url):
    code = await start_team(dispatcher, domain, {"scan_state": None})
    dispatcher.messages.clear()
    tracker = make_tracker(text=f"teamcode {code.lower()}", intent="start_team_scan")
    tracker.sender_id = "colleague-2"
    events = await StartTeamScan().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_team_joined"]
    assert interview.team_info(slot_events(events)["scan_state"])
    assert {"event": "followup", "name": "scan_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]
    with session_scope() as session:
        assert teams.latest_for_initiator(session, "colleague-2") is None  # no team of its own


async def test_a_resume_code_read_as_start_team_scan_resumes_the_scan(
    dispatcher, domain, database_url
):
    from actions.scan_steps import PauseScan

    state = state_after(PROFILE + ["2"])
    await PauseScan().run(dispatcher, make_tracker(slots={"scan_state": state}), domain)
    code = dispatcher.messages[-1]["code"]
    dispatcher.messages.clear()
    tracker = make_tracker(text=f"mijn code is {code}", intent="start_team_scan")
    events = await StartTeamScan().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_scan_resumed_from_code"]
    assert slot_events(events)["scan_state"]["answers"]["sb_visie"]["value"] == 2
    assert events[-1]["event"] == "followup" and events[-1]["name"] == "scan_form"
    with session_scope() as session:
        assert teams.latest_for_initiator(session, "action-test") is None
