"""What every portal page shares: templates, the signed-in advisor, CSRF, Dutch formatting.

Pages are Sanic blueprints (see app.py). A handler decorated with @page only runs for a
signed-in advisor; on POST it also checks the form's csrf_token against the session's token.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sanic import response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.db import audit
from bot.handoff.render import TEMPLATES as HANDOFF_TEMPLATES
from bot.handoff.render import dutch_score, moment, until
from bot.portal.accounts import SignedIn, same_token
from bot.scheduling.dates import describe
from bot.scheduling.slots import AMSTERDAM

HERE = Path(__file__).resolve().parent
Handler = Callable[..., Awaitable[response.HTTPResponse]]
STATUS_NL = {"booked": "Gepland", "cancelled": "Geannuleerd", "done": "Afgerond"}
DELIVERY_NL = {
    "sent": "Verstuurd",
    "pending": "Wacht op verzending",
    "local": "Niet verstuurd (geen SMTP of webhook ingesteld)",
    "failed": "Mislukt",
    "none": "Geen ontvanger",
}
MODE_NL = {"video": "Online (video)", "op_locatie": "Op locatie"}
REQUEST_NL = {"handover": "Nu overnemen", "callback": "Terugbellen"}


def when(value: Optional[datetime]) -> str:
    return describe(value, with_year=True) if value else "-"


def hhmm(value: Optional[datetime]) -> str:
    return f"{value.astimezone(AMSTERDAM):%H:%M}" if value else "-"


def short_time(value: Optional[datetime]) -> str:
    return f"{value.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}" if value else "-"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(HERE / "templates")), FileSystemLoader(str(HANDOFF_TEMPLATES))]
        ),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        moment=moment,
        until=until,
        score=dutch_score,
        when=when,
        short_time=short_time,
        hhmm=hhmm,
        status_nl=lambda s: STATUS_NL.get(s, s),
        delivery_nl=lambda s: DELIVERY_NL.get(s, s),
        mode_nl=lambda s: MODE_NL.get(s, s),
        request_nl=lambda s: REQUEST_NL.get(s, s),
    )
    return env


def user(request: Request) -> Optional[SignedIn]:
    return getattr(request.ctx, "user", None)


def client_address(request: Request) -> str:
    """The client's address (X-Forwarded-For behind nginx, PORTAL_PROXIES)."""
    return request.remote_addr or request.ip


def audited(session: Session, request: Request, action: str, target: Optional[str]) -> None:
    """Record that the signed-in advisor viewed or exported personal data (bot.db.audit)."""
    signed_in = user(request)
    audit.record(
        session,
        action,
        advisor_id=signed_in.advisor_id if signed_in else None,
        target=target,
        address=client_address(request),
    )


def render(
    request: Request, template: str, status: int = 200, **context: Any
) -> response.HTTPResponse:
    signed_in = user(request)
    html = (
        environment()
        .get_template(template)
        .render(
            user=signed_in,
            csrf_token=signed_in.csrf_token if signed_in else "",
            nav=request.app.ctx.nav,
            path=request.path,
            **context,
        )
    )
    return response.html(html, status=status)


def not_found(request: Request) -> response.HTTPResponse:
    return render(
        request,
        "error.html",
        status=404,
        title="Niet gevonden",
        message="Deze pagina of dit gesprek bestaat niet (meer).",
    )


def page(handler: Handler) -> Handler:
    """Only for signed-in advisors; a POST must carry the session's CSRF token."""

    @wraps(handler)
    async def wrapper(request: Request, *args: Any, **kwargs: Any) -> response.HTTPResponse:
        signed_in = user(request)
        if signed_in is None:
            target = "/login"
            if request.method == "GET":
                target += "?next=" + quote(request.path, safe="/")
            return response.redirect(target)
        if request.method == "POST" and not same_token(
            signed_in.csrf_token, request.form.get("csrf_token") if request.form else None
        ):
            return render(
                request,
                "error.html",
                status=403,
                title="Formulier verlopen",
                message="Dit formulier is verlopen of niet van deze site. Laad de pagina opnieuw.",
            )
        return await handler(request, *args, **kwargs)

    return wrapper


def form_value(request: Request, name: str, limit: int = 200) -> str:
    value = request.form.get(name) if request.form else None
    return (value or "").strip()[:limit]


def arg(request: Request, name: str, limit: int = 100) -> str:
    return (request.args.get(name) or "").strip()[:limit]
