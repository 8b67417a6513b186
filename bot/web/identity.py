"""The chat page's conversation id: issued by this server, kept in an HttpOnly cookie.

The page's script never sees or chooses the id, so neither a script injected into the page nor
a crafted request can continue someone else's conversation. Rasa files it as `chat:<id>`; its
REST channel accepts that namespace only from this server (channels.identity, header below).
"""

from __future__ import annotations

import re
import secrets
from typing import Optional

from sanic import response

from bot.settings import get_settings

# channels.identity.INTERNAL_HEADER (bot/ does not import channels; a test keeps them equal)
INTERNAL_HEADER = "X-Den-Internal-Token"
COOKIE = "den_chat"
SECURE_COOKIE = "__Host-den_chat"  # https: the browser keeps it to this host, path / only
MAX_AGE = 30 * 24 * 3600  # a month without a message, then a new conversation
_ID = re.compile(r"^[0-9a-f]{32}$")


def secure() -> bool:
    return get_settings().public_base_url.startswith("https://")


def cookie_name() -> str:
    return SECURE_COOKIE if secure() else COOKIE


def conversation_id(cookies: dict) -> Optional[str]:
    """The id in the request's cookie when it has the shape this server issues."""
    value = cookies.get(cookie_name())
    return value if isinstance(value, str) and _ID.match(value) else None


def new_conversation_id() -> str:
    return secrets.token_hex(16)


def sender(conversation: str) -> str:
    return f"chat:{conversation}"


def set_cookie(reply: response.HTTPResponse, conversation: str) -> None:
    name = cookie_name()
    reply.cookies[name] = conversation
    cookie = reply.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/"
    cookie["max-age"] = MAX_AGE
    if secure():
        cookie["secure"] = True


def internal_headers() -> dict:
    token = get_settings().rasa_api_token
    return {INTERNAL_HEADER: token} if token else {}
