"""End-to-end tests talk to the running servers (scripts/test.sh starts them)."""

from __future__ import annotations

import json
import os
import uuid
from typing import Dict, List

import pytest
import requests

RASA_URL = os.environ.get("RASA_URL", "http://localhost:5005")
WEB_URL = os.environ.get("PUBLIC_BASE_URL", "http://localhost:8080")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


class Chat:
    """One conversation through Rasa's REST channel."""

    def __init__(self, sender: str | None = None) -> None:
        self.sender = sender or f"e2e-{uuid.uuid4().hex[:12]}"
        self.replies: List[Dict] = []

    def say(self, message: str) -> List[Dict]:
        response = requests.post(
            f"{RASA_URL}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": message},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        self.replies = response.json()
        return self.replies

    def press(self, answer: str) -> List[Dict]:
        return self.say("/inform" + json.dumps({"answer": answer}))

    @property
    def text(self) -> str:
        return "\n".join(r.get("text", "") for r in self.replies)

    @property
    def buttons(self) -> List[str]:
        return [b["title"] for r in self.replies for b in r.get("buttons", [])]

    @property
    def images(self) -> List[str]:
        return [r["image"] for r in self.replies if r.get("image")]


@pytest.fixture()
def chat() -> Chat:
    return Chat()
