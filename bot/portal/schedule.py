"""An advisor's own working hours and absences (the booking slots follow from these)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import quote

from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy import delete, select

from bot.db.models import utcnow
from bot.db.session import session_scope
from bot.portal.web import arg, form_value, page, render, user
from bot.scheduling import advisors
from bot.scheduling.advisors import AdvisorError
from bot.scheduling.dates import DAY_NAMES
from bot.scheduling.models import Absence, Advisor, Consultation, WorkingHours
from bot.scheduling.slots import AMSTERDAM

bp = Blueprint("portal_schedule")
REASON_LIMIT = 200


def _back(message: str = "", error: str = "") -> response.HTTPResponse:
    query = f"?melding={quote(message)}" if message else f"?fout={quote(error)}" if error else ""
    return response.redirect("/rooster" + query)


@bp.get("/rooster")
@page
async def overview(request: Request) -> response.HTTPResponse:
    advisor_id = user(request).advisor_id
    with session_scope() as session:
        hours = session.execute(
            select(WorkingHours)
            .where(WorkingHours.advisor_id == advisor_id)
            .order_by(WorkingHours.weekday, WorkingHours.start_time)
        ).scalars()
        days = [{"weekday": day, "name": DAY_NAMES[day], "blocks": []} for day in range(7)]
        for block in hours:
            days[block.weekday]["blocks"].append(f"{block.start_time} tot {block.end_time}")
        absences = [
            {"id": a.id, "start": a.start, "end": a.end, "reason": a.reason}
            for a in session.execute(
                select(Absence)
                .where(Absence.advisor_id == advisor_id, Absence.end > utcnow())
                .order_by(Absence.start)
            ).scalars()
        ]
    return render(
        request,
        "schedule.html",
        days=days,
        absences=absences,
        message=arg(request, "melding", 300),
        error=arg(request, "fout", 300),
    )


@bp.post("/rooster/uren")
@page
async def set_hours(request: Request) -> response.HTTPResponse:
    weekday_text = form_value(request, "weekday", 2)
    if not weekday_text.isdigit() or not 0 <= int(weekday_text) <= 6:
        return _back(error="Kies een weekdag.")
    weekday = int(weekday_text)
    off = form_value(request, "vrij") == "1"
    start, end = form_value(request, "start", 5), form_value(request, "end", 5)
    with session_scope() as session:
        advisor = session.get(Advisor, user(request).advisor_id)
        try:
            advisors.set_hours(session, advisor, weekday, [] if off else [(start, end)])
        except AdvisorError as exc:
            session.rollback()
            return _back(error=str(exc))
    day = DAY_NAMES[weekday]
    return _back(
        f"Je werkt niet meer op {day}." if off else f"Werktijden op {day}: {start} tot {end}."
    )


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise AdvisorError("Vul een datum in als JJJJ-MM-DD.") from None


@bp.post("/rooster/afwezigheid")
@page
async def add_absence(request: Request) -> response.HTTPResponse:
    reason = form_value(request, "reason", REASON_LIMIT) or None
    with session_scope() as session:
        advisor = session.get(Advisor, user(request).advisor_id)
        try:
            first = _day(form_value(request, "van", 10))
            last = _day(form_value(request, "tot", 10) or form_value(request, "van", 10))
            start = datetime.combine(first, time(0), tzinfo=AMSTERDAM)
            end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=AMSTERDAM)
            advisors.add_absence(session, advisor, start, end, reason)
        except AdvisorError as exc:
            session.rollback()
            return _back(error=str(exc))
        clashes = list(
            session.execute(
                select(Consultation.reference).where(
                    Consultation.advisor_id == advisor.id,
                    Consultation.status == "booked",
                    Consultation.start < end,
                    Consultation.end > start,
                )
            ).scalars()
        )
    message = f"Afwezigheid vastgelegd van {first:%d-%m-%Y} tot en met {last:%d-%m-%Y}."
    if clashes:
        message += f" Let op: in die periode staan gesprekken: {', '.join(clashes)}."
    return _back(message)


@bp.post("/rooster/afwezigheid/<absence_id:int>/verwijder")
@page
async def remove_absence(request: Request, absence_id: int) -> response.HTTPResponse:
    with session_scope() as session:
        removed = session.execute(
            delete(Absence).where(
                Absence.id == absence_id, Absence.advisor_id == user(request).advisor_id
            )
        ).rowcount
    return _back("Afwezigheid verwijderd." if removed else "", "" if removed else "Niet gevonden.")
