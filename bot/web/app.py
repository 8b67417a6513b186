"""Sanic app: the chat page, the results page of a scan, and its radar chart.

The chat page talks to Rasa's REST channel through /api/chat on the same origin, so the
browser needs no CORS and messages can be checked (size, emptiness) before Rasa sees them. The
conversation id comes from this server in an HttpOnly cookie (bot.web.identity); a `sender` in
the request body is ignored. Results pages and charts are personal: never cached, never indexed.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import aiohttp
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Sanic, response
from sanic.request import Request

from bot.content import get_content
from bot.db.session import session_scope
from bot.http_headers import PRIVATE
from bot.ratelimit import SLOW_DOWN, ChatLimits
from bot.scans import repository
from bot.scans.results import build_report, chart_png
from bot.settings import get_settings
from bot.team import pages as team_pages
from bot.web import identity

HERE = Path(__file__).resolve().parent
MAX_MESSAGE_CHARS = 2000
logger = logging.getLogger(__name__)

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
)


def create_app(name: str = "den_web") -> Sanic:
    app = Sanic(name)
    limits = ChatLimits()  # per conversation, and new conversations per client address
    app.static("/static", str(HERE / "static"), name="static")

    @app.get("/")
    async def demo_page(request: Request) -> response.HTTPResponse:
        """A page in the style of den.nl with the widget (Rasa's socket.io channel)."""
        socket_url = get_settings().rasa_public_url or get_settings().rasa_url
        html = templates.get_template("demo.html").render(socket_url=socket_url.rstrip("/"))
        return response.html(html)

    @app.get("/chat")
    async def chat_page(request: Request) -> response.HTTPResponse:
        """The simple full-page chat on the REST channel (through /api/chat)."""
        return response.html(templates.get_template("chat.html").render())

    @app.get("/health")
    async def health(request: Request) -> response.HTTPResponse:
        return response.json({"status": "ok"})

    @app.post("/api/chat")
    async def chat(request: Request) -> response.HTTPResponse:
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
            return _reply("Dat bericht kon ik niet lezen. Probeer het nog eens.")
        if not isinstance(body, dict):  # valid JSON, but a list, a string or a number
            return _reply("Dat bericht kon ik niet lezen. Probeer het nog eens.")
        conversation = identity.conversation_id(request.cookies)
        fresh = conversation is None
        conversation = conversation or identity.new_conversation_id()
        message = body.get("message")
        if not isinstance(message, str) or not message.strip():
            reply = _reply("Ik kreeg geen tekst binnen. Typ je vraag of kies een knop.")
        elif len(message) > MAX_MESSAGE_CHARS:
            reply = _reply(
                f"Dat bericht is te lang. Kun je het korter zeggen, in maximaal "
                f"{MAX_MESSAGE_CHARS} tekens?"
            )
        elif not limits.allow(conversation, request.ip):
            reply = _reply(SLOW_DOWN, status=429)
        else:
            reply = await _forward(identity.sender(conversation), message)
        if fresh:
            identity.set_cookie(reply, conversation)
        return reply

    @app.get("/scan/<public_id:str>")
    async def results_page(request: Request, public_id: str) -> response.HTTPResponse:
        content = get_content()
        with session_scope() as session:
            scan = repository.get_scan(session, public_id)
            if scan is None:
                return response.html(_not_found(), status=404, headers=PRIVATE)
            report = build_report(scan, repository.previous_scan(session, scan), content)
            team_url = team_pages.team_path(session, scan)
        html = templates.get_template("results.html").render(report=report, team_url=team_url)
        return response.html(html, headers=PRIVATE)

    @app.get("/scan/<public_id:str>/chart.png")
    async def chart(request: Request, public_id: str) -> response.HTTPResponse:
        with session_scope() as session:
            scan = repository.get_scan(session, public_id)
            if scan is None:
                return response.text("niet gevonden", status=404)
            png = chart_png(scan, get_content())
        return response.raw(png, content_type="image/png", headers=PRIVATE)

    team_pages.register(app, templates)
    return app


def _reply(text: str, status: int = 200) -> response.HTTPResponse:
    return response.json([{"recipient_id": "", "text": text}], status=status)


def _not_found() -> str:
    return templates.get_template("not_found.html").render()


async def _forward(sender: str, message: str) -> response.HTTPResponse:
    url = f"{get_settings().rasa_url.rstrip('/')}/webhooks/rest/webhook"
    timeout = aiohttp.ClientTimeout(total=30)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as client,
            client.post(
                url,
                json={"sender": sender, "message": message},
                headers=identity.internal_headers(),
            ) as reply,
        ):
            if reply.status == 200:
                return response.json(await reply.json())
            logger.warning("rasa answered HTTP %s", reply.status)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        logger.warning("rasa not reachable: %s", type(exc).__name__)
    return _reply("Even geduld: de assistent is nu niet bereikbaar. Probeer het zo nog eens.")


def main() -> None:
    settings = get_settings()
    app = create_app()
    app.run(host=settings.web_host, port=settings.web_port, access_log=False, workers=1)


if __name__ == "__main__":
    main()
