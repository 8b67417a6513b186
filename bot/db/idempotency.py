"""Exactly-once use cases: a key per request, stored in the same transaction as its effect.

A use case that must not happen twice (book, move, cancel, hand over, call back) runs through
`once(session, key, operation, work)`. The first call claims the key in a SAVEPOINT, runs
`work()` and stores its JSON-able result with the key; the caller's commit writes both. A repeat
of the same key (a lost reply, a retried action call, a second "ja") finds the stored result and
returns it without running `work()` again. Two concurrent calls with one key cannot both commit:
the primary key makes the second insert wait (PostgreSQL) or fail, and it then reads the first
call's result.

When `work()` raises, nothing is stored (the caller's transaction rolls back), so a failed
attempt can be retried with the same key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, Optional

from sqlalchemy import JSON, Column, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db.models import Base, UTCDateTime, utcnow

MAX_KEY_CHARS = 200
Result = Dict[str, Any]


class IdempotencyKey(Base):
    """One request that ran: its key, the use case, and what it answered."""

    __tablename__ = "idempotency_keys"

    key = Column(String(MAX_KEY_CHARS), primary_key=True)
    operation = Column(String(40), nullable=False)
    result = Column(JSON, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)


@dataclass(frozen=True)
class Once:
    result: Result
    replayed: bool  # True: this key ran before; `result` is what it answered then


def make_key(*parts: object) -> str:
    """A key from its parts ("booking", conversation id, form run id); at most 200 characters."""
    key = "|".join(str(part) for part in parts)
    if len(key) > MAX_KEY_CHARS:
        raise ValueError("idempotency key too long")
    return key


def once(session: Session, key: str, operation: str, work: Callable[[], Result]) -> Once:
    """Run `work` once per key, in the caller's transaction; a repeat returns the first result."""
    stored = _stored(session, key)
    if stored is not None:
        return Once(stored, replayed=True)
    row = IdempotencyKey(key=key, operation=operation, result={})
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        # another transaction claimed the key and committed first: answer as it did
        stored = _stored(session, key)
        if stored is None:
            raise
        return Once(stored, replayed=True)
    result = work()
    row.result = dict(result)
    session.flush()
    return Once(result, replayed=False)


def forget_before(session: Session, cutoff: datetime) -> int:
    """Drop keys older than `cutoff` (retention); returns how many."""
    return int(
        session.execute(
            delete(IdempotencyKey)
            .where(IdempotencyKey.created_at < cutoff)
            .execution_options(synchronize_session=False)
        ).rowcount
        or 0
    )


def default_cutoff(now: Optional[datetime] = None, days: int = 30) -> datetime:
    return (now or utcnow()) - timedelta(days=days)


def _stored(session: Session, key: str) -> Optional[Result]:
    row = session.execute(
        select(IdempotencyKey.result).where(IdempotencyKey.key == key)
    ).scalar_one_or_none()
    return dict(row) if row is not None else None
