#!/usr/bin/env bash
# Chromium for the browser tests, from Debian's packages (Playwright cannot download browsers on
# machines without internet; it drives this one through CHROMIUM_PATH).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "==> installing Chromium from Debian packages"
# Wait for another apt/dpkg run (unattended upgrades, a parallel install) instead of failing.
apt_wait=(-o DPkg::Lock::Timeout=600)
apt-get "${apt_wait[@]}" update -qq
DEBIAN_FRONTEND=noninteractive apt-get "${apt_wait[@]}" install -y -qq chromium > /dev/null
