"""Rasa's REST channel (`/webhooks/rest/webhook`, same name and URL) that checks what comes in.

- A message longer than MAX_MESSAGE_CHARS, or without text, gets a friendly Dutch answer and
  never reaches NLU or the tracker store.
- Control characters and lone surrogates (from JSON escapes such as "\\ud800") are removed:
  they cannot be stored in every database and mean nothing to NLU.
- A sender in another channel's namespace ("telegram:42", "web:...", channels.identity) is
  refused with 403: the REST client names its sender, so it must not name someone else's.
- More messages than bot.ratelimit allows (per conversation; new conversations per address)
  get 429 with a Dutch "even rustig aan".
- A body that is no JSON object, or has no usable `sender`, is answered with 400 instead of
  an error inside Rasa (Rasa's own class raises on `None.get` and answers 500). Invalid UTF-8
  and broken JSON already get 400 from Sanic.
- Rasa logs the whole message when it starts with "/" but is no valid intent payload ("/",
  "/{...", "/x{broken"). Such a message loses its leading "/" here and goes to NLU as typed
  text. For a well-formed payload with an unknown intent Rasa warns "Failed to parse arguments
  in line '<the message>'"; that warning is switched off for the whole Rasa process when this
  module is loaded.
Nothing the user typed is logged here. resilience.channels.GuardedRestInput (production) builds
on this class.
"""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.exceptions import Forbidden, InvalidUsage, SanicException
from sanic.request import Request

from bot.ratelimit import SLOW_DOWN, ChatLimits
from channels import identity
from channels.common import EMPTY, MAX_MESSAGE_CHARS, TOO_LONG

MAX_SENDER_CHARS = 255  # the tracker store's sender_id column
OTHER_CHANNEL = "Dit gesprek hoort bij een ander kanaal. Begin hier een nieuw gesprek."
KEEP = {"\n", "\t"}
PAYLOAD = re.compile(r"/[A-Za-z_][A-Za-z0-9_/]*(?:@[0-9.]+)?(?P<entities>\{.*\})?", re.DOTALL)

Handler = Callable[[UserMessage], Awaitable[Any]]

# rasa.shared.core.training_data.story_reader.yaml_story_reader repeats the message in this one.
warnings.filterwarnings("ignore", message="Failed to parse arguments in line", category=UserWarning)


def clean_text(text: str) -> str:
    """Without control characters (new lines and tabs stay) and without lone surrogates."""
    return "".join(ch for ch in text if ch in KEEP or unicodedata.category(ch) not in ("Cc", "Cs"))


def plain_unless_payload(text: str) -> str:
    """A button payload ("/inform{...}") stays; any other text loses its leading slashes."""
    if not text.lstrip().startswith("/"):
        return text
    match = PAYLOAD.fullmatch(text.strip())
    if match and _entities_ok(match.group("entities")):
        return text
    return text.lstrip().lstrip("/")


def _entities_ok(entities: Optional[str]) -> bool:
    if entities is None:
        return True
    try:
        return isinstance(json.loads(entities), dict)
    except (ValueError, RecursionError):
        return False


def limited(on_new_message: Handler) -> Handler:
    """Answer an empty or too long message ourselves; pass everything else on."""

    async def handle(message: UserMessage) -> None:
        text = message.text or ""
        if len(text) > MAX_MESSAGE_CHARS:
            await message.output_channel.send_text_message(message.sender_id, TOO_LONG)
        elif not text.strip():
            await message.output_channel.send_text_message(message.sender_id, EMPTY)
        else:
            await on_new_message(message)

    return handle


class DenRestInput(RestInput):
    """Rasa's REST channel with input checks and a size limit."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    @staticmethod
    def _body(request: Request) -> Dict[str, Any]:
        body = request.json  # broken JSON or invalid UTF-8: Sanic answers 400 itself
        if not isinstance(body, dict):
            raise InvalidUsage("Send a JSON object with 'sender' and 'message'.")
        return body

    async def _extract_sender(self, req: Request) -> Optional[str]:
        sender = self._body(req).get("sender")
        if isinstance(sender, bool) or not isinstance(sender, str | int):
            raise InvalidUsage("'sender' must be a non-empty string.")
        sender = clean_text(str(sender)).strip()
        if not sender or len(sender) > MAX_SENDER_CHARS:
            raise InvalidUsage(f"'sender' must be 1 to {MAX_SENDER_CHARS} characters.")
        chat_page = self._chat_page(req, sender)
        if identity.reserved(sender) and not chat_page:
            # another channel's conversation ("telegram:42", "web:..."): never reachable here
            raise Forbidden(OTHER_CHANNEL)
        # the chat page's server limits its own clients by address (bot.web.app)
        address = None if chat_page else getattr(req, "ip", None)
        if not self.limits.allow(sender, address):
            raise SanicException(SLOW_DOWN, status_code=429)
        return sender

    @property
    def limits(self) -> ChatLimits:
        if not hasattr(self, "_limits"):
            self._limits = ChatLimits()
        return self._limits

    @staticmethod
    def _chat_page(req: Request, sender: str) -> bool:
        """The chat page's own server, forwarding a `chat:` conversation with the token."""
        token = req.headers.get(identity.INTERNAL_HEADER)
        return sender.startswith("chat:") and identity.is_internal(token)

    def _extract_message(self, req: Request) -> Optional[str]:
        message = self._body(req).get("message")
        return plain_unless_payload(clean_text(message)) if isinstance(message, str) else None

    def _extract_input_channel(self, req: Request) -> str:
        channel = self._body(req).get("input_channel")
        return channel if isinstance(channel, str) and channel.strip() else self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[str, Any]]:
        metadata = self._body(request).get("metadata")
        return metadata if isinstance(metadata, dict) else None

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(limited(on_new_message))
