"""Completed scans: store one, fetch one for the results page, find the previous one."""

from __future__ import annotations

import secrets
from typing import Dict, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.assessment.profile import Profile
from bot.assessment.scoring import ScanResult, score_answers
from bot.content import get_content
from bot.db.models import Scan
from bot.text import normalise


def organisation_key(name: Optional[str]) -> Optional[str]:
    return normalise(name)[:120] if name and normalise(name) else None


def save_scan(
    session: Session,
    conversation_id: str,
    profile: Profile,
    answers: Dict[str, Optional[int]],
    open_answers: Dict[str, str],
    result: ScanResult,
    advice: Optional[dict] = None,
) -> Scan:
    scan = Scan(
        public_id=secrets.token_hex(12),
        conversation_id=conversation_id,
        **profile.fields(),
        organisation_key=organisation_key(profile.organisation),
        answers=dict(answers),
        open_answers=dict(open_answers),
        scores={c.component: c.mean for c in result.components},
        overall_mean=result.overall_mean,
        overall_level=result.overall_level.name if result.overall_level else None,
        advice=advice,
    )
    session.add(scan)
    session.flush()
    return scan


def get_scan(session: Session, public_id: str) -> Optional[Scan]:
    return session.execute(select(Scan).where(Scan.public_id == public_id)).scalar_one_or_none()


def previous_scan(session: Session, scan: Scan) -> Optional[Scan]:
    """The latest earlier scan of the same organisation (by normalised name)."""
    if not scan.organisation_key:
        return None
    return session.execute(
        select(Scan)
        .where(Scan.organisation_key == scan.organisation_key, Scan.id != scan.id)
        .where(Scan.created_at <= scan.created_at)
        .order_by(Scan.created_at.desc(), Scan.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def weakest_component(session: Session, public_id: str) -> Optional[str]:
    """The weakest scored component of a stored scan (to match an advisor's expertise)."""
    scan = get_scan(session, public_id)
    return score_answers(scan.answers, get_content()).weakest if scan else None
