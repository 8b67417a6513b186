#!/usr/bin/env bash
# `make reliability`: every reliability scenario against the production profile (loopback only).
# Uses a running profile (make run-prod) or starts one and stops it again at the end.
# Exits non-zero when any scenario fails; the summary of each is printed as it finishes.
set -uo pipefail
. "$(dirname "$0")/../prod_env.sh"
cd "$ROOT"
export PYTHONUNBUFFERED=1

started_here=0
if ! curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$PROD_HTTP_PORT/nginx-health"; then
  scripts/run_prod.sh || exit 1
  started_here=1
fi
[ "$started_here" = 0 ] || trap 'scripts/stop_prod.sh' EXIT

failed=()
run() {  # name, script, args...
  local name="$1"; shift
  echo; echo "=== $name"
  local t0=$(date +%s)
  python "$@" || failed+=("$name")
  echo "   ($(($(date +%s) - t0)) s)"
}
run "action servers restarted mid-form" scripts/reliability/action_server_restart.py
run "PostgreSQL down for 10 s" scripts/reliability/postgres_outage.py
run "socket.io sessions (widget) through nginx" scripts/reliability/socketio_sessions.py
run "200 concurrent conversations" scripts/reliability/concurrent_conversations.py
run "one Rasa process killed mid-load" scripts/reliability/kill_rasa_mid_load.py
run "a mail server hanging 60 s slows no conversation" scripts/reliability/smtp_hang.py
run "one Rasa process killed while 50 users confirm bookings" scripts/reliability/kill_rasa_during_bookings.py

echo
if [ "${#failed[@]}" -eq 0 ]; then
  echo "=== all reliability scenarios passed"
else
  echo "=== FAILED: ${failed[*]}"
  exit 1
fi
