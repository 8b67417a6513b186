#!/usr/bin/env bash
# Stop what scripts/run.sh started.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
for name in rasa web outbox portal actions; do
  run_dir="${VAR_RUN:-$ROOT/var/run}"
  pidfile="$run_dir/$name.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    [ "${1:-}" = "--quiet" ] || echo "stopped $name"
  fi
  rm -f "$pidfile"
done
