"""The e-mail outbox: every message and its state. Without SMTP_HOST this is where e-mails
("local") can be read, so nothing is lost on a machine without a mail server."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import select

from bot.db.session import session_scope
from bot.portal.web import arg, audited, not_found, page, render
from bot.scheduling.models import OUTBOX_STATUSES, OutboxMessage

bp = Blueprint("portal_outbox")
KIND_NL = {
    "booking_confirmation": "Bevestiging aan gebruiker",
    "booking_cancellation": "Annulering aan gebruiker",
    "booking_update": "Verzetting aan gebruiker",
    "handoff_summary": "Samenvatting voor adviseur",
    "advisor_cancellation": "Annulering aan adviseur",
    "privacy_notice": "Gegevens verwijderd, bericht aan adviseur",
    "booking_overview": "Overzicht van afspraken aan gebruiker",
}


@bp.get("/outbox")
@page
async def listing(request: Request) -> response.HTTPResponse:
    status = arg(request, "status")
    query = select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    if status in OUTBOX_STATUSES:
        query = query.where(OutboxMessage.status == status)
    with session_scope() as session:
        rows = [_view(m) for m in session.execute(query.limit(500)).scalars()]
    return render(request, "outbox.html", rows=rows, chosen=status, statuses=OUTBOX_STATUSES)


@bp.get("/outbox/<message_id:int>")
@page
async def detail(request: Request, message_id: int) -> response.HTTPResponse:
    with session_scope() as session:
        message = session.get(OutboxMessage, message_id)
        if message is None:
            return not_found(request)
        audited(session, request, "view_email", f"email:{message.id}")
        view = {**_view(message), "body_text": message.body_text}
    return render(request, "outbox_message.html", m=view)


def _view(message: OutboxMessage) -> dict:
    return {
        "id": message.id,
        "kind": KIND_NL.get(message.kind, message.kind),
        "channel": message.channel,
        "recipient": message.recipient,
        "subject": message.subject,
        "status": message.status,
        "attempts": message.attempts,
        "last_error": message.last_error,
        "created_at": message.created_at,
        "sent_at": message.sent_at,
        "consultation_id": message.consultation_id,
    }
