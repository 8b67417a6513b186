"""Sign in and out. The login form is protected by a double-submit CSRF cookie."""

from __future__ import annotations

import secrets

from sanic import Blueprint, response
from sanic.request import Request

from bot.db.session import session_scope
from bot.portal import accounts
from bot.portal.web import form_value, page, render, user
from bot.settings import get_settings

bp = Blueprint("portal_auth")
SESSION_COOKIE = "den_portal"
LOGIN_CSRF_COOKIE = "den_portal_login"


def set_cookie(reply: response.HTTPResponse, name: str, value: str, max_age: int) -> None:
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict" if name == LOGIN_CSRF_COOKIE else "Lax"
    cookie["path"] = "/"
    cookie["max-age"] = max_age
    if get_settings().portal_cookie_secure:
        cookie["secure"] = True


def safe_next(target: str) -> str:
    """Only a path on this site ("/gesprekken/3"), never another host."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/gesprekken"


def _login_page(
    request: Request, error: str = "", status: int = 200, email: str = ""
) -> response.HTTPResponse:
    token = secrets.token_urlsafe(32)
    reply = render(
        request,
        "login.html",
        status=status,
        error=error,
        email=email,
        login_csrf=token,
        next=safe_next(request.args.get("next") or form_value(request, "next") or "/gesprekken"),
    )
    set_cookie(reply, LOGIN_CSRF_COOKIE, token, 3600)
    return reply


@bp.get("/login")
async def login_form(request: Request) -> response.HTTPResponse:
    if user(request) is not None:
        return response.redirect("/gesprekken")
    return _login_page(request)


@bp.post("/login")
async def login(request: Request) -> response.HTTPResponse:
    email = form_value(request, "email", 254)
    password = (request.form.get("password") if request.form else None) or ""
    if not accounts.same_token(
        request.cookies.get(LOGIN_CSRF_COOKIE), form_value(request, "csrf_token")
    ):
        return _login_page(request, "Het formulier was verlopen. Probeer het nog eens.", 403, email)
    settings = get_settings()
    with session_scope() as session:
        advisor = accounts.authenticate(session, email, password)
        token = (
            accounts.start_session(session, advisor, settings.portal_session_hours)
            if advisor
            else None
        )
    if token is None:
        return _login_page(
            request,
            "Dat e-mailadres of wachtwoord klopt niet. "
            "Na vijf pogingen moet je een kwartier wachten.",
            401,
            email,
        )
    reply = response.redirect(safe_next(form_value(request, "next") or "/gesprekken"))
    set_cookie(reply, SESSION_COOKIE, token, settings.portal_session_hours * 3600)
    set_cookie(reply, LOGIN_CSRF_COOKIE, "", 0)
    return reply


@bp.post("/logout")
@page
async def logout(request: Request) -> response.HTTPResponse:
    with session_scope() as session:
        accounts.end_session(session, request.cookies.get(SESSION_COOKIE))
    reply = response.redirect("/login")
    set_cookie(reply, SESSION_COOKIE, "", 0)
    return reply
