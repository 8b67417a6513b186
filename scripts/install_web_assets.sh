#!/usr/bin/env bash
# Install the website widget's browser assets from bot/web/package-lock.json (npm ci) and copy
# what the pages serve into bot/web/static/vendor/. Idempotent: nothing happens when the lock
# file has not changed and the copies are in place. Needs Node.js 18+ with npm.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WEB="$ROOT/bot/web"
VENDOR="$WEB/static/vendor"
stamp="$WEB/node_modules/.installed-lock-sha"
want="$(sha256sum "$WEB/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ] && [ -f "$VENDOR/socket.io.min.js" ]; then
  exit 0
fi
if ! command -v npm > /dev/null; then
  echo "ERROR: npm not found. The website widget needs Node.js 18 or newer with npm" >&2
  echo "       (Debian/Ubuntu: sudo apt-get install nodejs npm; or https://nodejs.org)." >&2
  exit 1
fi
echo "==> installing the widget's browser assets (npm ci in bot/web)"
(cd "$WEB" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
mkdir -p "$VENDOR"
cp "$WEB/node_modules/socket.io-client/dist/socket.io.min.js" "$VENDOR/socket.io.min.js"
cp "$WEB/node_modules/socket.io-client/dist/socket.io.min.js.map" "$VENDOR/socket.io.min.js.map"
cp "$WEB/node_modules/socket.io-client/LICENSE" "$VENDOR/socket.io-client.LICENSE"
echo "$want" > "$stamp"
