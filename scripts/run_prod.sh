#!/usr/bin/env bash
# Production profile on this machine, in the background (stop with scripts/stop_prod.sh):
# PostgreSQL (tracker store + application database) and Redis (lock store) on loopback under
# $PROD_VAR_DIR, two Rasa servers and two action servers behind nginx (sticky per conversation),
# the chat page, the advisor portal and the outbox worker.
#   scripts/run_prod.sh              install what is missing, train if needed, start everything
#   scripts/run_prod.sh start NAME   (re)start one service; used by scripts/reliability/
# NAME: postgres redis rasa-1 rasa-2 actions-1 actions-2 web portal worker nginx
set -euo pipefail
. "$(dirname "$0")/prod_env.sh"
cd "$ROOT"

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)"
PG_DATA="$PROD_VAR_DIR/pg" PG_SOCKET_DIR="$PROD_VAR_DIR/pgsocket"
NGINX_DIR="$PROD_VAR_DIR/nginx"
read -r -a RASA_PORTS <<< "$PROD_RASA_PORTS"
read -r -a ACTION_PORTS <<< "$PROD_ACTION_PORTS"

# initdb and postgres refuse to run as root: then they run as the Debian package's `postgres` user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_admin() { as_pg "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PROD_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

fail() {  # name, message
  echo "ERROR: $1 $2; last lines of $PROD_LOG_DIR/$1.log:" >&2
  tail -20 "$PROD_LOG_DIR/$1.log" >&2 || true
  exit 1
}
running() { [ -f "$PROD_RUN_DIR/$1.pid" ] && kill -0 "$(cat "$PROD_RUN_DIR/$1.pid")" 2> /dev/null; }
spawn() {  # name, command... (own session, so a Ctrl-C in the calling shell does not reach it)
  local name="$1"; shift
  if running "$name"; then echo "ERROR: $name is already running" >&2; exit 1; fi
  setsid "$@" >> "$PROD_LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$PROD_RUN_DIR/$name.pid"
}
wait_http() {  # name, url, seconds
  local deadline=$(($(date +%s) + $3))
  until curl -fsS -o /dev/null --max-time 5 "$2" 2> /dev/null; do
    running "$1" || fail "$1" "stopped while starting"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$1" "was not ready within $3 s"
    sleep 1
  done
}

start_postgres() {
  [ -n "$PG_BIN" ] || { echo "ERROR: PostgreSQL not found; run scripts/install_prod_services.sh" >&2; exit 1; }
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  chmod 700 "$PG_DATA" "$PG_SOCKET_DIR"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_DATA" "$PG_SOCKET_DIR" "$PROD_LOG_DIR"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 > "$PROD_LOG_DIR/initdb.log"
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status > /dev/null 2>&1; then prepare_databases; return 0; fi
  # Loopback TCP with a password; the Unix socket (trust) lives in a directory only the
  # postgres user can enter.
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PROD_LOG_DIR/postgres.log" -w -t 60 -o \
    "-c listen_addresses=127.0.0.1 -p $PROD_PG_PORT -c unix_socket_directories=$PG_SOCKET_DIR -c max_connections=$PROD_PG_MAX_CONNECTIONS" \
    start > /dev/null || fail postgres "did not start"
  prepare_databases
}

prepare_databases() {
  local user="$PROD_DB_USER"
  psql_admin -v user="$user" -v pw="$PROD_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user')
\gexec
ALTER ROLE :"user" PASSWORD :'pw';
SELECT format('CREATE DATABASE %I OWNER %I', d, :'user') FROM unnest(ARRAY['den', 'den_tracker']) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\gexec
SQL
}

start_redis() {
  if running redis; then return 0; fi
  mkdir -p "$PROD_VAR_DIR/redis"
  # The lock store holds only short-lived conversation locks: nothing to persist.
  spawn redis redis-server --bind 127.0.0.1 --port "$PROD_REDIS_PORT" --protected-mode yes \
    --requirepass "$REDIS_PASSWORD" --save "" --appendonly no --dir "$PROD_VAR_DIR/redis"
  local deadline=$(($(date +%s) + 20))
  until REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$PROD_REDIS_PORT" ping 2> /dev/null | grep -q PONG; do
    running redis || fail redis "stopped while starting"
    [ "$(date +%s)" -lt "$deadline" ] || fail redis "was not ready within 20 s"
    sleep 0.2
  done
}

render_nginx() {
  mkdir -p "$NGINX_DIR/temp"
  export DEN_HTTP_LISTEN="127.0.0.1:$PROD_HTTP_PORT" DEN_PORTAL_LISTEN="127.0.0.1:$PROD_PORTAL_PORT"
  export DEN_ACTIONS_LISTEN="127.0.0.1:$PROD_ACTIONS_LB_PORT"
  export DEN_RASA_INTERNAL_LISTEN="127.0.0.1:$PROD_RASA_LB_PORT"
  export DEN_RASA_1="127.0.0.1:${RASA_PORTS[0]}" DEN_RASA_2="127.0.0.1:${RASA_PORTS[1]}"
  export DEN_ACTIONS_1="127.0.0.1:${ACTION_PORTS[0]}" DEN_ACTIONS_2="127.0.0.1:${ACTION_PORTS[1]}"
  export DEN_WEB="127.0.0.1:$PROD_WEB_APP_PORT" DEN_PORTAL="127.0.0.1:$PROD_PORTAL_APP_PORT"
  export DEN_NGINX_LOG_DIR="$PROD_LOG_DIR"
  envsubst "$(env | grep -o '^DEN_[A-Z0-9_]*' | sed 's/.*/${&}/' | tr '\n' ' ')" \
    < deploy/nginx/den.conf.template > "$NGINX_DIR/den.conf"
  cat > "$NGINX_DIR/nginx.conf" << EOF
# Generated by scripts/run_prod.sh from deploy/nginx/den.conf.template; do not edit.
worker_processes 2;
pid $PROD_RUN_DIR/nginx.master.pid;
error_log $PROD_LOG_DIR/nginx-error.log warn;
events { worker_connections 2048; }
http {
    include /etc/nginx/mime.types;
    client_body_temp_path $NGINX_DIR/temp/body;
    proxy_temp_path $NGINX_DIR/temp/proxy;
    fastcgi_temp_path $NGINX_DIR/temp/fastcgi;
    uwsgi_temp_path $NGINX_DIR/temp/uwsgi;
    scgi_temp_path $NGINX_DIR/temp/scgi;
    include $NGINX_DIR/den.conf;
}
EOF
  nginx -t -q -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" 2>&1 | grep -v "^$" >&2 || true
  nginx -t -q -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" 2> /dev/null || fail nginx "configuration is invalid"
}

# The advisor portal runs when it exists (PROD_WITH_PORTAL=0 leaves it out).
portal_available() {
  [ "${PROD_WITH_PORTAL:-1}" != 0 ] && { [ -e bot/portal/__main__.py ] || [ -e bot/portal.py ]; }
}

start_one() {  # name; starts without waiting for readiness
  case "$1" in
    postgres) start_postgres ;;
    redis) start_redis ;;
    rasa-1 | rasa-2)
      local port="${RASA_PORTS[$((${1#rasa-} - 1))]}"
      spawn "$1" rasa run --model "$RASA_MODEL" --endpoints deploy/endpoints.prod.yml \
        --credentials deploy/credentials.prod.yml -i 127.0.0.1 --port "$port" \
        --enable-api --auth-token "$RASA_API_TOKEN" ;;
    actions-1 | actions-2)
      spawn "$1" rasa run actions --actions actions --port "${ACTION_PORTS[$((${1#actions-} - 1))]}" ;;
    web) spawn web python -m bot.web.app ;;
    portal) if portal_available; then spawn portal python -m bot.portal; fi ;;
    worker) spawn worker python -m bot.scheduling.worker ;;
    nginx) render_nginx; spawn nginx nginx -c "$NGINX_DIR/nginx.conf" -p "$NGINX_DIR" -g "daemon off;" ;;
    *) echo "unknown service: $1" >&2; exit 2 ;;
  esac
}

wait_one() {  # name
  case "$1" in
    rasa-1 | rasa-2) wait_http "$1" "http://127.0.0.1:${RASA_PORTS[$((${1#rasa-} - 1))]}/" 300 ;;
    actions-1 | actions-2) wait_http "$1" "http://127.0.0.1:${ACTION_PORTS[$((${1#actions-} - 1))]}/health" 120 ;;
    web) wait_http web "http://127.0.0.1:$PROD_WEB_APP_PORT/health" 60 ;;
    portal) if portal_available; then wait_http portal "http://127.0.0.1:$PROD_PORTAL_APP_PORT/health" 60; fi ;;
    nginx) wait_http nginx "http://127.0.0.1:$PROD_HTTP_PORT/nginx-health" 20 ;;
    worker) sleep 1; running worker || fail worker "stopped while starting" ;;
    *) ;;
  esac
}

if [ "${1:-}" = "start" ]; then
  shift
  for name in "$@"; do start_one "$name"; done
  for name in "$@"; do wait_one "$name"; done
  exit 0
fi

started=$(date +%s)
scripts/install_prod_services.sh
if [ "$RASA_MODEL" = "$ROOT/models/den.tar.gz" ]; then scripts/train_if_needed.sh; fi
[ -f "$RASA_MODEL" ] || { echo "ERROR: no model at $RASA_MODEL" >&2; exit 1; }
scripts/stop_prod.sh --quiet --keep-data-services
ready=0
trap '[ "$ready" = 1 ] || { echo "stopping what started" >&2; scripts/stop_prod.sh --quiet; }' EXIT
t0=$(date +%s)
start_postgres
start_redis
python -m bot.db.migrate
if [ "$SEED_DEMO_ADVISORS" = 1 ]; then python -m bot.admin seed > /dev/null; fi
app_services=(actions-1 actions-2 web portal worker rasa-1 rasa-2 nginx)
for name in "${app_services[@]}"; do start_one "$name"; done
for name in "${app_services[@]}"; do wait_one "$name"; done
ready=1
echo "==> production profile ready in $(($(date +%s) - t0)) s ($(($(date +%s) - started)) s with set-up)"
echo
echo "    Chat page:     $PUBLIC_BASE_URL/"
echo "    Rasa REST:     http://127.0.0.1:$PROD_HTTP_PORT/webhooks/rest/webhook  (nginx -> Rasa ${RASA_PORTS[*]})"
if portal_available; then echo "    Portal:        $PORTAL_BASE_URL/"; fi
echo "    PostgreSQL:    127.0.0.1:$PROD_PG_PORT (databases den, den_tracker)   Redis: 127.0.0.1:$PROD_REDIS_PORT"
echo "    Data and logs: $PROD_VAR_DIR/"
echo "    Stop:          make stop-prod"
