"""The booking use cases as services: book, move, cancel, and find one's own appointment.

Each service takes a session and plain values, does its work in that session's transaction and
returns a typed outcome; the caller (an action, via session_scope) commits. E-mails are only
written to the outbox here; the outbox worker sends them after the commit (bot.scheduling.mail),
so nothing is sent for a booking that is not committed and a slow SMTP server slows nobody.

Book, move and cancel are exactly once per idempotency key (bot.db.idempotency): the same
request again (a lost reply, a second "ja") books nothing new and answers with the same code.

Ownership: an appointment is managed only by whoever proves it is theirs: the conversation that
booked it, or someone who gives its code together with its e-mail address. An address alone
never reveals anything in chat; it sends the owner an overview by e-mail (at most
OVERVIEW_MAILS_PER_DAY a day per address).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, Iterable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from bot.db import attempts
from bot.db.idempotency import once
from bot.db.models import utcnow
from bot.handoff.service import summarise_booking
from bot.scheduling import booking as bookings
from bot.scheduling.models import Consultation, OutboxMessage
from bot.scheduling.notifications import (
    queue_advisor_notice,
    queue_consultation_mail,
    queue_overview_mail,
)
from bot.settings import Settings, get_settings


@dataclass(frozen=True)
class Contact:
    organisation: str
    name: str
    email: str
    phone: Optional[str]
    mode: str
    topic: str


@dataclass(frozen=True)
class BookingOutcome:
    """kind: booked | moved | cancelled | slot_taken | not_found | too_many_open."""

    kind: str
    reference: Optional[str] = None
    start: Optional[datetime] = None
    mail: str = "none"  # queued (SMTP configured) | local (no SMTP here) | none
    replayed: bool = False


@dataclass(frozen=True)
class Lookup:
    """kind: owned (reference set) | need_email | overview_sent | not_found | too_many_tries."""

    kind: str
    reference: Optional[str] = None
    start: Optional[datetime] = None


def book_consultation(
    session: Session,
    key: str,
    start: datetime,
    contact: Contact,
    *,
    component: Optional[str] = None,
    scan_public_id: Optional[str] = None,
    conversation_id: Optional[str] = None,
    settings: Optional[Settings] = None,
) -> BookingOutcome:
    """Book the first advisor free at `start`, queue the confirmation and the advisors' summary."""
    settings = settings or get_settings()
    if _open_bookings(session, contact.email) >= settings.max_open_bookings_per_email:
        return BookingOutcome("too_many_open")

    def work() -> Dict[str, Any]:
        consultation = bookings.book_first_free(
            session,
            start,
            component=component,
            organisation=contact.organisation,
            contact_name=contact.name,
            contact_email=contact.email,
            contact_phone=contact.phone,
            mode=contact.mode,
            topic=contact.topic,
            scan_public_id=scan_public_id,
            consent=True,
        )
        queue_consultation_mail(session, "booking_confirmation", consultation, settings)
        summarise_booking(session, consultation, conversation_id)
        return _result("booked", consultation)

    return _once(session, key, "book", work, settings)


def move_consultation(
    session: Session,
    key: str,
    reference: str,
    new_start: datetime,
    *,
    settings: Optional[Settings] = None,
) -> BookingOutcome:
    """Move an appointment the caller owns (checked before: see find_own) to `new_start`."""
    settings = settings or get_settings()

    def work() -> Dict[str, Any]:
        consultation = bookings.reschedule_first_free(session, reference, new_start)
        if consultation.contact_email:  # empty once anonymised on request
            queue_consultation_mail(session, "booking_update", consultation, settings)
        return _result("moved", consultation)

    return _once(session, key, "move", work, settings)


def cancel_consultation(
    session: Session, key: str, reference: str, *, settings: Optional[Settings] = None
) -> BookingOutcome:
    """Cancel an appointment the caller owns; mails the participant and the advisor."""
    settings = settings or get_settings()

    def work() -> Dict[str, Any]:
        consultation = bookings.cancel(session, reference)
        if consultation.contact_email:  # empty once anonymised on request
            queue_consultation_mail(session, "booking_cancellation", consultation, settings)
        queue_advisor_notice(session, consultation, "advisor_cancellation")
        return _result("cancelled", consultation)

    return _once(session, key, "cancel", work, settings)


def find_own(
    session: Session,
    *,
    reference: Optional[str],
    email: Optional[str],
    own_references: Iterable[str] = (),
    conversation_id: Optional[str] = None,
    now: Optional[datetime] = None,
    settings: Optional[Settings] = None,
) -> Lookup:
    """Which upcoming appointment may this conversation manage?

    - a code this conversation booked or moved, or a code with its e-mail address: that one;
    - a code alone: ask for the e-mail address as well;
    - an address alone: mail its owner an overview; say the same whether or not there is one.
    A conversation gets `attempts.MAX_WRONG` wrong code-and-address pairs an hour.
    """
    now = now or utcnow()
    own = {bookings.normalise_reference(code) for code in own_references if code}
    if reference:
        code = bookings.normalise_reference(reference)
        if code in own or email:
            if conversation_id and attempts.blocked(session, "booking", conversation_id, now):
                return Lookup("too_many_tries")
            found = bookings.find_consultations(session, reference=code, email=email, now=now)
            if found:
                return Lookup("owned", found[0].reference, found[0].start)
            if conversation_id:
                attempts.record_wrong(session, "booking", conversation_id, now)
            return Lookup("not_found")
        return Lookup("need_email", code)
    if email:
        send_overview(session, email, now=now, settings=settings)
        return Lookup("overview_sent")
    return Lookup("not_found")


def send_overview(
    session: Session,
    email: str,
    *,
    now: Optional[datetime] = None,
    settings: Optional[Settings] = None,
) -> bool:
    """Queue an overview of the upcoming appointments to their own address (quota per day)."""
    settings = settings or get_settings()
    now = now or utcnow()
    found = bookings.find_consultations(session, email=email, now=now)
    if not found or _overviews_today(session, found[0].contact_email, now) >= (
        settings.overview_mails_per_day
    ):
        return False
    queue_overview_mail(session, found, settings)
    return True


def _once(
    session: Session,
    key: str,
    operation: str,
    work: Callable[[], Dict[str, Any]],
    settings: Settings,
) -> BookingOutcome:
    for attempt in range(2):
        try:
            with session.begin_nested():  # SlotTaken & co. leave no key and no half-written row
                done = once(session, key, operation, work)
            break
        except StaleDataError:  # changed by a racing request meanwhile: read again and decide
            if attempt:
                raise
        except bookings.SlotTaken:
            return BookingOutcome("slot_taken")
        except (bookings.NotBooked, bookings.UnknownConsultation):
            return BookingOutcome("not_found")
    result = done.result
    return BookingOutcome(
        result["kind"],
        result["reference"],
        datetime.fromisoformat(result["start"]),
        _mail_state(settings) if result.get("mailed", True) else "none",
        done.replayed,
    )


def _result(kind: str, consultation: Consultation) -> Dict[str, Any]:
    return {
        "kind": kind,
        "reference": consultation.reference,
        "start": consultation.start.isoformat(),
        "mailed": bool(consultation.contact_email),
    }


def _mail_state(settings: Settings) -> str:
    return "queued" if settings.smtp_host else "local"


def _open_bookings(session: Session, email: str) -> int:
    return int(
        session.execute(
            select(func.count(Consultation.id)).where(
                Consultation.status == "booked",
                Consultation.start > utcnow(),
                func.lower(Consultation.contact_email) == email.strip().lower(),
            )
        ).scalar_one()
    )


def _overviews_today(session: Session, email: str, now: datetime) -> int:
    return int(
        session.execute(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.kind == "booking_overview",
                func.lower(OutboxMessage.recipient) == email.strip().lower(),
                OutboxMessage.created_at > now - timedelta(days=1),
            )
        ).scalar_one()
    )
