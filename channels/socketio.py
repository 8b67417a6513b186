"""Rasa's socket.io channel, with session persistence that works on python-socketio 5.x.

Rasa 3.6 calls `sio.enter_room(...)` without `await`; since python-socketio 5.10 that is a
coroutine, so the socket never joins the room named after the session id and, with
`session_persistence: true`, no answer reaches the browser (RasaHQ/rasa#13027). This channel
awaits it. It also checks what arrives: empty or oversized messages, and more messages than
bot.ratelimit allows, get a short Dutch answer instead of reaching the model.

Identity (channels.identity): the server issues the session id (random, signed with a key
derived from RASA_API_TOKEN) in `session_confirm`; a stored id is taken back only with a valid
signature, otherwise the browser gets a fresh conversation. The conversation is bound to the
socket that asked for it: messages use that binding, never a session id in the message. The
tracker's sender id is `web:<random part>`, a namespace no other channel can reach.
"""

from __future__ import annotations

import inspect
import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage, decode_bearer_token
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.ratelimit import SLOW_DOWN, ChatLimits
from channels import identity
from channels.common import EMPTY, MAX_MESSAGE_CHARS, TOO_LONG

logger = logging.getLogger(__name__)


def sender_for(session_id: Any) -> Optional[str]:
    """The tracker's sender id for a session id this server signed, else None."""
    random_part = identity.verified(session_id)
    return f"web:{random_part}" if random_part else None


class SocketIOInput(rasa_socketio.SocketIOInput):
    """socket.io input channel; same protocol and events as Rasa's, see module docstring."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=identity.allowed_origins())
        socketio_webhook = rasa_socketio.SocketBlueprint(
            sio, self.socketio_path, "socketio_webhook", __name__
        )
        self.sio = sio

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        limits = ChatLimits()
        addresses: Dict[str, str] = {}  # socket id -> client address, while connected

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: Dict, auth: Optional[Dict] = None) -> bool:
            request = environ.get("sanic.request")
            address = getattr(request, "ip", None) or environ.get("REMOTE_ADDR")
            if address:
                addresses[sid] = str(address)
            if not self.jwt_key:
                return True
            token = (auth or {}).get("token")
            return bool(token and decode_bearer_token(token, self.jwt_key, self.jwt_algorithm))

        bound: Dict[str, str] = {}  # socket id -> sender id, for this process's sockets

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            bound.pop(sid, None)
            addresses.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            sender_id = sender_for(session_id)
            if sender_id is None:  # not one we signed: a fresh conversation
                session_id = identity.new_web_session()
                sender_id = sender_for(session_id) or f"web:{uuid.uuid4().hex}"  # no secret
            bound[sid] = sender_id
            # answers go to the room named after the conversation (every tab of it)
            entered = sio.enter_room(sid, sender_id, namespace=self.namespace)
            if inspect.isawaitable(entered):
                await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                return
            output_channel = rasa_socketio.SocketIOOutput(sio, self.bot_message_evt)
            sender_id = bound.get(sid)
            if sender_id is None:
                logger.warning("socket.io message before session_request ignored")
                return
            text = data.get("message")
            if not isinstance(text, str) or not text.strip():
                await output_channel.send_text_message(sender_id, EMPTY)
                return
            if len(text) > MAX_MESSAGE_CHARS:
                await output_channel.send_text_message(sender_id, TOO_LONG)
                return
            if not limits.allow(sender_id, addresses.get(sid)):
                await output_channel.send_text_message(sender_id, SLOW_DOWN)
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            await on_new_message(
                UserMessage(
                    text,
                    output_channel,
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )

        return socketio_webhook
