"""REST and socket.io channels that answer "even geduld" when a message cannot be handled.

Rasa's own channels swallow an error while handling a message (the conversation lock cannot be
taken, the tracker store is down): REST then answers an empty list and socket.io nothing at all.
A failing custom action (no action server reachable) is swallowed one level deeper: Rasa goes
on without the action's events and the REST answer is just as empty. These subclasses keep the
same names, URLs and credentials, but tell the user in Dutch that the assistant is briefly
unavailable and that the conversation is kept: on an error (REST and socket.io), and when a REST
turn produced no answer at all although the conversation is not paused (a paused conversation,
handed over to an advisor, is silent on purpose). Nothing the user typed is logged: only the
kind of error. They build on the project's own channels (channels/rest.py, channels/socketio.py:
input checks, size limit, socket.io session fix). Used in deploy/credentials.prod.yml.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint

from channels.rest import DenRestInput
from channels.socketio import SocketIOInput
from resilience import CONVERSATION_PAUSED, EVEN_GEDULD, StorageUnavailable, describe

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[Any]]


def _collected(message: UserMessage) -> Optional[List[Any]]:
    """The answers gathered for a REST reply (None for channels that send as they go)."""
    output = message.output_channel
    messages = getattr(output, "messages", None)
    if isinstance(output, CollectingOutputChannel) and isinstance(messages, list):
        return messages
    return None


async def _even_geduld(message: UserMessage) -> None:
    try:
        await message.output_channel.send_text_message(message.sender_id, EVEN_GEDULD)
    except Exception as send_error:
        logger.error("could not send 'even geduld' (%s)", describe(send_error))


def guarded(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler: on any error, or no answer, answer EVEN_GEDULD."""

    async def handle(message: UserMessage) -> None:
        CONVERSATION_PAUSED.set(None)  # set again when the tracker store reads the conversation
        try:
            await on_new_message(message)
        except (Exception, StorageUnavailable) as exc:  # CancelledError passes through
            logger.error("message not handled (%s); answered 'even geduld'", describe(exc))
            collected = _collected(message)
            if collected is not None:
                collected.clear()  # replies of a turn that was not saved would mislead
            await _even_geduld(message)
            return
        if _collected(message) == [] and CONVERSATION_PAUSED.get() is False:
            logger.error("turn produced no answer (an action failed?); answered 'even geduld'")
            await _even_geduld(message)

    return handle


class GuardedRestInput(DenRestInput):
    """Rasa's REST channel (`/webhooks/rest/webhook`) with the "even geduld" answer, on top of
    the input checks and the size limit of channels.rest.DenRestInput."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(guarded(on_new_message))


class GuardedSocketIOInput(SocketIOInput):
    """The socket.io channel (`/socket.io`) with the "even geduld" answer."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(guarded(on_new_message))
