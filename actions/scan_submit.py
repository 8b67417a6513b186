"""Adapter for the end of the scan: score, match advice, store, and show profile and advice."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import scan_state
from actions.team import open_team_of
from bot.advice.catalogue import get_catalogue
from bot.advice.consultation import decide_consultation
from bot.advice.matcher import match_pathways
from bot.advice.presentation import intro_sentence, pathway_text, to_record
from bot.assessment import interview
from bot.assessment.scoring import score_answers
from bot.content import get_content
from bot.db.session import session_scope
from bot.scans import repository
from bot.scans.results import build_report
from bot.settings import get_settings
from bot.team import codes, wording
from bot.team import repository as teams
from bot.team.config import get_team_settings
from bot.team.progress import repeat_suggestion
from bot.text import score

CONSULTATION_BUTTONS = [
    {"title": "Ja, graag", "payload": "/affirm"},
    {"title": "Nee, dank je", "payload": "/deny"},
]


class SubmitScanForm(Action):
    def name(self) -> str:
        return "action_submit_scan_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        content = get_content()
        state = scan_state(tracker)
        answers = interview.statement_answers(state, content)
        if interview.team_info(state):
            return submit_team_answers(dispatcher, tracker, state, answers)
        profile = interview.profile(state)
        result = score_answers(answers, content)
        matches = match_pathways(result, profile, answers, get_catalogue(), content)
        decision = decide_consultation(result, profile, answers, matches, False, content)
        with session_scope() as session:
            scan = repository.save_scan(
                session,
                tracker.sender_id,
                profile,
                answers,
                interview.open_answers(state, content),
                result,
                advice=to_record(matches, decision),
            )
            report = build_report(scan, repository.previous_scan(session, scan), content)
            done = scan.created_at.date()
            team = open_team_of(session, tracker.sender_id)
            if team is not None:
                teams.attach_initiator_scan(session, team, scan)
                team_code = codes.display(team.code)
                team_status = _team_status(len(team.responses))
        base = get_settings().public_base_url.rstrip("/")
        dispatcher.utter_message(response="utter_scan_done_intro")
        dispatcher.utter_message(text=report.headline)
        dispatcher.utter_message(
            text="\n".join(f"• {line.text} {line.benchmark_text}" for line in report.lines)
        )
        dispatcher.utter_message(image=f"{base}/scan/{report.public_id}/chart.png")
        if report.changes:
            changes = "; ".join(
                f"{name}: {score(before)} → {score(now)}" for name, before, now in report.changes
            )
            dispatcher.utter_message(
                response="utter_scan_changes", date=report.previous_date, changes=changes
            )
        dispatcher.utter_message(response="utter_advice_intro", steps=intro_sentence(len(matches)))
        for match in matches:
            dispatcher.utter_message(text=pathway_text(match))
        dispatcher.utter_message(
            response="utter_scan_results_link", url=f"{base}/scan/{report.public_id}"
        )
        if team is not None:
            dispatcher.utter_message(
                response="utter_team_your_answers_count", code=team_code, status=team_status
            )
        else:
            dispatcher.utter_message(response="utter_team_suggest")
        dispatcher.utter_message(
            text=repeat_suggestion(done, get_team_settings().progress.repeat_after_months)
        )
        if decision.propose:
            dispatcher.utter_message(text=" ".join(decision.reasons))
            dispatcher.utter_message(text=decision.message, buttons=CONSULTATION_BUTTONS)
        else:
            dispatcher.utter_message(text=decision.message)
        return [
            SlotSet("last_scan_id", report.public_id),
            SlotSet("scan_state", None),
            SlotSet("consultation_offered", decision.propose),
        ]


def _team_status(respondents: int) -> str:
    needed = get_team_settings().min_respondents
    if respondents >= needed:
        return wording.ready()
    return wording.status(respondents, needed)


def submit_team_answers(
    dispatcher: CollectingDispatcher, tracker: Tracker, state: dict, answers: dict
) -> List[EventType]:
    """A colleague's answers go to the team only: no scan of their own, no advice of their own."""
    info = interview.team_info(state) or {}
    role = interview.profile(state).role
    with session_scope() as session:
        team = teams.find_by_code(session, str(info.get("code")))
        if team is None or not teams.is_open(team, get_team_settings()):
            dispatcher.utter_message(
                response="utter_team_closed", code=codes.display(str(info.get("code")))
            )
            return [SlotSet("scan_state", None)]
        teams.record_response(session, team, tracker.sender_id, role, answers)
        count = len(team.responses)
        organisation = team.organisation or "jullie organisatie"
    dispatcher.utter_message(response="utter_team_member_done", organisation=organisation)
    needed = get_team_settings().min_respondents
    if count >= needed:
        dispatcher.utter_message(
            response="utter_team_member_profile_ready", count=wording.colleagues(count)
        )
    else:
        dispatcher.utter_message(text=wording.status(count, needed))
    return [SlotSet("scan_state", None)]
