"""Sign in and out. The login form is protected by a double-submit CSRF cookie."""

from __future__ import annotations

import asyncio
import secrets
from typing import Optional

from sanic import Blueprint, response
from sanic.request import Request

from bot.db import audit
from bot.db.session import session_scope
from bot.portal import accounts
from bot.portal.throttle import TOO_MANY, LoginThrottle
from bot.portal.web import audited, client_address, form_value, page, render, user
from bot.scheduling import advisors
from bot.settings import get_settings

bp = Blueprint("portal_auth")
SESSION_COOKIE = "den_portal"
LOGIN_CSRF_COOKIE = "den_portal_login"
SECURE_PREFIX = "__Host-"  # with Secure: sent only over https, to this host, path /


def cookie_name(name: str) -> str:
    return SECURE_PREFIX + name if get_settings().portal_cookie_secure else name


def session_token(request: Request) -> Optional[str]:
    return request.cookies.get(cookie_name(SESSION_COOKIE))


THROTTLE = LoginThrottle()  # failed logins per client address, this process


def set_cookie(reply: response.HTTPResponse, base: str, value: str, max_age: int) -> None:
    name = cookie_name(base)
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict" if base == LOGIN_CSRF_COOKIE else "Lax"
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
        request.cookies.get(cookie_name(LOGIN_CSRF_COOKIE)), form_value(request, "csrf_token")
    ):
        return _login_page(request, "Het formulier was verlopen. Probeer het nog eens.", 403, email)
    address = client_address(request)
    if THROTTLE.blocked(address):
        with session_scope() as session:
            audit.record(session, "login_throttled", address=address)
        return _login_page(request, TOO_MANY, 429, email)
    settings = get_settings()
    # argon2 takes tens of milliseconds of CPU: in a worker thread, not on the event loop
    token = await asyncio.get_running_loop().run_in_executor(
        None, _sign_in, email, password, settings.portal_session_hours, address
    )
    if token is None:
        THROTTLE.failed(address)
        return _login_page(request, "Dat e-mailadres of wachtwoord klopt niet.", 401, email)
    reply = response.redirect(safe_next(form_value(request, "next") or "/gesprekken"))
    set_cookie(reply, SESSION_COOKIE, token, settings.portal_session_hours * 3600)
    set_cookie(reply, LOGIN_CSRF_COOKIE, "", 0)
    return reply


def _sign_in(email: str, password: str, hours: int, address: str) -> Optional[str]:
    """A new session token when e-mail and password are right (runs in a worker thread); the
    attempt goes into the audit log either way."""
    with session_scope() as session:
        advisor = accounts.authenticate(session, email, password)
        if advisor is None:
            known = advisors.get_by_email(session, email) if email else None
            audit.record(
                session, "login_failed", advisor_id=known.id if known else None, address=address
            )
            return None
        audit.record(session, "login", advisor_id=advisor.id, address=address)
        return accounts.start_session(session, advisor, hours)


@bp.post("/logout")
@page
async def logout(request: Request) -> response.HTTPResponse:
    with session_scope() as session:
        accounts.end_session(session, session_token(request))
        audited(session, request, "logout", None)
    reply = response.redirect("/login")
    set_cookie(reply, SESSION_COOKIE, "", 0)
    return reply
