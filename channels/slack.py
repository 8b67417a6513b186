"""Slack through Rasa's connector, without duplicate answers and testable offline.

Differences from `rasa.core.channels.slack`:
- empty credentials (no `SLACK_TOKEN` or no `SLACK_SIGNING_SECRET`) leave the channel switched
  off instead of failing start-up; the webhook then answers 404;
- Slack delivers an event again when it thinks the first delivery failed (retry headers
  `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`). Rasa only ignores retries whose reason is
  `http_timeout`; here every event is handled once per `event_id` (button clicks once per
  `action_ts` and user), whatever the reason, and a repeat is acknowledged with 200 and
  `X-Slack-No-Retry: 1`;
- `api_url` points the Slack Web API client at another base URL (tests use a local fake;
  default https://slack.com/api/);
- buttons: up to 25 per message (Rasa drops them all above five, and a scan statement has six),
  text as escaped `mrkdwn` so links are clickable; no legacy `as_user` argument.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels import slack as rasa_slack
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from channels.common import RecentIds, flag, not_configured_blueprint, setting
from channels.identity import namespaced

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
BUTTONS_PER_BLOCK = 25  # Slack's limit for one actions block
IMAGE_ALT = "Afbeelding van de DEN-assistent, bijvoorbeeld de radargrafiek van jullie profiel"


def mrkdwn_escape(text: str) -> str:
    """Slack asks for exactly these three characters to be escaped in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def button_blocks(text: str, buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    blocks: List[Dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn_escape(text)}}
    ]
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": str(b["title"])[:75]},
            "value": str(b.get("payload") or b["title"])[:2000],
        }
        for b in buttons
        if b.get("title")
    ]
    for start in range(0, len(elements), BUTTONS_PER_BLOCK):
        blocks.append({"type": "actions", "elements": elements[start : start + BUTTONS_PER_BLOCK]})
    return blocks


class SlackBot(rasa_slack.SlackBot):
    """Rasa's Slack output on a configurable Web API base URL."""

    def __init__(
        self,
        token: str,
        slack_channel: Optional[str] = None,
        thread_id: Optional[str] = None,
        proxy: Optional[str] = None,
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, base_url=api_url, proxy=proxy)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        kwargs.pop("as_user", None)  # legacy; new Slack apps post as the bot anyway
        await super()._post_message(channel, **kwargs)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        for part in text.strip().split("\n\n"):
            await self._post_message(channel=recipient, text=mrkdwn_escape(part), mrkdwn=True)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        block = {"type": "image", "image_url": image, "alt_text": IMAGE_ALT}
        await self._post_message(channel=recipient, text=image, blocks=[block])

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        recipient = self.slack_channel or recipient_id
        await self._post_message(channel=recipient, text=text, blocks=button_blocks(text, buttons))


class SlackInput(rasa_slack.SlackInput):
    """Slack Events API and interactivity webhook; see the module docstring."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> SlackInput:
        return cls(
            slack_token=setting(credentials, "slack_token"),
            slack_channel=setting(credentials, "slack_channel") or None,
            proxy=setting(credentials, "proxy") or None,
            slack_retry_reason_header="x-slack-retry-reason",
            slack_retry_number_header="x-slack-retry-num",
            use_threads=flag(credentials, "use_threads"),
            slack_signing_secret=setting(credentials, "slack_signing_secret"),
            conversation_granularity=setting(credentials, "conversation_granularity", "sender"),
            api_url=setting(credentials, "api_url", DEFAULT_API_URL),
        )

    def __init__(self, *args: Any, api_url: str = DEFAULT_API_URL, **kwargs: Any) -> None:
        self.api_url = api_url
        self.recent_events = RecentIds()
        super().__init__(*args, **kwargs)

    @property
    def configured(self) -> bool:
        return bool(self.slack_token and self.slack_signing_secret)

    def _validate_credentials(self) -> None:
        """Unlike Rasa's: a missing signing secret switches the channel off (see blueprint)."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint("slack_webhook", self.name())
        return super().blueprint(on_new_message)

    def get_output_channel(
        self, channel: Optional[str] = None, thread_id: Optional[str] = None
    ) -> SlackBot:
        return SlackBot(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url
        )

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: Optional[str],
        metadata: Optional[Dict],
    ) -> Any:
        key = delivery_key(request)
        if key is not None and not self.recent_events.first_time(key):
            logger.info(
                "slack delivery repeated (retry %s, reason %s); answered once already",
                request.headers.get("x-slack-retry-num", "-"),
                request.headers.get("x-slack-retry-reason", "-"),
            )
            return response.text("", status=HTTPStatus.OK, headers={"X-Slack-No-Retry": "1"})
        return await super().process_message(
            request, namespaced(on_new_message, "slack"), text, sender_id, metadata
        )


def delivery_key(request: Request) -> Optional[str]:
    """What identifies one delivery across Slack's retries: the event id, or the button click."""
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("application/json"):
            event_id = (request.json or {}).get("event_id")
            return f"event:{event_id}" if event_id else None
        if content_type.startswith("application/x-www-form-urlencoded"):
            payload = json.loads(request.form["payload"][0])
            action = (payload.get("actions") or [{}])[0]
            user = (payload.get("user") or {}).get("id", "")
            stamp = action.get("action_ts") or payload.get("trigger_id")
            return f"action:{user}:{stamp}" if stamp else None
    except (KeyError, IndexError, ValueError, AttributeError):
        return None
    return None
