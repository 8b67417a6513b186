"""Short resume codes: pause a scan here, continue it on another device or channel."""

from __future__ import annotations

import re
import secrets
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import ScanProgress, utcnow

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read out and type
LENGTH = 6
_CANDIDATE = re.compile(r"\b[A-Za-z0-9]{6}\b")


def new_code() -> str:
    """A random code with at least one letter and one digit (so it is never a plain word)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            return code


def find_code(text: str) -> Optional[str]:
    """The first thing in the text that looks like a resume code, upper-cased."""
    for candidate in _CANDIDATE.findall(text):
        upper = candidate.upper()
        if any(c.isdigit() for c in upper) and any(c.isalpha() for c in upper):
            return upper
    return None


def save(session: Session, conversation_id: str, state: dict) -> str:
    """Save the scan state of a conversation; a conversation keeps one code."""
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
    return row.code


def load(session: Session, code: str) -> Optional[dict]:
    row = session.execute(
        select(ScanProgress).where(ScanProgress.code == code.upper())
    ).scalar_one_or_none()
    return dict(row.state) if row else None


def _unused_code(session: Session) -> str:
    while True:
        code = new_code()
        taken = session.execute(select(ScanProgress.id).where(ScanProgress.code == code)).first()
        if taken is None:
            return code
