"""Attempt limits for codes people type (resume codes, team codes, booking codes).

Every wrong code is recorded with the conversation it came from (as a SHA-256 hash: sender ids
can be chat ids) and the kind of code. A conversation gets `MAX_WRONG` wrong codes per kind in
`WINDOW`; after that, lookups of that kind answer "too many tries" without looking, until the
oldest wrong try is older than the window. Together with the 59-bit codes (`bot.codes`) this puts
guessing out of reach; the channels' rate limits bound how many conversations one client opens.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import Column, Integer, String, delete, func, select
from sqlalchemy.orm import Session

from bot.db.models import Base, UTCDateTime, utcnow

MAX_WRONG = 5
WINDOW = timedelta(hours=1)
KINDS = ("resume", "team", "booking")


class CodeAttempt(Base):
    """One wrong code typed in a conversation."""

    __tablename__ = "code_attempts"

    id = Column(Integer, primary_key=True)
    kind = Column(String(20), nullable=False)
    subject = Column(String(64), nullable=False, index=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)


def _subject(conversation_id: str) -> str:
    return hashlib.sha256(conversation_id.encode("utf-8")).hexdigest()


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown code kind: {kind}")


def blocked(
    session: Session, kind: str, conversation_id: str, now: Optional[datetime] = None
) -> bool:
    """True when this conversation has used up its wrong tries for this kind of code."""
    _check(kind)
    since = (now or utcnow()) - WINDOW
    wrong = session.execute(
        select(func.count(CodeAttempt.id)).where(
            CodeAttempt.kind == kind,
            CodeAttempt.subject == _subject(conversation_id),
            CodeAttempt.created_at >= since,
        )
    ).scalar_one()
    return wrong >= MAX_WRONG


def record_wrong(
    session: Session, kind: str, conversation_id: str, now: Optional[datetime] = None
) -> None:
    _check(kind)
    session.add(
        CodeAttempt(kind=kind, subject=_subject(conversation_id), created_at=now or utcnow())
    )
    session.flush()


def forget_before(session: Session, cutoff: datetime) -> int:
    """Drop wrong tries older than `cutoff` (retention); returns how many."""
    return session.execute(delete(CodeAttempt).where(CodeAttempt.created_at < cutoff)).rowcount
