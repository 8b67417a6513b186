#!/usr/bin/env bash
# Every test and quality gate, cheap to expensive. Called by `make test` (after install + train).
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
export MPLBACKEND=Agg

# Test services run on their own ports and databases, so a running `make run` is not disturbed.
export RASA_PORT=15005 ACTION_PORT=15055 WEB_PORT=18080 PORTAL_PORT=18090
export PORTAL_BASE_URL="http://localhost:$PORTAL_PORT"
# the advisor API and Rasa's HTTP API (used by the portal to resume a handed-over chat)
export ADVISOR_API_TOKEN="test-advisor-api-token" RASA_API_TOKEN="test-rasa-api-token"
# always open, so the hand-over (pause, resume from the portal) runs end to end at any hour
export OFFICE_HOURS_FILE="$ROOT/tests/e2e/test_handoff_office_hours.yml"
export ACTION_ENDPOINT_URL="http://localhost:$ACTION_PORT/webhook"
export RASA_URL="http://localhost:$RASA_PORT" PUBLIC_BASE_URL="http://localhost:$WEB_PORT"
export RASA_PUBLIC_URL="$RASA_URL"
# Messaging channels under test: real webhooks in, replies out to a local fake Telegram/Slack API
# that tests/e2e/test_channels.py runs on FAKE_PLATFORM_PORT. Never the real platforms.
export FAKE_PLATFORM_PORT=15099 TELEGRAM_WEBHOOK_URL="" BOTFRAMEWORK_APP_ID="" BOTFRAMEWORK_APP_PASSWORD=""
export TELEGRAM_ACCESS_TOKEN="123456:test-token" TELEGRAM_SECRET_TOKEN="test-telegram-secret"
export TELEGRAM_API_URL="http://localhost:$FAKE_PLATFORM_PORT/telegram"
export SLACK_TOKEN="xoxb-test-token" SLACK_SIGNING_SECRET="test-signing-secret" SLACK_CHANNEL=""
export SLACK_API_URL="http://localhost:$FAKE_PLATFORM_PORT/slack/api/"
rm -rf var/test && mkdir -p var/test results
export TRACKER_DB_PATH="$ROOT/var/test/tracker.db"
export BOT_DATABASE_URL="sqlite:///$ROOT/var/test/den.db"
export VAR_RUN="$ROOT/var/test/run"

started=$(date +%s)
step() { echo; echo "=== $1 ($(( $(date +%s) - started )) s)"; }
cleanup() { scripts/stop.sh --quiet || true; scripts/test_postgres.sh stop || true; }
trap cleanup EXIT

step "browser for the browser tests (Debian's Chromium)"
scripts/install_browser.sh

step "lint (ruff)"
ruff check .

step "a throwaway PostgreSQL 15 on loopback (the production database; scripts/test_postgres.sh)"
# Migrations, the booking race, idempotency, the outbox with two workers and privacy run on
# SQLite and on this database; REQUIRE_POSTGRES makes a missing PostgreSQL fail, not skip.
export TEST_POSTGRES_URL="$(scripts/test_postgres.sh start)" REQUIRE_POSTGRES=1

step "unit tests (pytest; the database tests on SQLite and PostgreSQL)"
python -m pytest -q -m "not e2e"

step "training data (rasa data validate --fail-on-warnings)"
rasa data validate --fail-on-warnings --quiet

step "services for the dialogue tests"
scripts/run.sh --background > var/test/run.log 2>&1 || { cat var/test/run.log; exit 1; }
tail -3 var/test/run.log

step "test stories (rasa test core --fail-on-prediction-errors)"
rasa test core --stories tests/stories --model models/den.tar.gz --endpoints endpoints.yml \
  --out results/core --fail-on-prediction-errors --quiet

step "end-to-end conversations through the REST channel"
python -m pytest -q -m e2e

step "bad input: 1,040 fuzzed requests at the REST channel and the chat page, then the logs"
python scripts/fuzz.py --logs "$ROOT/var/test/log"

step "NLU on the held-out set (rasa test nlu)"
rasa test nlu --nlu tests/nlu --model models/den.tar.gz --out results/nlu --quiet > var/test/nlu.log 2>&1 \
  || { tail -20 var/test/nlu.log; exit 1; }
python scripts/nlu_gate.py results/nlu --name "held-out set" --min-intent-f1 0.94

step "NLU on the blind set (written by an author who never saw the data; only its scores are read)"
rasa test nlu --nlu tests/nlu_blind --model models/den.tar.gz --out results/nlu-blind --quiet \
  > var/test/nlu-blind.log 2>&1 || { tail -20 var/test/nlu-blind.log; exit 1; }
python scripts/nlu_gate.py results/nlu-blind --name "blind set" --totals-only \
  --min-intent-f1 0.88

step "NLU on the blind first-message sets (395 long opening messages; only its scores are read)"
rasa test nlu --nlu tests/nlu_blind_first --model models/den.tar.gz --out results/nlu-blind-first --quiet \
  > var/test/nlu-blind-first.log 2>&1 || { tail -20 var/test/nlu-blind-first.log; exit 1; }
python scripts/nlu_gate.py results/nlu-blind-first --name "blind first messages" --totals-only \
  --min-intent-f1 0.93

step "typed scan answers on the blind answer set (only totals are read)"
# Issue 15's targets are 85% / 2% / 97%; the bars below guard what is reached today
# (docs/measurements.md) so it cannot silently get worse: wrong without a check is at the target.
python scripts/answer_report.py --gate --min-right-at-once 0.70 --max-wrong-unchecked 0.02 \
  --min-right-within-one-check 0.95

step "all tests and gates passed"
