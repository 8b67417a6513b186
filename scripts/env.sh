# Environment defaults for every script. Source it: `. scripts/env.sh`.
# Values already set in the environment (or in a .env file) win. See .env.example.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -f "$ROOT/.env" ]; then set -a; . "$ROOT/.env"; set +a; fi
export VENV="${VENV:-$ROOT/.venv}"
export PATH="$VENV/bin:$PATH"
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
export RASA_PORT="${RASA_PORT:-5005}"
export ACTION_PORT="${ACTION_PORT:-5055}"
# The action server (rasa_sdk reads SANIC_HOST) listens on loopback only: it has no login.
export SANIC_HOST="${SANIC_HOST:-127.0.0.1}"
export WEB_PORT="${WEB_PORT:-8080}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:$ACTION_PORT/webhook}"
export RASA_URL="${RASA_URL:-http://localhost:$RASA_PORT}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:$WEB_PORT}"
export PORTAL_PORT="${PORTAL_PORT:-8090}"
export PORTAL_BASE_URL="${PORTAL_BASE_URL:-http://localhost:$PORTAL_PORT}"
mkdir -p "$ROOT/var"
export TRACKER_DB_PATH="${TRACKER_DB_PATH:-$ROOT/var/tracker.db}"
export BOT_DATABASE_URL="${BOT_DATABASE_URL:-sqlite:///$ROOT/var/den.db}"
export SEED_DEMO_ADVISORS="${SEED_DEMO_ADVISORS:-1}"
# Browsers reach Rasa's socket.io channel here (the website widget); defaults to RASA_URL.
export RASA_PUBLIC_URL="${RASA_PUBLIC_URL:-$RASA_URL}"
# Messaging channels (credentials.yml): Rasa needs every ${VAR} set, so empty means "switched off".
for channel_var in TELEGRAM_ACCESS_TOKEN TELEGRAM_BOT_NAME TELEGRAM_WEBHOOK_URL TELEGRAM_SECRET_TOKEN \
  TELEGRAM_API_URL SLACK_TOKEN SLACK_SIGNING_SECRET SLACK_CHANNEL SLACK_API_URL \
  BOTFRAMEWORK_APP_ID BOTFRAMEWORK_APP_PASSWORD; do
  export "$channel_var=${!channel_var:-}"
done
unset channel_var
