"""The audit log: who signed in (or failed to), and who viewed or exported personal data.

One row per event: when, which advisor (None for a failed login with an unknown address), what
(`ACTIONS`), on what (`target`, e.g. "consultation:12"), and a hash of the client address (so
repeated attempts from one place can be seen without storing the address itself). No names,
e-mail addresses or passwords. Readable in the portal (/logboek); retention removes events
older than RETENTION_DAYS with everything else.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import List, Optional

from sqlalchemy import Column, ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Session

from bot.db.models import Base, UTCDateTime, utcnow

ACTIONS = {
    "login": "Ingelogd",
    "login_failed": "Inloggen mislukt",
    "login_throttled": "Inloggen geweigerd (te veel pogingen)",
    "logout": "Uitgelogd",
    "view_consultation": "Gesprek bekeken",
    "view_request": "Verzoek bekeken",
    "view_email": "E-mail bekeken",
    "export_consultations": "Gesprekken geëxporteerd (CSV)",
    "api_consultations": "Gesprekken opgehaald via de API",
}


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id = Column(Integer, primary_key=True)
    at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    advisor_id = Column(Integer, ForeignKey("advisors.id", ondelete="SET NULL"))
    action = Column(String(40), nullable=False)
    target = Column(String(80))
    address = Column(String(16))  # first 16 hex characters of SHA-256 of the client address


def address_hash(address: Optional[str]) -> Optional[str]:
    return hashlib.sha256(address.encode("utf-8")).hexdigest()[:16] if address else None


def record(
    session: Session,
    action: str,
    *,
    advisor_id: Optional[int] = None,
    target: Optional[str] = None,
    address: Optional[str] = None,
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    session.add(
        AuditEvent(
            action=action, advisor_id=advisor_id, target=target, address=address_hash(address)
        )
    )


def latest(session: Session, limit: int = 200) -> List[AuditEvent]:
    return list(
        session.execute(
            select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
        ).scalars()
    )


def forget_before(session: Session, cutoff: datetime) -> int:
    return session.execute(delete(AuditEvent).where(AuditEvent.at < cutoff)).rowcount
