"""SQLAlchemy 1.4 models in the 2.0 style. Alembic migrations (migrations/) own the schema."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import declarative_base
from sqlalchemy.types import TypeDecorator

Base = declarative_base()


class UTCDateTime(TypeDecorator):
    """Always store UTC; always give back an aware datetime (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class ScanProgress(Base):
    """An unfinished scan saved under a short resume code (pause here, continue elsewhere)."""

    __tablename__ = "scan_progress"

    id = Column(Integer, primary_key=True)
    code = Column(String(12), nullable=False, unique=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    state = Column(JSON, nullable=False)
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class Scan(Base):
    """A completed scan: profile, answers, scores and when it was done."""

    __tablename__ = "scans"

    id = Column(Integer, primary_key=True)
    public_id = Column(String(32), nullable=False, unique=True)  # in result-page URLs
    conversation_id = Column(String(255), nullable=False, index=True)
    organisation = Column(String(120))
    organisation_key = Column(String(120), index=True)  # normalised, to find earlier scans
    institution_type = Column(String(40))
    size_class = Column(String(10))
    role = Column(String(40))
    funding = Column(String(40))
    strategic_moment = Column(String(40))
    strategic_timing = Column(String(40))
    answers = Column(JSON, nullable=False)  # statement id -> 1..5 or null ("weet ik niet")
    open_answers = Column(JSON, nullable=False)  # open question id -> the user's own words
    scores = Column(JSON, nullable=False)  # component id -> mean or null
    advice = Column(JSON)  # pathways shown and the consultation decision (bot.advice.presentation)
    overall_mean = Column(Float)
    overall_level = Column(String(20))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    notes = Column(Text)
