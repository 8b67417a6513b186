"""The production profile's configuration: Rasa reads it, and docker-compose.yml describes the
same deployment as scripts/run_prod.sh (same files, listeners, pool sizes, channels)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from rasa.core.utils import AvailableEndpoints
from rasa.shared.utils.common import class_from_module_path

from bot.ratelimit import SLOW_DOWN
from resilience import EVEN_GEDULD
from resilience.tracker_store import GuardedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = (ROOT / "deploy" / "nginx" / "den.conf.template").read_text()
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
PROD_ENV = (ROOT / "scripts" / "prod_env.sh").read_text()
RUN_PROD = (ROOT / "scripts" / "run_prod.sh").read_text()


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\$\{(DEN_[A-Z0-9_]+)\}", text))


def test_prod_endpoints_come_from_the_environment(monkeypatch):
    for name, value in {
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:9954/webhook",
        "TRACKER_DB_HOST": "127.0.0.1",
        "TRACKER_DB_PORT": "9432",
        "TRACKER_DB_NAME": "den_tracker",
        "TRACKER_DB_USER": "den",
        "TRACKER_DB_PASSWORD": "pw",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "9379",
        "REDIS_PASSWORD": "rpw",
        "REDIS_DB": "1",
    }.items():
        monkeypatch.setenv(name, value)
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "deploy" / "endpoints.prod.yml"))
    assert endpoints.action.url == "http://127.0.0.1:9954/webhook"
    store = endpoints.tracker_store
    # a module path Rasa cannot import would silently become an in-memory tracker store
    assert class_from_module_path(store.type) is GuardedSQLTrackerStore
    assert store.url == "127.0.0.1" and store.kwargs["dialect"] == "postgresql"
    assert store.kwargs["db"] == "den_tracker" and store.kwargs["password"] == "pw"
    assert endpoints.lock_store.type == "redis" and endpoints.lock_store.url == "127.0.0.1"
    assert endpoints.lock_store.kwargs["password"] == "rpw"


def test_prod_channels_are_the_dev_channels_with_rest_and_socketio_guarded():
    dev = yaml.safe_load((ROOT / "credentials.yml").read_text())
    prod = yaml.safe_load((ROOT / "deploy" / "credentials.prod.yml").read_text())
    names = {class_from_module_path(path).name(): path for path in prod}
    assert names["rest"] == "resilience.channels.GuardedRestInput"
    assert names["socketio"] == "resilience.channels.GuardedSocketIOInput"
    dev_names = {
        (path if "." not in path else class_from_module_path(path).name()): path for path in dev
    }
    assert set(names) == set(dev_names)  # no channel of `make run` missing in production
    for name, path in names.items():
        if name not in ("rest", "socketio"):
            assert prod[path] == dev[dev_names[name]]


def test_nginx_answers_even_geduld_with_the_same_words_as_rasa():
    assert EVEN_GEDULD in TEMPLATE


def test_nginx_limits_every_public_chat_entry_with_the_same_dutch_words():
    assert SLOW_DOWN in TEMPLATE
    for location in ("location /webhooks/ {", "location /socket.io/ {", "location /api/ {"):
        block = TEMPLATE.split(location, 1)[1].split("}", 1)[0]
        assert "limit_req zone=den_chat" in block and "error_page 429 = @den_slow_down" in block
    assert "RATE_LIMIT_ADDRESSES=0" in PROD_ENV  # behind nginx only its address would be seen


def test_every_nginx_placeholder_is_filled_locally_and_in_compose():
    wanted = placeholders(TEMPLATE)
    assert {"DEN_RASA_1", "DEN_RASA_2", "DEN_ACTIONS_1", "DEN_ACTIONS_2"} <= wanted
    rendered_locally = set(re.findall(r"\b(DEN_[A-Z0-9_]+)=", RUN_PROD))
    assert wanted == rendered_locally
    in_compose = COMPOSE["services"]["nginx"]["environment"]
    assert wanted == {name for name in in_compose if name.startswith("DEN_")}


def test_compose_runs_the_same_processes_with_the_same_files_and_pools():
    services = COMPOSE["services"]
    for name in ("rasa-1", "rasa-2"):
        command = services[name]["command"]
        assert "deploy/endpoints.prod.yml" in command and "deploy/credentials.prod.yml" in command
        assert "--enable-api --auth-token" in command
    for name in ("actions-1", "actions-2"):
        assert services[name]["command"].startswith("rasa run actions --actions actions")
    assert services["web"]["command"] == "python -m bot.web.app"
    assert services["portal"]["command"] == "python -m bot.portal"
    assert services["worker"]["command"] == "python -m bot.scheduling.worker"
    assert services["migrate"]["command"] == "python -m bot.db.migrate"
    local_default = {
        name: re.search(rf'{name}="\$\{{{name}:-(\d+)\}}"', PROD_ENV).group(1)
        for name in ("SQL_POOL_SIZE", "SQL_MAX_OVERFLOW", "BOT_DB_POOL_SIZE", "BOT_DB_MAX_OVERFLOW")
    }
    rasa_env = services["rasa-1"]["environment"]
    assert rasa_env["SQL_POOL_SIZE"] == local_default["SQL_POOL_SIZE"]
    assert rasa_env["SQL_MAX_OVERFLOW"] == local_default["SQL_MAX_OVERFLOW"]
    for name in ("web", "portal", "worker", "actions-1", "rasa-2", "migrate"):
        env = services[name]["environment"]
        assert env["BOT_DB_POOL_SIZE"] == local_default["BOT_DB_POOL_SIZE"], name
        assert env["BOT_DB_MAX_OVERFLOW"] == local_default["BOT_DB_MAX_OVERFLOW"], name
    endpoints = (ROOT / "deploy" / "endpoints.prod.yml").read_text()
    assert set(re.findall(r"\$\{(\w+)\}", endpoints)) <= set(rasa_env)


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx not installed")
def test_the_rendered_nginx_configuration_is_valid(tmp_path):
    values = {name: "127.0.0.1:1" for name in placeholders(TEMPLATE)}
    values.update(
        DEN_HTTP_LISTEN="127.0.0.1:2",
        DEN_PORTAL_LISTEN="127.0.0.1:3",
        DEN_ACTIONS_LISTEN="127.0.0.1:4",
        DEN_RASA_INTERNAL_LISTEN="127.0.0.1:5",
        DEN_RASA_2="127.0.0.1:6",
        DEN_ACTIONS_2="127.0.0.1:7",
        DEN_NGINX_LOG_DIR=str(tmp_path),
    )
    conf = re.sub(r"\$\{(DEN_[A-Z0-9_]+)\}", lambda m: values[m.group(1)], TEMPLATE)
    (tmp_path / "den.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ include {tmp_path}/den.conf; }}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
