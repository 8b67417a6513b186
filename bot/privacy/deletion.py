"""'Verwijder mijn gegevens': wipe what one conversation left in the application database.

- completed scans and saved scan progress of the conversation: deleted;
- consultations booked in the conversation: anonymised (name, e-mail and phone removed; the
  status and the time stay, so the advisor's calendar is not silently broken), their e-mails
  deleted from the outbox, and the advisor told by e-mail;
- handoff summaries, call-back requests and team answers: deleted (`linked`);
- a DeletionRequest row remembers, with counts only, that the conversation's events in Rasa's
  tracker store still have to go once the confirmation turn is stored (`purge`).
Everything here happens in the caller's transaction: all of it, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, Iterable, List, Optional, Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.db.models import Scan, ScanProgress, utcnow
from bot.privacy import linked
from bot.privacy.models import DeletionRequest
from bot.scheduling.models import Consultation, OutboxMessage
from bot.scheduling.notifications import queue_advisor_notice

REMOVED_NAME = "[verwijderd]"
REMOVED_EMAIL = ""  # no address: nothing can be sent to it, and no lookup can match it


@dataclass(frozen=True)
class KeptConsultation:
    """A booked consultation that stays in the calendar without contact details."""

    reference: str
    start: datetime


@dataclass
class DeletionReport:
    request_id: int
    counts: Dict[str, int] = field(default_factory=dict)
    kept_consultations: List[KeptConsultation] = field(default_factory=list)


def forget_conversation(
    session: Session,
    conversation_id: str,
    booking_references: Iterable[str],
    turn_after: float,
    now: Optional[datetime] = None,
) -> DeletionReport:
    """Delete or anonymise everything linked to the conversation; queue the tracker purge."""
    now = now or utcnow()
    counts: Dict[str, int] = {}
    counts.update(_forget_scans(session, conversation_id))
    consultations = _consultations(session, booking_references)
    kept = [
        KeptConsultation(c.reference, c.start)
        for c in consultations
        if c.status == "booked" and c.start > now
    ]
    counts.update(anonymise_consultations(session, consultations, notify=True))
    consultation_ids = [c.id for c in consultations]
    counts.update(linked.forget_conversation(session, conversation_id, consultation_ids))
    request = DeletionRequest(
        conversation_id=conversation_id,
        requested_at=now,
        turn_after=turn_after,
        summary={key: value for key, value in counts.items() if value},
    )
    session.add(request)
    session.flush()
    return DeletionReport(request.id, counts, kept)


def anonymise_consultations(
    session: Session, consultations: Sequence[Consultation], *, notify: bool
) -> Dict[str, int]:
    """Remove contact details (and the e-mails that carry them); keep time and status.

    With `notify`, the advisor of every still-booked consultation gets a short e-mail.
    """
    ids = [c.id for c in consultations]
    if not ids:
        return {"consultations_anonymised": 0, "consultation_messages": 0}
    messages = session.execute(
        delete(OutboxMessage)
        .where(OutboxMessage.consultation_id.in_(ids))
        .execution_options(synchronize_session=False)
    ).rowcount
    for consultation in consultations:
        consultation.contact_name = REMOVED_NAME
        consultation.contact_email = REMOVED_EMAIL
        consultation.contact_phone = None
        if notify and consultation.status == "booked":
            queue_advisor_notice(session, consultation, "privacy_notice")
    session.flush()
    return {"consultations_anonymised": len(ids), "consultation_messages": messages}


def _forget_scans(session: Session, conversation_id: str) -> Dict[str, int]:
    public_ids = list(
        session.execute(
            select(Scan.public_id).where(Scan.conversation_id == conversation_id)
        ).scalars()
    )
    return {
        "scans": delete_scans(session, public_ids),
        "scan_progress": session.execute(
            delete(ScanProgress).where(ScanProgress.conversation_id == conversation_id)
        ).rowcount,
    }


def delete_scans(session: Session, public_ids: Sequence[str]) -> int:
    """Delete scans; a consultation that pointed at one keeps its booking, without the link."""
    if not public_ids:
        return 0
    session.execute(
        update(Consultation)
        .where(Consultation.scan_public_id.in_(list(public_ids)))
        .values(scan_public_id=None)
        .execution_options(synchronize_session=False)
    )
    return session.execute(
        delete(Scan)
        .where(Scan.public_id.in_(list(public_ids)))
        .execution_options(synchronize_session=False)
    ).rowcount


def _consultations(session: Session, references: Iterable[str]) -> List[Consultation]:
    wanted = sorted({str(r).strip().upper() for r in references if r})
    if not wanted:
        return []
    return list(
        session.execute(
            select(Consultation).where(
                Consultation.reference.in_(wanted), Consultation.contact_name != REMOVED_NAME
            )
        ).scalars()
    )
