"""Tables for team scans. Migration 0005_team owns the schema; keep both in step.

A team belongs to the conversation that started it (the initiator). Colleagues' answers are
stored as team responses only, never as scans of their own, so a colleague's answers are never
mistaken for "the organisation's previous scan". The initiator's own completed scan is linked
from the team and from the initiator's response (scan_id), so aggregates count it once.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import relationship

from bot.db.models import Base, UTCDateTime, utcnow


class Team(Base):
    __tablename__ = "teams"

    id = Column(Integer, primary_key=True)
    code = Column(String(12), nullable=False, unique=True)  # shown as TEAM-<code>
    public_id = Column(String(32), nullable=False, unique=True)  # in the team page URL
    initiator_conversation_id = Column(String(255), nullable=False, index=True)
    initiator_scan_id = Column(Integer, ForeignKey("scans.id", ondelete="SET NULL"))
    organisation = Column(String(120))
    organisation_key = Column(String(120), index=True)
    institution_type = Column(String(40))
    size_class = Column(String(10))
    funding = Column(String(40))
    strategic_moment = Column(String(40))
    strategic_timing = Column(String(40))
    created_at = Column(UTCDateTime, nullable=False, default=utcnow, index=True)

    responses = relationship(
        "TeamResponse",
        back_populates="team",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="TeamResponse.id",
    )


class TeamResponse(Base):
    """One colleague's answers to the statements; one per conversation per team."""

    __tablename__ = "team_responses"
    __table_args__ = (
        UniqueConstraint("team_id", "conversation_id", name="uq_team_responses_conversation"),
    )

    id = Column(Integer, primary_key=True)
    team_id = Column(
        Integer, ForeignKey("teams.id", ondelete="CASCADE"), nullable=False, index=True
    )
    conversation_id = Column(String(255), nullable=False, index=True)
    role = Column(String(40))  # a role option value (questions.yml), or None when skipped
    answers = Column(JSON, nullable=False)  # statement id -> 1..5 or null ("weet ik niet")
    scan_id = Column(Integer, ForeignKey("scans.id", ondelete="SET NULL"))  # the initiator's scan
    created_at = Column(UTCDateTime, nullable=False, default=utcnow)
    updated_at = Column(UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    team = relationship("Team", back_populates="responses")
