"""Logboek: the audit log, newest first (who signed in, who viewed or exported what)."""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import select

from bot.db import audit
from bot.db.session import session_scope
from bot.portal.web import page, render
from bot.scheduling.models import Advisor

bp = Blueprint("portal_logbook")


@bp.get("/logboek")
@page
async def listing(request: Request) -> response.HTTPResponse:
    with session_scope() as session:
        names = dict(session.execute(select(Advisor.id, Advisor.name)).all())
        rows = [
            {
                "at": event.at,
                "who": names.get(event.advisor_id, "-") if event.advisor_id else "-",
                "what": audit.ACTIONS.get(event.action, event.action),
                "target": event.target or "",
                "address": event.address or "",
            }
            for event in audit.latest(session)
        ]
    return render(request, "logbook.html", rows=rows)
