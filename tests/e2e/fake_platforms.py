"""A local stand-in for the Telegram Bot API and the Slack Web API, for the channel tests.

Rasa's channels are pointed here by TELEGRAM_API_URL=http://localhost:<port>/telegram and
SLACK_API_URL=http://localhost:<port>/slack/api/ (scripts/test.sh), so no test reaches the
internet. Every call is recorded with its method and decoded body; answers are the smallest
valid ones the client libraries (aiogram 2, slack_sdk) accept.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List
from urllib.parse import parse_qs


@dataclass
class Call:
    platform: str  # "telegram" or "slack"
    method: str  # "sendMessage", "chat.postMessage", ...
    body: Dict[str, Any]
    at: float = field(default_factory=time.monotonic)


def decode(content_type: str, raw: bytes) -> Dict[str, Any]:
    if not raw:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(raw)
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()}
    if content_type.startswith("multipart/form-data"):
        return {"_multipart": raw.decode("utf-8", "replace")}
    return {"_raw": raw.decode("utf-8", "replace")}


def telegram_result(method: str, body: Dict[str, Any]) -> Any:
    if method in {"sendMessage", "sendPhoto"}:
        chat_id = int(body.get("chat_id", 0))
        message = {
            "message_id": int(time.time() * 1000) % 1_000_000,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
        }
        if "text" in body:
            message["text"] = body["text"]
        return message
    if method == "getMe":
        return {"id": 1, "is_bot": True, "first_name": "DEN", "username": "den_test_bot"}
    return True


class FakePlatforms:
    def __init__(self, port: int) -> None:
        self.port = port
        self.calls: List[Call] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakePlatforms:
        self._thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def matching(self, predicate: Callable[[Call], bool]) -> List[Call]:
        with self._lock:
            return [c for c in self.calls if predicate(c)]

    def wait_for(
        self, predicate: Callable[[Call], bool], count: int = 1, timeout: float = 30
    ) -> List[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.matching(predicate)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(
            f"expected {count} matching platform calls, got {len(self.matching(predicate))}:"
            f" {[(c.method, c.body) for c in self.calls[-10:]]}"
        )

    def _handler(self) -> type:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = decode(self.headers.get("Content-Type", ""), raw)
                parts = self.path.strip("/").split("/")
                if parts[0] == "telegram" and len(parts) == 3:
                    method = parts[2]
                    fake.record(Call("telegram", method, body))
                    answer: Dict[str, Any] = {"ok": True, "result": telegram_result(method, body)}
                elif parts[:2] == ["slack", "api"] and len(parts) == 3:
                    fake.record(Call("slack", parts[2], body))
                    answer = {
                        "ok": True,
                        "channel": body.get("channel"),
                        "ts": f"{time.time():.6f}",
                    }
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(answer).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

        return Handler
