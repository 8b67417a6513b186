"""Resume codes: pause a scan here, continue it on another device or channel.

A code is 59 bits (`bot.codes`), shown as "7K3M-9QAB-X4TZ", and lives as long as the saved scan
(retention deletes saved scans after the scan retention period). Wrong tries are limited per
conversation (`bot.db.attempts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import codes
from bot.db import attempts
from bot.db.models import ScanProgress, utcnow

new_code = codes.new_code
display = codes.grouped


def find_code(text: str) -> Optional[str]:
    """The first resume code in a message, in its stored form, or None."""
    return codes.find_code(text)


def save(session: Session, conversation_id: str, state: dict) -> str:
    """Save the scan state of a conversation; a conversation keeps one code (returned grouped)."""
    row = session.execute(
        select(ScanProgress).where(ScanProgress.conversation_id == conversation_id)
    ).scalar_one_or_none()
    if row is None:
        row = ScanProgress(conversation_id=conversation_id, code=_unused_code(session), state=state)
        session.add(row)
    else:
        row.state = state
        row.updated_at = utcnow()
    session.flush()
    return display(row.code)


def load(session: Session, code: str) -> Optional[dict]:
    row = session.execute(
        select(ScanProgress).where(ScanProgress.code == (find_code(code) or code.upper()))
    ).scalar_one_or_none()
    return dict(row.state) if row else None


@dataclass(frozen=True)
class Resumed:
    """state: the saved scan, or None (unknown code, or `blocked`: too many wrong codes)."""

    state: Optional[dict]
    blocked: bool = False


def resume(session: Session, code: str, conversation_id: str) -> Resumed:
    """The scan saved under a code; wrong codes count against the conversation."""
    if attempts.blocked(session, "resume", conversation_id):
        return Resumed(None, blocked=True)
    state = load(session, code)
    if state is None:
        attempts.record_wrong(session, "resume", conversation_id)
    return Resumed(state)


def _unused_code(session: Session) -> str:
    while True:
        code = new_code()
        taken = session.execute(select(ScanProgress.id).where(ScanProgress.code == code)).first()
        if taken is None:
            return code
