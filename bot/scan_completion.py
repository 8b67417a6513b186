"""Completing a scan, as one use case: score, match advice, decide on a consultation, store the
scan with its advice, report it next to the previous one, and count it for the team this
conversation started. One transaction (the caller's session); the adapter only shows the result.
It uses the scans, advice and team packages, so it sits above them (no package cycle).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import List, Optional

from sqlalchemy.orm import Session

from bot.advice.catalogue import get_catalogue
from bot.advice.consultation import ConsultationDecision, decide_consultation
from bot.advice.matcher import PathwayMatch, match_pathways
from bot.advice.presentation import to_record
from bot.assessment import interview
from bot.assessment.interview import State
from bot.assessment.scoring import score_answers
from bot.content.loader import Content
from bot.scans import repository
from bot.scans.results import ScanReport, build_report
from bot.team import codes, wording
from bot.team import repository as teams
from bot.team.config import TeamSettings


@dataclass(frozen=True)
class CompletedScan:
    report: ScanReport
    matches: List[PathwayMatch]
    decision: ConsultationDecision
    completed_on: date
    team_code: Optional[str] = None  # shown as TEAM-..., when this conversation started a team
    team_status: Optional[str] = None  # "2 van de 3 collega's" or "klaar"


def complete_scan(
    session: Session,
    conversation_id: str,
    state: State,
    content: Content,
    team_settings: TeamSettings,
) -> CompletedScan:
    answers = interview.statement_answers(state, content)
    profile = interview.profile(state)
    result = score_answers(answers, content)
    matches = match_pathways(result, profile, answers, get_catalogue(), content)
    decision = decide_consultation(result, profile, answers, matches, False, content)
    scan = repository.save_scan(
        session,
        conversation_id,
        profile,
        answers,
        interview.open_answers(state, content),
        result,
        advice=to_record(matches, decision),
    )
    report = build_report(scan, repository.previous_scan(session, scan), content)
    completed = CompletedScan(report, matches, decision, scan.created_at.date())
    team = teams.open_team_of(session, conversation_id, team_settings)
    if team is None:
        return completed
    teams.attach_initiator_scan(session, team, scan)
    return replace(
        completed,
        team_code=codes.display(team.code),
        team_status=_team_status(len(team.responses), team_settings.min_respondents),
    )


def _team_status(respondents: int, needed: int) -> str:
    return wording.ready() if respondents >= needed else wording.status(respondents, needed)
