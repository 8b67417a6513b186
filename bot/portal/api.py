"""JSON API for DEN's own tools: GET /api/consultations and GET /api/consultations/<id>.

Bearer token from ADVISOR_API_TOKEN (compared in constant time). No token configured: the API
is off (503). Missing or wrong token: 401 with WWW-Authenticate. Filters: from, to (a date
"2026-11-26" or an ISO 8601 time; `to` as a date includes that day), advisor (id or e-mail),
status (booked, cancelled, done). Times are ISO 8601 with their offset, Amsterdam time.
"""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request

from bot.db.session import session_scope
from bot.portal import queries
from bot.portal.accounts import same_token
from bot.portal.web import audited
from bot.scheduling.models import Advisor, Consultation
from bot.settings import get_settings

bp = Blueprint("portal_api", url_prefix="/api")
FILTERS = ("from", "to", "advisor", "status")


def _denied(request: Request):
    token = get_settings().advisor_api_token
    if not token:
        return response.json(
            {"error": "De API staat uit: ADVISOR_API_TOKEN is niet ingesteld."}, status=503
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not same_token(token, given.strip()):
        return response.json(
            {"error": "Geef een geldig token: Authorization: Bearer <token>."},
            status=401,
            headers={"WWW-Authenticate": 'Bearer realm="den-adviseurs"'},
        )
    return None


@bp.get("/consultations")
async def listing(request: Request) -> response.HTTPResponse:
    denied = _denied(request)
    if denied:
        return denied
    unknown = sorted(set(request.args) - set(FILTERS))
    if unknown:
        return response.json(
            {"error": f"Onbekend filter: {', '.join(unknown)[:80]}. Gebruik {', '.join(FILTERS)}."},
            status=400,
        )
    try:
        filters = queries.parse_filters({name: request.args.get(name) for name in FILTERS})
    except queries.FilterError as exc:
        return response.json({"error": str(exc)}, status=400)
    with session_scope() as session:
        audited(session, request, "api_consultations", "list")
        items = [queries.to_api(session, c, a) for c, a in queries.consultations(session, filters)]
    return response.json({"count": len(items), "consultations": items}, ensure_ascii=False)


@bp.get("/consultations/<consultation_id:int>")
async def detail(request: Request, consultation_id: int) -> response.HTTPResponse:
    denied = _denied(request)
    if denied:
        return denied
    with session_scope() as session:
        consultation = session.get(Consultation, consultation_id)
        if consultation is None:
            return response.json({"error": "Niet gevonden."}, status=404)
        audited(session, request, "api_consultations", f"consultation:{consultation.id}")
        advisor = session.get(Advisor, consultation.advisor_id)
        item = queries.to_api(session, consultation, advisor)
    return response.json(item, ensure_ascii=False)
