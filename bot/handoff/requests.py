"""The use case "ask DEN for contact": a hand-over now (office hours) or a call-back later.

One transaction stores the request and its summary and queues the advisors' notice in the
outbox; the outbox worker sends it after the commit. Exactly once per idempotency key (a second
"ja" after a lost reply creates nothing new), and at most MAX_PER_DAY requests per conversation
in 24 hours, so nobody can flood the advisors from one conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Dict, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.idempotency import IdempotencyKey, once
from bot.db.models import utcnow
from bot.handoff import service
from bot.handoff.models import CallbackRequest

MAX_PER_DAY = 3
NO_QUESTION = "none"  # the callback form's answer "no particular question"


@dataclass(frozen=True)
class ContactDetails:
    name: str
    email: Optional[str]
    phone: Optional[str]
    organisation: Optional[str]
    question: Optional[str]


@dataclass(frozen=True)
class ContactOutcome:
    """kind: created | too_many."""

    kind: str
    request_id: Optional[int] = None
    replayed: bool = False


def ask_for_contact(
    session: Session,
    key: str,
    *,
    handover: bool,
    conversation_id: str,
    details: ContactDetails,
    scan_public_id: Optional[str] = None,
    scan_state: Optional[Dict[str, Any]] = None,
    now: Optional[datetime] = None,
) -> ContactOutcome:
    now = now or utcnow()

    def work() -> Dict[str, Any]:
        request = service.create_request(
            session,
            kind="handover" if handover else "callback",
            conversation_id=conversation_id,
            name=details.name,
            email=details.email,
            phone=details.phone,
            organisation=details.organisation,
            question=details.question,
            paused=handover,
        )
        service.create_request_summary(
            session, request, scan_public_id=scan_public_id, scan_state=scan_state, now=now
        )
        return {"request_id": request.id}

    stored = _stored_before(session, key)
    if not stored and _today(session, conversation_id, now) >= MAX_PER_DAY:
        return ContactOutcome("too_many")
    done = once(session, key, "contact", work)
    return ContactOutcome("created", done.result["request_id"], done.replayed)


def _today(session: Session, conversation_id: str, now: datetime) -> int:
    return int(
        session.execute(
            select(func.count(CallbackRequest.id)).where(
                CallbackRequest.conversation_id == conversation_id,
                CallbackRequest.created_at > now - timedelta(days=1),
            )
        ).scalar_one()
    )


def _stored_before(session: Session, key: str) -> bool:
    return session.get(IdempotencyKey, key) is not None
