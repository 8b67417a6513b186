"""Requests for a person: hand-overs (the chat is paused) and call-back requests.

Marking a request done records who handled it; for a hand-over it also gives the chat back to
the assistant (bot.handoff.conversation.resume)."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import select

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.handoff import conversation, service
from bot.handoff.models import CallbackRequest, HandoffSummary
from bot.portal.web import arg, audited, not_found, page, render, user

bp = Blueprint("portal_callbacks")


def _view(session, request_row: CallbackRequest) -> dict:
    record = (
        session.execute(
            select(HandoffSummary)
            .where(HandoffSummary.callback_id == request_row.id)
            .order_by(HandoffSummary.id.desc())
        )
        .scalars()
        .first()
    )
    messages = service.messages_for(session, record.id) if record else []
    return {
        "id": request_row.id,
        "kind": request_row.kind,
        "status": request_row.status,
        "name": request_row.name,
        "email": request_row.contact_email,
        "phone": request_row.contact_phone,
        "organisation": request_row.organisation,
        "question": request_row.question,
        "paused": request_row.paused,
        "created_at": request_row.created_at,
        "handled_at": request_row.handled_at,
        "delivery": service.delivery_state(messages) if record else None,
        "deliveries": messages,
        "summary": record.data if record else None,
    }


@bp.get("/verzoeken")
@page
async def listing(request: Request) -> response.HTTPResponse:
    show = arg(request, "toon") or "open"
    query = select(CallbackRequest).order_by(CallbackRequest.created_at.desc())
    if show != "alle":
        query = query.where(CallbackRequest.status == "open")
    with session_scope() as session:
        rows = [_view(session, row) for row in session.execute(query.limit(500)).scalars()]
    return render(request, "requests.html", rows=rows, show=show)


@bp.get("/verzoeken/<request_id:int>")
@page
async def detail(request: Request, request_id: int) -> response.HTTPResponse:
    with session_scope() as session:
        row = session.get(CallbackRequest, request_id)
        if row is None:
            return not_found(request)
        audited(session, request, "view_request", f"request:{row.id}")
        view = _view(session, row)
    return render(request, "request.html", r=view, s=view["summary"], note=arg(request, "melding"))


@bp.post("/verzoeken/<request_id:int>/afgehandeld")
@page
async def mark_done(request: Request, request_id: int) -> response.HTTPResponse:
    with session_scope() as session:
        row = session.get(CallbackRequest, request_id)
        if row is None:
            return not_found(request)
        was_open = row.status == "open"
        if was_open:
            row.status = "done"
            row.handled_at = utcnow()
            row.handled_by = user(request).advisor_id
        paused, conversation_id = row.paused, row.conversation_id
    note = "klaar"
    if was_open and paused:
        note = "chat-vrij" if conversation.resume(conversation_id) else "chat-niet-vrij"
    return response.redirect(f"/verzoeken/{request_id}?melding={note}")
