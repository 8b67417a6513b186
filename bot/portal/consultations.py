"""Consultations: the list (upcoming by default), one consultation with its summary and the
delivery state of each summary, mark as done, and the CSV export of the list."""

from __future__ import annotations

import csv
import io
from datetime import datetime, time

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.orm.exc import StaleDataError

from bot.db.session import session_scope
from bot.handoff import service
from bot.portal import queries
from bot.portal.web import arg, audited, not_found, page, render, user
from bot.scheduling import booking as bookings
from bot.scheduling.models import STATUSES, Advisor, Consultation
from bot.scheduling.slots import AMSTERDAM

bp = Blueprint("portal_consultations")
CSV_COLUMNS = (
    "referentie",
    "start",
    "einde",
    "adviseur",
    "status",
    "vorm",
    "organisatie",
    "contactpersoon",
    "e-mail",
    "telefoon",
    "zwakste onderdeel",
    "totaalniveau",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _filters(request: Request) -> tuple:
    """The list's filters from the query string: whose (mine/all), status, from, to."""
    signed_in = user(request)
    who = arg(request, "wie") or "ik"
    status = arg(request, "status") or "booked"
    args = {
        "from": arg(request, "van") or None,
        "to": arg(request, "tot") or None,
        "status": None if status == "alle" else status,
        "advisor": str(signed_in.advisor_id) if who == "ik" and signed_in else None,
    }
    error = ""
    try:
        filters = queries.parse_filters(args)
    except queries.FilterError as exc:
        error, filters = str(exc), queries.Filters(advisor=args["advisor"])
    if filters.start is None and not args["from"]:
        today = datetime.now(AMSTERDAM).date()
        filters = queries.Filters(
            start=datetime.combine(today, time(0), tzinfo=AMSTERDAM),
            end=filters.end,
            advisor=filters.advisor,
            status=filters.status,
        )
    form = {"wie": who, "status": status, "van": args["from"] or "", "tot": args["to"] or ""}
    return filters, form, error


@bp.get("/gesprekken")
@page
async def listing(request: Request) -> response.HTTPResponse:
    filters, form, error = _filters(request)
    with session_scope() as session:
        rows = []
        for consultation, advisor in queries.consultations(session, filters):
            stored = queries.summaries_of(session, consultation.id)
            state = (
                service.delivery_state(service.messages_for(session, stored[0].id))
                if stored
                else "none"
            )
            rows.append(
                {
                    "id": consultation.id,
                    "reference": consultation.reference,
                    "start": consultation.start,
                    "organisation": consultation.organisation,
                    "contact_name": consultation.contact_name,
                    "advisor": advisor.name,
                    "status": consultation.status,
                    "mode": consultation.mode,
                    "delivery": state if stored else None,
                }
            )
    return render(
        request, "consultations.html", rows=rows, form=form, error=error, statuses=STATUSES
    )


@bp.get("/gesprekken/<consultation_id:int>")
@page
async def detail(request: Request, consultation_id: int) -> response.HTTPResponse:
    with session_scope() as session:
        consultation = session.get(Consultation, consultation_id)
        if consultation is None:
            return not_found(request)
        audited(session, request, "view_consultation", f"consultation:{consultation.id}")
        advisor = session.get(Advisor, consultation.advisor_id)
        stored = queries.summaries_of(session, consultation.id)
        summaries = [
            {
                "id": record.id,
                "created_at": record.created_at,
                "deliveries": [
                    {
                        "channel": m.channel,
                        "recipient": m.recipient,
                        "status": m.status,
                        "attempts": m.attempts,
                        "last_error": m.last_error,
                        "sent_at": m.sent_at,
                        "next_attempt_at": m.next_attempt_at,
                    }
                    for m in service.messages_for(session, record.id)
                ],
            }
            for record in stored
        ]
        data = queries.summary_data(session, consultation)
        view = {
            "id": consultation.id,
            "reference": consultation.reference,
            "start": consultation.start,
            "end": consultation.end,
            "mode": consultation.mode,
            "status": consultation.status,
            "organisation": consultation.organisation,
            "contact_name": consultation.contact_name,
            "contact_email": consultation.contact_email,
            "contact_phone": consultation.contact_phone,
            "topic": consultation.topic,
            "advisor": advisor.name if advisor else "-",
        }
    return render(
        request,
        "consultation.html",
        c=view,
        s=data,
        summaries=summaries,
        done=arg(request, "klaar") == "1",
    )


@bp.post("/gesprekken/<consultation_id:int>/afgerond")
@page
async def mark_done(request: Request, consultation_id: int) -> response.HTTPResponse:
    for attempt in range(2):  # a cancel or move that raced this one: read again, then decide
        try:
            with session_scope() as session:
                if bookings.mark_done(session, consultation_id) is None:
                    return not_found(request)
            break
        except StaleDataError:
            if attempt:
                raise
    return response.redirect(f"/gesprekken/{consultation_id}?klaar=1")


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


@bp.get("/gesprekken.csv")
@page
async def export(request: Request) -> response.HTTPResponse:
    filters, _, error = _filters(request)
    if error:
        return render(request, "error.html", status=400, title="Export", message=error)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    with session_scope() as session:
        audited(session, request, "export_consultations", None)
        for consultation, advisor in queries.consultations(session, filters):
            data = queries.summary_data(session, consultation)
            writer.writerow(
                [
                    csv_cell(v)
                    for v in (
                        consultation.reference,
                        queries.local_iso(consultation.start),
                        queries.local_iso(consultation.end),
                        advisor.name,
                        consultation.status,
                        consultation.mode,
                        consultation.organisation,
                        consultation.contact_name,
                        consultation.contact_email,
                        consultation.contact_phone,
                        (data.get("weakest") or {}).get("name"),
                        (data.get("overall") or {}).get("level_name"),
                    )
                ]
            )
    stamp = datetime.now(AMSTERDAM).strftime("%Y%m%d-%H%M")
    return response.raw(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),  # BOM: Excel reads UTF-8 correctly
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="adviesgesprekken-{stamp}.csv"'},
    )
