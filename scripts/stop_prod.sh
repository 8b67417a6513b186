#!/usr/bin/env bash
# Stop what scripts/run_prod.sh started (by the process ids it recorded; data stays in $PROD_VAR_DIR).
#   scripts/stop_prod.sh                       everything
#   scripts/stop_prod.sh NAME...               some services (rasa-1, postgres, ...)
#   scripts/stop_prod.sh --kill NAME...        SIGKILL instead of a clean stop (reliability tests)
#   --quiet                                    no "stopped ..." lines
#   --keep-data-services                       leave PostgreSQL and Redis running
set -uo pipefail
. "$(dirname "$0")/prod_env.sh"

quiet=0 signal=TERM keep_data=0 names=()
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=1 ;;
    --kill) signal=KILL ;;
    --keep-data-services) keep_data=1 ;;
    *) names+=("$arg") ;;
  esac
done
if [ "${#names[@]}" -eq 0 ]; then
  names=(nginx rasa-1 rasa-2 web portal worker actions-1 actions-2)
  [ "$keep_data" = 1 ] || names+=(redis postgres)
fi
say() { [ "$quiet" = 1 ] || echo "$@"; }

stop_postgres() {
  local pg_bin data="$PROD_VAR_DIR/pg"
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)"
  [ -f "$data/postmaster.pid" ] || return 0
  local ctl=("$pg_bin/pg_ctl" -D "$data" -m fast -w -t 60 stop)
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "${ctl[@]}" > /dev/null; else "${ctl[@]}" > /dev/null; fi \
    && say "stopped postgres"
}

for name in "${names[@]}"; do
  if [ "$name" = postgres ]; then stop_postgres; continue; fi
  pidfile="$PROD_RUN_DIR/$name.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2> /dev/null; then
    kill "-$signal" "$pid" 2> /dev/null
    for _ in $(seq 1 75); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2> /dev/null || true
    say "stopped $name"
  fi
  rm -f "$pidfile"
done
