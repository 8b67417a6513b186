"""Portal accounts and sessions: argon2id password hashes, server-side sessions, lock-out.

- Passwords are hashed with argon2-cffi's PasswordHasher (argon2id, its default parameters)
  and re-hashed on login when those parameters change.
- A session is a random 256-bit token in an HttpOnly cookie; the database keeps only its
  SHA-256, so a copy of the database cannot be used to sign in. Each session has its own CSRF
  token for the forms.
- Wrong passwords never lock an account (anyone who knows an advisor's address could lock them
  out): the portal slows down the *address* they come from instead (bot.portal.throttle). An
  unknown e-mail address costs the same hashing time as a known one. Hashing runs in a worker
  thread, off the portal's event loop (bot.portal.auth).
- A session ends after IDLE_MINUTES without a request, and after PORTAL_SESSION_HOURS at most.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import utcnow
from bot.handoff.models import AdvisorAccount, PortalSession
from bot.scheduling import advisors
from bot.scheduling.models import Advisor

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
IDLE_MINUTES = 30
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """Input a staff member can correct; the message is Dutch."""


@dataclass(frozen=True)
class SignedIn:
    advisor_id: int
    advisor_name: str
    advisor_email: str
    csrf_token: str


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("Dat wachtwoord is te lang.")


def set_password(session: Session, email: str, password: str) -> Advisor:
    """Create or replace the portal login of an existing advisor."""
    check_password_rules(password)
    advisor = advisors.get_by_email(session, email)
    if advisor is None:
        raise AccountError(f"Geen adviseur gevonden met e-mailadres {email}.")
    account = _account(session, advisor.id)
    hashed = _hasher.hash(password)
    if account is None:
        session.add(AdvisorAccount(advisor_id=advisor.id, password_hash=hashed, failed_logins=0))
    else:
        account.password_hash = hashed
        account.failed_logins = 0
        account.locked_until = None
    session.execute(delete(PortalSession).where(PortalSession.advisor_id == advisor.id))
    session.flush()
    return advisor


def authenticate(
    session: Session, email: str, password: str, now: Optional[datetime] = None
) -> Optional[Advisor]:
    """The advisor when e-mail and password match an active account; else None."""
    now = now or utcnow()
    advisor = advisors.get_by_email(session, email) if email and len(email) <= 254 else None
    account = _account(session, advisor.id) if advisor is not None else None
    if account is None or not advisor.active or len(password) > MAX_PASSWORD_LENGTH:
        _verify(_DUMMY_HASH, password[:MAX_PASSWORD_LENGTH])  # same cost as a real check
        return None
    if not _verify(account.password_hash, password):
        account.failed_logins += 1  # shown to nobody; kept for the audit of an account
        session.flush()
        return None
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    account.failed_logins = 0
    account.locked_until = None
    account.last_login_at = now
    session.flush()
    return advisor


def start_session(
    session: Session, advisor: Advisor, hours: int, now: Optional[datetime] = None
) -> str:
    """A new session for this advisor; returns the token for the cookie (never stored)."""
    now = now or utcnow()
    session.execute(delete(PortalSession).where(PortalSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    session.add(
        PortalSession(
            token_hash=token_hash(token),
            advisor_id=advisor.id,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def signed_in(
    session: Session, token: Optional[str], now: Optional[datetime] = None
) -> Optional[SignedIn]:
    """Who this cookie belongs to, when the session is valid and the advisor still active."""
    if not token or len(token) > 100:
        return None
    now = now or utcnow()
    row = session.execute(
        select(PortalSession, Advisor)
        .join(Advisor, Advisor.id == PortalSession.advisor_id)
        .where(PortalSession.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None
    portal_session, advisor = row
    idle = now - portal_session.last_seen_at > timedelta(minutes=IDLE_MINUTES)
    if portal_session.expires_at <= now or idle or not advisor.active:
        session.delete(portal_session)
        return None
    portal_session.last_seen_at = now
    return SignedIn(advisor.id, advisor.name, advisor.email, portal_session.csrf_token)


def end_session(session: Session, token: Optional[str]) -> None:
    if token:
        session.execute(delete(PortalSession).where(PortalSession.token_hash == token_hash(token)))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_token(expected: Optional[str], given: Optional[str]) -> bool:
    return bool(expected and given) and secrets.compare_digest(str(expected), str(given))


def _account(session: Session, advisor_id: int) -> Optional[AdvisorAccount]:
    return session.execute(
        select(AdvisorAccount).where(AdvisorAccount.advisor_id == advisor_id)
    ).scalar_one_or_none()


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
