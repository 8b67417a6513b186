#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: its own cluster under var/test/pg, on loopback only.
#   scripts/test_postgres.sh start   prints the SQLAlchemy URL of an empty database "den_test"
#   scripts/test_postgres.sh stop
# Debian's PostgreSQL (scripts/install_prod_services.sh installs it when missing). Trust
# authentication is safe here: the cluster listens on 127.0.0.1 only, lives for one test run
# and holds nothing but test data.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)"
PG_DIR="${TEST_PG_DIR:-$ROOT/var/test/pg}"
PORT="${TEST_PG_PORT:-15432}"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    [ -n "$PG_BIN" ] || scripts/install_prod_services.sh > /dev/null
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    mkdir -p "$PG_DIR/data" "$PG_DIR/socket"
    chmod 700 "$PG_DIR/data" "$PG_DIR/socket"
    [ "$(id -u)" -ne 0 ] || chown -R postgres: "$PG_DIR"
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
      as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth=trust > "$PG_DIR/initdb.log"
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status > /dev/null 2>&1; then
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 -o \
        "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$PG_DIR/socket -c fsync=off" \
        start > /dev/null
    fi
    as_pg "$PG_BIN/psql" -h "$PG_DIR/socket" -p "$PORT" -U postgres -qAt -c \
      "SELECT 1 FROM pg_database WHERE datname = 'den_test'" | grep -q 1 \
      || as_pg "$PG_BIN/createdb" -h "$PG_DIR/socket" -p "$PORT" -U postgres den_test
    echo "postgresql+psycopg2://postgres@127.0.0.1:$PORT/den_test"
    ;;
  stop)
    if [ -n "$PG_BIN" ] && [ -f "$PG_DIR/data/PG_VERSION" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop > /dev/null 2>&1 || true
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
