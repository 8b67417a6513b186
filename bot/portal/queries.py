"""Consultations for the portal pages, the CSV export and the JSON API (one query layer).

Times leave this module as aware datetimes in Europe/Amsterdam; the API writes them as ISO
8601 with their offset ("2026-11-26T10:00:00+01:00").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.handoff import service
from bot.handoff.models import HandoffSummary
from bot.handoff.summary import summarise
from bot.scheduling.models import STATUSES, Advisor, Consultation
from bot.scheduling.slots import AMSTERDAM

SUMMARY_FIELDS = (
    "profile",
    "scores",
    "overall",
    "weakest",
    "pathways",
    "strategic_moment",
    "own_words",
    "scan",
)


class FilterError(ValueError):
    """A filter value the caller can correct; the message is Dutch."""


@dataclass(frozen=True)
class Filters:
    start: Optional[datetime] = None  # inclusive
    end: Optional[datetime] = None  # exclusive
    advisor: Optional[str] = None  # an advisor id or e-mail address
    status: Optional[str] = None


def parse_moment(value: str, *, end: bool) -> datetime:
    """ "2026-11-26" (a whole local day; as `to` the day is included) or an ISO date-time with or
    without offset (without: Amsterdam time)."""
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            if end:
                day += timedelta(days=1)
            return datetime.combine(day, time(0), tzinfo=AMSTERDAM)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FilterError(
            f"'{value[:40]}' is geen datum. Gebruik JJJJ-MM-DD of een ISO 8601-tijd."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def parse_filters(args: Dict[str, Optional[str]]) -> Filters:
    status = (args.get("status") or "").strip() or None
    if status is not None and status not in STATUSES:
        raise FilterError(f"Onbekende status. Kies uit: {', '.join(STATUSES)}.")
    start = parse_moment(args["from"], end=False) if args.get("from") else None
    end = parse_moment(args["to"], end=True) if args.get("to") else None
    if start and end and start >= end:
        raise FilterError("'from' moet voor 'to' liggen.")
    advisor = (args.get("advisor") or "").strip() or None
    return Filters(start=start, end=end, advisor=advisor, status=status)


def consultations(session: Session, filters: Filters) -> List[Tuple[Consultation, Advisor]]:
    query = select(Consultation, Advisor).join(Advisor, Advisor.id == Consultation.advisor_id)
    if filters.start:
        query = query.where(Consultation.start >= filters.start)
    if filters.end:
        query = query.where(Consultation.start < filters.end)
    if filters.status:
        query = query.where(Consultation.status == filters.status)
    if filters.advisor:
        if filters.advisor.isdigit():
            query = query.where(Advisor.id == int(filters.advisor))
        else:
            query = query.where(func.lower(Advisor.email) == filters.advisor.lower())
    return [
        tuple(row) for row in session.execute(query.order_by(Consultation.start, Consultation.id))
    ]  # type: ignore[misc]


def summaries_of(session: Session, consultation_id: int) -> List[HandoffSummary]:
    """The consultation's summaries, newest first."""
    return list(
        session.execute(
            select(HandoffSummary)
            .where(HandoffSummary.consultation_id == consultation_id)
            .order_by(HandoffSummary.created_at.desc(), HandoffSummary.id.desc())
        ).scalars()
    )


def summary_data(session: Session, consultation: Consultation) -> Dict[str, Any]:
    """The latest stored summary, else one built now from the booking and its scan."""
    stored = summaries_of(session, consultation.id)
    if stored:
        return stored[0].data
    return summarise(service.booking_sources(session, consultation))


def local_iso(moment: Optional[datetime]) -> Optional[str]:
    return moment.astimezone(AMSTERDAM).isoformat() if moment else None


def to_api(session: Session, consultation: Consultation, advisor: Advisor) -> Dict[str, Any]:
    data = summary_data(session, consultation)
    return {
        "id": consultation.id,
        "reference": consultation.reference,
        "advisor": {"id": advisor.id, "name": advisor.name, "email": advisor.email},
        "start": local_iso(consultation.start),
        "end": local_iso(consultation.end),
        "mode": consultation.mode,
        "status": consultation.status,
        "organisation": consultation.organisation,
        "contact": {
            "name": consultation.contact_name,
            "email": consultation.contact_email,
            "phone": consultation.contact_phone,
        },
        "topic": consultation.topic,
        "summary": {key: data.get(key) for key in SUMMARY_FIELDS},
        "created_at": local_iso(consultation.created_at),
        "updated_at": local_iso(consultation.updated_at),
    }
