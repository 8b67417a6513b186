#!/usr/bin/env bash
# Install the services of the production profile from Debian packages: PostgreSQL, Redis, nginx.
# Idempotent: installs only what is missing and never starts or enables the system services
# (scripts/run_prod.sh runs its own instances on loopback under a project-owned directory).
set -euo pipefail

have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null; }
missing=()
have_postgres || missing+=(postgresql)
command -v redis-server > /dev/null || missing+=(redis-server)
command -v nginx > /dev/null || missing+=(nginx)
command -v envsubst > /dev/null || missing+=(gettext-base)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "==> production services present: PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -1)," \
    "$(redis-server --version | awk '{print $3}'), $(nginx -v 2>&1 | cut -d' ' -f3)"
  exit 0
fi

if ! command -v apt-get > /dev/null; then
  echo "ERROR: missing ${missing[*]} and no apt-get here; install them with your package manager." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo > /dev/null || { echo "ERROR: installing ${missing[*]} needs root (or sudo)." >&2; exit 1; }
  SUDO="sudo"
fi

echo "==> installing ${missing[*]} (Debian packages)"
# policy-rc.d exit 101: the packages must not start their own system-wide services.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" > /dev/null
  $SUDO chmod +x "$policy"
  created_policy=1
fi
trap '[ "$created_policy" = 1 ] && $SUDO rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
have_postgres && command -v redis-server > /dev/null && command -v nginx > /dev/null \
  || { echo "ERROR: installation of ${missing[*]} did not complete" >&2; exit 1; }
echo "==> installed: PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -1)," \
  "$(redis-server --version | awk '{print $3}'), $(nginx -v 2>&1 | cut -d' ' -f3)"
