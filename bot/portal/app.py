"""The advisor portal: a Sanic app (python -m bot.portal, port PORTAL_PORT, default 8090).

Pages are blueprints listed in PAGES with their menu label; to add a page, write a module with
a Blueprint `bp` and add one line to PAGES (the menu follows). The JSON API (api.py) and the
sign-in pages are registered separately. Every response gets security headers: a strict
Content-Security-Policy (no scripts at all: the pages are plain HTML forms), no framing, no
sniffing, no referrer to other sites, and no caching of pages with personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import List

from sanic import Blueprint, Sanic, response
from sanic.exceptions import MethodNotSupported, NotFound, SanicException
from sanic.request import Request

from bot.db.session import session_scope
from bot.portal import (
    accounts,
    api,
    auth,
    callbacks,
    consultations,
    logbook,
    outbox,
    schedule,
    sector,
)
from bot.portal.web import not_found, render
from bot.settings import get_settings

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    blueprint: Blueprint
    label: str  # in the menu
    path: str  # where the menu item points


PAGES: List[Page] = [
    Page(consultations.bp, "Gesprekken", "/gesprekken"),
    Page(callbacks.bp, "Verzoeken", "/verzoeken"),
    Page(schedule.bp, "Mijn rooster", "/rooster"),
    Page(outbox.bp, "E-mail", "/outbox"),
    Page(sector.bp, "Sectorbeeld", "/sector"),
    Page(logbook.bp, "Logboek", "/logboek"),
]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(name: str = "den_portal") -> Sanic:
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 1_000_000
    # behind nginx: the client address from X-Forwarded-For (login throttling per address)
    app.config.PROXIES_COUNT = get_settings().portal_proxies
    app.ctx.nav = [(p.label, p.path) for p in PAGES]
    app.static("/static", str(HERE / "static"), name="static")
    app.blueprint(auth.bp)
    app.blueprint(api.bp)
    for item in PAGES:
        app.blueprint(item.blueprint)

    @app.middleware("request")
    async def who(request: Request) -> None:
        request.ctx.user = None
        token = auth.session_token(request)
        if token and not request.path.startswith(("/api/", "/static/")):
            with session_scope() as session:
                request.ctx.user = accounts.signed_in(session, token)

    @app.middleware("response")
    async def headers(request: Request, reply: response.HTTPResponse) -> None:
        for key, value in SECURITY_HEADERS.items():
            reply.headers.setdefault(key, value)
        if not request.path.startswith("/static/"):
            reply.headers.setdefault("Cache-Control", "no-store")

    @app.get("/")
    async def home(request: Request) -> response.HTTPResponse:
        return response.redirect("/gesprekken")

    @app.get("/health")
    async def health(request: Request) -> response.HTTPResponse:
        return response.json({"status": "ok"})

    @app.exception(NotFound, MethodNotSupported)
    async def missing(request: Request, exception: Exception) -> response.HTTPResponse:
        if request.path.startswith("/api/"):
            return response.json({"error": "Niet gevonden."}, status=404)
        return not_found(request)

    @app.exception(Exception)
    async def failure(request: Request, exception: Exception) -> response.HTTPResponse:
        status = getattr(exception, "status_code", 500)
        if not isinstance(exception, SanicException) or status >= 500:
            status = 500
            log.exception("portal error on %s", request.path)
        text = (
            "Dat verzoek kon ik niet verwerken."
            if status < 500
            else "Er ging iets mis. Probeer het zo nog eens."
        )
        if request.path.startswith("/api/"):
            return response.json({"error": text}, status=status)
        return render(request, "error.html", status=status, title="Fout", message=text)

    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = get_settings()
    create_app().run(
        host=settings.portal_host, port=settings.portal_port, access_log=False, workers=1
    )


if __name__ == "__main__":
    main()
