#!/usr/bin/env bash
# Start the action server, the Rasa server and the web page; print the chat URL.
#   scripts/run.sh               foreground; Ctrl-C stops everything
#   scripts/run.sh --background  return once all are ready (stop with scripts/stop.sh)
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
RUN_DIR="${VAR_RUN:-$ROOT/var/run}"; LOG_DIR="${VAR_LOG:-${RUN_DIR%/run}/log}"
mkdir -p "$RUN_DIR" "$LOG_DIR"
python -m bot.db.migrate
if [ "${SEED_DEMO_ADVISORS:-1}" = 1 ]; then python -m bot.admin seed > /dev/null; fi

start() {  # name, command...
  local name="$1"; shift
  "$@" > "$LOG_DIR/$name.log" 2>&1 &
  echo $! > "$RUN_DIR/$name.pid"
}
wait_ready() {  # name, url, seconds
  local deadline=$(( $(date +%s) + $3 ))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ] || ! kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; then
      echo "ERROR: $1 did not start; last lines of $LOG_DIR/$1.log:" >&2
      tail -20 "$LOG_DIR/$1.log" >&2
      exit 1
    fi
    sleep 1
  done
}

VAR_RUN="$RUN_DIR" scripts/stop.sh --quiet
# RASA_API_TOKEN unset: a random token for this run, shared only with the advisor portal, which
# uses it to give a paused (handed-over) chat back to the assistant.
export RASA_API_TOKEN="${RASA_API_TOKEN:-$(python -c 'import secrets; print(secrets.token_urlsafe(32))')}"
started=$(date +%s)
start actions rasa run actions --actions actions --port "$ACTION_PORT"
start web python -m bot.web.app
start outbox python -m bot.scheduling.worker
start portal python -m bot.portal
# Rasa's HTTP API (/model, /conversations/...) needs ?token=RASA_API_TOKEN on every call (the
# chat channels never need it).
api_args=()
if [ -n "${RASA_API_TOKEN:-}" ]; then api_args=(--enable-api --auth-token "$RASA_API_TOKEN"); fi
start rasa rasa run --model models/den.tar.gz --endpoints endpoints.yml \
  --credentials credentials.yml --port "$RASA_PORT" \
  --interface 127.0.0.1 --cors "$PUBLIC_BASE_URL" ${api_args[@]+"${api_args[@]}"}
wait_ready actions "http://localhost:$ACTION_PORT/health" 120
wait_ready web "http://localhost:$WEB_PORT/health" 60
wait_ready portal "http://localhost:$PORTAL_PORT/health" 60
wait_ready rasa "http://localhost:$RASA_PORT/" 240  # Rasa listens once the model is loaded
echo "==> ready in $(( $(date +%s) - started )) s"
echo
echo "    Chat page:     $PUBLIC_BASE_URL/"
echo "    Simple chat:   $PUBLIC_BASE_URL/chat"
echo "    Rasa REST:     $RASA_URL/webhooks/rest/webhook"
echo "    Advisor portal: $PORTAL_BASE_URL/"
echo "    Action server: http://localhost:$ACTION_PORT"
echo "    Logs:          $LOG_DIR/"
echo
if [ "${1:-}" = "--background" ]; then exit 0; fi
trap 'VAR_RUN="$RUN_DIR" scripts/stop.sh; exit 0' INT TERM
echo "Press Ctrl-C to stop."
wait
