"""Conversation identity: every channel has its own namespace of sender ids.

Rasa keeps one tracker per sender id, whatever channel it came from. So that no channel can
address another channel's conversations, each channel here prefixes its ids: Telegram chat 42
is `telegram:42`, Slack user U1 is `slack:U1`, a Teams user `teams:...`, the website widget
`web:<random>` and the chat page `chat:<random>`. The REST channel refuses a sender in any of
these namespaces (it is the one channel where the client names the sender), except `chat:` ids
sent by the chat page's own server with the internal token (`RASA_API_TOKEN`).

The widget's ids are issued by the server and signed (`sign`/`verified`), so a browser cannot
pick one; the chat page's ids live in an HttpOnly cookie and never reach the page's script.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage

NAMESPACES = ("telegram", "slack", "teams", "web", "chat")
INTERNAL_HEADER = "X-Den-Internal-Token"
Handler = Callable[[UserMessage], Awaitable[Any]]


def reserved(sender: str) -> bool:
    """True for a sender id in one of the channels' namespaces ("telegram:42")."""
    prefix, colon, _rest = sender.partition(":")
    return bool(colon) and prefix.strip().lower() in NAMESPACES


def internal_token() -> str:
    """The secret shared by Rasa, the chat page and the portal; empty means none (fail closed)."""
    return os.environ.get("RASA_API_TOKEN", "")


def is_internal(presented: Optional[str]) -> bool:
    token = internal_token()
    return bool(token and presented) and hmac.compare_digest(str(presented), token)


def allowed_origins() -> List[str]:
    """Web pages that may open the widget's socket: PUBLIC_BASE_URL and WIDGET_ORIGINS (space
    separated, e.g. "https://www.den.nl"). Never empty: an empty list lets every site in."""
    configured = os.environ.get("WIDGET_ORIGINS", "").split()
    base = os.environ.get("PUBLIC_BASE_URL", "") or "http://localhost:8080"
    return sorted({origin.rstrip("/") for origin in [*configured, base]})


def _key() -> bytes:
    return hmac.new(internal_token().encode(), b"den-web-session", hashlib.sha256).digest()


def new_web_session() -> str:
    """A new widget session id as the browser keeps it: 32 random hex characters and a signature."""
    return sign(secrets.token_hex(16))


def sign(random_part: str) -> str:
    mac = hmac.new(_key(), random_part.encode(), hashlib.sha256).hexdigest()[:32]
    return f"{random_part}.{mac}"


def verified(session_id: Any) -> Optional[str]:
    """The random part of a session id this server signed, else None (also without a secret)."""
    if not internal_token() or not isinstance(session_id, str) or len(session_id) != 65:
        return None
    random_part = session_id[:32]
    if hmac.compare_digest(sign(random_part), session_id):
        return random_part
    return None


class NamespacedOutput(OutputChannel):
    """The channel's own output, addressed with the platform's id (the prefix taken off)."""

    def __init__(self, inner: OutputChannel, namespace: str) -> None:
        self.inner = inner
        self.prefix = f"{namespace}:"

    def name(self) -> str:  # type: ignore[override]
        return self.inner.name()

    def platform_id(self, recipient_id: str) -> str:
        return recipient_id.removeprefix(self.prefix)

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        await self.inner.send_response(self.platform_id(recipient_id), message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.inner.send_text_message(self.platform_id(recipient_id), text, **kwargs)

    def __getattr__(self, attribute: str) -> Any:  # anything else: the channel's own
        return getattr(self.inner, attribute)


def namespaced(on_new_message: Handler, namespace: str) -> Handler:
    """A handler that files the channel's messages under `<namespace>:<platform id>`."""

    async def handle(message: UserMessage) -> Any:
        output = message.output_channel
        message.sender_id = f"{namespace}:{message.sender_id}"
        message.output_channel = NamespacedOutput(output, namespace) if output else output
        return await on_new_message(message)

    return handle
