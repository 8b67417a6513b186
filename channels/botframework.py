"""Microsoft Teams (Azure Bot Service, "botframework") through Rasa's connector.

Differences from `rasa.core.channels.botframework`:
- empty credentials (no `BOTFRAMEWORK_APP_ID` / `BOTFRAMEWORK_APP_PASSWORD`) leave the channel
  switched off instead of half-working;
- Microsoft's signing keys are fetched on the first message rather than at start-up, so the
  server starts without reaching login.botframework.com (refreshed when older than a day), and
  with a timeout (`KEY_FETCH_SECONDS`), so a slow Microsoft cannot hold the event loop long;
- every request's token is checked in full before Rasa sees it: signature, audience (our app
  id), issuer (`ISSUER`), expiry, and that its `serviceurl` claim is the activity's
  `serviceUrl`, so a token for another conversation service cannot be replayed against us;
- conversations are filed as `teams:<user id>` (channels.identity).
"""

from __future__ import annotations

import datetime
import logging
from typing import Any, Awaitable, Callable, Dict, Optional

import jwt
import requests
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels import botframework as rasa_botframework
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.common import not_configured_blueprint, setting
from channels.identity import namespaced

logger = logging.getLogger(__name__)
ISSUER = "https://api.botframework.com"
KEY_FETCH_SECONDS = 5


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

    def _update_cached_jwk_keys(self) -> None:
        conf = requests.get(rasa_botframework.MICROSOFT_OPEN_ID_URI, timeout=KEY_FETCH_SECONDS)
        conf.raise_for_status()
        keys = requests.get(conf.json()["jwks_uri"], timeout=KEY_FETCH_SECONDS)
        keys.raise_for_status()
        self.jwt_keys = {key["kid"]: key for key in keys.json()["keys"]}
        self.jwt_update_time = datetime.datetime.now()

    def token_is_valid(self, token: str, service_url: Any) -> bool:
        """Signature, audience, issuer, expiry, and the serviceurl claim of the activity."""
        try:
            key = self.jwt_keys.get(jwt.get_unverified_header(token).get("kid"))
            if key is None:
                return False
            claims = jwt.decode(
                token,
                key=RSAAlgorithm.from_jwk(key),
                audience=self.app_id,
                issuer=ISSUER,
                algorithms=["RS256"],
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            return False
        claimed = claims.get("serviceurl") or claims.get("serviceUrl")
        return isinstance(service_url, str) and claimed == service_url

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        if not self.configured:
            return not_configured_blueprint("botframework_webhook", self.name())
        blueprint = super().blueprint(namespaced(on_new_message, "teams"))

        @blueprint.middleware("request")
        async def verified(request: Request) -> Optional[HTTPResponse]:
            if request.method != "POST":
                return None
            refusal = self._validate_auth(request.headers.get("Authorization"))  # keys, bearer
            if refusal is not None:
                return refusal
            token = (request.headers.get("Authorization") or "").split(" ", 1)[-1]
            body = request.json if isinstance(request.json, dict) else {}
            if not self.token_is_valid(token, body.get("serviceUrl")):
                logger.warning("botframework request refused: token or serviceUrl not valid")
                return response.text("Could not validate JWT token.", status=401)
            return None

        return blueprint
