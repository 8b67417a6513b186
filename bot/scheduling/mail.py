"""The e-mail outbox: queue a message with the change it reports, deliver it over SMTP later.

- Messages are written in the transaction of the change they report and sent only by the outbox
  worker (bot.scheduling.worker), never on the action server: a failed commit sends nothing and a
  slow SMTP server slows nobody's conversation.
- One message at a time, each in its own commit: a worker first *claims* a due message (sets
  `claimed_until`, a lease; on PostgreSQL the candidate row is picked with
  `FOR UPDATE SKIP LOCKED`), commits, sends, and commits the result. Any number of workers never
  send the same message; a worker that dies mid-send leaves the lease to run out, then another
  retries.
- Every message keeps one Message-ID (set when queued) across retries, so the rare duplicate
  after a crash between "accepted by SMTP" and "commit" is recognisable (delivery is at least
  once for SMTP; the webhook gets the same id as its Idempotency-Key header).
- Without SMTP_HOST a message becomes "local": kept for the portal; nothing claims it was sent.
- A failed delivery (any exception, so a message that cannot even be built never blocks the
  others) stays "pending" with attempts + 1 and the next try after 1, 2, 4, 8 ... minutes, at
  most 60; after MAX_ATTEMPTS it becomes "failed" (still visible in the portal).
- last_error holds the exception class and, for SMTP replies, the numeric code only: the text
  of an SMTP reply can contain an address. Logs name the message id, never the recipient.
- channel "webhook" (handoff summaries, bot.handoff): body_text is JSON posted to
  HANDOFF_WEBHOOK_URL, with the same retries; without that URL the message stays "local".
"""

from __future__ import annotations

import json
import logging
import re
import smtplib
import ssl
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Dict, Optional

import requests
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.db.models import utcnow
from bot.scheduling.models import OUTBOX_CHANNELS, OUTBOX_KINDS, OutboxMessage
from bot.settings import Settings, get_settings

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 30  # about a day of retries at the 60-minute cap
MAX_BACKOFF_MINUTES = 60
WEBHOOK_TIMEOUT_SECONDS = 10
# How long a worker may take to send one claimed message before another worker may retry it:
# longer than the SMTP timeouts of one attempt (connect, EHLO, STARTTLS, login, data).
CLAIM_SECONDS = 300
ICS_FILENAME = "adviesgesprek.ics"
_METHOD = re.compile(r"^METHOD:(\w+)", re.MULTILINE)


def queue_mail(
    session: Session,
    kind: str,
    recipient: str,
    subject: str,
    text: str,
    html: str,
    ics: Optional[str] = None,
    consultation_id: Optional[int] = None,
    *,
    channel: str = "email",
    summary_id: Optional[int] = None,
) -> OutboxMessage:
    """Write one message to the outbox, in the caller's transaction."""
    if kind not in OUTBOX_KINDS:
        raise ValueError(f"kind must be one of {', '.join(OUTBOX_KINDS)}")
    if channel not in OUTBOX_CHANNELS:
        raise ValueError(f"channel must be one of {', '.join(OUTBOX_CHANNELS)}")
    message = OutboxMessage(
        kind=kind,
        recipient=recipient,
        subject=subject,
        body_text=text,
        body_html=html,
        ics=ics,
        status="pending",
        attempts=0,
        next_attempt_at=None,  # due at once
        consultation_id=consultation_id,
        channel=channel,
        summary_id=summary_id,
        message_id=make_msgid(domain=_domain(get_settings().mail_from)),
    )
    session.add(message)
    session.flush()
    return message


def deliver(
    session: Session,
    message: OutboxMessage,
    settings: Optional[Settings] = None,
    now: Optional[datetime] = None,
) -> str:
    """Try to send one message; returns its new status ("sent", "local", "pending", "failed")."""
    settings = settings or get_settings()
    now = now or utcnow()
    webhook = message.channel == "webhook"
    if not (settings.handoff_webhook_url if webhook else settings.smtp_host):
        message.status = "local"
        message.claimed_until = None
        session.flush()
        return message.status
    try:
        if webhook:
            _post(message, settings)
        else:
            _send(build_email(message, settings), settings)
    except Exception as exc:  # noqa: BLE001 - anything, so one bad message never blocks the rest
        message.attempts += 1
        message.last_error = describe_error(exc)
        if message.attempts >= MAX_ATTEMPTS:
            message.status = "failed"
            message.next_attempt_at = None
        else:
            message.next_attempt_at = now + backoff(message.attempts)
        log.warning(
            "outbox message %s not delivered (attempt %s): %s",
            message.id,
            message.attempts,
            message.last_error,
        )
    else:
        message.status = "sent"
        message.sent_at = now
        message.last_error = None
        message.next_attempt_at = None
        log.info("outbox message %s sent", message.id)
    message.claimed_until = None
    session.flush()
    return message.status


def deliver_due(
    session: Session,
    now: Optional[datetime] = None,
    settings: Optional[Settings] = None,
    *,
    limit: int = 50,
) -> Dict[str, int]:
    """Deliver up to `limit` due messages, one claim and one commit each; counts per status.

    Commits `session` after every message. Safe with any number of workers at once.
    """
    counts: Dict[str, int] = {}
    for _ in range(limit):
        moment = now or utcnow()
        message = claim_next(session, moment)
        if message is None:
            break
        status = deliver(session, message, settings, moment)
        session.commit()
        counts[status] = counts.get(status, 0) + 1
    return counts


def claim_next(session: Session, now: datetime) -> Optional[OutboxMessage]:
    """Take the oldest due message for this worker (a lease of CLAIM_SECONDS) and commit."""
    while True:
        query = (
            select(OutboxMessage.id)
            .where(_due(now))
            .order_by(OutboxMessage.created_at, OutboxMessage.id)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        found = session.execute(query.limit(1)).scalar_one_or_none()
        if found is None:
            session.commit()
            return None
        # Compare and set: on SQLite (no row locks) a second worker's UPDATE sees the lease of
        # the first and changes nothing; then it looks for the next message.
        taken = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == found, _due(now))
            .values(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
            .execution_options(synchronize_session=False)
        ).rowcount
        session.commit()
        if taken:
            return session.get(OutboxMessage, found)


def _due(now: datetime) -> ColumnElement:
    return and_(
        OutboxMessage.status == "pending",
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until <= now),
    )


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8, 16, 32, 60, 60 ... minutes after the 1st, 2nd, 3rd ... failure."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), MAX_BACKOFF_MINUTES))


def describe_error(exc: BaseException) -> str:
    """The error without personal data: class name, plus SMTP code or errno."""
    name = type(exc).__name__
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"{name}: HTTP {exc.response.status_code}"  # never the URL: it is a secret
    if isinstance(exc, requests.RequestException):
        return name
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{name}: SMTP {exc.smtp_code}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _ in exc.recipients.values()})
        return f"{name}: SMTP {', '.join(str(c) for c in codes)}"
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{name}: errno {exc.errno}"
    return name


def build_email(message: OutboxMessage, settings: Settings) -> EmailMessage:
    """Plain text and HTML alternatives; the .ics attached as text/calendar with its METHOD."""
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    if not message.message_id:  # queued before Message-IDs were stored
        message.message_id = make_msgid(domain=_domain(settings.mail_from))
    email["Message-ID"] = message.message_id
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    if message.ics:
        found = _METHOD.search(message.ics)
        email.add_attachment(
            message.ics,
            subtype="calendar",
            filename=ICS_FILENAME,
            params={"method": found.group(1) if found else "PUBLISH"},
        )
    return email


def _send(email: EmailMessage, settings: Settings) -> None:
    context = ssl.create_default_context()
    if settings.smtp_port == 465:
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout, context=context
        )
    else:
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    with client:
        client.ehlo()
        if settings.smtp_starttls and settings.smtp_port != 465:
            client.starttls(context=context)
            client.ehlo()
        if settings.smtp_user:
            client.login(settings.smtp_user, settings.smtp_password)
        client.send_message(email)


def _post(message: OutboxMessage, settings: Settings) -> None:
    """POST the stored JSON to the webhook; any non-2xx answer counts as a failure."""
    reply = requests.post(
        settings.handoff_webhook_url,
        json=json.loads(message.body_text),
        headers={"Idempotency-Key": message.message_id or f"outbox-{message.id}"},
        timeout=WEBHOOK_TIMEOUT_SECONDS,
    )
    reply.raise_for_status()


def _domain(address: str) -> str:
    _, email = parseaddr(address)
    return email.rpartition("@")[2] or "localhost"
