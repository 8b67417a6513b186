"""Everything stored about one person, found by e-mail address (for an advisor, on request).

Found through the e-mail address: consultations booked with it and their e-mails; the
conversations in which it was typed (the `contact_email` slot in Rasa's tracker store) with
their transcript, scans and saved progress; and what other packages keep (`linked`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, Optional

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.models import Scan, ScanProgress, utcnow
from bot.privacy import linked, tracker_events
from bot.scheduling.models import Advisor, Consultation, OutboxMessage

EMAIL_SLOT = "contact_email"


def export_user(session: Session, email: str, tracker: Optional[Engine] = None) -> Dict[str, Any]:
    email = email.strip().lower()
    tracker = tracker or tracker_events.get_tracker_engine()
    with tracker.connect() as connection:
        conversation_ids = tracker_events.conversations_with_slot_value(
            connection, EMAIL_SLOT, [email]
        )
        transcripts = {cid: tracker_events.transcript(connection, cid) for cid in conversation_ids}
    consultations = list(
        session.execute(
            select(Consultation, Advisor.name)
            .join(Advisor, Advisor.id == Consultation.advisor_id)
            .where(func.lower(Consultation.contact_email) == email)
            .order_by(Consultation.start)
        ).all()
    )
    scan_links = [c.scan_public_id for c, _ in consultations if c.scan_public_id]
    scan_filter = [Scan.public_id.in_(scan_links)] if scan_links else []
    if conversation_ids:
        scan_filter.append(Scan.conversation_id.in_(conversation_ids))
    scans = (
        list(session.execute(select(Scan).where(or_(*scan_filter))).scalars())
        if scan_filter
        else []
    )
    progress = (
        list(
            session.execute(
                select(ScanProgress).where(ScanProgress.conversation_id.in_(conversation_ids))
            ).scalars()
        )
        if conversation_ids
        else []
    )
    messages = session.execute(
        select(OutboxMessage)
        .where(func.lower(OutboxMessage.recipient) == email)
        .order_by(OutboxMessage.created_at)
    ).scalars()
    return {
        "e-mail": email,
        "geexporteerd_op": utcnow().isoformat(),
        "adviesgesprekken": [_consultation(c, name) for c, name in consultations],
        "e-mails": [_message(m) for m in messages],
        "gesprekken": [
            {
                "gesprek": cid,
                "berichten": [
                    {**line, "timestamp": _when(line["timestamp"])} for line in transcripts[cid]
                ],
            }
            for cid in conversation_ids
        ],
        "scans": [_scan(s) for s in scans],
        "gepauzeerde_scans": [
            {"code": p.code, "bijgewerkt": _iso(p.updated_at), "stand": p.state} for p in progress
        ],
        **linked.export_email(session, email, conversation_ids),
    }


def _consultation(c: Consultation, advisor: str) -> Dict[str, Any]:
    return {
        "code": c.reference,
        "begin": _iso(c.start),
        "einde": _iso(c.end),
        "status": c.status,
        "vorm": c.mode,
        "adviseur": advisor,
        "organisatie": c.organisation,
        "naam": c.contact_name,
        "e-mail": c.contact_email,
        "telefoon": c.contact_phone,
        "onderwerp": c.topic,
        "toestemming": c.consent,
        "scan": c.scan_public_id,
        "aangemaakt": _iso(c.created_at),
    }


def _message(m: OutboxMessage) -> Dict[str, Any]:
    return {
        "soort": m.kind,
        "onderwerp": m.subject,
        "status": m.status,
        "aangemaakt": _iso(m.created_at),
        "verstuurd": _iso(m.sent_at),
        "tekst": m.body_text,
    }


def _scan(s: Scan) -> Dict[str, Any]:
    return {
        "id": s.public_id,
        "gemaakt": _iso(s.created_at),
        "organisatie": s.organisation,
        "type": s.institution_type,
        "grootte": s.size_class,
        "rol": s.role,
        "financiering": s.funding,
        "antwoorden": s.answers,
        "open_antwoorden": s.open_answers,
        "scores": s.scores,
        "niveau": s.overall_level,
    }


def _iso(value: Optional[datetime]) -> Optional[str]:
    return value.isoformat() if value else None


def _when(timestamp: Optional[float]) -> Optional[str]:
    if timestamp is None:
        return None
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).isoformat()
