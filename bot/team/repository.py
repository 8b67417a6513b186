"""Storing team scans: create a team, find it by code, record colleagues' answers."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Dict, List, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.assessment.profile import Profile
from bot.content.loader import Content
from bot.db import attempts
from bot.db.models import Scan, utcnow
from bot.scans.repository import organisation_key
from bot.team import codes
from bot.team.config import TeamSettings
from bot.team.models import Team, TeamResponse
from bot.team.profile import Respondent, build_team_profile

PROFILE_FIELDS = tuple(f for f in Profile.__dataclass_fields__ if f != "role")
MAX_CODE_TRIES = 20


def create_team(session: Session, conversation_id: str, scan: Optional[Scan] = None) -> Team:
    """A new team for this conversation; with a completed scan, its profile and answers count."""
    team = Team(
        code=_unused_code(session),
        public_id=secrets.token_hex(12),
        initiator_conversation_id=conversation_id,
    )
    session.add(team)
    session.flush()
    if scan is not None:
        attach_initiator_scan(session, team, scan)
    return team


def _unused_code(session: Session) -> str:
    for _ in range(MAX_CODE_TRIES):
        code = codes.new_code()
        if session.execute(select(Team.id).where(Team.code == code)).first() is None:
            return code
    raise RuntimeError("no free team code found")  # 31^6 codes: practically unreachable


def attach_initiator_scan(session: Session, team: Team, scan: Scan) -> TeamResponse:
    """The initiator's completed scan sets the team's profile and counts as a response."""
    for name in PROFILE_FIELDS:
        if getattr(team, name) is None:
            setattr(team, name, getattr(scan, name))
    if team.organisation_key is None:
        team.organisation_key = organisation_key(team.organisation)
    team.initiator_scan_id = scan.id
    return record_response(session, team, scan.conversation_id, scan.role, scan.answers, scan.id)


def record_response(
    session: Session,
    team: Team,
    conversation_id: str,
    role: Optional[str],
    answers: Mapping[str, Optional[int]],
    scan_id: Optional[int] = None,
) -> TeamResponse:
    """Store a colleague's answers; the same conversation answering again replaces them."""
    existing = _response(session, team, conversation_id)
    if existing is None:
        try:
            with session.begin_nested():
                existing = TeamResponse(
                    conversation_id=conversation_id,
                    role=role,
                    answers=dict(answers),
                    scan_id=scan_id,
                )
                team.responses.append(existing)
            return existing
        except IntegrityError:  # the same conversation submitted twice at once
            session.expire(team, ["responses"])
            existing = _response(session, team, conversation_id)
            if existing is None:
                raise
    existing.role = role
    existing.answers = dict(answers)
    if scan_id is not None:
        existing.scan_id = scan_id
    existing.updated_at = utcnow()
    session.flush()
    return existing


def _response(session: Session, team: Team, conversation_id: str) -> Optional[TeamResponse]:
    return session.execute(
        select(TeamResponse).where(
            TeamResponse.team_id == team.id, TeamResponse.conversation_id == conversation_id
        )
    ).scalar_one_or_none()


def is_open(team: Team, settings: TeamSettings, now: Optional[datetime] = None) -> bool:
    """A team accepts answers for `open_days` after it was started."""
    return (now or utcnow()) < team.created_at + timedelta(days=settings.open_days)


def open_team_of(session: Session, conversation_id: str, settings: TeamSettings) -> Optional[Team]:
    """The team this conversation started, while it still accepts answers."""
    team = latest_for_initiator(session, conversation_id)
    return team if team is not None and is_open(team, settings) else None


def find_by_code(session: Session, code: str) -> Optional[Team]:
    """The team with this code, written any way ("TEAM-7K3M-9QAB-X4TZ", "7k3m9qabx4tz")."""
    stored = codes.find_any_code(code) or code.upper().removeprefix(codes.PREFIX)
    return session.execute(select(Team).where(Team.code == stored)).scalar_one_or_none()


@dataclass(frozen=True)
class Joining:
    """kind: found (team set) | unknown | too_many_tries."""

    kind: str
    team: Optional[Team] = None


def find_for_joining(session: Session, code: str, conversation_id: str) -> Joining:
    """The team a colleague joins with a code; wrong codes count (`bot.db.attempts`)."""
    if attempts.blocked(session, "team", conversation_id):
        return Joining("too_many_tries")
    team = find_by_code(session, code)
    if team is None:
        attempts.record_wrong(session, "team", conversation_id)
        return Joining("unknown")
    return Joining("found", team)


def get_by_public_id(session: Session, public_id: str) -> Optional[Team]:
    return session.execute(select(Team).where(Team.public_id == public_id)).scalar_one_or_none()


def latest_for_initiator(session: Session, conversation_id: str) -> Optional[Team]:
    return session.execute(
        select(Team)
        .where(Team.initiator_conversation_id == conversation_id)
        .order_by(Team.created_at.desc(), Team.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def team_for_scan(session: Session, scan: Scan) -> Optional[Team]:
    """The team whose initiator's own scan this is, if any (for a link on the results page)."""
    return session.execute(
        select(Team).where(Team.initiator_scan_id == scan.id).limit(1)
    ).scalar_one_or_none()


def respondents(team: Team) -> List[Respondent]:
    return [Respondent(role=r.role, answers=dict(r.answers)) for r in team.responses]


def team_profile_fields(team: Team) -> Profile:
    return Profile(**{name: getattr(team, name) for name in PROFILE_FIELDS})


@dataclass(frozen=True)
class PreviousResult:
    """The organisation's previous result: a team profile or a single scan."""

    when: datetime
    scores: Dict[str, Optional[float]]
    kind: str  # "team" or "scan"


def previous_result(
    session: Session, team: Team, content: Content, settings: TeamSettings
) -> Optional[PreviousResult]:
    """The latest earlier result of the same organisation (by normalised name): an earlier team
    whose profile is visible, or else-if-newer a single scan. Scans that are part of this team or
    of that earlier team are represented by their team and not counted twice."""
    if not team.organisation_key:
        return None
    candidates: List[PreviousResult] = []
    skip_scans = {r.scan_id for r in team.responses if r.scan_id is not None}
    earlier = session.execute(
        select(Team)
        .where(Team.organisation_key == team.organisation_key, Team.id != team.id)
        .where(Team.created_at < team.created_at)
        .order_by(Team.created_at.desc(), Team.id.desc())
    ).scalars()
    for other in earlier:
        profile = build_team_profile(respondents(other), content, settings)
        if profile.visible:
            candidates.append(PreviousResult(other.created_at, profile.scores(), "team"))
            skip_scans |= {r.scan_id for r in other.responses if r.scan_id is not None}
            break
    query = (
        select(Scan)
        .where(Scan.organisation_key == team.organisation_key)
        .where(Scan.created_at < team.created_at)
        .order_by(Scan.created_at.desc(), Scan.id.desc())
        .limit(1)
    )
    if skip_scans:
        query = query.where(Scan.id.not_in(skip_scans))
    scan = session.execute(query).scalar_one_or_none()
    if scan is not None:
        candidates.append(PreviousResult(scan.created_at, dict(scan.scores), "scan"))
    return max(candidates, key=lambda c: c.when, default=None)
