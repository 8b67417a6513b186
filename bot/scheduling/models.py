"""Tables for adviesgesprekken. Migration 0003_scheduling owns the schema; keep both in step.

No double booking is guaranteed by the database: `uq_consultations_booked_slot` is a unique
partial index on (advisor_id, starts_at) over booked consultations only, so a cancelled
consultation frees its slot and two sessions can never both book the same advisor and start.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import relationship

from bot.db.models import Base, UTCDateTime, utcnow

MODES = ("video", "op_locatie")
STATUSES = ("booked", "cancelled", "done")
OUTBOX_KINDS = (
    "booking_confirmation",
    "booking_cancellation",
    "booking_update",
    "handoff_summary",  # bot.handoff: a summary for advisors (e-mail or webhook)
    "privacy_notice",  # bot.privacy: an advisor is told a participant's details were removed
    "advisor_cancellation",  # an advisor is told the participant cancelled
    "booking_overview",  # the owner of an address gets its upcoming appointments (lookup)
)
# email: SMTP to `recipient`; webhook: body_text is JSON posted to HANDOFF_WEBHOOK_URL.
OUTBOX_CHANNELS = ("email", "webhook")
# pending: still to send (maybe after a failure); sent: accepted by the SMTP server;
# local: no SMTP configured, kept for the portal (never pretends to be e-mailed);
# failed: gave up after mail.MAX_ATTEMPTS tries.
OUTBOX_STATUSES = ("pending", "sent", "local", "failed")

BOOKED_ONLY = "status = 'booked'"


class Advisor(Base):
    """A DEN advisor who can hold adviesgesprekken."""

    __tablename__ = "advisors"

    id = Column(Integer, primary_key=True)
    name = Column(String(100), nullable=False)
    email = Column(String(254), nullable=False, unique=True)
    expertise = Column(JSON, nullable=False, default=list)  # component ids (COMPONENT_IDS)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)

    working_hours = relationship(
        "WorkingHours",
        cascade="all, delete-orphan",
        order_by="(WorkingHours.weekday, WorkingHours.start_time)",
    )


class WorkingHours(Base):
    """One block of working time on a weekday, local Amsterdam time ("09:00" to "17:00")."""

    __tablename__ = "working_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="ck_working_hours_weekday"),
        CheckConstraint("start_time < end_time", name="ck_working_hours_order"),
    )

    id = Column(Integer, primary_key=True)
    advisor_id = Column(
        Integer, ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    weekday = Column(SmallInteger, nullable=False)  # 0 = Monday .. 6 = Sunday
    start_time = Column(String(5), nullable=False)  # "HH:MM"
    end_time = Column(String(5), nullable=False)  # "HH:MM"


class Absence(Base):
    """A period an advisor is not available (holiday, sick, conference). Aware UTC."""

    __tablename__ = "absences"
    __table_args__ = (CheckConstraint("starts_at < ends_at", name="ck_absences_order"),)

    id = Column(Integer, primary_key=True)
    advisor_id = Column(
        Integer, ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    start = Column("starts_at", UTCDateTime, nullable=False)
    end = Column("ends_at", UTCDateTime, nullable=False)
    reason = Column(Text)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)


class Consultation(Base):
    """A booked adviesgesprek. `reference` is the code the user quotes to cancel or move it."""

    __tablename__ = "consultations"
    __table_args__ = (
        Index(
            "uq_consultations_booked_slot",
            "advisor_id",
            "starts_at",
            unique=True,
            sqlite_where=text(BOOKED_ONLY),
            postgresql_where=text(BOOKED_ONLY),
        ),
        CheckConstraint("mode IN ('video', 'op_locatie')", name="ck_consultations_mode"),
        CheckConstraint(
            "status IN ('booked', 'cancelled', 'done')", name="ck_consultations_status"
        ),
        CheckConstraint("starts_at < ends_at", name="ck_consultations_order"),
    )

    id = Column(Integer, primary_key=True)
    reference = Column(String(24), nullable=False, unique=True)  # "DEN-7K3M-9QAB-X4TZ"
    advisor_id = Column(Integer, ForeignKey("advisors.id"), nullable=False, index=True)
    start = Column("starts_at", UTCDateTime, nullable=False, index=True)
    end = Column("ends_at", UTCDateTime, nullable=False)
    mode = Column(String(12), nullable=False)
    organisation = Column(String(120), nullable=False)
    contact_name = Column(String(100), nullable=False)
    contact_email = Column(String(254), nullable=False, index=True)
    contact_phone = Column(String(20))
    topic = Column(Text, nullable=False)
    status = Column(String(12), nullable=False, default="booked")
    scan_public_id = Column(
        String(32), ForeignKey("scans.public_id", ondelete="SET NULL"), nullable=True
    )
    consent = Column(Boolean, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    cancelled_at = Column(UTCDateTime)
    sequence = Column(Integer, nullable=False, default=0)  # .ics SEQUENCE, +1 per change
    # Optimistic lock: every UPDATE checks the version it read, so two racing changes (cancel
    # and move, move and mark done) never both win; the loser gets StaleDataError.
    version = Column(Integer, nullable=False, default=1, server_default="1")

    advisor = relationship("Advisor")

    __mapper_args__ = {"version_id_col": version}


class OutboxMessage(Base):
    """An e-mail to send. Written in the same transaction as the change it reports."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "status", "next_attempt_at"),)

    id = Column(Integer, primary_key=True)
    kind = Column(String(40), nullable=False)
    recipient = Column(String(254), nullable=False)
    subject = Column(String(200), nullable=False)
    body_text = Column(Text, nullable=False)
    body_html = Column(Text, nullable=False)
    ics = Column(Text)
    status = Column(String(10), nullable=False, default="pending")
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(UTCDateTime)
    last_error = Column(String(200))  # exception class and code only, never an address
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    sent_at = Column(UTCDateTime)
    consultation_id = Column(
        Integer, ForeignKey("consultations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    channel = Column(String(10), nullable=False, default="email", server_default="email")
    summary_id = Column(
        Integer, ForeignKey("handoff_summaries.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # The same Message-ID on every attempt, so a duplicate after a crash can be recognised.
    message_id = Column(String(200))
    # A worker that took the message sends it before this moment; after it, another may retry.
    claimed_until = Column(UTCDateTime)


# The handoff tables are referenced above (summary_id): register them with the same metadata.
from bot.db import idempotency as _idempotency  # noqa: E402, F401
from bot.handoff import models as _handoff_models  # noqa: E402, F401
