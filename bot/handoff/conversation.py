"""Give a paused chat back to the assistant, through Rasa's HTTP API (plain HTTP, no Rasa import).

A hand-over pauses the conversation (ConversationPaused). When the advisor marks the request
done in the portal, this appends `resume` and `action_listen` events to the conversation's
tracker, so the assistant answers the next message again. Needs Rasa started with
`--enable-api --auth-token $RASA_API_TOKEN` (scripts/run.sh does that); without
RASA_API_TOKEN nothing is sent and the caller says so.
"""

from __future__ import annotations

import logging
from typing import Optional
from urllib.parse import quote

import requests

from bot.settings import Settings, get_settings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


def resume(conversation_id: str, settings: Optional[Settings] = None) -> bool:
    """True when Rasa accepted the resume event; False when not configured or it failed."""
    settings = settings or get_settings()
    if not settings.rasa_api_token:
        return False
    url = (
        f"{settings.rasa_url.rstrip('/')}/conversations/{quote(conversation_id, safe='')}"
        "/tracker/events"
    )
    try:
        reply = requests.post(
            url,
            params={"token": settings.rasa_api_token, "include_events": "NONE"},
            # resume, then listen: the pause came straight after an action, so without a listen
            # the next message would be taken as that action's follow-up and left unanswered
            json=[{"event": "resume"}, {"event": "action", "name": "action_listen"}],
            timeout=TIMEOUT_SECONDS,
        )
    except requests.RequestException as exc:
        log.warning("resume of a conversation failed: %s", type(exc).__name__)
        return False
    if reply.status_code != 200:
        log.warning("resume of a conversation failed: HTTP %s", reply.status_code)
        return False
    return True
