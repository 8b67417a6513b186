"""endpoints.yml takes its values from the environment (Rasa only expands unquoted ${VAR})."""

from pathlib import Path

from rasa.core.utils import AvailableEndpoints

ROOT = Path(__file__).resolve().parents[1]


def test_action_server_and_tracker_store_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://localhost:9999/webhook")
    monkeypatch.setenv("TRACKER_DB_PATH", str(tmp_path / "tracker.db"))
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "endpoints.yml"))
    assert endpoints.action.url == "http://localhost:9999/webhook"
    assert endpoints.tracker_store.kwargs["db"] == str(tmp_path / "tracker.db")
    assert endpoints.lock_store is None  # embedded default: Rasa's in-process lock store
