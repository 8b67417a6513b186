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
export WEB_PORT="${WEB_PORT:-8080}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:$ACTION_PORT/webhook}"
export RASA_URL="${RASA_URL:-http://localhost:$RASA_PORT}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://localhost:$WEB_PORT}"
mkdir -p "$ROOT/var"
export TRACKER_DB_PATH="${TRACKER_DB_PATH:-$ROOT/var/tracker.db}"
export BOT_DATABASE_URL="${BOT_DATABASE_URL:-sqlite:///$ROOT/var/den.db}"
export SEED_DEMO_ADVISORS="${SEED_DEMO_ADVISORS:-1}"
