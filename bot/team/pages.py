"""The team page on the results site: /team/<public_id> and its radar chart."""

from __future__ import annotations

from typing import Optional

from jinja2 import Environment
from sanic import Sanic, response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.advice.catalogue import get_catalogue
from bot.content import get_content
from bot.db.models import Scan
from bot.db.session import session_scope
from bot.http_headers import PRIVATE
from bot.team import repository
from bot.team.config import get_team_settings
from bot.team.report import build_team_report, team_chart_png


def team_path(session: Session, scan: Scan) -> Optional[str]:
    """The team page of the team this scan's author started, for a link on the results page."""
    team = repository.team_for_scan(session, scan)
    return f"/team/{team.public_id}" if team else None


def register(app: Sanic, templates: Environment) -> None:
    @app.get("/team/<public_id:str>")
    async def team_page(request: Request, public_id: str) -> response.HTTPResponse:
        with session_scope() as session:
            team = repository.get_by_public_id(session, public_id)
            if team is None:
                return response.html(
                    templates.get_template("not_found.html").render(), 404, headers=PRIVATE
                )
            report = build_team_report(
                session, team, get_content(), get_team_settings(), get_catalogue()
            )
        html = templates.get_template("team_results.html").render(report=report)
        return response.html(html, headers=PRIVATE)

    @app.get("/team/<public_id:str>/chart.png")
    async def team_chart(request: Request, public_id: str) -> response.HTTPResponse:
        with session_scope() as session:
            team = repository.get_by_public_id(session, public_id)
            report = (
                build_team_report(
                    session, team, get_content(), get_team_settings(), get_catalogue()
                )
                if team is not None
                else None
            )
        if report is None or not report.visible:
            return response.text("niet gevonden", status=404)
        png = team_chart_png(report.profile, get_content())
        # no long cache: the chart changes while colleagues are still answering
        return response.raw(png, content_type="image/png", headers=PRIVATE)
