"""Book, find, cancel and move adviesgesprekken. No double booking, nothing half-written.

Two layers stop a double booking:
1. before writing, the slot must still be free by every availability rule (working hours,
   holidays, absences, no overlap with a booked consultation of that advisor);
2. the database guarantee: the unique partial index on (advisor_id, starts_at) over booked
   consultations. Two sessions that both pass step 1 at the same moment cannot both commit:
   the insert (or update) runs in a SAVEPOINT, the loser's IntegrityError rolls back only that
   savepoint and becomes SlotTaken, and the caller's other work in the session stays intact.
Slots all start on the whole hour with one length, so while CONSULTATION_MINUTES <= 60 equal
starts are the only way two bookings of one advisor can collide, and the index covers exactly
that. Longer conversations would overlap the next hour's slot, which only step 1 catches.

These functions never commit: the caller's unit of work (session_scope) does, so a booking and
its confirmation e-mail in the outbox land together.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Union

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import codes
from bot.db.models import Scan, utcnow
from bot.scheduling.availability import consultation_length, free_slots, is_free
from bot.scheduling.contact import check_email, clean_name, normalise_phone
from bot.scheduling.models import MODES, Consultation
from bot.scheduling.slots import AMSTERDAM

REFERENCE_PREFIX = "DEN-"
# "DEN-7K3M-9QAB-X4TZ" (59 bits, bot.codes); the prefix may be left out or written "den 7k3m..."
_REFERENCE_IN_TEXT = re.compile(
    r"(?=(?<![A-Za-z0-9])(?:DEN[\s\-_]?)?" + codes.CODE_PATTERN + r"(?![A-Za-z0-9]))",
    re.IGNORECASE,
)
# Codes sent before 2026-12 were "DEN-" + 6 characters; they still find their booking, which
# always takes the e-mail address as well (bot.scheduling.service.find_own).
_LEGACY_REFERENCE = re.compile(r"\bDEN[\s\-_]?([A-Z0-9]{6})\b", re.IGNORECASE)


class BookingError(Exception):
    """Base class for booking problems the conversation can explain to the user."""


class SlotTaken(BookingError):
    """The slot is no longer free (someone else was just faster, or it never was free)."""


class NotBooked(BookingError):
    """The consultation is cancelled or done, so it cannot be cancelled or moved."""


class UnknownConsultation(BookingError):
    """No consultation with that reference."""


def new_reference() -> str:
    """A new code: "DEN-7K3M-9QAB-X4TZ"."""
    return REFERENCE_PREFIX + codes.grouped(codes.new_code())


def find_reference(text: str) -> Optional[str]:
    """The first booking code in a chat message ("den 7k3m 9qab x4tz" -> "DEN-7K3M-9QAB-X4TZ"),
    or None."""
    for match in _REFERENCE_IN_TEXT.finditer(text or ""):
        code = codes.canonical(match.groups())
        if code:
            return REFERENCE_PREFIX + codes.grouped(code)
    legacy = _LEGACY_REFERENCE.search(text or "")
    return REFERENCE_PREFIX + legacy.group(1).upper() if legacy else None


def book(
    session: Session,
    slot_start: datetime,
    advisor_id: int,
    *,
    organisation: str,
    contact_name: str,
    contact_email: str,
    contact_phone: Optional[str] = None,
    mode: str,
    topic: str,
    scan_public_id: Optional[str] = None,
    consent: bool,
    now: Optional[datetime] = None,
) -> Consultation:
    """Book one slot. Raises ValueError without consent or with bad input (the conversation
    checks contact details first with contact.py; this is the last line), SlotTaken when the
    slot is not (or no longer) free."""
    if consent is not True:
        raise ValueError("a booking needs the user's consent to store their contact details")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    if slot_start.tzinfo is None:
        raise ValueError("slot_start must be an aware datetime")
    if scan_public_id is not None and not _scan_exists(session, scan_public_id):
        raise ValueError("unknown scan_public_id")
    contact = _checked_contact(organisation, contact_name, contact_email, contact_phone, topic)
    now = now or utcnow()
    if not is_free(session, advisor_id, slot_start, now):
        raise SlotTaken()
    start = slot_start.astimezone(timezone.utc)
    consultation = Consultation(
        reference=_unused_reference(session),
        advisor_id=advisor_id,
        start=start,
        end=start + consultation_length(),
        mode=mode,
        **contact,
        status="booked",
        scan_public_id=scan_public_id,
        consent=True,
        sequence=0,
    )
    try:
        with session.begin_nested():
            session.add(consultation)
            session.flush()
    except IntegrityError:
        # the savepoint is rolled back: the row is gone, the session's other work stays
        if _booked_at(session, advisor_id, start):
            raise SlotTaken() from None
        raise
    return consultation


def book_first_free(
    session: Session,
    slot_start: datetime,
    *,
    component: Optional[str] = None,
    now: Optional[datetime] = None,
    **details: Any,
) -> Consultation:
    """The user picked a time: book it with the best advisor still free then.

    Tries the advisors free at that start in availability order (experts for `component`
    first); SlotTaken only when none of them can take it any more.
    """
    now = now or utcnow()
    on_date = slot_start.astimezone(AMSTERDAM).date()
    candidates = [
        slot
        for slot in free_slots(session, now, component=component, on_date=on_date)
        if slot.start == slot_start
    ]
    for slot in candidates:
        try:
            return book(session, slot_start, slot.advisor_id, now=now, **details)
        except SlotTaken:
            continue
    raise SlotTaken()


def find_consultations(
    session: Session,
    reference: Optional[str] = None,
    email: Optional[str] = None,
    *,
    now: Optional[datetime] = None,
) -> List[Consultation]:
    """Upcoming booked consultations by code and/or e-mail address (case-insensitive)."""
    if not reference and not email:
        return []
    query = select(Consultation).where(
        Consultation.status == "booked", Consultation.start > (now or utcnow())
    )
    if reference:
        query = query.where(Consultation.reference == normalise_reference(reference))
    if email:
        query = query.where(func.lower(Consultation.contact_email) == email.strip().lower())
    return list(session.execute(query.order_by(Consultation.start)).scalars())


def cancel(session: Session, reference_or_consultation: Union[str, Consultation]) -> Consultation:
    """Cancel a booked consultation. Its slot is free again at once (the index covers booked)."""
    consultation = _resolve(session, reference_or_consultation)
    if consultation.status != "booked":
        raise NotBooked()
    moment = utcnow()
    consultation.status = "cancelled"
    consultation.cancelled_at = moment
    consultation.updated_at = moment
    consultation.sequence += 1
    session.flush()
    return consultation


def mark_done(session: Session, consultation_id: int) -> Optional[Consultation]:
    """An advisor marks a booked consultation as held; None when there is no such row."""
    consultation = session.execute(
        select(Consultation).where(Consultation.id == consultation_id).with_for_update()
    ).scalar_one_or_none()
    if consultation is not None and consultation.status == "booked":
        consultation.status = "done"
        consultation.updated_at = utcnow()
        session.flush()
    return consultation


def reschedule(
    session: Session,
    consultation: Union[str, Consultation],
    new_start: datetime,
    advisor_id: Optional[int] = None,
    *,
    now: Optional[datetime] = None,
) -> Consultation:
    """Move a booked consultation (same reference, SEQUENCE + 1). Atomic: on SlotTaken the
    consultation keeps its old time and advisor."""
    consultation = _resolve(session, consultation)
    if consultation.status != "booked":
        raise NotBooked()
    if new_start.tzinfo is None:
        raise ValueError("new_start must be an aware datetime")
    advisor_id = advisor_id or consultation.advisor_id
    now = now or utcnow()
    if not is_free(session, advisor_id, new_start, now, ignore_consultation_id=consultation.id):
        raise SlotTaken()
    start = new_start.astimezone(timezone.utc)
    try:
        with session.begin_nested():
            consultation.advisor_id = advisor_id
            consultation.start = start
            consultation.end = start + consultation_length()
            consultation.sequence += 1
            consultation.updated_at = utcnow()
            session.flush()
    except IntegrityError:
        # the savepoint rollback expires the object: it reloads its old time and advisor
        if _booked_at(session, advisor_id, start):
            raise SlotTaken() from None
        raise
    return consultation


def reschedule_first_free(
    session: Session,
    consultation: Union[str, Consultation],
    new_start: datetime,
    *,
    now: Optional[datetime] = None,
) -> Consultation:
    """The user picked a new time: keep the same advisor when free, else the next free one."""
    consultation = _resolve(session, consultation)
    now = now or utcnow()
    on_date = new_start.astimezone(AMSTERDAM).date()
    others = [
        slot.advisor_id
        for slot in free_slots(session, now, on_date=on_date)
        if slot.start == new_start and slot.advisor_id != consultation.advisor_id
    ]
    for advisor_id in [consultation.advisor_id, *others]:
        try:
            return reschedule(session, consultation, new_start, advisor_id, now=now)
        except SlotTaken:
            continue
    raise SlotTaken()


def _resolve(session: Session, value: Union[str, Consultation]) -> Consultation:
    if isinstance(value, Consultation):
        return value
    # FOR UPDATE (PostgreSQL): a racing cancel, move or mark-done waits for this transaction
    # and then reads its result; the version column catches what slips through elsewhere.
    found = session.execute(
        select(Consultation)
        .where(Consultation.reference == normalise_reference(value))
        .with_for_update()
    ).scalar_one_or_none()
    if found is None:
        raise UnknownConsultation()
    return found


def normalise_reference(text: str) -> str:
    return find_reference(text) or text.strip().upper()


def _checked_contact(
    organisation: str, name: str, email: str, phone: Optional[str], topic: str
) -> Dict[str, Optional[str]]:
    """Cleaned contact fields; ValueError naming the field (never its value: personal data)."""
    checked_email = check_email(email)
    cleaned = {
        "organisation": clean_name(organisation, max_length=120),
        "contact_name": clean_name(name),
        "contact_email": checked_email.normalized if checked_email.ok else None,
        "contact_phone": normalise_phone(phone) if phone else None,
        "topic": topic.strip() or None,
    }
    for field, value in cleaned.items():
        if value is None and (field != "contact_phone" or phone):
            raise ValueError(f"invalid {field}")
    return cleaned


def _unused_reference(session: Session) -> str:
    while True:
        reference = new_reference()
        taken = session.execute(
            select(Consultation.id).where(Consultation.reference == reference)
        ).first()
        if taken is None:
            return reference


def _booked_at(session: Session, advisor_id: int, start: datetime) -> bool:
    found = session.execute(
        select(Consultation.id).where(
            Consultation.advisor_id == advisor_id,
            Consultation.start == start,
            Consultation.status == "booked",
        )
    ).first()
    return found is not None


def _scan_exists(session: Session, public_id: str) -> bool:
    return session.execute(select(Scan.id).where(Scan.public_id == public_id)).first() is not None
