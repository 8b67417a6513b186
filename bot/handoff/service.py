"""Create a handoff summary, store it, and queue its deliveries in the same transaction.

The summary row and its outbox messages (e-mail to the advisor, and a webhook post when
HANDOFF_WEBHOOK_URL is set) are written in the caller's session, so they are committed
together with the booking or request they describe. bot.scheduling.worker delivers them and
retries failures with backoff; nothing is lost while SMTP or the webhook is down.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.db.models import Scan, utcnow
from bot.handoff import render, summary, webhook
from bot.handoff.models import CallbackRequest, HandoffSummary
from bot.scheduling.mail import queue_mail
from bot.scheduling.models import Absence, Advisor, Consultation, OutboxMessage
from bot.scheduling.slots import AMSTERDAM
from bot.settings import Settings, get_settings

log = logging.getLogger(__name__)
KIND = "handoff_summary"
WEBHOOK_RECIPIENT = "webhook"  # the URL itself is a secret: read from settings when sending


def consultation_url(settings: Settings, consultation_id: int) -> str:
    return f"{settings.portal_base_url.rstrip('/')}/gesprekken/{consultation_id}"


def request_url(settings: Settings, request_id: int) -> str:
    return f"{settings.portal_base_url.rstrip('/')}/verzoeken/{request_id}"


def booking_sources(session: Session, consultation: Consultation, **extra: Any) -> summary.Sources:
    advisor = session.get(Advisor, consultation.advisor_id)
    details = {
        "attendee": summary.Attendee(
            consultation.contact_name, consultation.contact_email, consultation.contact_phone
        ),
        "booked": summary.Booked(
            reference=consultation.reference,
            start=consultation.start,
            end=consultation.end,
            mode=consultation.mode,
            advisor=advisor.name if advisor else "-",
            topic=consultation.topic,
        ),
        **extra,
    }
    scan = _scan(session, consultation.scan_public_id)
    if scan is not None:
        sources = summary.from_scan("booking", scan, **details)
        # the organisation as given for the booking wins over the one typed in the scan
        return replace(sources, organisation=consultation.organisation)
    return summary.Sources(kind="booking", organisation=consultation.organisation, **details)


def create_booking_summary(
    session: Session,
    consultation: Consultation,
    *,
    conversation_id: Optional[str] = None,
    settings: Optional[Settings] = None,
) -> HandoffSummary:
    """Summary for the advisor of a booked consultation, queued to them (and the webhook)."""
    settings = settings or get_settings()
    sources = booking_sources(session, consultation, conversation_id=conversation_id)
    advisor = session.get(Advisor, consultation.advisor_id)
    record = _store(
        session,
        sources,
        consultation_url(settings, consultation.id),
        consultation_id=consultation.id,
        scan_public_id=consultation.scan_public_id,
    )
    _queue(session, record, [advisor.email] if advisor else [], settings)
    return record


def summarise_booking(
    session: Session, consultation: Consultation, conversation_id: Optional[str] = None
) -> Optional[HandoffSummary]:
    """create_booking_summary in a savepoint: a summary that cannot be built must never undo
    the booking itself (it is logged, by id only, and the portal builds the summary live)."""
    try:
        with session.begin_nested():
            return create_booking_summary(session, consultation, conversation_id=conversation_id)
    except Exception:
        log.exception("handoff summary for consultation %s failed", consultation.id)
        return None


def create_request(
    session: Session,
    *,
    kind: str,
    conversation_id: str,
    name: str,
    email: Optional[str],
    phone: Optional[str],
    organisation: Optional[str],
    question: Optional[str],
    paused: bool,
) -> CallbackRequest:
    """Store a hand-over or call-back request. Only call with the user's consent."""
    request = CallbackRequest(
        kind=kind,
        status="open",
        conversation_id=conversation_id,
        name=name,
        contact_email=email,
        contact_phone=phone,
        organisation=organisation,
        question=question,
        consent=True,
        paused=paused,
    )
    session.add(request)
    session.flush()
    return request


def create_request_summary(
    session: Session,
    request: CallbackRequest,
    *,
    scan_public_id: Optional[str] = None,
    scan_state: Optional[Dict[str, Any]] = None,
    now: Optional[datetime] = None,
    settings: Optional[Settings] = None,
) -> HandoffSummary:
    """The summary so far (completed scan, or the answers of a scan in progress) for a request,
    queued to HANDOFF_EMAIL or the advisors working now (and the webhook)."""
    settings = settings or get_settings()
    extra = {
        "attendee": summary.Attendee(request.name, request.contact_email, request.contact_phone),
        "question": request.question,
        "conversation_id": request.conversation_id,
    }
    scan = _scan(session, scan_public_id)
    if scan is not None:
        sources = summary.from_scan(request.kind, scan, **extra)
    elif scan_state:
        sources = summary.from_interview(request.kind, scan_state, **extra)
    else:
        sources = summary.Sources(kind=request.kind, **extra)
    if request.organisation:
        sources = replace(sources, organisation=request.organisation)
    elif sources.organisation and not request.organisation:
        request.organisation = sources.organisation[:120]
    record = _store(
        session,
        sources,
        request_url(settings, request.id),
        callback_id=request.id,
        scan_public_id=scan.public_id if scan else None,
    )
    _queue(session, record, request_recipients(session, now or utcnow(), settings), settings)
    return record


def request_recipients(session: Session, now: datetime, settings: Settings) -> List[str]:
    """HANDOFF_EMAIL when set; else the active advisors working right now (not absent); else
    every active advisor, so a request never goes unseen."""
    if settings.handoff_email.strip():
        return [settings.handoff_email.strip()]
    advisors = list(
        session.execute(
            select(Advisor)
            .where(Advisor.active.is_(True))
            .options(selectinload(Advisor.working_hours))
        ).scalars()
    )
    local = now.astimezone(AMSTERDAM)
    hhmm = f"{local:%H:%M}"
    absent = set(
        session.execute(
            select(Absence.advisor_id).where(Absence.start <= now, Absence.end > now)
        ).scalars()
    )
    on_duty = [
        a.email
        for a in advisors
        if a.id not in absent
        and any(
            h.weekday == local.weekday() and h.start_time <= hhmm < h.end_time
            for h in a.working_hours
        )
    ]
    return (
        on_duty or [a.email for a in advisors if a.id not in absent] or [a.email for a in advisors]
    )


def can_hand_over(session: Session, now: datetime, settings: Settings) -> bool:
    """Is there anyone to notify (a team address, an advisor, or a webhook channel)?"""
    return bool(settings.handoff_webhook_url or request_recipients(session, now, settings))


def delivery_state(messages: List[OutboxMessage]) -> str:
    """One word for a summary's deliveries: failed > pending > local > sent ("none" if none)."""
    statuses = {m.status for m in messages}
    for status in ("failed", "pending", "local", "sent"):
        if status in statuses:
            return status
    return "none"


def messages_for(session: Session, summary_id: int) -> List[OutboxMessage]:
    return _messages(session, summary_id)


def _messages(session: Session, summary_id: int) -> List[OutboxMessage]:
    return list(
        session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.summary_id == summary_id)
            .order_by(OutboxMessage.id)
        ).scalars()
    )


def _scan(session: Session, public_id: Optional[str]) -> Optional[Scan]:
    if not public_id:
        return None
    return session.execute(select(Scan).where(Scan.public_id == public_id)).scalar_one_or_none()


def _store(
    session: Session, sources: summary.Sources, portal_url: str, **links: Any
) -> HandoffSummary:
    data = summary.summarise(sources)
    rendered = render.render(data, portal_url)
    record = HandoffSummary(
        kind=sources.kind,
        conversation_id=sources.conversation_id,
        data=data,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        **links,
    )
    session.add(record)
    session.flush()
    return record


def _queue(
    session: Session, record: HandoffSummary, recipients: List[str], settings: Settings
) -> List[OutboxMessage]:
    messages = [
        queue_mail(
            session,
            KIND,
            recipient,
            record.subject,
            record.body_text,
            record.body_html,
            consultation_id=record.consultation_id,
            summary_id=record.id,
        )
        for recipient in dict.fromkeys(recipients)
    ]
    if settings.handoff_webhook_url:
        portal_url = (
            consultation_url(settings, record.consultation_id)
            if record.consultation_id
            else request_url(settings, record.callback_id)
        )
        body = webhook.payload(record.data, settings.handoff_webhook_format, portal_url)
        messages.append(
            queue_mail(
                session,
                KIND,
                WEBHOOK_RECIPIENT,
                record.subject,
                json.dumps(body, ensure_ascii=False),
                "",
                consultation_id=record.consultation_id,
                summary_id=record.id,
                channel="webhook",
            )
        )
    return messages
