"""Tables for the advisor handoff and the portal. Migration 0004_handoff owns the schema.

- HandoffSummary: what an advisor reads before a consultation or a call-back (stored once,
  rendered to text and HTML; `data` is the structured form the JSON API returns).
- CallbackRequest: someone asked for a person; a hand-over (in office hours, the chat is
  paused) or a call-back request (outside office hours). Contact details only with consent.
- AdvisorAccount / PortalSession: portal logins (argon2 hashes) and server-side sessions
  (only a SHA-256 of the session token is stored).
Delivery of summaries goes through bot.scheduling's outbox (outbox_messages.summary_id).
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, CheckConstraint, Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from bot.db.models import Base, UTCDateTime, utcnow

SUMMARY_KINDS = ("booking", "handover", "callback")
REQUEST_KINDS = ("handover", "callback")
REQUEST_STATUSES = ("open", "done")


class CallbackRequest(Base):
    """Someone asked for a person: hand-over now (office hours) or a call-back later."""

    __tablename__ = "callback_requests"
    __table_args__ = (
        CheckConstraint("kind IN ('handover', 'callback')", name="ck_callback_requests_kind"),
        CheckConstraint("status IN ('open', 'done')", name="ck_callback_requests_status"),
    )

    id = Column(Integer, primary_key=True)
    kind = Column(String(10), nullable=False)
    status = Column(String(10), nullable=False, default="open")
    conversation_id = Column(String(255), nullable=False, index=True)
    name = Column(String(100), nullable=False)
    contact_email = Column(String(254))
    contact_phone = Column(String(20))
    organisation = Column(String(120))
    question = Column(Text)  # the user's own words: what they want to talk about
    consent = Column(Boolean, nullable=False)
    paused = Column(Boolean, nullable=False, default=False)  # the chat was paused for it
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    handled_at = Column(UTCDateTime)
    handled_by = Column(Integer, ForeignKey("advisors.id", ondelete="SET NULL"))


class HandoffSummary(Base):
    """One summary for advisors, as sent (text and HTML) and as data (for the API)."""

    __tablename__ = "handoff_summaries"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('booking', 'handover', 'callback')", name="ck_handoff_summaries_kind"
        ),
    )

    id = Column(Integer, primary_key=True)
    kind = Column(String(10), nullable=False)
    consultation_id = Column(
        Integer, ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    callback_id = Column(
        Integer, ForeignKey("callback_requests.id", ondelete="CASCADE"), index=True
    )
    conversation_id = Column(String(255), index=True)
    scan_public_id = Column(String(32), ForeignKey("scans.public_id", ondelete="SET NULL"))
    data = Column(JSON, nullable=False)
    subject = Column(String(200), nullable=False)
    body_text = Column(Text, nullable=False)
    body_html = Column(Text, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    deliveries = relationship("OutboxMessage", order_by="OutboxMessage.id", viewonly=True)


class AdvisorAccount(Base):
    """A portal login for one advisor (argon2id hash; locked for a while after failures)."""

    __tablename__ = "advisor_accounts"

    id = Column(Integer, primary_key=True)
    advisor_id = Column(
        Integer, ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    password_hash = Column(String(255), nullable=False)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(UTCDateTime)
    last_login_at = Column(UTCDateTime)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class PortalSession(Base):
    """A signed-in browser. The cookie holds a random token; we keep only its SHA-256."""

    __tablename__ = "portal_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    advisor_id = Column(
        Integer, ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    last_seen_at = Column(UTCDateTime, nullable=False, default=utcnow)
    expires_at = Column(UTCDateTime, nullable=False, index=True)
