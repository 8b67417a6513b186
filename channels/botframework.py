"""Microsoft Teams (Azure Bot Service, "botframework") through Rasa's connector.

Differences from `rasa.core.channels.botframework`: empty credentials (no
`BOTFRAMEWORK_APP_ID` / `BOTFRAMEWORK_APP_PASSWORD`) leave the channel switched off instead of
half-working, and Microsoft's signing keys are fetched on the first message rather than at
start-up, so the server starts without reaching login.botframework.com (Rasa's
`_validate_auth` refreshes them when older than a day). Conversations are filed as
`teams:<user id>` (channels.identity).
"""

from __future__ import annotations

import datetime
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels import botframework as rasa_botframework
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from channels.common import not_configured_blueprint, setting
from channels.identity import namespaced


class BotFrameworkInput(rasa_botframework.BotFrameworkInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> BotFrameworkInput:
        return cls(setting(credentials, "app_id"), setting(credentials, "app_password"))

    def __init__(self, app_id: str, app_password: str) -> None:
        self.app_id = app_id
        self.app_password = app_password
        self.jwt_keys: Dict[str, Any] = {}
        self.jwt_update_time = datetime.datetime.fromtimestamp(0)  # fetched on first use

    @property
    def configured(self) -> bool:
        return bool(self.app_id and self.app_password)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint("botframework_webhook", self.name())
        return super().blueprint(namespaced(on_new_message, "teams"))
