# Settings of the production profile. Source it: `. scripts/prod_env.sh`.
# Sources scripts/env.sh (venv, .env) and then sets everything the prod processes read.
# Every port is PROD_PORT_BASE + a fixed offset, so a second profile only needs another base.
# See README.md ("Production profile") and .env.example.
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

export PROD_PORT_BASE="${PROD_PORT_BASE:-23000}"
export PROD_VAR_DIR="${PROD_VAR_DIR:-$ROOT/var/prod}"
export PROD_RUN_DIR="$PROD_VAR_DIR/run" PROD_LOG_DIR="$PROD_VAR_DIR/log"
mkdir -p "$PROD_RUN_DIR" "$PROD_LOG_DIR"

b="$PROD_PORT_BASE"
export PROD_HTTP_PORT=$((b + 80))      # nginx: chat page, REST, socket.io (the public entry)
export PROD_PORTAL_PORT=$((b + 90))    # nginx: advisor portal
export PROD_ACTIONS_LB_PORT=$((b + 54)) # nginx: Rasa -> action servers (internal)
export PROD_RASA_LB_PORT=$((b + 4))    # nginx: web page and portal -> Rasa incl. its API (internal)
export PROD_RASA_PORTS="$((b + 5)) $((b + 6))"
export PROD_ACTION_PORTS="$((b + 55)) $((b + 56))"
export PROD_WEB_APP_PORT=$((b + 81)) PROD_PORTAL_APP_PORT=$((b + 91))
export PROD_PG_PORT=$((b + 432)) PROD_REDIS_PORT=$((b + 379))
unset b

# Secrets: generated once per data directory (mode 600), or given in the environment.
secret() {  # file -> prints the secret, creating it when missing
  if [ ! -s "$1" ]; then (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$1"); fi
  cat "$1"
}
export PROD_DB_PASSWORD="${PROD_DB_PASSWORD:-$(secret "$PROD_VAR_DIR/db.password")}"
export REDIS_PASSWORD="${PROD_REDIS_PASSWORD:-$(secret "$PROD_VAR_DIR/redis.password")}"
# Rasa's HTTP API (both processes, and the portal that gives handed-over chats back).
export RASA_API_TOKEN="${PROD_RASA_API_TOKEN:-$(secret "$PROD_VAR_DIR/rasa-api.token")}"

# PostgreSQL: one role, two databases (application, Rasa tracker store).
export PROD_DB_USER="${PROD_DB_USER:-den}"
export BOT_DATABASE_URL="postgresql+psycopg2://$PROD_DB_USER:$PROD_DB_PASSWORD@127.0.0.1:$PROD_PG_PORT/den"
export TRACKER_DB_HOST=127.0.0.1 TRACKER_DB_PORT="$PROD_PG_PORT" TRACKER_DB_NAME=den_tracker
export TRACKER_DB_USER="$PROD_DB_USER" TRACKER_DB_PASSWORD="$PROD_DB_PASSWORD"
export REDIS_HOST=127.0.0.1 REDIS_PORT="$PROD_REDIS_PORT" REDIS_DB="${REDIS_DB:-1}"

# Connection pools, per process. Worst case: 2 Rasa x (10 + 5) + 5 app processes
# (2 action servers, web, portal, outbox worker) x (5 + 5) = 80 < max_connections 120.
export SQL_POOL_SIZE="${SQL_POOL_SIZE:-10}" SQL_MAX_OVERFLOW="${SQL_MAX_OVERFLOW:-5}"
export BOT_DB_POOL_SIZE="${BOT_DB_POOL_SIZE:-5}" BOT_DB_MAX_OVERFLOW="${BOT_DB_MAX_OVERFLOW:-5}"
export PROD_PG_MAX_CONNECTIONS="${PROD_PG_MAX_CONNECTIONS:-120}"

# What the processes see.
export ACTION_ENDPOINT_URL="http://127.0.0.1:$PROD_ACTIONS_LB_PORT/webhook"
export RASA_URL="http://127.0.0.1:$PROD_RASA_LB_PORT"  # web page and portal: through nginx
export PUBLIC_BASE_URL="${PROD_PUBLIC_BASE_URL:-http://localhost:$PROD_HTTP_PORT}"
export RASA_PUBLIC_URL="$PUBLIC_BASE_URL"              # browsers: socket.io through nginx
export WEB_HOST=127.0.0.1 WEB_PORT="$PROD_WEB_APP_PORT"
export PORTAL_HOST=127.0.0.1 PORTAL_PORT="$PROD_PORTAL_APP_PORT"
# behind nginx: the client address from X-Forwarded-For; cookies Secure and __Host- (https only;
# browsers treat http://localhost as secure too)
export PORTAL_PROXIES=1 PORTAL_COOKIE_SECURE="${PORTAL_COOKIE_SECURE:-1}"
export PORTAL_BASE_URL="${PROD_PORTAL_BASE_URL:-http://localhost:$PROD_PORTAL_PORT}"
export SANIC_HOST=127.0.0.1           # action servers listen on loopback only
# nginx limits per client address (den.conf.template); behind it every request comes from nginx,
# so the in-process limiter keeps only its per-conversation limit (bot/ratelimit.py)
export RATE_LIMIT_ADDRESSES=0
# Rasa's listen backlog (Sanic's default 100 overflows with 200 simultaneous conversations: nginx's
# connect then times out and the conversation would move to the other process).
export SANIC_BACKLOG="${SANIC_BACKLOG:-1024}"
export SEED_DEMO_ADVISORS="${PROD_SEED_DEMO_ADVISORS:-0}"
export RASA_MODEL="${RASA_MODEL:-$ROOT/models/den.tar.gz}"
