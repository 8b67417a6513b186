"""Telegram through Rasa's connector, made safe to run and to test.

Differences from `rasa.core.channels.telegram`:
- empty credentials (no `TELEGRAM_ACCESS_TOKEN`) leave the channel switched off instead of
  failing start-up; the webhook then answers 404;
- `api_url` points aiogram at another Bot API server (tests use a local fake; default
  https://api.telegram.org);
- the webhook is registered once the server runs, and a failure is logged, not fatal;
- `secret_token` is sent to Telegram with the webhook and checked on every update
  (header `X-Telegram-Bot-Api-Secret-Token`), instead of asking Telegram `getMe` per message;
  with an access token but no secret token the server refuses to start (never unverified);
- conversations are filed as `telegram:<chat id>` (channels.identity), so no other channel can
  reach them;
- a repeated `update_id` (Telegram retries after errors or timeouts) is answered only once, and
  errors while handling are logged and acknowledged so Telegram does not retry them;
- `/start` and `/help` greet; pressed buttons are acknowledged (`answerCallbackQuery`); edited
  messages are ignored; stickers, photos and voice get a short Dutch explanation;
- buttons: one row for up to three short titles, otherwise one button per row.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
from rasa.core.channels import telegram as rasa_telegram
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import (
    MAX_MESSAGE_CHARS,
    TOO_LONG,
    RecentIds,
    not_configured_blueprint,
    setting,
)
from channels.identity import namespaced

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CALLBACK_DATA_LIMIT = 64  # bytes, a Telegram limit
GREETING_COMMANDS = {"/start", "/help"}
NOT_TEXT = "Ik kan alleen tekst lezen. Typ je vraag, of kies een knop."
MIN_SECRET_CHARS = 16


class MissingSecretToken(RuntimeError):
    """The channel is configured without the secret that verifies Telegram's updates."""


def keyboard(buttons: List[Dict[str, Any]]) -> InlineKeyboardMarkup:
    """Inline keyboard: a single row for up to three short titles, else one button per row."""
    markup = InlineKeyboardMarkup()
    items = [
        InlineKeyboardButton(str(b["title"]), callback_data=callback_data(b))
        for b in buttons
        if b.get("title")
    ]
    if len(items) <= 3 and all(len(item.text) <= 16 for item in items):
        markup.row(*items)
    else:
        for item in items:
            markup.row(item)
    return markup


def callback_data(button: Dict[str, Any]) -> str:
    """The payload, or the title when the payload exceeds Telegram's 64-byte limit."""
    payload = str(button.get("payload") or button.get("title") or "")
    if len(payload.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
        return payload
    logger.warning("telegram button payload longer than 64 bytes; sending its title instead")
    return str(button["title"]).encode("utf-8")[:CALLBACK_DATA_LIMIT].decode("utf-8", "ignore")


class TelegramOutput(rasa_telegram.TelegramOutput):
    """aiogram's Bot on a configurable Bot API server."""

    def __init__(self, access_token: str, api_url: str = DEFAULT_API_URL) -> None:
        rasa_telegram.Bot.__init__(self, access_token, server=TelegramAPIServer.from_base(api_url))

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        button_type: Optional[str] = None,
        **kwargs: Any,
    ) -> None:
        if button_type is not None:  # a response asked for Rasa's own layout explicitly
            await super().send_text_with_buttons(recipient_id, text, buttons, button_type)
            return
        await self.send_message(recipient_id, text, reply_markup=keyboard(buttons))


class TelegramInput(rasa_telegram.TelegramInput):
    """Telegram webhook; see the module docstring for what differs from Rasa's."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> TelegramInput:
        return cls(
            access_token=setting(credentials, "access_token"),
            verify=setting(credentials, "verify"),
            webhook_url=setting(credentials, "webhook_url"),
            secret_token=setting(credentials, "secret_token"),
            api_url=setting(credentials, "api_url", DEFAULT_API_URL),
        )

    def __init__(
        self,
        access_token: str,
        verify: str = "",
        webhook_url: str = "",
        secret_token: str = "",
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.secret_token = secret_token
        self.api_url = api_url
        self.recent_updates = RecentIds()

    @property
    def configured(self) -> bool:
        return bool(self.access_token)

    def check_secret(self) -> None:
        if self.configured and len(self.secret_token) < MIN_SECRET_CHARS:
            raise MissingSecretToken(
                "TELEGRAM_ACCESS_TOKEN is set but TELEGRAM_SECRET_TOKEN is empty or shorter than "
                f"{MIN_SECRET_CHARS} characters: Telegram updates could not be verified, so the "
                "channel does not start. Set TELEGRAM_SECRET_TOKEN (README, Channels)."
            )

    def get_output_channel(self) -> TelegramOutput:
        return TelegramOutput(self.access_token, self.api_url)

    async def register_webhook(self, out_channel: TelegramOutput) -> bool:
        data: Dict[str, Any] = {
            "url": self.webhook_url,
            "allowed_updates": json.dumps(["message", "edited_message", "callback_query"]),
        }
        if self.secret_token:
            data["secret_token"] = self.secret_token
        return bool(await out_channel.request("setWebhook", data))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint("telegram_webhook", self.name())
        self.check_secret()
        on_new_message = namespaced(on_new_message, "telegram")
        telegram_webhook = Blueprint("telegram_webhook", __name__)
        out_channel = self.get_output_channel()

        @telegram_webhook.listener("after_server_start")
        async def set_webhook_on_start(*_: Any) -> None:
            if not self.webhook_url:
                return
            try:
                ok = await self.register_webhook(out_channel)
                logger.info("telegram webhook %s", "registered" if ok else "not accepted")
            except Exception as error:  # start-up must survive a Telegram outage
                logger.warning("telegram webhook not registered: %s", type(error).__name__)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), self.secret_token):
                return response.text("forbidden", status=403)
            try:
                body = json.loads(request.body or b"")
                update = Update(**body)
            except (ValueError, TypeError):
                return response.text("bad request", status=400)
            if body.get("update_id") is not None and not self.recent_updates.first_time(
                str(body["update_id"])
            ):
                return response.text("duplicate")
            await self.handle_update(update, request, out_channel, on_new_message)
            return response.text("success")

        return telegram_webhook

    async def handle_update(
        self,
        update: Update,
        request: Request,
        out_channel: TelegramOutput,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        if update.callback_query is not None:
            query = update.callback_query
            try:
                await out_channel.answer_callback_query(query.id)
            except Exception as error:  # the spinner on the button is cosmetic
                logger.info("answerCallbackQuery failed: %s", type(error).__name__)
            if query.message is None:
                return
            chat_id, text = str(query.message.chat.id), query.data or ""
        elif update.message is not None:
            chat_id, text = str(update.message.chat.id), update.message.text
            if text is None:
                await self.safely(out_channel.send_message(chat_id, NOT_TEXT))
                return
        else:  # edited messages, channel posts, ...: nothing to answer
            return
        text = self.clean(text)
        if len(text) > MAX_MESSAGE_CHARS:
            await self.safely(out_channel.send_message(chat_id, TOO_LONG))
            return
        user_message = UserMessage(
            text,
            out_channel,
            chat_id,
            input_channel=self.name(),
            metadata=self.get_metadata(request),
        )
        await self.safely(on_new_message(user_message))

    def clean(self, text: str) -> str:
        if self.verify:
            text = text.replace(f"@{self.verify}", "")
        text = text.strip()
        if text.split(" ")[0] in GREETING_COMMANDS:
            return "/greet"
        return text

    @staticmethod
    async def safely(awaitable: Awaitable[Any]) -> None:
        try:
            await awaitable
        except Exception:  # an error answer would make Telegram send the update again
            logger.exception("telegram update not handled")
