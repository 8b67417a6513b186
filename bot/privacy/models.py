"""Bookkeeping for deletion requests and retention runs. Migration 0006_privacy owns the schema.

A deletion request keeps the conversation id only until the tracker store is cleaned for good
(`purge.CLOSE_AFTER`); after that the row is an anonymous record that a request was handled.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Float, Integer, String

from bot.db.models import Base, UTCDateTime, utcnow


class DeletionRequest(Base):
    """'Verwijder mijn gegevens' confirmed in a conversation."""

    __tablename__ = "deletion_requests"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(255), index=True)  # cleared once closed
    requested_at = Column(UTCDateTime, nullable=False, default=utcnow)
    # Rasa's timestamp of the newest event the action saw: the confirmation turn ends after it
    turn_after = Column(Float, nullable=False)
    tracker_cutoff = Column(Float)  # events at or before this moment are deleted
    tracker_purged_at = Column(UTCDateTime)
    closed_at = Column(UTCDateTime, index=True)
    summary = Column(JSON, nullable=False, default=dict)  # counts only, never contents


class RetentionRun(Base):
    """One run of the retention job: the cut-off date and how much it removed (counts only)."""

    __tablename__ = "retention_runs"

    id = Column(Integer, primary_key=True)
    started_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    cutoff = Column(UTCDateTime, nullable=False)
    retention_days = Column(Integer, nullable=False)
    counts = Column(JSON, nullable=False, default=dict)
