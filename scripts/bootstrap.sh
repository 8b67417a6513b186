#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the locked dependencies and the Dutch spaCy pipeline.
# Idempotent: a second run installs nothing when requirements.lock has not changed.
set -euo pipefail
. "$(dirname "$0")/env.sh"
cd "$ROOT"
stamp="$VENV/.installed-lock-sha"
want="$(sha256sum requirements.lock | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ]; then
  python="$(scripts/find_python.sh)"
  echo "==> creating virtual environment with $("$python" --version)"
  "$python" -m venv "$VENV"
fi
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "==> installing locked dependencies (a few minutes the first time)"
  start=$(date +%s)
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pip==24.0
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.lock
  echo "$want" > "$stamp"
  echo "    done in $(( $(date +%s) - start )) s"
fi
scripts/install_spacy_model.sh
scripts/install_web_assets.sh
